import type { Migration } from '../migration';

/**
 * 005: np_events may lose the bodies of old events (electron/core/np/compaction.ts) — NP's raw answers are most of
 * the log's size (~610 bytes an event) and a shop of 1,000,000 orders has millions of events. Everything else of
 * an event (when, which order, what was asked, outcome, HTTP status, codes) stays, and stays append-only: the
 * update trigger now lets through exactly one change, the body set to NULL. Deleting stays refused.
 * np_events_with_body lists the events that still have one, oldest first, so compaction finds them without
 * reading the compacted ones.
 */
const KEPT = ['id', 'at', 'run_id', 'order_id', 'outbox_id', 'kind', 'action', 'endpoint', 'np_transaction_id', 'http_status', 'outcome', 'codes'];

export const npEventsCompactionMigration: Migration = {
  version: 5,
  name: 'np_events_compaction',
  up(db) {
    db.exec(`
      DROP TRIGGER np_events_no_update;
      CREATE TRIGGER np_events_no_update BEFORE UPDATE ON np_events
        WHEN NOT (new.body IS NULL AND ${KEPT.map((c) => `new.${c} IS old.${c}`).join(' AND ')})
        BEGIN SELECT RAISE(ABORT, 'np_events is append-only (only the body of an old event may be compacted)'); END;
      CREATE INDEX np_events_with_body ON np_events(id) WHERE body IS NOT NULL;
    `);
  },
};
