/**
 * The sync engine's behaviour around the happy path: offline runs lose nothing, 401/403 stop the run, a second
 * run() joins the running one, the timer, retries of safe requests, repeated cancel/shipment counted as done,
 * batching by endpoint, progress, and no credentials anywhere in the store or the log.
 */
import { readFileSync } from 'node:fs';
import { closedPort } from '../../helpers/ports';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNpClient, type NpClient } from '../../../electron/core/np/client';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../../electron/core/np/sync-engine';
import { DEMO_MERCHANT } from '../../../electron/sandbox';
import type { SyncProgress } from '../../../shared/sync';
import { FAST_RETRY, npOrder, openTestStore, startTestSandbox, tempDir, testClient, type TestSandbox, type TestStore } from './helpers';

const tmp = tempDir('atobarai-np-engine-');
let t: TestSandbox;
let s: TestStore;
let seq = 0;
let file: string;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t.stop();
  tmp.cleanup();
});
beforeEach(async () => {
  await t.admin.reset();
  file = tmp.file(`engine-${++seq}.sqlite`);
  s = openTestStore(file);
});

const NOW = Date.UTC(2026, 10, 10);
const logLines: string[] = [];
function engineWith(client: NpClient | null, over: Partial<SyncEngineOptions> = {}): SyncEngine {
  return createSyncEngine({
    db: s.db,
    np: s.np,
    getClient: () => client,
    retry: FAST_RETRY,
    log: { info: (m, d) => logLines.push(m + JSON.stringify(d ?? null)), warn: (m, d) => logLines.push(m + JSON.stringify(d ?? null)) },
    ...over,
  });
}
function queueRegisters(from: number, n: number, marker = ''): number[] {
  return s.db.transaction(() =>
    Array.from({ length: n }, (_, i) => {
      const id = s.orders.insert(npOrder(from + i, {}, marker), NOW).id;
      s.np.queue(id, 'register');
      return id;
    }),
  )();
}
const statuses = (ids: number[]) => ids.map((id) => s.db.prepare('SELECT np_status FROM orders WHERE id = ?').pluck().get(id));
const outboxStates = () => s.db.prepare('SELECT state, count(*) AS n FROM np_outbox GROUP BY state ORDER BY state').all();
describe('sync engine', () => {
  it('keeps everything queued while NP is unreachable, and sends it when NP is back', async () => {
    const ids = queueRegisters(1, 5);
    const offline = createNpClient({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, credentials: DEMO_MERCHANT, timeoutMs: 300 });
    let client = offline;
    const engine = createSyncEngine({ db: s.db, np: s.np, getClient: () => client, retry: FAST_RETRY });
    const down = await engine.run();
    expect(down).toMatchObject({ online: false, sent: 0, deferred: 5, error: { code: 'LOCAL_NETWORK' } });
    expect(down.error?.message).toMatch(/接続できません/);
    expect(statuses(ids)).toEqual(Array(5).fill('registering'));
    expect(outboxStates()).toEqual([{ state: 'pending', n: 5 }]);
    expect(engine.state()).toMatchObject({ online: false, pendingActions: 5, lastSuccessAt: null, running: false });
    expect(await t.admin.transactions()).toEqual([]);

    client = testClient(t.sb);
    const up = await engine.run();
    expect(up).toMatchObject({ online: true, sent: 5, deferred: 0, error: null, statusChanges: { ok: 5 } });
    expect(engine.state()).toMatchObject({ online: true, pendingActions: 0, lastSuccessAt: up.finishedAt });
    expect((await t.admin.transactions()).length).toBe(5);
  });

  it('stops at 401 and at 403 with a credentials error, sending nothing more', async () => {
    const ids = queueRegisters(10, 3);
    for (const [credentials, code, pattern] of [
      [{ ...DEMO_MERCHANT, spCode: 'wrong-sp' }, 'LOCAL_AUTH', /SPコード/],
      [{ ...DEMO_MERCHANT, terminalId: '1234567890' }, 'LOCAL_FORBIDDEN', /端末ID/],
    ] as const) {
      const engine = engineWith(createNpClient({ baseUrl: t.sb.url, credentials, timeoutMs: 500 }));
      const summary = await engine.run();
      expect(summary.error?.code).toBe(code);
      expect(summary.error?.message).toMatch(pattern);
      expect(summary.requests).toBe(1);
      expect(summary).toMatchObject({ sent: 0, online: true });
      expect(statuses(ids)).toEqual(Array(3).fill('registering'));
    }
    expect(await t.admin.transactions()).toEqual([]);
    const none = await engineWith(null).run();
    expect(none.error?.message).toMatch(/接続設定.*ありません/);
    expect(none.requests).toBe(0);
  });

  it('lets a second run() join the running one', async () => {
    queueRegisters(20, 2);
    await t.admin.faults({ latencyMs: 80 });
    let finished = 0;
    const engine = engineWith(testClient(t.sb), { onFinished: () => finished++ });
    const first = engine.run('launch');
    const second = engine.run('manual');
    expect(second).toBe(first);
    expect(engine.state().running).toBe(true);
    const summary = await first;
    expect(summary.trigger).toBe('launch');
    expect(engine.state().running).toBe(false);
    expect(s.db.prepare('SELECT count(*) FROM sync_runs').pluck().get()).toBe(1);
    expect(finished).toBe(1);
    expect(await engine.run()).not.toBe(summary);
  });

  it('runs on a timer until stopped, reporting each run once', async () => {
    const finished: string[] = [];
    const engine = engineWith(testClient(t.sb), { onFinished: (summary) => finished.push(summary.trigger) });
    engine.startTimer(0.002);
    await new Promise((r) => setTimeout(r, 700));
    engine.stopTimer();
    await engine.close();
    const runs = s.db.prepare("SELECT count(*) FROM sync_runs WHERE trigger = 'timer'").pluck().get() as number;
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(finished).toEqual(Array(runs).fill('timer'));
    await new Promise((r) => setTimeout(r, 300));
    expect(s.db.prepare('SELECT count(*) FROM sync_runs').pluck().get()).toBe(runs);
  });

  it('retries finds after 5xx and timeouts within the run', async () => {
    const ids = queueRegisters(30, 4, '審査テスト');
    const engine = engineWith(testClient(t.sb, { timeoutMs: 200 }));
    await engine.run();
    expect(statuses(ids)).toEqual(Array(4).fill('reviewing'));
    await t.admin.faults({ script: ['500', 'timeout', '503'], ops: ['authorizationsFind'] });
    const summary = await engine.run();
    expect(summary).toMatchObject({ error: null, online: true, requests: 4, statusChanges: { ok: 4 } });
  });

  it('counts a repeated cancel (E0100114) and a repeated shipment report (E0100115) as done', async () => {
    const [a, b] = queueRegisters(40, 2);
    const engine = engineWith(testClient(t.sb));
    await engine.run();
    s.np.queue(a!, 'cancel');
    s.np.queue(b!, 'shipment', { slipNo: 'X-1' });
    // NP applies each, then the connection drops before the answer: both are sent again and NP says "already".
    await t.admin.faults({ script: ['drop', 'ok', 'drop'], ops: ['cancel', 'shipments'] });
    const summary = await engine.run();
    expect(summary).toMatchObject({ sent: 2, failed: 0, error: null });
    expect(statuses([a!, b!])).toEqual(['cancelled', 'shipped']);
    const txns = await t.admin.transactions();
    expect(txns.map((x) => [x.state, x.ops.cancel, x.ops.shipments])).toEqual([
      ['cancelled', 1, 0],
      ['shipped', 0, 1],
    ]);
    const answers = s.np.history(b!).filter((h) => h.kind === 'answer');
    expect(answers.map((h) => h.outcome)).toEqual(['ok', 'ok']);
    expect(answers[1]?.codes.map((c) => c.code)).toEqual(['E0100115']);
    // A first shipment report refused as already reported is a real failure (someone else reported it).
    const c = queueRegisters(42, 1)[0]!;
    await engine.run();
    await testClient(t.sb).shipments([{ np_transaction_id: s.np.info(c).state.npTransactionId!, pd_company_code: '50000', slip_no: 'Y-1' }]);
    s.np.queue(c, 'shipment', { slipNo: 'Y-1' });
    await engine.run();
    expect(statuses([c])).toEqual(['shipment_failed']);
  });

  it('batches by endpoint (⌈N / batch⌉ requests) and reports progress per phase', async () => {
    const progress: SyncProgress[] = [];
    const ids = queueRegisters(100, 25, '審査テスト');
    const engine = engineWith(testClient(t.sb), { batchSize: 10, onProgress: (p) => progress.push(p) });
    const first = await engine.run();
    expect(first.requests).toBe(3 + 3); // registers, then the first poll of the 25 under review
    const changed: number[] = [];
    const second = await createSyncEngine({ db: s.db, np: s.np, getClient: () => testClient(t.sb), batchSize: 10, onChanged: (o) => changed.push(...o) }).run();
    expect(second.requests).toBe(3);
    expect(second.statusChanges).toEqual({ ok: 25 });
    expect(changed.sort((x, y) => x - y)).toEqual(ids);
    const outbox = progress.filter((p) => p.phase === 'outbox');
    expect(outbox.at(-1)).toEqual({ phase: 'outbox', done: 25, total: 25 });
    expect(outbox.map((p) => p.done)).toEqual([...outbox.map((p) => p.done)].sort((x, y) => x - y));
    expect(progress.at(-1)?.phase).toBe('done');
    const perTxn = (await t.admin.transactions()).map((x) => x.ops.authorizationsFind);
    expect(perTxn).toEqual(Array(25).fill(2));
  });

  it('never writes the credentials to the store or the log', async () => {
    const secret = 'sp-SECRET-code-9876';
    const basic = Buffer.from(`${DEMO_MERCHANT.merchantCode}:${secret}`).toString('base64');
    queueRegisters(200, 3);
    await engineWith(createNpClient({ baseUrl: t.sb.url, credentials: { ...DEMO_MERCHANT, spCode: secret }, timeoutMs: 500 })).run();
    await engineWith(testClient(t.sb)).run();
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(file).toString('latin1');
    const demoBasic = Buffer.from(`${DEMO_MERCHANT.merchantCode}:${DEMO_MERCHANT.spCode}`).toString('base64');
    for (const needle of [secret, basic, DEMO_MERCHANT.spCode, demoBasic]) {
      expect(bytes.includes(needle), needle).toBe(false);
      expect(logLines.join('\n').includes(needle), needle).toBe(false);
    }
    expect(s.db.prepare("SELECT count(*) FROM np_events WHERE kind = 'exchange'").pluck().get()).toBeGreaterThan(0);
  });
});
