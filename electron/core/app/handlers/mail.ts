/** メール: settings (write-only SMTP password), templates, preview, queueing, history, デモ受信箱 (docs/mail.md). */
import { ApiError } from '../../../../shared/api-result';
import type { Handlers } from '../../../../shared/contract';
import { MAIL_PLACEHOLDER_LIST, type MailTemplatesView } from '../../../../shared/mail/types';
import type { MailModule } from '../../mail';
import { toRecord } from '../../mail/outbox-store';
import type { CoreContext } from '../context';

type MailHandlers = Pick<
  Handlers,
  | 'mailSettings'
  | 'mailSetSettings'
  | 'mailSetPassword'
  | 'mailTestSend'
  | 'mailTemplates'
  | 'mailSaveTemplate'
  | 'mailResetTemplate'
  | 'mailPreview'
  | 'mailQueue'
  | 'mailList'
  | 'mailSummaries'
  | 'mailResolve'
  | 'mailInbox'
>;

const TEST_WAIT_MS = 20_000;

export function mailHandlers(ctx: CoreContext, mail: MailModule): MailHandlers {
  const templatesView = (): MailTemplatesView => ({ templates: mail.service().config.templates(), placeholders: MAIL_PLACEHOLDER_LIST });
  const notFound = (id: number) => new ApiError({ code: 'not_found', message: `メール（ID ${id}）が見つかりません。` });

  return {
    mailSettings: () => mail.view(),

    mailSetSettings: (patch) => {
      mail.service().config.setSettings(patch);
      mail.sender.kick();
      return mail.view();
    },

    mailSetPassword: async ({ password }) => {
      if (password === null || password === '') {
        await ctx.secrets.clearSecret('smtpPassword');
      } else {
        const unavailable = await ctx.secrets.unavailableReason();
        if (unavailable) throw new ApiError({ code: 'credentials', message: unavailable });
        await ctx.secrets.saveSecret('smtpPassword', password);
      }
      mail.sender.kick();
      return mail.view();
    },

    mailTestSend: async ({ to }) => {
      const service = mail.service();
      const id = service.queueTest(to);
      mail.sender.kick();
      const started = Date.now();
      const deadline = started + TEST_WAIT_MS;
      while (Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        const row = service.outbox.get(id);
        if (!row) break;
        if (row.state === 'sent') return { ok: true, message: `${to} にテストメールを送信しました（${mail.delivery().label}）。` };
        if (row.state === 'failed' || row.state === 'unknown') return { ok: false, message: row.last_error ?? '送信できませんでした。' };
        const waiting = mail.sender.waiting();
        if (row.state === 'queued' && waiting && (row.attempts > 0 || Date.now() - started > 1000)) return { ok: false, message: `${waiting}（テストメールは送信待ちです）` };
      }
      return { ok: false, message: 'テストメールはまだ送信待ちです。先に送信待ちのメールが送られています。メール履歴で結果を確認してください。' };
    },

    mailTemplates: () => templatesView(),

    mailSaveTemplate: ({ id, subject, body }) => {
      mail.service().config.saveTemplate(id, { subject, body });
      return templatesView();
    },

    mailResetTemplate: ({ id }) => {
      mail.service().config.resetTemplate(id);
      return templatesView();
    },

    mailPreview: ({ templateId, orderId, subject, body }) => mail.service().preview(templateId, orderId, { subject, body }),

    mailQueue: ({ templateId, orderIds, resend }) => {
      const results = mail.service().queue(templateId, orderIds, { resend, origin: 'manual' });
      const queued = results.filter((r) => r.outcome === 'queued');
      if (queued.length) {
        ctx.bus.emit('mailChanged', { orderIds: queued.map((r) => r.orderId) });
        mail.sender.kick();
      }
      return { results };
    },

    mailList: (input) => {
      const { outbox } = mail.service();
      const rows = 'orderId' in input ? outbox.byOrder(input.orderId) : outbox.byIds(input.ids);
      return rows.map(toRecord);
    },

    mailSummaries: ({ orderIds }) => mail.service().outbox.summaries(orderIds),

    mailResolve: ({ id, action }) => {
      const service = mail.service();
      const row = service.outbox.get(id);
      if (!row) throw notFound(id);
      const now = ctx.clock.now();
      if (action === 'delivered') {
        if (!service.outbox.markDelivered(id, now)) {
          throw new ApiError({ code: 'refused', message: '到着済みにできるのは送信結果不明のメールだけです。' });
        }
      } else {
        if (row.state !== 'failed' && row.state !== 'unknown') {
          throw new ApiError({ code: 'refused', message: '再送できるのは送信失敗・送信結果不明のメールだけです。' });
        }
        const copy = service.queueCopy(row, now);
        mail.sender.kick();
        ctx.bus.emit('mailChanged', { orderIds: row.order_id ? [row.order_id] : [] });
        return toRecord(service.outbox.get(copy)!);
      }
      ctx.bus.emit('mailChanged', { orderIds: row.order_id ? [row.order_id] : [] });
      return toRecord(service.outbox.get(id)!);
    },

    mailInbox: async () => {
      const server = await mail.demoServer();
      return server ? server.received().reverse().map(({ raw: _raw, envelopeTo: _to, ...m }) => m) : [];
    },
  };
}
