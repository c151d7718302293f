/** The updater's decisions: when it looks, and that it never restarts during a sync or an import. */
import { describe, expect, it } from 'vitest';
import type { CoreActivity } from '../../electron/core/app/activity';
import { silentLogger } from '../../electron/core/app/logger';
import { BUSY_RETRY_MS, CHECK_INTERVAL_MS, canRestartNow, createUpdateController, updatesAllowed, type PromptAnswer } from '../../electron/updates/update-controller';

/** A manual clock: scheduled tasks run when advance() passes their time. */
function manualClock() {
  let now = 0;
  const tasks: { at: number; run: () => void; cancelled: boolean }[] = [];
  return {
    schedule(run: () => void, ms: number) {
      const task = { at: now + ms, run, cancelled: false };
      tasks.push(task);
      return () => (task.cancelled = true);
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = tasks.filter((t) => !t.cancelled && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        tasks.splice(tasks.indexOf(due), 1);
        now = due.at;
        due.run();
        await new Promise((r) => setTimeout(r, 0));
      }
      now = end;
    },
    pending: () => tasks.filter((t) => !t.cancelled).length,
  };
}

function setup(opts: { allowed?: boolean; answer?: PromptAnswer } = {}) {
  const clock = manualClock();
  const activity: CoreActivity = { syncing: false, importing: false };
  const calls = { checks: 0, prompts: [] as string[], installs: 0 };
  let answer = opts.answer ?? 'restart';
  let answerNow: ((a: PromptAnswer) => void) | null = null;
  const controller = createUpdateController({
    allowed: () => (opts.allowed === false ? { allowed: false, reason: 'demo mode' } : { allowed: true }),
    check: async () => {
      calls.checks++;
    },
    activity: () => ({ ...activity }),
    prompt: (v) => {
      calls.prompts.push(v);
      return new Promise<PromptAnswer>((resolve) => (answerNow = resolve));
    },
    install: () => calls.installs++,
    schedule: clock.schedule,
    log: silentLogger,
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    clock,
    activity,
    calls,
    controller,
    flush,
    async answer(a: PromptAnswer = answer) {
      answer = a;
      answerNow?.(a);
      await flush();
    },
  };
}

describe('updatesAllowed', () => {
  it('is off in development, in demo mode, and when disabled by the environment', () => {
    expect(updatesAllowed({ isPackaged: true, demo: false, env: {} })).toEqual({ allowed: true });
    expect(updatesAllowed({ isPackaged: false, demo: false, env: {} })).toMatchObject({ allowed: false, reason: 'development build' });
    expect(updatesAllowed({ isPackaged: true, demo: true, env: {} })).toMatchObject({ allowed: false, reason: 'demo mode' });
    expect(updatesAllowed({ isPackaged: true, demo: false, env: { ATOBARAI_DISABLE_UPDATES: '1' } })).toMatchObject({ allowed: false });
  });

  it('restarts only when neither a sync nor an import runs', () => {
    expect(canRestartNow({ syncing: false, importing: false })).toBe(true);
    expect(canRestartNow({ syncing: true, importing: false })).toBe(false);
    expect(canRestartNow({ syncing: false, importing: true })).toBe(false);
  });
});

describe('update controller', () => {
  it('checks at launch and then daily', async () => {
    const t = setup();
    t.controller.start();
    await t.flush();
    expect(t.calls.checks).toBe(1);
    await t.clock.advance(CHECK_INTERVAL_MS - 1);
    expect(t.calls.checks).toBe(1);
    await t.clock.advance(1);
    expect(t.calls.checks).toBe(2);
    await t.clock.advance(CHECK_INTERVAL_MS * 2);
    expect(t.calls.checks).toBe(4);
    t.controller.stop();
    expect(t.clock.pending()).toBe(0);
  });

  it('never checks when updates are not allowed (demo, development)', async () => {
    const t = setup({ allowed: false });
    t.controller.start();
    await t.clock.advance(CHECK_INTERVAL_MS * 3);
    expect(t.calls.checks).toBe(0);
  });

  it('prompts at once when idle, and restarts on 再起動して更新', async () => {
    const t = setup();
    t.controller.downloaded('1.2.0');
    expect(t.calls.prompts).toEqual(['1.2.0']);
    await t.answer('restart');
    expect(t.calls.installs).toBe(1);
    expect(t.controller.state()).toBe('installing');
  });

  it('waits with the prompt while a sync runs, then asks', async () => {
    const t = setup();
    t.activity.syncing = true;
    t.controller.downloaded('1.2.0');
    expect(t.calls.prompts).toEqual([]);
    expect(t.controller.state()).toBe('waiting-to-prompt');
    await t.clock.advance(BUSY_RETRY_MS * 3);
    expect(t.calls.prompts).toEqual([]);
    t.activity.syncing = false;
    await t.clock.advance(BUSY_RETRY_MS);
    expect(t.calls.prompts).toEqual(['1.2.0']);
    expect(t.calls.installs).toBe(0);
  });

  it('does not restart when an import began while the dialog was open; restarts once it ends', async () => {
    const t = setup();
    t.controller.downloaded('1.3.0');
    t.activity.importing = true; // staff started a CSV import before answering
    await t.answer('restart');
    expect(t.calls.installs).toBe(0);
    expect(t.controller.state()).toBe('waiting-to-restart');
    await t.clock.advance(BUSY_RETRY_MS * 5);
    expect(t.calls.installs).toBe(0);
    t.activity.importing = false;
    await t.clock.advance(BUSY_RETRY_MS);
    expect(t.calls.installs).toBe(1);
  });

  it('after あとで it does not ask again this run, and checks no further', async () => {
    const t = setup();
    t.controller.start();
    await t.flush();
    t.controller.downloaded('1.4.0');
    await t.answer('later');
    expect(t.controller.state()).toBe('declined');
    t.controller.downloaded('1.4.0');
    await t.clock.advance(CHECK_INTERVAL_MS * 2);
    expect(t.calls.prompts).toEqual(['1.4.0']);
    expect(t.calls.checks).toBe(1);
    expect(t.calls.installs).toBe(0);
  });
});
