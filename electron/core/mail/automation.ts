/**
 * Mail automation (off by default, 設定 → メール): after each sync, 発送のお知らせ for orders whose 出荷報告 NP
 * accepted, and the 審査NG mail for orders NP now judges 審査NG. It reads what the sync recorded (np_events,
 * np_transactions) after a cursor, so it never edits the sync engine and never mails the past: while it is off
 * the cursor follows the log, and turning it on starts from then. A template already sent to the order is not
 * sent again automatically (the 'confirm' answer is left for staff).
 */
import type { Database } from 'better-sqlite3';
import type { MailQueueResult } from '../../../shared/mail/types';
import type { MailService } from './service';

export function runMailAutomation(db: Database, service: MailService): MailQueueResult[] {
  const head = (db.prepare('SELECT max(id) FROM np_events').pluck().get() as number | null) ?? 0;
  const cursor = service.config.automationCursor();
  const settings = service.config.settings();
  service.config.setAutomationCursor(head);
  if (cursor === null || head <= cursor || (!settings.autoShipped && !settings.autoAuthoriNg)) return [];

  const ids = (sql: string): number[] => db.prepare(sql).pluck().all(cursor, head) as number[];
  const results: MailQueueResult[] = [];
  if (settings.autoShipped) {
    const shipped = ids(
      "SELECT DISTINCT order_id FROM np_events WHERE id > ? AND id <= ? AND kind = 'answer' AND action = 'shipment' AND outcome = 'ok' AND order_id IS NOT NULL ORDER BY order_id",
    );
    if (shipped.length) results.push(...service.queue('shipped', shipped, { resend: false, origin: 'auto' }));
  }
  if (settings.autoAuthoriNg) {
    const ng = ids(
      `SELECT DISTINCT e.order_id FROM np_events e JOIN np_transactions t ON t.order_id = e.order_id
       WHERE e.id > ? AND e.id <= ? AND e.kind IN ('answer', 'refreshed') AND t.authori_result = '20' AND t.cancelled = 0 ORDER BY e.order_id`,
    );
    if (ng.length) results.push(...service.queue('authori_ng', ng, { resend: false, origin: 'auto' }));
  }
  return results;
}
