/**
 * NP's SP code and the SMTP password are secrets: no contract response, pushed event, log line or export may
 * carry them (the SMTP password is really used: a real SMTP server on loopback checks the login).
 * Every contract method is called (the test checks it missed none) against a core whose NP test
 * environment is a real sandbox holding a merchant with a known SP code.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_METHODS, type ContractMethod } from '../../../shared/contract-names';
import { orderInputOf, type Order } from '../../../shared/order';
import type { OrderSearchResult } from '../../../shared/search';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import type { Logger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { startSandbox, type RunningSandbox } from '../../../electron/sandbox';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

const SECRET = 'TOP-SECRET-SP-7731';
const MERCHANT = { merchantCode: 'akt9990001', spCode: SECRET, terminalId: '1234567890' };
const basicToken = Buffer.from(`${MERCHANT.merchantCode}:${SECRET}`).toString('base64');
const SMTP_SECRET = 'SMTP-PASS-4417-ひみつ';
const smtpPlain = Buffer.from(`\u0000shop-user\u0000${SMTP_SECRET}`).toString('base64');

describe('the SP code never leaves the main side', () => {
  let sandbox: RunningSandbox;
  let core: AppCore;
  let smtp: SMTPServer;
  const logins: string[] = [];
  const exportDir = mkdtempSync(join(tmpdir(), 'exports-'));
  const seen: string[] = [];
  const called = new Set<ContractMethod>();
  const log: Logger = {
    info: (m, d) => seen.push(`log ${m} ${JSON.stringify(d ?? null)}`),
    warn: (m, d) => seen.push(`log ${m} ${JSON.stringify(d ?? null)}`),
    error: (m, d) => seen.push(`log ${m} ${d instanceof Error ? d.stack : JSON.stringify(d ?? null)}`),
  };
  const call = async (method: ContractMethod, input?: unknown) => {
    called.add(method);
    const result = await core.dispatch(method, input);
    seen.push(`${method} ${JSON.stringify(result)}`);
    return result;
  };
  const value = async <T>(method: ContractMethod, input?: unknown): Promise<T> => {
    const r = await call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, merchants: [MERCHANT] });
    smtp = new SMTPServer({
      allowInsecureAuth: true,
      disableReverseLookup: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onAuth(auth, _session, cb) {
        logins.push(String(auth.password === SMTP_SECRET));
        return auth.password === SMTP_SECRET ? cb(null, { user: auth.username }) : cb(new Error('bad login'));
      },
      onData(stream, _session, cb) {
        stream.resume();
        stream.on('end', () => cb());
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    core = await createAppCore({
      dataDir: mkdtempSync(join(tmpdir(), 'core-secret-')),
      secrets: createMemorySecretStore(),
      transport: 'http',
      demoOrders: 40,
      log,
      npBaseUrls: { test: sandbox.url },
      ports: { exportTarget: async (name) => ({ path: join(exportDir, name), download: name }) },
    });
    core.subscribe((message) => seen.push(`event ${JSON.stringify(message)}`));
  });
  afterAll(async () => {
    await core.close();
    await sandbox.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('holds for every method, event, log line and export', async () => {
    const wrong = await call('setCredentials', { environment: 'test', ...MERCHANT, spCode: `${SECRET}-wrong` });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.error.code).toBe('credentials');
    await value('setCredentials', { environment: 'test', ...MERCHANT });
    const status = await value<{ test: { configured: boolean; merchantCodeMasked: string } }>('credentialsStatus');
    expect(status.test).toMatchObject({ configured: true, merchantCodeMasked: 'akt*****01' });
    await value('testConnection', { environment: 'test' });
    await value('setSettings', { environment: 'test' });
    await value('getSettings');
    await value('appInfo');

    const page = await value<OrderSearchResult>('searchOrders', { paymentMethods: ['np_atobarai'], limit: 5 });
    const id = page.rows[0]!.id;
    const detail = await value<{ order: Order }>('getOrder', { id });
    const input = orderInputOf(detail.order);
    await call('createOrder', { order: { ...input, orderNo: 'SECRET-TEST-1' }, registerWithNp: true });
    await value('startSync');
    await value('syncState');
    await call('saveOrder', { id, order: input, npAction: null });
    await call('planSave', { id, order: input });
    await call('queueNpAction', { orderId: id, action: 'cancel' });
    await call('queueNpBulk', { orderIds: page.rows.map((r) => r.id), action: 'cancel' });
    await call('attachNpTransactionId', { orderId: page.rows[1]!.id, npTransactionId: '26112899999' });
    await value('startSync');
    await value('npHistory', { orderId: id });
    await value('buyerOutstanding', { tel: '09012345678', amount: 1000 });

    await value('csvExport', { criteria: {}, kind: 'orders', encoding: 'utf8bom' });
    const csv = Buffer.from('注文番号,受注日,お名前,電話番号\r\n1,2026/11/01,山田 太郎,090-1234-5678\r\n', 'utf8').toString('base64');
    const file = { fileName: 'orders.csv', dataBase64: csv };
    const preview = await value<{ dataRows: number; stageId: string }>('csvImportStage', { file });
    expect(preview.dataRows).toBe(1);
    await value('csvImportPreview', { stageId: preview.stageId, mapping: { orderNo: [0] } });
    await call('csvImportCommit', { stageId: preview.stageId, mapping: {} });
    await value('csvImportCancel', { stageId: preview.stageId });
    await value('csvPresets');
    await call('csvSavePreset', { name: 'テスト', mapping: { orderNo: ['注文番号'] } });
    await value('csvShipmentsPreview', { file });
    await call('csvShipmentsApply', { file });
    // the day's work (issue 17)
    const ids = page.rows.map((r) => r.id);
    await value('workQueues');
    await value('markPaymentsSeen');
    await value('savedSearches');
    await value('saveSearch', { name: '保留', filters: { npStatuses: ['hold'] } });
    await value('deleteSavedSearch', { name: '保留' });
    const plan = await value<{ rows: { orderId: number }[] }>('planBulkShipment', { orderIds: ids });
    await value('shipOrdersBulk', { rows: plan.rows.map((r) => ({ orderId: r.orderId, carrierCode: '59010', slipNo: '1234', shippedOn: '2026-11-30' })) });
    await value('planBulkCancel', { orderIds: ids });
    await value('cancelOrdersBulk', { orderIds: ids });
    await value('setOrderStatusBulk', { orderIds: ids, status: 'new' });
    await value('npIdAttachCsv', { file: { fileName: 'np.csv', dataBase64: Buffer.from('NP取引ID,加盟店取引ID\r\n26113000001,1\r\n').toString('base64') }, apply: false });
    await value('npReregisterAmbiguous', { orderIds: [id], confirmedNotAtNp: true });
    await value('backupList');
    await value('backupWrite'); // a copy of the database: no secret in it either
    await call('backupRestore', { name: 'atobarai-20261130-120000000-daily.sqlite' });
    // メール: the password is stored, used for a real SMTP login, and never shown.
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    await value('mailSetSettings', { host: '127.0.0.1', port: smtpPort, security: 'none', user: 'shop-user', fromAddress: 'shop@example.jp', sendIntervalMs: 0 });
    await value('mailSetPassword', { password: SMTP_SECRET });
    expect(await value<{ passwordSet: boolean }>('mailSettings')).toMatchObject({ passwordSet: true });
    expect(await value<{ ok: boolean; message: string }>('mailTestSend', { to: 'owner@example.jp' })).toMatchObject({ ok: true });
    expect(logins).toContain('true');
    await value('mailTemplates');
    await call('mailSaveTemplate', { id: 'shipped', subject: '{{注文番号}}', body: '{{お名前}} 様' });
    await value('mailResetTemplate', { id: 'shipped' });
    await value('mailPreview', { templateId: 'order_received', orderId: id });
    const queued = await value<{ results: Array<{ mailId: number | null }> }>('mailQueue', { templateId: 'order_received', orderIds: [id], resend: true });
    await value('mailList', { orderId: id });
    await value('mailList', { ids: queued.results.flatMap((r) => (r.mailId ? [r.mailId] : [])) });
    await value('mailSummaries', { orderIds: [id] });
    await call('mailResolve', { id: queued.results[0]?.mailId ?? 1, action: 'delivered' });
    await value('mailInbox');
    // 帳票 (issue 11)
    await value('deliveryNotes', { orderIds: [id] });
    await value('outputDeliveryNotes', { orderIds: [id], output: 'pdf' });
    await value('markDeliveryNotesPrinted', { orderIds: [id] });
    await value('carrierCsvExport', { orderIds: [id], carrier: 'b2cloud' });
    await call('demoReset');
    await call('lookupZip', { zip: '1070052' });
    await value('clearCredentials', { environment: 'test' });

    expect(CONTRACT_METHODS.filter((m) => !called.has(m))).toEqual([]);
    const exported = readdirSync(exportDir).map((f) => readFileSync(join(exportDir, f), 'utf8'));
    expect(exported.length).toBeGreaterThan(0);
    const everything = [...seen, ...exported].join('\n');
    expect(everything).toContain('akt*****01'); // the scan is reading real output
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(basicToken);
    expect(everything).not.toContain(SMTP_SECRET);
    expect(everything).not.toContain(smtpPlain);
  });
});
