/**
 * The sync engine (docs/sync.md): one run at a time (a second call joins the running one), in three phases:
 *  1. drain the outbox — register → update → cancel → shipments, batches of ≤ 1000 per endpoint;
 *  2. /authorizations/find for every live transaction under review (40/50) or whose result is unknown;
 *  3. /transactions/payments/find for every shipped, unpaid transaction.
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
import type { NpEndpoint, NpIdItem, NpItemError } from '../../../shared/np/api-types';
import type { NpAction, NpStatus } from '../../../shared/np/status';
import type { SyncPhase, SyncProgress, SyncRunError, SyncState, SyncSummary, SyncTrigger } from '../../../shared/sync';
import {
  ACTION_ENDPOINT,
  applyAccepted,
  applyAmbiguous,
  applyAuthorization,
  applyFindError,
  applyPayment,
  applyRefused,
  applyRequeued,
  pathOf,
  type ApplyContext,
  type FindTarget,
} from './apply';
import { NpClientError, type NpBatchAnswer, type NpClient } from './client';
import type { NpService } from './np-service';
import { DEFAULT_DEFER, DEFAULT_RETRY, backoffDelay, chunk, forEachConcurrently, sleep, type BackoffPolicy } from './retry';
import type { Clock, OutboxRow } from './store';
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

const OUTBOX_ORDER: readonly NpAction[] = ['register', 'update', 'cancel', 'shipment'];
const DEFAULT_REGISTER_BATCH = 100;
const MAX_TIMEOUTS = 2;

interface RunContext {
  id: number;
  trigger: SyncTrigger;
  startedAt: number;
  client: NpClient;
  /** np_status of each touched order before the run touched it. */
  before: Map<number, NpStatus | null>;
  sent: number;
  failed: number;
  ambiguous: number;
  deferred: number;
  requests: number;
  /** NP could not be reached (retries exhausted): no more requests in this run. */
  unreachable: boolean;
  error: SyncRunError | null;
  progress: SyncProgress;
}

const CREDENTIAL_MESSAGES = {
  missing: 'NP後払いの接続設定（加盟店コード・SPコード・端末ID）がありません。設定画面で入力してください。',
} as const;

