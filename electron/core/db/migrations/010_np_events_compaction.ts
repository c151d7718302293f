import type { Migration } from '../migration';

/**
 * 010: np_events may lose the bodies of old events (electron/core/np/compaction.ts) — NP's raw answers are most of
 * the log's size (~610 bytes an event) and a shop of 1,000,000 orders has millions of events. Everything else of
 * an event (when, which order, what was asked, outcome, HTTP status, codes) stays, and the log stays append-only.
 *
 * Compaction replaces an event by its copy without a body (same id, same values): a row that only shrinks in place
 * leaves its page mostly empty (SQLite merges pages on delete, not on update), so clearing bodies by UPDATE would
 * free nothing. The copies wait in np_events_compaction during the replacing transaction; the delete trigger lets
 * through exactly the events listed there, and updates stay refused.
 * np_events_with_body lists the events that still have a body, oldest first, so compaction finds them without
 * reading the compacted ones.
 */
export const NP_EVENT_KEPT_COLUMNS = ['id', 'at', 'run_id', 'order_id', 'outbox_id', 'kind', 'action', 'endpoint', 'np_transaction_id', 'http_status', 'outcome', 'codes'] as const;

export const npEventsCompactionMigration: Migration = {
  version: 10,
  name: 'np_events_compaction',
  up(db) {
    db.exec(`
      -- The kept columns of np_events, no rows (the copies live here only inside a compaction's transaction).
      CREATE TABLE np_events_compaction AS SELECT ${NP_EVENT_KEPT_COLUMNS.join(', ')} FROM np_events WHERE 0;
      CREATE UNIQUE INDEX np_events_compaction_id ON np_events_compaction(id);
      DROP TRIGGER np_events_no_delete;
      CREATE TRIGGER np_events_no_delete BEFORE DELETE ON np_events
        WHEN NOT EXISTS (SELECT 1 FROM np_events_compaction WHERE id = old.id)
        BEGIN SELECT RAISE(ABORT, 'np_events is append-only'); END;
      CREATE INDEX np_events_with_body ON np_events(id) WHERE body IS NOT NULL;
    `);
  },
};
