/**
 * Automation through the core in demo mode (embedded NP sandbox, real SQLite, real SMTP on loopback): off by
 * default; when on, a sync that finds 審査NG queues the 審査NG mail and NP accepting a 出荷報告 queues
 * 発送のお知らせ — each once, whatever the next syncs find.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailRecord } from '../../../shared/mail/types';
import type { OrderSearchResult } from '../../../shared/search';
import type { OrderDetail } from '../../../shared/contract';
import { orderInputOf } from '../../../shared/order';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { call, ports, startTestSmtp, until, type TestSmtp } from './helpers';


describe('mail automation after syncs', () => {
  let smtp: TestSmtp;
  let core: AppCore;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    core = await createAppCore({
      dataDir: mkdtempSync(join(tmpdir(), 'core-mail-auto-')),
      secrets: createMemorySecretStore(),
      ports,
      transport: 'http',
      demoOrders: 150,
      log: silentLogger,
      mail: { smtpOverride: { host: smtp.host, port: smtp.port } },
    });
  });
  afterAll(async () => {
    await core.close();
    await smtp.stop();
  });

  const allMails = async (status: string[]) => {
    const page = await call<OrderSearchResult>(core, 'searchOrders', { npStatuses: status, limit: 500 });
    return (await Promise.all(page.rows.map((r) => call<MailRecord[]>(core, 'mailList', { orderId: r.id })))).flat();
  };

  it('is off by default: the first sync finds 審査NG and no mail goes out', async () => {
    const view = await call<{ settings: { autoShipped: boolean; autoAuthoriNg: boolean } }>(core, 'mailSettings');
    expect(view.settings).toMatchObject({ autoShipped: false, autoAuthoriNg: false });
    await call(core, 'startSync');
    const ng = await call<OrderSearchResult>(core, 'searchOrders', { npStatuses: ['ng'], limit: 1 });
    expect(ng.total).toBeGreaterThan(0);
    expect(await allMails(['ng'])).toEqual([]);
  });

  it('when on: 審査NG found by a sync gets the 審査NG mail, a 出荷報告 NP accepts gets 発送のお知らせ, each once', async () => {
    await call(core, 'mailSetSettings', { autoShipped: true, autoAuthoriNg: true, sendIntervalMs: 0 });
    // New NP orders are registered; the sandbox judges some of them 審査NG.
    const page = await call<OrderSearchResult>(core, 'searchOrders', { paymentMethods: ['np_atobarai'], limit: 200 });
    const template = await call<OrderDetail>(core, 'getOrder', { id: page.rows[0]!.id });
    const newIds: number[] = [];
    for (let i = 0; i < 60; i++) {
      const input = { ...orderInputOf(template.order), orderNo: `AUTO-${i}`, customer: { ...template.order.customer, email: `auto${i}@example.com`, tel: `0901234${String(i).padStart(4, '0')}` } };
      newIds.push((await call<OrderDetail>(core, 'createOrder', { order: input, registerWithNp: true })).order.id);
    }
    await call(core, 'startSync');
    const ngNow = await call<OrderSearchResult>(core, 'searchOrders', { npStatuses: ['ng'], limit: 500 });
    const newNg = ngNow.rows.filter((r) => newIds.includes(r.id));
    expect(newNg.length).toBeGreaterThan(0);
    const sentTo = async () => new Set((await allMails(['ng'])).filter((m) => m.state === 'sent').map((m) => m.orderId));
    await until(async () => {
      const sent = await sentTo();
      return newNg.every((r) => sent.has(r.id));
    }, 'NG mails sent');
    const ngMails = await allMails(['ng']);
    expect(ngMails.every((m) => m.templateId === 'authori_ng' && m.origin === 'auto')).toBe(true);
    for (const r of newNg) expect(ngMails.filter((m) => m.orderId === r.id), r.orderNo).toHaveLength(1);

    // 出荷報告 of an 審査OK order with a slip number.
    const ok = (await call<OrderSearchResult>(core, 'searchOrders', { npStatuses: ['ok'], limit: 50 })).rows;
    const target = ok[0]!;
    const detail = await call<OrderDetail>(core, 'getOrder', { id: target.id });
    await call(core, 'saveOrder', { id: target.id, order: { ...orderInputOf(detail.order), carrierCode: '59010', slipNo: '123456789012' }, npAction: null });
    await call(core, 'queueNpAction', { orderId: target.id, action: 'shipment', carrierCode: '59010', slipNo: '123456789012' });
    await call(core, 'startSync');
    await until(async () => (await call<MailRecord[]>(core, 'mailList', { orderId: target.id })).some((m) => m.state === 'sent'), '発送のお知らせ sent');
    const shipMail = await call<MailRecord[]>(core, 'mailList', { orderId: target.id });
    expect(shipMail).toHaveLength(1);
    expect(shipMail[0]).toMatchObject({ templateId: 'shipped', origin: 'auto' });
    expect(shipMail[0]!.body).toContain('https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=123456789012');

    // More syncs: orders already mailed are not mailed again (a demo order still under review may turn NG now).
    await call(core, 'startSync');
    await call(core, 'startSync');
    await new Promise((r) => setTimeout(r, 300));
    expect(await call<MailRecord[]>(core, 'mailList', { orderId: target.id })).toHaveLength(1);
    const after = await allMails(['ng']);
    expect(new Set(after.map((m) => m.orderId)).size).toBe(after.length);
    const ids = smtp.arrived.map((a) => a.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(after.length + 1);
  });
});
