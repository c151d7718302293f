/**
 * The SQL of sync runs and their targets (migration 002's sync_runs, np_transactions): what the sync engine
 * reads and writes about its runs, and which transactions each find phase asks NP about.
 */
import type { Database } from 'better-sqlite3';
import type { SyncSummary, SyncTrigger } from '../../../shared/sync';
import type { FindTarget } from './apply';

export interface SyncRunStore {
  start(trigger: SyncTrigger, at: number): number;
  finish(runId: number, summary: SyncSummary): void;
  /** The summary of the last finished run (kept across restarts). */
  lastSummary(): SyncSummary | null;
  /** End of the last run that reached NP without a stopping error. */
  lastSuccessAt(): number | null;
  /** Under review (40/50) and live, or not known at all (an attached id), even if cancelled since. */
  reviewTargets(): FindTarget[];
  /** Shipped, live and not paid yet. */
  unpaidTargets(): FindTarget[];
}

export function createSyncRunStore(db: Database): SyncRunStore {
  const insertRun = db.prepare<[string, number]>('INSERT INTO sync_runs (trigger, started_at) VALUES (?, ?)');
  const finishRun = db.prepare<[number, number, string | null, string, number]>(
    'UPDATE sync_runs SET finished_at = ?, online = ?, error_code = ?, summary = ? WHERE id = ?',
  );
  const lastRunRow = db.prepare<[], { summary: string | null }>('SELECT summary FROM sync_runs WHERE summary IS NOT NULL ORDER BY id DESC LIMIT 1');
  const lastSuccessRow = db
    .prepare<[], number | null>('SELECT max(finished_at) FROM sync_runs WHERE online = 1 AND error_code IS NULL')
    .pluck();
  const reviewTargets = db.prepare<[], FindTarget>(
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
  return {
    start: (trigger, at) => Number(insertRun.run(trigger, at).lastInsertRowid),
    finish: (runId, s) => void finishRun.run(s.finishedAt, s.online ? 1 : 0, s.error?.code ?? null, JSON.stringify(s), runId),
    lastSummary() {
      const row = lastRunRow.get();
      return row?.summary ? (JSON.parse(row.summary) as SyncSummary) : null;
    },
    lastSuccessAt: () => lastSuccessRow.get() ?? null,
    reviewTargets: () => reviewTargets.all(),
    unpaidTargets: () => unpaidTargets.all(),
  };
}
