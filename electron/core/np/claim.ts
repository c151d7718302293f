/**
 * Claiming outbox rows for sending (docs/data.md, "One writer"). The data-folder lock keeps a second app away;
 * this is the second wall in case the lock fails (a network folder, a lock file removed by hand): a row is
 * claimed by a conditional update that only succeeds from `pending` (or for the engine that already holds it),
 * so two engines on one database never send the same action. A `sending` row is recovered as "interrupted" only
 * when its claimer is gone (process ended, engine closed) or has been silent far longer than any request lasts.
 */
import type { Database } from 'better-sqlite3';
import { isOwnerAlive } from '../db/owner';
import { ACTION_ENDPOINT, pathOf } from './apply';
import type { NpStore, OutboxRow } from './store';

/** Longer than any send with its retries (30 s timeout × 2 timeouts + backoff): a claim older than this is dead. */
export const STALE_CLAIM_MS = 10 * 60_000;

/**
 * In one committed transaction: claim each row for `owner` (attempts + 1) and log its request event. Returns the
 * rows this owner now holds, as stored (payload included, in case it was replaced since they were selected);
 * rows another engine claimed, or that left the queue, are dropped.
 */
export function claimForSending(db: Database, store: NpStore, rows: readonly OutboxRow[], owner: string, runId: number, now: number): OutboxRow[] {
  return db.transaction(() => {
    const claimed: OutboxRow[] = [];
    for (const candidate of rows) {
      const row = store.claimOutbox(candidate.id, owner, now);
      if (!row) continue;
      const body = JSON.parse(row.payload) as { np_transaction_id?: string };
      store.appendEvent(
        {
          kind: 'request',
          run_id: runId,
          order_id: row.order_id,
          outbox_id: row.id,
          action: row.action,
          endpoint: pathOf(ACTION_ENDPOINT[row.action]),
          np_transaction_id: body.np_transaction_id ?? null,
          body,
        },
        now,
      );
      claimed.push(row);
    }
    return claimed;
  })();
}

/** `sending` rows nobody is working on any more: their claimer is gone (or unknown: before migration 005) or stale. */
export function orphanedSending(store: NpStore, now: number, alive: (owner: string) => boolean = isOwnerAlive): OutboxRow[] {
  return store
    .outboxInState('sending')
    .filter((row) => row.claimed_by === null || !alive(row.claimed_by) || now - row.updated_at > STALE_CLAIM_MS);
}
