import type { Migration } from '../migration';

/**
 * 004: the mail outbox (docs/mail.md). Every mail is a row before it is sent, rendered at queue time (what the
 * row says is what the buyer receives). queued → sending → sent | failed | unknown; a row left in sending by a
 * crash becomes unknown (送信結果不明) at the next start and is never resent automatically.
 * order_id is null for テスト送信. Times are epoch milliseconds.
 */
export const mailMigration: Migration = {
  version: 4,
  name: 'mail',
  up(db) {
    db.exec(`
      CREATE TABLE mail_outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id        INTEGER REFERENCES orders(id) ON DELETE CASCADE,
        template_id     TEXT NOT NULL,
        origin          TEXT NOT NULL CHECK (origin IN ('manual', 'auto', 'test')),
        to_address      TEXT NOT NULL,
        subject         TEXT NOT NULL,
        body            TEXT NOT NULL,
        message_id      TEXT NOT NULL UNIQUE,
        state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        sent_at         INTEGER,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        last_error      TEXT
      );
      CREATE INDEX mail_outbox_queued ON mail_outbox(next_attempt_at, id) WHERE state = 'queued';
      CREATE INDEX mail_outbox_order ON mail_outbox(order_id, id) WHERE order_id IS NOT NULL;
    `);
  },
};
