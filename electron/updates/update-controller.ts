/**
 * When the app looks for updates and when it may restart into one: our decisions, pure and tested under Node
 * (test/unit/update-controller.test.ts). electron/main/updater.ts wires them to electron-updater (generic
 * provider, URL in electron-builder.yml `publish`) and a Japanese dialog.
 *
 *   - off in development (not packaged) and in demo mode, or with ATOBARAI_DISABLE_UPDATES=1;
 *   - a check at launch, then daily; electron-updater downloads in the background;
 *   - once downloaded: 「新しいバージョンがあります — 再起動して更新」, but never while a sync or an import runs —
 *     the prompt waits, and so does the restart if one started while the dialog was open;
 *   - 「あとで」: not asked again this run; the update installs when the app quits.
 */
import type { CoreActivity } from '../core/app/activity';
import type { Logger } from '../core/app/logger';

export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
export const BUSY_RETRY_MS = 30 * 1000;
export const UPDATE_PROMPT_TITLE = '新しいバージョンがあります — 再起動して更新';

export interface UpdateConditions {
  isPackaged: boolean;
  demo: boolean;
  env: NodeJS.ProcessEnv;
}

/** Whether to look for updates now, and if not, why (for the log). */
export function updatesAllowed(c: UpdateConditions): { allowed: true } | { allowed: false; reason: string } {
  if (!c.isPackaged) return { allowed: false, reason: 'development build' };
  if (c.env.ATOBARAI_DISABLE_UPDATES === '1') return { allowed: false, reason: 'ATOBARAI_DISABLE_UPDATES=1' };
  if (c.demo) return { allowed: false, reason: 'demo mode' };
  return { allowed: true };
}

/** A restart cuts off whatever runs: only when nothing does. */
export function canRestartNow(activity: CoreActivity): boolean {
  return !activity.syncing && !activity.importing;
}

export type PromptAnswer = 'restart' | 'later';

export interface UpdateControllerDeps {
  /** Re-evaluated before every check (demo mode may end while the app runs). */
  allowed(): ReturnType<typeof updatesAllowed>;
  /** electron-updater's checkForUpdates (it downloads what it finds). */
  check(): Promise<unknown>;
  activity(): CoreActivity;
  /** The Japanese dialog; resolves with the staff's choice. */
  prompt(version: string): Promise<PromptAnswer>;
  /** electron-updater's quitAndInstall. */
  install(): void;
  schedule(run: () => void, ms: number): () => void;
  log: Logger;
}

export interface UpdateController {
  /** The launch check, then one a day. */
  start(): void;
  /** A check now (also what the timer calls). Never rejects. */
  checkNow(): Promise<void>;
  /** electron-updater's 'update-downloaded'. */
  downloaded(version: string): void;
  stop(): void;
  /** For tests and the log: where the controller is. */
  state(): 'idle' | 'waiting-to-prompt' | 'prompting' | 'waiting-to-restart' | 'declined' | 'installing';
}

export function createUpdateController(deps: UpdateControllerDeps): UpdateController {
  let state: ReturnType<UpdateController['state']> = 'idle';
  let version = '';
  const timers = new Set<() => void>();
  const later = (run: () => void, ms: number) => {
    const cancel = deps.schedule(() => {
      timers.delete(cancel);
      run();
    }, ms);
    timers.add(cancel);
  };

  async function checkNow(): Promise<void> {
    const allowed = deps.allowed();
    if (!allowed.allowed) {
      deps.log.info(`update check skipped: ${allowed.reason}`);
      return;
    }
    if (state !== 'idle') return; // one is downloaded already: nothing newer is needed this run
    try {
      await deps.check();
    } catch (e) {
      deps.log.warn('update check failed', e);
    }
  }

  function daily(): void {
    later(() => {
      void checkNow();
      daily();
    }, CHECK_INTERVAL_MS);
  }

  /** Runs next once neither a sync nor an import runs, re-checking every BUSY_RETRY_MS meanwhile. */
  function whenIdle(waiting: 'waiting-to-prompt' | 'waiting-to-restart', next: () => void): void {
    if (canRestartNow(deps.activity())) {
      next();
      return;
    }
    state = waiting;
    later(() => whenIdle(waiting, next), BUSY_RETRY_MS);
  }

  function prompt(): void {
    state = 'prompting';
    deps.prompt(version).then(
      (answer) => {
        // A sync or an import may have begun while the dialog was open: the restart waits for it.
        if (answer === 'restart') whenIdle('waiting-to-restart', install);
        else {
          state = 'declined';
          deps.log.info(`update ${version} postponed: it installs when the app quits`);
        }
      },
      (e: unknown) => {
        state = 'declined';
        deps.log.warn('update prompt failed', e);
      },
    );
  }

  function install(): void {
    state = 'installing';
    deps.log.info(`restarting to install ${version}`);
    deps.install();
  }

  return {
    start() {
      void checkNow();
      daily();
    },
    checkNow,
    downloaded(v) {
      if (state !== 'idle') return;
      version = v;
      deps.log.info(`update ${v} downloaded`);
      whenIdle('waiting-to-prompt', prompt);
    },
    stop() {
      for (const cancel of timers) cancel();
      timers.clear();
    },
    state: () => state,
  };
}
