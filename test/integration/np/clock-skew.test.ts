/**
 * Clock skew (docs/sync.md): the desktop an hour behind NP around midnight JST. NP registered the 同梱 (wiz)
 * transaction on its own new day; a 請求書発行日 from the desktop's clock would be the day before (E0100124).
 * The client reads NP's clock from the Date header, the 出荷報告 takes NP's day, and NP accepts it.
 * The sandbox's clock is moved through its admin prefix; its Date header follows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderDetail } from '../../../shared/contract';
import type { SyncSummary } from '../../../shared/sync';
import { toJstDate } from '../../../shared/jst-date';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';
import { createNpClock, durationLabel } from '../../../electron/core/np/server-clock';
import { DEMO_MERCHANT } from '../../../electron/sandbox';
import { npOrder, startTestSandbox, tempDir, type TestSandbox } from './helpers';
import { callCore } from '../../helpers/core-call';

const HOUR = 3_600_000;
const NP_NOW = Date.parse('2026-12-01T00:30:00+09:00'); // NP: just after midnight in Japan

const call = callCore;

describe('a desktop clock an hour behind NP around midnight JST', () => {
  const tmp = tempDir('atobarai-clock-');
  let t: TestSandbox;
  let core: AppCore;
  let offset = 0;
  // The desktop: an hour behind the sandbox's clock.
  const startCore = () =>
    createAppCore({
      dataDir: tmp.dir,
      secrets: createMemorySecretStore(),
      ports: { exportTarget: async () => null },
      transport: 'http',
      log: silentLogger,
      clock: { now: () => Date.now() + offset - HOUR },
      sandboxTarget: { url: t.sb.url, credentials: { ...DEMO_MERCHANT } },
    });
  beforeAll(async () => {
    t = await startTestSandbox();
    const res = await fetch(`${t.sb.adminUrl}/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ set: new Date(NP_NOW).toISOString() }) });
    expect(res.ok).toBe(true);
    offset = NP_NOW - Date.now(); // the sandbox clock runs on from NP_NOW; the desktop stays an hour behind it
    core = await startCore();
  });
  afterAll(async () => {
    await core.close();
    await t.stop();
    tmp.cleanup();
  });

  it('reports a 同梱 shipment with NP’s day as 請求書発行日, and NP accepts it', async () => {
    const created = await call<OrderDetail>(core, 'createOrder', { order: { ...npOrder(1), invoiceType: 'bundled' }, registerWithNp: true });
    const registered = await call<SyncSummary>(core, 'startSync');
    expect(registered.sent).toBe(1);
    const [txn] = await t.admin.transactions();
    expect(txn!.settlement_type).toBe('03');
    expect(toJstDate(Date.now() + offset - HOUR)).toBe('2026-11-30'); // the desktop still thinks it is yesterday

    await call(core, 'queueNpAction', { orderId: created.order.id, action: 'shipment', carrierCode: '50000', slipNo: '1234-5678-9012' });
    const shipped = await call<SyncSummary>(core, 'startSync');
    expect(shipped.failed).toBe(0);
    expect(shipped.sent).toBe(1);
    const history = await call<Array<{ kind: string; action: string | null; body: unknown }>>(core, 'npHistory', { orderId: created.order.id });
    const request = history.find((h) => h.kind === 'request' && h.action === 'shipment');
    expect(JSON.stringify(request)).toContain('"bill_issued_date":"2026-12-01"');
    expect((await t.admin.transactions())[0]!.state).toBe('shipped');
  });

  it('a shipment queued before any answer of NP in this session is refused once, then re-queued with NP’s day', async () => {
    const created = await call<OrderDetail>(core, 'createOrder', { order: { ...npOrder(2), invoiceType: 'bundled' }, registerWithNp: true });
    expect((await call<SyncSummary>(core, 'startSync')).sent).toBe(1);
    // A new session: NP's clock is not known until its first answer.
    await core.close();
    core = await startCore();
    const ship = { orderId: created.order.id, action: 'shipment', carrierCode: '50000', slipNo: '2234-5678-9012' };
    await call(core, 'queueNpAction', ship);
    const refused = await call<SyncSummary>(core, 'startSync');
    expect(refused.failed).toBe(1); // E0100124: the desktop's day is before NP's registration day
    const detail = await call<OrderDetail>(core, 'getOrder', { id: created.order.id });
    expect(detail.np?.errors.map((e) => e.code)).toContain('E0100124');
    await call(core, 'queueNpAction', ship); // NP's answer taught the client NP's clock
    const again = await call<SyncSummary>(core, 'startSync');
    expect(again.failed).toBe(0);
    expect(again.sent).toBe(1);
  });

  it('says by how much the computer’s clock is off', () => {
    const clock = createNpClock({ now: () => 0 }, () => HOUR + 5 * 60_000);
    expect(clock.skewNote()).toContain('約1時間5分遅れています');
    expect(clock.now()).toBe(HOUR + 5 * 60_000);
    expect(createNpClock({ now: () => 0 }, () => -12 * 60_000).skewNote()).toContain('約12分進んでいます');
    expect(createNpClock({ now: () => 0 }, () => 20_000).skewNote()).toBeNull(); // within tolerance
    expect(createNpClock({ now: () => 0 }, () => 20_000).now()).toBe(0);
    expect(createNpClock({ now: () => 5 }, () => null).now()).toBe(5);
    expect(durationLabel(2 * HOUR)).toBe('2時間');
  });
});
