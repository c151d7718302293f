/**
 * Mail through the contract, over real SMTP: a core whose mail goes to a real smtp-server on loopback, every
 * mail parsed back with mailparser. Headers and Japanese MIME words (UTF-8 and ISO-2022-JP), placeholders filled,
 * tracking URL, the resend question, nothing sent twice, 5xx refusals kept, unknown placeholders refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api-result';
import type { OrderDetail } from '../../../shared/contract';
import type { MailPreview, MailQueueResult, MailRecord, MailSettingsView, MailSummary, MailTemplatesView } from '../../../shared/mail/types';
import type { Order } from '../../../shared/order';
import type { OrderSearchResult } from '../../../shared/search';
import { trackingUrl } from '../../../shared/mail/tracking';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { call, ports, startTestSmtp, until, type TestSmtp } from './helpers';



describe('mail over SMTP to a loopback server', () => {
  let smtp: TestSmtp;
  let core: AppCore;
  let shipped: Order[];
  let others: Order[];

  beforeAll(async () => {
    smtp = await startTestSmtp({ rejectRcpt: (a) => (a.startsWith('nobody@') ? 'No such user here' : null) });
    core = await createAppCore({
      dataDir: mkdtempSync(join(tmpdir(), 'core-mail-')),
      secrets: createMemorySecretStore(),
      ports,
      transport: 'http',
      demoOrders: 120,
      log: silentLogger,
      mail: { smtpOverride: { host: smtp.host, port: smtp.port }, offlineRetryMs: 100 },
    });
    await call(core, 'setSettings', { siteName: 'やまと茶舗' });
    await call(core, 'mailSetSettings', { fromName: '株式会社やまと茶舗 通販係', fromAddress: 'shop@yamato-cha.example.jp', signature: '――\nやまと茶舗\nTEL 03-1234-5678', sendIntervalMs: 0 });
    const page = await call<OrderSearchResult>(core, 'searchOrders', { statuses: ['shipped'], limit: 100 });
    const details = await Promise.all(page.rows.map((r) => call<OrderDetail>(core, 'getOrder', { id: r.id })));
    const orders = details.map((d) => d.order).filter((o) => o.customer.email && o.slipNo && o.carrierCode);
    shipped = orders.filter((o) => trackingUrl(o.carrierCode, o.slipNo)).slice(0, 3);
    others = orders.filter((o) => !shipped.includes(o));
    expect(shipped).toHaveLength(3);
  });
  afterAll(async () => {
    await core.close();
    await smtp.stop();
  });

  const mailsOf = (orderId: number) => call<MailRecord[]>(core, 'mailList', { orderId });
  const settled = (ids: number[]) =>
    until(async () => (await call<MailRecord[]>(core, 'mailList', { ids })).every((m) => m.state !== 'queued' && m.state !== 'sending'), 'mails settled');

  it('sends 発送のお知らせ with the order filled in, the tracking URL and the Japanese subject and sender MIME-encoded (UTF-8)', async () => {
    const { results } = await call<{ results: MailQueueResult[] }>(core, 'mailQueue', { templateId: 'shipped', orderIds: shipped.map((o) => o.id), resend: false });
    expect(results.map((r) => r.outcome)).toEqual(['queued', 'queued', 'queued']);
    await smtp.waitFor(3);
    await settled(results.map((r) => r.mailId!));
    for (const order of shipped) {
      const got = smtp.arrived.find((a) => a.rcptTo.includes(order.customer.email.toLowerCase()) || a.rcptTo.includes(order.customer.email));
      expect(got, order.orderNo).toBeDefined();
      const { parsed, headers } = got!;
      expect(parsed.subject).toBe(`【やまと茶舗】商品発送のお知らせ（注文番号：${order.orderNo}）`);
      expect(headers).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/mu);
      expect(headers).toMatch(/^From: =\?UTF-8\?[BQ]\?/mu);
      expect(parsed.from?.value[0]).toEqual({ name: '株式会社やまと茶舗 通販係', address: 'shop@yamato-cha.example.jp' });
      expect(parsed.messageId).toMatch(/@yamato-cha\.example\.jp>?$/u);
      const text = parsed.text!;
      expect(text).toContain(`${order.customer.name} 様`);
      expect(text).toContain(order.slipNo);
      expect(text).toContain(trackingUrl(order.carrierCode, order.slipNo)!);
      expect(text).toContain(`${order.total.toLocaleString('ja-JP')}円`);
      expect(text).toContain(order.lines[0]!.name);
      expect(text).toContain('TEL 03-1234-5678');
      expect(text).not.toMatch(/\{\{|\}\}/u);
      const history = await mailsOf(order.id);
      expect(history[0]).toMatchObject({ state: 'sent', templateName: '発送のお知らせ', subject: parsed.subject });
    }
    const summaries = await call<MailSummary[]>(core, 'mailSummaries', { orderIds: shipped.map((o) => o.id) });
    expect(summaries.every((s) => s.last?.state === 'sent' && s.last.templateName === '発送のお知らせ' && s.problems === 0)).toBe(true);
  });

  it('asks before sending the same template to the same order again, and sends each queued mail exactly once', async () => {
    const again = await call<{ results: MailQueueResult[] }>(core, 'mailQueue', { templateId: 'shipped', orderIds: [shipped[0]!.id], resend: false });
    expect(again.results[0]).toMatchObject({ outcome: 'confirm', mailId: null });
    expect(await mailsOf(shipped[0]!.id)).toHaveLength(1);
    const agreed = await call<{ results: MailQueueResult[] }>(core, 'mailQueue', { templateId: 'shipped', orderIds: [shipped[0]!.id], resend: true });
    expect(agreed.results[0]!.outcome).toBe('queued');
    await smtp.waitFor(4);
    await settled([agreed.results[0]!.mailId!]);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.arrived).toHaveLength(4);
    const ids = smtp.arrived.map((a) => a.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes ISO-2022-JP when chosen: charset, 7bit body and ISO-2022-JP encoded-words that decode back', async () => {
    await call(core, 'mailSetSettings', { encoding: 'iso2022jp' });
    const order = others[0]!;
    const before = smtp.arrived.length;
    const { results } = await call<{ results: MailQueueResult[] }>(core, 'mailQueue', { templateId: 'order_received', orderIds: [order.id], resend: false });
    const [got] = (await smtp.waitFor(before + 1)).slice(before);
    await settled([results[0]!.mailId!]);
    expect(got!.headers).toMatch(/^Subject: =\?ISO-2022-JP\?B\?/mu);
    expect(got!.headers).toMatch(/^From: =\?ISO-2022-JP\?B\?/mu);
    expect(got!.headers).toMatch(/charset=ISO-2022-JP/iu);
    expect(got!.headers).toMatch(/^Content-Transfer-Encoding: 7bit/mu);
    expect(got!.raw.every((b) => b < 0x80)).toBe(true);
    expect(got!.parsed.subject).toBe(`【やまと茶舗】ご注文ありがとうございます（注文番号：${order.orderNo}）`);
    expect(got!.parsed.from?.value[0]?.name).toBe('株式会社やまと茶舗 通販係');
    expect(got!.parsed.text).toContain(`${order.customer.name} 様`);
    expect(got!.parsed.text).toContain('以下の内容でご注文を承りました。');
    await call(core, 'mailSetSettings', { encoding: 'utf8' });
  });

  it('sends a blind copy to the shop when BCC is set: in the envelope only, never in the headers', async () => {
    await call(core, 'mailSetSettings', { bcc: 'copy@yamato-cha.example.jp' });
    const order = others[3]!;
    const before = smtp.arrived.length;
    const { results } = await call<{ results: MailQueueResult[] }>(core, 'mailQueue', { templateId: 'order_received', orderIds: [order.id], resend: false });
    const [got] = (await smtp.waitFor(before + 1)).slice(before);
    await settled([results[0]!.mailId!]);
    expect(got!.rcptTo).toEqual([order.customer.email, 'copy@yamato-cha.example.jp']);
    expect(got!.headers).not.toMatch(/^Bcc:/imu);
    expect(got!.parsed.to).toMatchObject({ text: order.customer.email });
    await call(core, 'mailSetSettings', { bcc: '' });
  });

  it('keeps the server\'s answer when it refuses a recipient (送信失敗), and refuses orders the mail cannot be made for', async () => {
    const order = others[1]!;
    const detail = await call<OrderDetail>(core, 'getOrder', { id: order.id });
    const { orderInputOf } = await import('../../../shared/order');
    await call(core, 'saveOrder', { id: order.id, order: { ...orderInputOf(detail.order), customer: { ...detail.order.customer, email: 'nobody@example.com' } }, npAction: null });
    const { results } = await call<{ results: MailQueueResult[] }>(core, 'mailQueue', { templateId: 'order_received', orderIds: [order.id], resend: false });
    await settled([results[0]!.mailId!]);
    const [mail] = await mailsOf(order.id);
    expect(mail!.state).toBe('failed');
    expect(mail!.lastError).toContain('No such user here');
    expect((await call<MailSummary[]>(core, 'mailSummaries', { orderIds: [order.id] }))[0]!.problems).toBe(1);

    const noSlip = others[2]!;
    const d2 = await call<OrderDetail>(core, 'getOrder', { id: noSlip.id });
    await call(core, 'saveOrder', { id: noSlip.id, order: { ...orderInputOf(d2.order), slipNo: '' }, npAction: null });
    const refused = await call<{ results: MailQueueResult[] }>(core, 'mailQueue', { templateId: 'shipped', orderIds: [noSlip.id], resend: false });
    expect(refused.results[0]).toMatchObject({ outcome: 'refused' });
    expect(refused.results[0]!.message).toContain('配送伝票番号が未入力');
    expect(await mailsOf(noSlip.id)).toHaveLength(0);
  });

  it('previews a template (and an unsaved draft) on a real order exactly as it is sent', async () => {
    const order = shipped[1]!;
    const preview = await call<MailPreview>(core, 'mailPreview', { templateId: 'shipped', orderId: order.id });
    const [sent] = await mailsOf(order.id);
    expect(preview).toMatchObject({ to: order.customer.email, subject: sent!.subject, body: sent!.body, problems: [], alreadySent: 1 });
    const draft = await call<MailPreview>(core, 'mailPreview', { templateId: 'shipped', orderId: order.id, subject: '{{お名前}}様 {{注文番号}}' });
    expect(draft.subject).toBe(`${order.customer.name}様 ${order.orderNo}`);
  });

  it('refuses to save a template with an unknown placeholder, naming it, and keeps the old text', async () => {
    const before = await call<MailTemplatesView>(core, 'mailTemplates');
    const r = (await core.dispatch('mailSaveTemplate', { id: 'shipped', subject: '発送しました', body: '{{お名前様}} へ' })) as ApiResult<unknown>;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.message).toContain('{{お名前様}}');
    expect(await call<MailTemplatesView>(core, 'mailTemplates')).toEqual(before);
    const saved = await call<MailTemplatesView>(core, 'mailSaveTemplate', { id: 'shipped', subject: '{{ショップ名}}より発送のお知らせ', body: '{{お名前}} 様\n{{配送状況URL}}' });
    expect(saved.templates.find((t) => t.id === 'shipped')).toMatchObject({ subject: '{{ショップ名}}より発送のお知らせ', isDefault: false });
    const reset = await call<MailTemplatesView>(core, 'mailResetTemplate', { id: 'shipped' });
    expect(reset.templates.find((t) => t.id === 'shipped')!.isDefault).toBe(true);
  });

  it('テスト送信 waits for the server and reports it; the view never carries a password', async () => {
    const before = smtp.arrived.length;
    const r = await call<{ ok: boolean; message: string }>(core, 'mailTestSend', { to: 'owner@yamato-cha.example.jp' });
    expect(r.ok).toBe(true);
    const [got] = (await smtp.waitFor(before + 1)).slice(before);
    expect(got!.parsed.subject).toBe('【やまと茶舗】テスト送信');
    await call(core, 'mailSetPassword', { password: 'hunter2-secret' });
    const view = await call<MailSettingsView>(core, 'mailSettings');
    expect(view.passwordSet).toBe(true);
    expect(JSON.stringify(view)).not.toContain('hunter2-secret');
    expect(view.delivery.kind).toBe('override');
  });
});