export function createSyncEngine(opts: SyncEngineOptions): SyncEngine {
  const { db, np } = opts;
  const store = np.store;
  const clock = opts.clock ?? np.clock;
  const batchSize = Math.max(1, Math.min(NP_MAX_BATCH, opts.batchSize ?? NP_MAX_BATCH));
  const registerBatchSize = Math.max(1, Math.min(batchSize, opts.registerBatchSize ?? DEFAULT_REGISTER_BATCH));
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const retry = opts.retry ?? DEFAULT_RETRY;
  const defer = opts.defer ?? DEFAULT_DEFER;
  const random = opts.random ?? Math.random;

  const insertRun = db.prepare<[string, number]>('INSERT INTO sync_runs (trigger, started_at) VALUES (?, ?)');
  const finishRun = db.prepare<[number, number, string | null, string, number]>(
    'UPDATE sync_runs SET finished_at = ?, online = ?, error_code = ?, summary = ? WHERE id = ?',
  );
  const lastRunRow = db.prepare<[], { summary: string | null }>('SELECT summary FROM sync_runs WHERE summary IS NOT NULL ORDER BY id DESC LIMIT 1');
  const lastSuccessRow = db
    .prepare<[], number | null>('SELECT max(finished_at) FROM sync_runs WHERE online = 1 AND error_code IS NULL')
    .pluck();
  const reviewTargets = db.prepare<[], FindTarget>(
    // Under review (40/50) and live, or not known at all (an attached id), even if cancelled since.
    `SELECT order_id, np_transaction_id FROM np_transactions
      WHERE np_transaction_id IS NOT NULL AND coalesce(failed_action, '') <> 'register'
        AND (authori_result IS NULL OR (cancelled = 0 AND authori_result IN ('40', '50')))
      ORDER BY order_id`,
  );
  const unpaidTargets = db.prepare<[], FindTarget>(
    `SELECT order_id, np_transaction_id FROM np_transactions
      WHERE cancelled = 0 AND np_transaction_id IS NOT NULL AND shipment_reported = 1
        AND coalesce(payment_status, '') <> '20' AND coalesce(failed_action, '') <> 'register'
      ORDER BY order_id`,
  );

  let current: Promise<SyncSummary> | null = null;
  let progress: SyncProgress | null = null;
  let lastRun: SyncSummary | null = (() => {
    const row = lastRunRow.get();
    return row?.summary ? (JSON.parse(row.summary) as SyncSummary) : null;
  })();
  let lastSuccessAt: number | null = lastSuccessRow.get() ?? null;
  let online = lastRun?.online ?? true;
  let timer: ReturnType<typeof setInterval> | null = null;

  const log = opts.log ?? { info: () => {}, warn: () => {} };

  function emitProgress(run: RunContext, phase: SyncPhase, done: number, total: number): void {
    run.progress = { phase, done, total };
    progress = run.progress;
    opts.onProgress?.(run.progress);
  }

  function touch(run: RunContext, orderIds: Iterable<number>): number[] {
    const ids: number[] = [];
    for (const id of orderIds) {
      if (!run.before.has(id)) run.before.set(id, store.storedStatus(id) ?? null);
      ids.push(id);
    }
    return ids;
  }

  function applyBatch(run: RunContext, orderIds: number[], write: (ctx: ApplyContext) => void): void {
    touch(run, orderIds);
    db.transaction(() => {
      write({ store, now: clock.now(), runId: run.id });
      // Status and the 「NP未反映の変更あり」 flag: NP's answer may have made the local data current.
      for (const id of orderIds) np.refresh(id);
    })();
    if (orderIds.length) opts.onChanged?.(orderIds);
  }

  function exchangeEvent(run: RunContext, endpoint: NpEndpoint, request: unknown, outcome: string, httpStatus: number | null, body: unknown): void {
    store.appendEvent({ kind: 'exchange', run_id: run.id, endpoint: pathOf(endpoint), http_status: httpStatus, outcome, body: { request, answer: body } }, clock.now());
  }

  /** Stop talking to NP in this run: credentials refused, or NP unreachable after the retries. */
  function stop(run: RunContext, e: NpClientError): void {
    if (!run.error || e.credentialsProblem) run.error = { code: e.localCode, message: e.userMessage };
    run.unreachable = true;
  }

  /** Send one request with in-run retries for transient failures. Returns the answer or the final error. */
  async function send<R>(
    run: RunContext,
    endpoint: NpEndpoint,
    items: unknown[],
    call: () => Promise<NpBatchAnswer<R>>,
    opts2: { retryable: (e: NpClientError) => boolean; beforeAttempt?: () => void },
  ): Promise<NpBatchAnswer<R> | NpClientError> {
    // Each timeout costs the full client timeout (30 s against NP): two in one request mean NP is not answering.
    let timeouts = 0;
    for (let attempt = 1; ; attempt++) {
      opts2.beforeAttempt?.();
      run.requests++;
      try {
        const answer = await call();
        exchangeEvent(run, endpoint, logged(endpoint, items), 'answer', answer.httpStatus, { results: answer.results, errors: answer.errors });
        return answer;
      } catch (err) {
        const e = err instanceof NpClientError ? err : new NpClientError('bad_response', endpoint, `unexpected failure: ${String(err)}`);
        exchangeEvent(run, endpoint, logged(endpoint, items), e.kind, e.httpStatus, { error: e.toJSON() });
        log.warn(`sync ${run.id}: ${e.message} (attempt ${attempt})`);
        if (e.kind === 'timeout') timeouts++;
        if (e.credentialsProblem || !opts2.retryable(e) || attempt >= retry.attempts || timeouts >= MAX_TIMEOUTS || run.unreachable) return e;
        await sleep(backoffDelay(retry, attempt, random));
        if (run.unreachable) return e;
      }
    }
  }

  /** What the event log keeps of a request: outbox items are logged one by one already, finds keep their ids. */
  function logged(endpoint: NpEndpoint, items: unknown[]): unknown {
    if (endpoint === 'authorizationsFind' || endpoint === 'paymentsFind') return { ids: (items as NpIdItem[]).map((i) => i.np_transaction_id) };
    return { count: items.length };
  }

  // ---- recovery -------------------------------------------------------------------------------------------

  /** Rows left `sending` by a run that did not finish (crash, kill): decide what they mean now. */
  function recoverInterrupted(run: RunContext): void {
    const rows = store.outboxInState('sending');
    if (!rows.length) return;
    log.warn(`sync ${run.id}: ${rows.length} action(s) were in flight when the last run stopped`);
    applyBatch(
      run,
      rows.map((r) => r.order_id),
      (ctx) => {
        for (const row of rows) {
          if (row.action === 'register') applyAmbiguous(ctx, row, null, { reason: 'interrupted' });
          else applyRequeued(ctx, row, 'retry', LOCAL.AMBIGUOUS, ctx.now);
        }
      },
    );
    run.ambiguous += rows.filter((r) => r.action === 'register').length;
  }

  // ---- phase 1: the outbox --------------------------------------------------------------------------------

  function markSending(rows: OutboxRow[], runId: number): OutboxRow[] {
    const now = clock.now();
    return db.transaction(() =>
      rows.map((row) => {
        const attempts = row.attempts + 1;
        store.patchOutbox(row.id, { state: 'sending', attempts, sent_at: now }, now);
        store.appendEvent(
          {
            kind: 'request',
            run_id: runId,
            order_id: row.order_id,
            outbox_id: row.id,
            action: row.action,
            endpoint: pathOf(ACTION_ENDPOINT[row.action]),
            np_transaction_id: (JSON.parse(row.payload) as { np_transaction_id?: string }).np_transaction_id ?? null,
            body: JSON.parse(row.payload),
          },
          now,
        );
        return { ...row, state: 'sending' as const, attempts, sent_at: now };
      }),
    )();
  }

  function keyOf(row: OutboxRow): string {
    const p = JSON.parse(row.payload) as { shop_transaction_id?: string; np_transaction_id?: string };
    return (row.action === 'register' ? p.shop_transaction_id : p.np_transaction_id) ?? '';
  }

  function applyOutboxAnswer(run: RunContext, rows: OutboxRow[], answer: NpBatchAnswer<{ np_transaction_id: string; shop_transaction_id?: string }>): void {
    const isRegister = rows[0]?.action === 'register';
    const results = new Map<string, (typeof answer.results)[number]>();
    for (const r of answer.results) {
      const key = isRegister ? r.shop_transaction_id : r.np_transaction_id;
      if (key !== undefined) results.set(key, r);
    }
    // A single register answered by a single result without the echoed shop id is still unambiguous.
    if (isRegister && rows.length === 1 && answer.results.length === 1 && results.size === 0) results.set(keyOf(rows[0] as OutboxRow), answer.results[0] as (typeof answer.results)[number]);
    const errors = new Map<string, string[]>();
    const requestLevel: string[] = [];
    for (const e of answer.errors as NpItemError[]) {
      if (e.id === undefined) requestLevel.push(...e.codes);
      else errors.set(e.id, [...(errors.get(e.id) ?? []), ...e.codes]);
    }
    applyBatch(
      run,
      rows.map((r) => r.order_id),
      (ctx) => {
        for (const row of rows) {
          const key = keyOf(row);
          const result = results.get(key);
          const codes = errors.get(key) ?? (requestLevel.length ? requestLevel : null);
          if (result) {
            applyAccepted(ctx, row, result, answer.httpStatus);
            run.sent++;
          } else if (codes) {
            applyRefused(ctx, row, codes, answer.httpStatus);
            if (ctx.store.outbox(row.id)?.state === 'done') run.sent++;
            else run.failed++;
          } else if (row.action === 'register') {
            // NP answered but said nothing about this item: it may or may not exist on NP's side.
            applyAmbiguous(ctx, row, LOCAL.BAD_RESPONSE);
            run.ambiguous++;
          } else {
            applyRequeued(ctx, row, 'retry', LOCAL.BAD_RESPONSE, ctx.now);
            run.deferred++;
          }
        }
      },
    );
  }

  async function sendOutboxBatch(run: RunContext, action: NpAction, rows: OutboxRow[]): Promise<void> {
    const endpoint = ACTION_ENDPOINT[action];
    const items = rows.map((r) => JSON.parse(r.payload) as never);
    let sending = rows;
    const call = (): Promise<NpBatchAnswer<{ np_transaction_id: string; shop_transaction_id?: string }>> => {
      switch (action) {
        case 'register':
          return run.client.register(items);
        case 'update':
          return run.client.update(items);
        case 'cancel':
          return run.client.cancel(items);
        case 'shipment':
          return run.client.shipments(items);
      }
    };
    const outcome = await send(run, endpoint, items, call, {
      // A register is re-sent only when NP certainly did not process it.
      retryable: (e) => e.transient && (action !== 'register' || !e.mayHaveReachedNp),
      beforeAttempt: () => {
        sending = markSending(sending, run.id);
      },
    });
    if (!(outcome instanceof NpClientError)) {
      applyOutboxAnswer(run, sending, outcome);
      return;
    }
    const e = outcome;
    if (action === 'register' && e.mayHaveReachedNp && !e.credentialsProblem) {
      applyBatch(run, sending.map((r) => r.order_id), (ctx) => sending.forEach((row) => applyAmbiguous(ctx, row, e.localCode)));
      run.ambiguous += sending.length;
      return;
    }
    stop(run, e);
    applyBatch(run, sending.map((r) => r.order_id), (ctx) =>
      sending.forEach((row) => applyRequeued(ctx, row, 'deferred', e.localCode, ctx.now + backoffDelay(defer, row.attempts, random))),
    );
    run.deferred += sending.length;
  }

  async function drainOutbox(run: RunContext): Promise<void> {
    const notAfter = run.trigger === 'timer' ? clock.now() : Number.MAX_SAFE_INTEGER;
    const byAction = OUTBOX_ORDER.map((action) => ({ action, rows: store.dueOutbox(action, notAfter) }));
    const total = byAction.reduce((n, a) => n + a.rows.length, 0);
    let done = 0;
    emitProgress(run, 'outbox', 0, total);
    for (const { action, rows } of byAction) {
      await forEachConcurrently(chunk(rows, action === 'register' ? registerBatchSize : batchSize), concurrency, async (batch) => {
        // Once NP is unreachable, the rest stays pending as it is (not even an attempt is counted).
        if (run.unreachable) run.deferred += batch.length;
        else await sendOutboxBatch(run, action, batch);
        done += batch.length;
        emitProgress(run, 'outbox', done, total);
      });
    }
  }

  // ---- phases 2 and 3: finds ------------------------------------------------------------------------------

  async function findPhase<R extends { np_transaction_id: string }>(
    run: RunContext,
    phase: 'authorizations' | 'payments',
    endpoint: 'authorizationsFind' | 'paymentsFind',
    targets: FindTarget[],
    fetch: (client: NpClient, items: NpIdItem[]) => Promise<NpBatchAnswer<R>>,
    apply: (ctx: ApplyContext, t: FindTarget, r: R) => boolean,
  ): Promise<void> {
    let done = 0;
    emitProgress(run, phase, 0, targets.length);
    await forEachConcurrently(chunk(targets, batchSize), concurrency, async (batch) => {
      if (run.unreachable) return;
      const items = batch.map((t) => ({ np_transaction_id: t.np_transaction_id }));
      const outcome = await send(run, endpoint, items, () => fetch(run.client, items), { retryable: (e) => e.transient });
      if (outcome instanceof NpClientError) {
        stop(run, outcome);
        return;
      }
      const byId = new Map(batch.map((t) => [t.np_transaction_id, t]));
      const changed = new Set<number>();
      const results = outcome.results.filter((r) => byId.has(r.np_transaction_id));
      const errors = outcome.errors.filter((e) => e.id !== undefined && byId.has(e.id));
      // Only orders that really change are touched (and reported as changed).
      const writes: Array<(ctx: ApplyContext) => boolean> = [
        ...results.map((r) => (ctx: ApplyContext) => apply(ctx, byId.get(r.np_transaction_id) as FindTarget, r)),
        ...errors.map((e) => (ctx: ApplyContext) => applyFindError(ctx, byId.get(e.id as string) as FindTarget, endpoint, e.codes)),
      ];
      const ids = [...results.map((r) => (byId.get(r.np_transaction_id) as FindTarget).order_id), ...errors.map((e) => (byId.get(e.id as string) as FindTarget).order_id)];
      touch(run, ids);
      db.transaction(() => {
        const ctx: ApplyContext = { store, now: clock.now(), runId: run.id };
        writes.forEach((w, i) => {
          if (w(ctx)) changed.add(ids[i] as number);
        });
        for (const id of changed) np.refresh(id);
      })();
      if (changed.size) opts.onChanged?.([...changed]);
      done += batch.length;
      emitProgress(run, phase, done, targets.length);
    });
  }

  // ---- the run --------------------------------------------------------------------------------------------

  function summarize(run: RunContext, finishedAt: number): SyncSummary {
    const statusChanges: Partial<Record<NpStatus, number>> = {};
    let changedToNone = 0;
    for (const [orderId, before] of run.before) {
      const after = store.storedStatus(orderId) ?? null;
      if (after === before) continue;
      if (after === null) changedToNone++;
      else statusChanges[after] = (statusChanges[after] ?? 0) + 1;
    }
    return {
      runId: run.id,
      trigger: run.trigger,
      startedAt: run.startedAt,
      finishedAt,
      statusChanges,
      changedToNone,
      sent: run.sent,
      failed: run.failed,
      ambiguous: run.ambiguous,
      deferred: run.deferred,
      requests: run.requests,
      // Offline = NP did not answer usefully; a 401/403 is an answer (the credentials are the problem).
      online: !run.error || run.error.code === LOCAL.AUTH || run.error.code === LOCAL.FORBIDDEN,
      error: run.error,
    };
  }

  async function execute(trigger: SyncTrigger): Promise<SyncSummary> {
    const startedAt = clock.now();
    const runId = Number(insertRun.run(trigger, startedAt).lastInsertRowid);
    const client = opts.getClient();
    const run: RunContext = {
      id: runId,
      trigger,
      startedAt,
      client: client as NpClient,
      before: new Map(),
      sent: 0,
      failed: 0,
      ambiguous: 0,
      deferred: 0,
      requests: 0,
      unreachable: false,
      error: null,
      progress: { phase: 'outbox', done: 0, total: 0 },
    };
    try {
      recoverInterrupted(run);
      if (!client) {
        run.error = { code: LOCAL.AUTH, message: CREDENTIAL_MESSAGES.missing };
      } else {
        await drainOutbox(run);
        if (!run.unreachable) await findPhase(run, 'authorizations', 'authorizationsFind', reviewTargets.all(), (c, i) => c.authorizationsFind(i), applyAuthorization);
        if (!run.unreachable) await findPhase(run, 'payments', 'paymentsFind', unpaidTargets.all(), (c, i) => c.paymentsFind(i), applyPayment);
      }
    } finally {
      const finishedAt = clock.now();
      const summary = summarize(run, finishedAt);
      if (!client) summary.online = online;
      finishRun.run(finishedAt, summary.online ? 1 : 0, summary.error?.code ?? null, JSON.stringify(summary), runId);
      lastRun = summary;
      if (client) online = summary.online;
      if (summary.online && !summary.error) lastSuccessAt = finishedAt;
      emitProgress(run, 'done', 1, 1);
      progress = null;
      try {
        opts.onFinished?.(summary);
      } catch (e) {
        log.warn(`sync ${runId}: onFinished failed: ${String(e)}`);
      }
      log.info(`sync ${runId} (${trigger}) finished`, {
        sent: summary.sent,
        failed: summary.failed,
        ambiguous: summary.ambiguous,
        deferred: summary.deferred,
        requests: summary.requests,
        online: summary.online,
        error: summary.error?.code ?? null,
      });
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
    },
  };
  return engine;
}
