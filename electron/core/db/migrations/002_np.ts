import type { Migration } from '../migration';

/**
 * The NP side of the store (docs/sync.md):
 * - np_transactions: one row per order that NP knows (or may know) about; what NP last told us and accepted.
 * - np_outbox: every NP action staff asked for, written in the same transaction as the order change.
 * - np_events: append-only log of every request, answer and local decision (UPDATE/DELETE refused by triggers).
 * - sync_runs: one row per sync run with its summary.
 * Times are epoch milliseconds; JSON columns hold text.
 */
export const npMigration: Migration = {
  version: 2,
  name: 'np',
  up(db) {
    db.exec(`
      CREATE TABLE np_transactions (
        order_id              INTEGER PRIMARY KEY REFERENCES orders(id) ON DELETE CASCADE,
        np_transaction_id     TEXT UNIQUE,
        shop_transaction_id   TEXT,
        authori_result        TEXT CHECK (authori_result IN ('00', '10', '20', '40', '50')),
        authori_hold          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(authori_hold)),
        authori_ng            TEXT,
        authori_required_date TEXT,
        shipment_reported     INTEGER NOT NULL DEFAULT 0 CHECK (shipment_reported IN (0, 1)),
        cancelled             INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
        payment_status        TEXT CHECK (payment_status IN ('10', '20', '30')),
        customer_payment_date TEXT,
        failed_action         TEXT CHECK (failed_action IN ('register', 'update', 'cancel', 'shipment')),
        error_codes           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(error_codes)),
        accepted_payload      TEXT CHECK (accepted_payload IS NULL OR json_valid(accepted_payload)),
        -- From accepted_payload, for the buyer's outstanding total (55,000円 warning) without parsing JSON.
        buyer_tel             TEXT,
        billed_amount         INTEGER,
        updated_at            INTEGER NOT NULL
      );
      CREATE INDEX np_transactions_review ON np_transactions(authori_result) WHERE cancelled = 0;
      CREATE INDEX np_transactions_unpaid ON np_transactions(shipment_reported, payment_status) WHERE cancelled = 0;
      CREATE INDEX np_transactions_buyer ON np_transactions(buyer_tel) WHERE cancelled = 0;

      CREATE TABLE np_outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id        INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
        action          TEXT NOT NULL CHECK (action IN ('register', 'update', 'cancel', 'shipment')),
        payload         TEXT NOT NULL CHECK (json_valid(payload)),
        -- pending: waiting (next_attempt_at); sending: handed to NP, answer not yet recorded;
        -- done / failed: NP accepted / refused; ambiguous: a register that may have reached NP;
        -- superseded: replaced before it was sent; resolved: an ambiguous register staff settled.
        state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'done', 'failed', 'ambiguous', 'superseded', 'resolved')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        sent_at         INTEGER,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        last_error      TEXT
      );
      CREATE INDEX np_outbox_open ON np_outbox(state, action, id) WHERE state IN ('pending', 'sending');
      CREATE INDEX np_outbox_order ON np_outbox(order_id, id);
      -- At most one open action per order: the rule of the outbox, enforced by the store itself.
      CREATE UNIQUE INDEX np_outbox_one_open ON np_outbox(order_id) WHERE state IN ('pending', 'sending');

      CREATE TABLE sync_runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        trigger     TEXT NOT NULL,
        started_at  INTEGER NOT NULL,
        finished_at INTEGER,
        online      INTEGER,
        error_code  TEXT,
        summary     TEXT CHECK (summary IS NULL OR json_valid(summary))
      );

      CREATE TABLE np_events (
        id                INTEGER PRIMARY KEY AUTOINCREMENT,
        at                INTEGER NOT NULL,
        run_id            INTEGER REFERENCES sync_runs(id),
        -- No foreign key: the log outlives what it talks about.
        order_id          INTEGER,
        outbox_id         INTEGER,
        kind              TEXT NOT NULL,
        action            TEXT,
        endpoint          TEXT,
        np_transaction_id TEXT,
        http_status       INTEGER,
        outcome           TEXT,
        codes             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(codes)),
        body              TEXT CHECK (body IS NULL OR json_valid(body))
      );
      CREATE INDEX np_events_order ON np_events(order_id, id) WHERE order_id IS NOT NULL;
      CREATE INDEX np_events_run ON np_events(run_id) WHERE run_id IS NOT NULL;
      CREATE TRIGGER np_events_no_update BEFORE UPDATE ON np_events
        BEGIN SELECT RAISE(ABORT, 'np_events is append-only'); END;
      CREATE TRIGGER np_events_no_delete BEFORE DELETE ON np_events
        BEGIN SELECT RAISE(ABORT, 'np_events is append-only'); END;
    `);
  },
};
