/**
 * The sync engine (docs/sync.md): one run at a time (a second call joins the running one), in three phases:
 *  1. drain the outbox — register → update → cancel → shipments, batches of ≤ 1000 per endpoint (outbox-phase.ts);
 *  2. /authorizations/find for every live transaction under review (40/50) or whose result is unknown;
 *  3. /transactions/payments/find for every shipped, unpaid transaction (find-phase.ts).
 * The engine schedules the phases and keeps the run's state; the store owns the SQL (sync-runs.ts, store.ts),
 * transport.ts sends with retries and logs the exchanges, correlate.ts matches NP's answers to the items, apply.ts
 * writes the outcomes.
 *
 * Every outbox row is marked `sending` (attempts + 1) in a committed transaction before its request leaves, and
 * its outcome is written in one transaction after the answer. So a crash at any point leaves either `pending`
 * (not sent) or `sending` (maybe sent); the next run turns `sending` into a re-send for update / cancel / shipments
 * (safe: E0100114 / E0100115 on a repeat mean done) and into 取引登録失敗 (LOCAL_AMBIGUOUS_REGISTER) for a register,
 * which is never re-sent blindly.
 *
 * Transient failures (network, timeout, 5xx, garbled answer) are retried in the run with exponential backoff and
 * jitter; when retries run out, the rows go back to `pending` and the run stops talking to NP (online = false).
 * A register whose request may have reached NP is not retried. 401/403 stop the run with a credentials error.
 */
import type { Database } from 'better-sqlite3';
import { LOCAL } from '../../../shared/np/codes';
import type { NpStatus } from '../../../shared/np/status';
import type { SyncProgress, SyncState, SyncSummary, SyncTrigger } from '../../../shared/sync';
import { applyAuthorization, applyPayment } from './apply';
import type { NpClient } from './client';
import { findPhase } from './find-phase';
import type { NpService } from './np-service';
import { drainOutbox, recoverInterrupted } from './outbox-phase';
import { DEFAULT_DEFER, DEFAULT_RETRY, type BackoffPolicy } from './retry';
import type { Clock } from './store';
import type { PhaseDeps, RunContext } from './sync-run';
import { createSyncRunStore } from './sync-runs';
import { createNpTransport } from './transport';
import { newOwnerToken, releaseOwnerToken } from '../db/owner';
import { NP_MAX_BATCH } from '../../../shared/np/api-types';

export interface SyncLog {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
}

export interface SyncEngineOptions {
  db: Database;
  np: NpService;
  /** The client for the current settings, or null when no credentials are set. Called once per run. */
  getClient: () => NpClient | null;
  clock?: Clock;
  log?: SyncLog;
  onProgress?: (progress: SyncProgress) => void;
  /** Orders whose NP data changed (called after each applied batch). */
  onChanged?: (orderIds: number[]) => void;
  /** Called once at the end of every run (launch, manual, timer), with its summary; joined calls do not repeat it. */
  onFinished?: (summary: SyncSummary) => void;
  /** Items per request, ≤ 1000 (NP's limit). */
  batchSize?: number;
  /**
   * Items per register request (default 100, at most batchSize). A register batch whose answer is lost leaves every
   * item ambiguous for staff to settle by hand, so register batches are kept smaller than the others.
   */
  registerBatchSize?: number;
  /** Requests in flight at once within a phase. */
  concurrency?: number;
  /** Retries within one run. */
  retry?: BackoffPolicy;
  /** Spacing of deferred actions for timer runs. */
  defer?: Omit<BackoffPolicy, 'attempts'>;
  random?: () => number;
  /** This engine's claim token for outbox rows (default: a new one, released by close()). */
  owner?: string;
}

export interface SyncEngine {
  run(trigger?: SyncTrigger): Promise<SyncSummary>;
  /** Runs fn when no sync is running; syncs asked for meanwhile start after it (e.g. a CSV import's commit). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  state(): SyncState;
  /** Run a 'timer' sync every intervalMinutes (replaces a running timer). */
  startTimer(intervalMinutes: number): void;
  stopTimer(): void;
  /** Stops the timer and waits for a running sync to finish. */
  close(): Promise<void>;
}

