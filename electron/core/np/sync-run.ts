/**
 * One sync run's state and the writes every phase shares: remember each touched order's status before the run
 * touched it (for the summary's status changes), apply a batch of NP's answers in one transaction with the
 * orders' NP status recomputed, and report progress.
 */
import type { Database } from 'better-sqlite3';
import type { NpStatus } from '../../../shared/np/status';
import type { SyncPhase, SyncProgress, SyncTrigger } from '../../../shared/sync';
import type { ApplyContext } from './apply';
import type { NpClient } from './client';
import type { NpService } from './np-service';
import type { BackoffPolicy } from './retry';
import type { Clock, NpStore } from './store';
import type { NpTransport, TransportRun } from './transport';

export interface RunContext extends TransportRun {
  trigger: SyncTrigger;
  startedAt: number;
  client: NpClient;
  /** np_status of each touched order before the run touched it. */
  before: Map<number, NpStatus | null>;
  sent: number;
  failed: number;
  ambiguous: number;
  deferred: number;
  /** 取引修正 answered 審査保留 with the same reasons as before (「取引修正後も審査保留（同じ理由）」). */
  holdRepeated: number;
  progress: SyncProgress;
}

/** What the phases work with. */
export interface PhaseDeps {
  db: Database;
  np: NpService;
  store: NpStore;
  clock: Clock;
  transport: NpTransport;
  batchSize: number;
  registerBatchSize: number;
  concurrency: number;
  defer: Omit<BackoffPolicy, 'attempts'>;
  random: () => number;
  warn: (message: string) => void;
  /** This engine's claim token for outbox rows (claim.ts). */
  owner: string;
  progress: (run: RunContext, phase: SyncPhase, done: number, total: number) => void;
  onChanged?: (orderIds: number[]) => void;
}

export function touch(deps: PhaseDeps, run: RunContext, orderIds: Iterable<number>): void {
  for (const id of orderIds) if (!run.before.has(id)) run.before.set(id, deps.store.storedStatus(id) ?? null);
}

/** Writes one batch's outcomes in one transaction; each written order's status is recomputed. */
export function applyBatch(deps: PhaseDeps, run: RunContext, orderIds: number[], write: (ctx: ApplyContext) => void): void {
  touch(deps, run, orderIds);
  deps.db.transaction(() => {
    write({ store: deps.store, now: deps.clock.now(), runId: run.id });
    // Status and the 「NP未反映の変更あり」 flag: NP's answer may have made the local data current.
    for (const id of orderIds) deps.np.refresh(id);
  })();
  if (orderIds.length) deps.onChanged?.(orderIds);
}
