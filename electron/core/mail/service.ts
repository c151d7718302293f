/**
 * The mail rules of one open database: what a template makes for an order, and which mails may be queued.
 *
 * - A mail is rendered when it is queued (shared/mail/placeholders.ts, the same code as the preview) and stored
 *   as a row of the outbox; the sender sends what the row says.
 * - A mail the order cannot make (no address, no slip number for 発送のお知らせ …) is refused with the reason.
 * - The same template again for the same order (already sent, queued or of unknown outcome) is not queued
 *   unless the caller says staff agreed (resend): the answer is 'confirm' and the UI asks.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { renderMail, type MailSender, type TemplateText } from '../../../shared/mail/placeholders';
import { MAIL_TEMPLATE_NAMES, type MailTemplateId } from '../../../shared/mail/templates';
import type { MailPreview, MailQueueResult } from '../../../shared/mail/types';
import { ShopProfileSchema } from '../../../shared/shop';
import type { OrderRepository } from '../orders';
import type { SettingsStore } from '../app/settings';
import type { Clock } from '../np/store';
import { createMailConfigStore } from './config-store';
import { createMailOutboxStore, type MailRow } from './outbox-store';

export interface MailServiceDeps {
  db: Database;
  orders: OrderRepository;
  appSettings: SettingsStore;
  clock: Clock;
}

export function createMailService(deps: MailServiceDeps) {
  const { db, orders, clock } = deps;
  const config = createMailConfigStore(db);
  const outbox = createMailOutboxStore(db, clock.now());
  // The automation starts from the NP log as it is now: turning it on never mails the past.
  if (config.automationCursor() === null) config.setAutomationCursor((db.prepare('SELECT coalesce(max(id), 0) FROM np_events').pluck().get() as number) ?? 0);

  /** The shop as mails name it: 設定 → ショップ情報 (settings.shop) when present, else the site name, the sender name, 当店. */
  function sender(): MailSender {
    const app = deps.appSettings.get() as { siteName?: string; shop?: unknown };
    const shop = ShopProfileSchema.safeParse(app.shop);
    const mail = config.settings();
    const profile = shop.success ? shop.data : null;
    return {
      shopName: profile?.name || app.siteName || mail.fromName || '当店',
      shopEmail: profile?.email || mail.fromAddress,
      shopTel: profile?.tel ?? '',
      signature: mail.signature,
    };
  }

  const messageId = (): string => {
    const domain = config.settings().fromAddress.split('@')[1] || 'atobarai-desk.localhost';
    return `<${randomUUID()}@${domain}>`;
  };

  function preview(templateId: MailTemplateId, orderId: number, draft?: Partial<TemplateText>): MailPreview {
    const order = orders.get(orderId);
    if (!order) return { to: '', subject: '', body: '', problems: [`受注（ID ${orderId}）が見つかりません。`], alreadySent: 0 };
    const template = config.template(templateId);
    const rendered = renderMail({ subject: draft?.subject ?? template.subject, body: draft?.body ?? template.body }, order, sender());
    return { ...rendered, alreadySent: outbox.countFor(orderId, templateId) };
  }

  /** Queues the template for each order (one transaction); per-order results in input order. */
  function queue(templateId: MailTemplateId, orderIds: readonly number[], opts: { resend: boolean; origin: 'manual' | 'auto' }): MailQueueResult[] {
    const template = config.template(templateId);
    const from = sender();
    const now = clock.now();
    const name = MAIL_TEMPLATE_NAMES[templateId];
    return db.transaction(() =>
      orderIds.map((orderId): MailQueueResult => {
        const order = orders.get(orderId);
        if (!order) return { orderId, orderNo: '', outcome: 'refused', mailId: null, message: `受注（ID ${orderId}）が見つかりません。` };
        const base = { orderId, orderNo: order.orderNo };
        const mail = renderMail(template, order, from);
        if (mail.problems.length) return { ...base, outcome: 'refused', mailId: null, message: mail.problems.join(' ') };
        const before = outbox.countFor(orderId, templateId);
        if (before > 0 && !opts.resend) {
          return { ...base, outcome: 'confirm', mailId: null, message: `「${name}」はこの受注に送信済み（または送信待ち）です。もう一度送りますか？` };
        }
        const mailId = outbox.insert({ orderId, templateId, origin: opts.origin, to: mail.to, subject: mail.subject, body: mail.body, messageId: messageId() }, now);
        return { ...base, outcome: 'queued', mailId, message: `「${name}」を送信待ちにしました（${mail.to}）。` };
      }),
    )();
  }

  /** テスト送信: a short mail to the given address through the same outbox and sender. */
  function queueTest(to: string): number {
    const s = sender();
    const body = [
      'Atobarai Desk（後払いデスク）からのテスト送信です。',
      'このメールが届いていれば、メールの送信設定は正しく動作しています。',
      '',
      s.signature,
    ].join('\n');
    return outbox.insert({ orderId: null, templateId: 'test', origin: 'test', to, subject: `【${s.shopName || '後払いデスク'}】テスト送信`, body, messageId: messageId() }, clock.now());
  }

  /** Staff chose to send a failed or 送信結果不明 mail again: the same text as a new row (new Message-ID). */
  function queueCopy(row: MailRow, at: number): number {
    const origin = row.origin === 'test' ? 'test' : 'manual';
    return outbox.insert({ orderId: row.order_id, templateId: row.template_id, origin, to: row.to_address, subject: row.subject, body: row.body, messageId: messageId() }, at);
  }

  return { config, outbox, sender, preview, queue, queueTest, queueCopy };
}
export type MailService = ReturnType<typeof createMailService>;