const DEFAULT_REGISTER_BATCH = 100;
const MISSING_CREDENTIALS = 'NP後払いの接続設定（加盟店コード・SPコード・端末ID）がありません。設定画面で入力してください。';

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { db, np } = opts;
  const store = np.store;
  const clock = opts.clock ?? np.clock;
  const log = opts.log ?? { info: () => {}, warn: () => {} };
  const runs = createSyncRunStore(db);
  const batchSize = Math.max(1, Math.min(NP_MAX_BATCH, opts.batchSize ?? NP_MAX_BATCH));
  const random = opts.random ?? Math.random;
  const warn = (message: string) => log.warn(message);
  const owner = opts.owner ?? newOwnerToken();

  let current: Promise<SyncSummary> | null = null;
  let progress: SyncProgress | null = null;
  let lastRun: SyncSummary | null = runs.lastSummary();
  let lastSuccessAt: number | null = runs.lastSuccessAt();
  let online = lastRun?.online ?? true;
  let timer: ReturnType<typeof setInterval> | null = null;

  const deps: PhaseDeps = {
    db,
    np,
    store,
    clock,
    transport: createNpTransport({ store, clock, retry: opts.retry ?? DEFAULT_RETRY, random, warn }),
    batchSize,
    registerBatchSize: Math.max(1, Math.min(batchSize, opts.registerBatchSize ?? DEFAULT_REGISTER_BATCH)),
    concurrency: Math.max(1, opts.concurrency ?? 4),
    defer: opts.defer ?? DEFAULT_DEFER,
    random,
    warn,
    owner,
    progress(run, phase, done, total) {
      run.progress = { phase, done, total };
      progress = run.progress;
      opts.onProgress?.(run.progress);
    },
    onChanged: opts.onChanged,
  };

  function summarize(run: RunContext, finishedAt: number): SyncSummary {
    const statusChanges: Partial<Record<NpStatus, number>> = {};
    let changedToNone = 0;
    for (const [orderId, before] of run.before) {
      const after = store.storedStatus(orderId) ?? null;
      if (after === before) continue;
      if (after === null) changedToNone++;
      else statusChanges[after] = (statusChanges[after] ?? 0) + 1;
    }
    const { id: runId, trigger, startedAt, sent, failed, ambiguous, deferred, requests, holdRepeated, error } = run;
    // Offline = NP did not answer usefully; a 401/403 is an answer (the credentials are the problem).
    const reached = !error || error.code === LOCAL.AUTH || error.code === LOCAL.FORBIDDEN;
    return { runId, trigger, startedAt, finishedAt, statusChanges, changedToNone, sent, failed, ambiguous, deferred, requests, holdRepeated, online: reached, error };
  }

  async function execute(trigger: SyncTrigger): Promise<SyncSummary> {
    const startedAt = clock.now();
    const client = opts.getClient();
    const run: RunContext = {
      id: runs.start(trigger, startedAt),
      trigger,
      startedAt,
      client: client as NpClient,
      before: new Map(),
      sent: 0,
      failed: 0,
      ambiguous: 0,
      deferred: 0,
      holdRepeated: 0,
      requests: 0,
      unreachable: false,
      error: null,
      progress: { phase: 'outbox', done: 0, total: 0 },
    };
    try {
      recoverInterrupted(deps, run);
      if (!client) {
        run.error = { code: LOCAL.AUTH, message: MISSING_CREDENTIALS };
      } else {
        await drainOutbox(deps, run);
        if (!run.unreachable) await findPhase(deps, run, 'authorizations', runs.reviewTargets(), (c, i) => c.authorizationsFind(i), applyAuthorization);
        if (!run.unreachable) await findPhase(deps, run, 'payments', runs.unpaidTargets(), (c, i) => c.paymentsFind(i), applyPayment);
      }
    } finally {
      const summary = summarize(run, clock.now());
      if (!client) summary.online = online;
      runs.finish(run.id, summary);
      lastRun = summary;
      if (client) online = summary.online;
      if (summary.online && !summary.error) lastSuccessAt = summary.finishedAt;
      deps.progress(run, 'done', 1, 1);
      progress = null;
      try {
        opts.onFinished?.(summary);
      } catch (e) {
        log.warn(`sync ${run.id}: onFinished failed: ${String(e)}`);
      }
      const { sent, failed, ambiguous, deferred, requests } = summary;
      log.info(`sync ${run.id} (${trigger}) finished`, { sent, failed, ambiguous, deferred, requests, online: summary.online, error: summary.error?.code ?? null });
    }
    return lastRun;
  }

  /** Work that must not overlap a sync (a CSV import's transaction): runs run after it. */
  let held: Promise<unknown> | null = null;
  const settled = (p: Promise<unknown>) => p.then(
    () => undefined,
    () => undefined,
  );

  function run(trigger: SyncTrigger = 'manual'): Promise<SyncSummary> {
    if (!current) {
      current = (held ? settled(held).then(() => execute(trigger)) : execute(trigger)).finally(() => {
        current = null;
      });
    }
    return current;
  }

  async function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (current || held) await settled((current ?? held)!);
    const p = fn();
    held = p;
    try {
      return await p;
    } finally {
      held = null;
    }
  }

  const engine: SyncEngine = {
    run,
    exclusive,
    state: () => ({
      running: current !== null,
      progress,
      lastRun,
      lastSuccessAt,
      online,
      pendingActions: np.pendingCount(),
    }),
    startTimer(intervalMinutes) {
      if (timer) clearInterval(timer);
      // Fractions of a minute are allowed (tests); never more often than every 100 ms.
      const ms = Math.max(100, Math.round(intervalMinutes * 60_000));
      timer = setInterval(() => {
        // Through the returned object, so a caller's wrapper of engine.run sees timer runs too.
        engine.run('timer').catch((e: unknown) => log.warn(`timer sync failed: ${String(e)}`));
      }, ms);
      timer.unref?.();
    },
    stopTimer() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      if (current) await current.catch(() => undefined);
      if (!opts.owner) releaseOwnerToken(owner);
    },
  };
  return engine;
}
