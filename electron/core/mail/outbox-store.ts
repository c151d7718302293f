/**
 * The mail outbox (migration 004): one row per mail, written before it is sent. Synchronous, so queueing joins
 * the caller's transaction. Opening the store settles rows a previous run left in 'sending': nobody knows
 * whether they arrived, so they become 'unknown' (送信結果不明) and are never resent automatically.
 */
import type { Database } from 'better-sqlite3';
import type { MailRecord, MailState, MailSummary } from '../../../shared/mail/types';
import { MAIL_TEMPLATE_NAMES, type MailTemplateId } from '../../../shared/mail/templates';

export interface MailRow {
  id: number;
  order_id: number | null;
  template_id: string;
  origin: 'manual' | 'auto' | 'test';
  to_address: string;
  subject: string;
  body: string;
  message_id: string;
  state: MailState;
  attempts: number;
  next_attempt_at: number;
  sent_at: number | null;
  created_at: number;
  updated_at: number;
  last_error: string | null;
}

export interface NewMail {
  orderId: number | null;
  templateId: string;
  origin: MailRow['origin'];
  to: string;
  subject: string;
  body: string;
  messageId: string;
}

export const INTERRUPTED_MESSAGE = '送信中にアプリが終了したため、届いたかどうか分かりません。お客様に確認するか、必要なら再送してください。';

/** Mails that count as "already sent" when the same template is queued again for the order. */
const COUNTED = "('queued', 'sending', 'sent', 'unknown')";

export function templateLabel(templateId: string): string {
  return templateId === 'test' ? 'テスト送信' : (MAIL_TEMPLATE_NAMES[templateId as MailTemplateId] ?? templateId);
}

export function toRecord(r: MailRow): MailRecord {
  return {
    id: r.id,
    orderId: r.order_id ?? 0,
    templateId: r.template_id as MailTemplateId,
    templateName: templateLabel(r.template_id),
    to: r.to_address,
    subject: r.subject,
    body: r.body,
    state: r.state,
    origin: r.origin === 'auto' ? 'auto' : 'manual',
    attempts: r.attempts,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
  };
}

export function createMailOutboxStore(db: Database, now: number) {
  const insert = db.prepare(
    `INSERT INTO mail_outbox (order_id, template_id, origin, to_address, subject, body, message_id, state, next_attempt_at, created_at, updated_at)
     VALUES (@orderId, @templateId, @origin, @to, @subject, @body, @messageId, 'queued', @now, @now, @now)`,
  );
  const nextDue = db.prepare<[number], MailRow>("SELECT * FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT 1");
  const nextDueAt = db.prepare<[], number | null>("SELECT min(next_attempt_at) FROM mail_outbox WHERE state = 'queued'").pluck();
  const queuedCount = db.prepare<[], number>("SELECT count(*) FROM mail_outbox WHERE state = 'queued'").pluck();
  const claim = db.prepare<[number, number]>("UPDATE mail_outbox SET state = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND state = 'queued'");
  const finish = db.prepare<{ id: number; state: MailState; error: string | null; sentAt: number | null; next: number; now: number }>(
    "UPDATE mail_outbox SET state = @state, last_error = @error, sent_at = @sentAt, next_attempt_at = @next, updated_at = @now WHERE id = @id AND state = 'sending'",
  );
  const markDelivered = db.prepare<{ id: number; now: number }>(
    "UPDATE mail_outbox SET state = 'sent', sent_at = @now, last_error = 'スタッフがお客様への到着を確認しました。', updated_at = @now WHERE id = @id AND state = 'unknown'",
  );
  const get = db.prepare<[number], MailRow>('SELECT * FROM mail_outbox WHERE id = ?');
  const byOrder = db.prepare<[number], MailRow>('SELECT * FROM mail_outbox WHERE order_id = ? ORDER BY id DESC');
  const countFor = db.prepare<[number, string], number>(`SELECT count(*) FROM mail_outbox WHERE order_id = ? AND template_id = ? AND state IN ${COUNTED}`).pluck();
  const interrupted = db.prepare<[string, number]>("UPDATE mail_outbox SET state = 'unknown', last_error = ?, updated_at = ? WHERE state = 'sending'");
  interrupted.run(INTERRUPTED_MESSAGE, now);

  return {
    insert(mail: NewMail, at: number): number {
      return Number(insert.run({ ...mail, now: at }).lastInsertRowid);
    },
    nextDue: (at: number): MailRow | undefined => nextDue.get(at),
    nextDueAt: (): number | null => nextDueAt.get() ?? null,
    queuedCount: (): number => queuedCount.get() ?? 0,
    /** queued → sending; false when someone else took it. */
    claim: (id: number, at: number): boolean => claim.run(at, id).changes === 1,
    /** sending → sent | failed | unknown | queued (again, at `next`). */
    finish(id: number, state: MailState, error: string | null, at: number, next = at): void {
      finish.run({ id, state, error, sentAt: state === 'sent' ? at : null, next, now: at });
    },
    /** Staff confirmed that a 送信結果不明 mail arrived. */
    markDelivered: (id: number, at: number): boolean => markDelivered.run({ id, now: at }).changes === 1,
    get: (id: number): MailRow | undefined => get.get(id),
    byOrder: (orderId: number): MailRow[] => byOrder.all(orderId),
    byIds(ids: readonly number[]): MailRow[] {
      if (ids.length === 0) return [];
      const rows: MailRow[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        rows.push(...(db.prepare(`SELECT * FROM mail_outbox WHERE id IN (${part.map(() => '?').join(',')})`).all(...part) as MailRow[]));
      }
      return rows.sort((a, b) => a.id - b.id);
    },
    /** Mails of this template already sent, queued or of unknown outcome for the order. */
    countFor: (orderId: number, templateId: string): number => countFor.get(orderId, templateId) ?? 0,
    summaries(orderIds: readonly number[]): MailSummary[] {
      if (orderIds.length === 0) return [];
      const marks = orderIds.map(() => '?').join(',');
      const last = db
        .prepare(
          `SELECT m.order_id, m.template_id, m.state, coalesce(m.sent_at, m.updated_at) AS at,
                  (SELECT count(*) FROM mail_outbox p WHERE p.order_id = m.order_id AND p.state IN ('failed', 'unknown')) AS problems
           FROM mail_outbox m
           WHERE m.id IN (SELECT max(id) FROM mail_outbox WHERE order_id IN (${marks}) GROUP BY order_id)`,
        )
        .all(...orderIds) as Array<{ order_id: number; template_id: string; state: MailState; at: number; problems: number }>;
      const byId = new Map(last.map((r) => [r.order_id, r]));
      return orderIds.map((orderId) => {
        const r = byId.get(orderId);
        return r
          ? { orderId, last: { templateName: templateLabel(r.template_id), state: r.state, at: r.at }, problems: r.problems }
          : { orderId, last: null, problems: 0 };
      });
    },
  };
}
export type MailOutboxStore = ReturnType<typeof createMailOutboxStore>;
