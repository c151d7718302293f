/** Each /v1 endpoint's behaviour over HTTP: update, cancel, shipments (incl. wiz), payments/find, reregister. */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../electron/sandbox';
import { admin, adminTxns, buyer, call, fixedClock, np, registerItem, registerOne, sandbox } from './helpers';

const DAY = 24 * 60 * 60 * 1000;
let sb: RunningSandbox;
afterEach(() => sb?.stop());

// 2026-04-01 10:00 JST
const start = (rules = {}) => sandbox({ clock: fixedClock('2026-04-01T01:00:00Z'), rules });
const advance = (ms: number) => admin(sb, 'POST', '/clock', { advanceMs: ms });
const ship = (id: string, over: Record<string, unknown> = {}) => ({ np_transaction_id: id, pd_company_code: '50000', slip_no: 'A-123', ...over });

describe('PATCH /transactions/update', () => {
  it('keeps omitted fields, re-runs the decision and answers like register', async () => {
    sb = await start();
    const item = registerItem();
    const id = await registerOne(sb, item);
    // only dest_customer: a ship-to without building → hold RE015
    const r1 = await call.update(sb, [
      { np_transaction_id: id, dest_customer: { customer_name: '佐藤 花子', zip_code: '530-0001', address: '大阪府大阪市北区梅田1-1', tel: '06-1234-5678' } },
    ]);
    expect(r1.status).toBe(200);
    expect(r1.body.results).toEqual([
      {
        shop_transaction_id: item.shop_transaction_id,
        np_transaction_id: id,
        authori_result: '10',
        authori_hold: ['RE015'],
        authori_required_date: '2026-04-01T10:00:00+09:00',
      },
    ]);
    // an all-empty dest_customer means "ship to the buyer" again → OK
    const r2 = await call.update(sb, [{ np_transaction_id: id, dest_customer: { customer_name: '', zip_code: '', address: '', tel: '' } }]);
    expect(r2.body.results?.[0]?.authori_result).toBe('00');
    // a larger amount over the limit → NG001
    const r3 = await call.update(sb, [{ np_transaction_id: id, billed_amount: 60_000, goods: [{ goods_name: '高額商品', goods_price: 60_000, quantity: 1 }] }]);
    expect(r3.body.results?.[0]).toMatchObject({ authori_result: '20', authori_ng: 'NG001' });
    // and back down → OK again (update re-runs the decision even after NG)
    const r4 = await call.update(sb, [{ np_transaction_id: id, billed_amount: 5000, goods: [{ goods_name: '商品', goods_price: 5000, quantity: 1 }] }]);
    expect(r4.body.results?.[0]).toEqual({ shop_transaction_id: item.shop_transaction_id, np_transaction_id: id, authori_result: '00', authori_required_date: '2026-04-01T10:00:00+09:00' });
    expect((await adminTxns(sb)).find((t) => t.np_transaction_id === id)?.ops.update).toBe(4);
  });

  it('checks the amount rule against the merged transaction and reports field codes', async () => {
    sb = await start();
    const id = await registerOne(sb, { billed_amount: 5000 });
    const r = await call.update(sb, [{ np_transaction_id: id, billed_amount: 9000 }]);
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ codes: ['E0102004'], id }]);
    const bad = await call.update(sb, [{ np_transaction_id: id, customer: buyer({ tel: '03-1234', email: 'x' }) }]);
    expect(bad.body.errors).toEqual([{ codes: ['E0100067', 'E0100071'], id }]);
    const fmt = await call.update(sb, [{ np_transaction_id: 'abc', billed_amount: -1 }]);
    expect(fmt.body.errors).toEqual([{ codes: ['E0100003'], id: 'abc' }]);
  });

  it('accepts POST with X-HTTP-Method-Override: PATCH, and refuses plain POST/GET with 405', async () => {
    sb = await start();
    const id = await registerOne(sb);
    const viaPost = await np(sb, 'POST', '/transactions/cancel', { transactions: [{ np_transaction_id: id }] }, { headers: { 'X-HTTP-Method-Override': 'PATCH' } });
    expect(viaPost.status).toBe(200);
    expect((await np(sb, 'POST', '/transactions/update', { transactions: [{ np_transaction_id: id }] })).status).toBe(405);
    expect((await fetch(`${sb.url}/transactions`)).status).toBe(405);
    expect((await np(sb, 'POST', '/nope', { transactions: [] })).status).toBe(404);
  });
});

describe('POST /shipments', () => {
  it('reports a shipment and answers E0100115 the second time', async () => {
    sb = await start();
    const id = await registerOne(sb);
    const r = await call.shipments(sb, [ship(id)]);
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([{ np_transaction_id: id }]);
    expect((await call.shipments(sb, [ship(id)])).body.errors).toEqual([{ codes: ['E0100115'], id }]);
  });

  it('checks the carrier and slip after the state, all codes together', async () => {
    sb = await start();
    const id = await registerOne(sb);
    const r = await call.shipments(sb, [ship(id, { pd_company_code: '12345', slip_no: 'あいう' })]);
    expect(r.body.errors).toEqual([{ codes: ['E0100108', 'E0100110'], id }]);
    expect((await call.shipments(sb, [ship(id, { pd_company_code: '', slip_no: '' })])).body.errors?.[0]?.codes).toEqual(['E0100105', 'E0100109']);
    expect((await call.shipments(sb, [ship(id, { pd_company_code: 'ABCDE' })])).body.errors?.[0]?.codes).toEqual(['E0100106']);
    expect((await call.shipments(sb, [ship(id, { pd_company_code: '590' })])).body.errors?.[0]?.codes).toEqual(['E0100107']);
  });

  it('applies the wiz (03) bill_issued_date rules with the sandbox clock', async () => {
    sb = await start();
    const plain = await registerOne(sb);
    expect((await call.shipments(sb, [ship(plain, { bill_issued_date: '2026-04-01' })])).body.errors?.[0]?.codes).toEqual(['E0100143']);
    const wiz = await registerOne(sb, { settlement_type: '03' });
    expect((await call.shipments(sb, [ship(wiz)])).body.errors?.[0]?.codes).toEqual(['E0100111']);
    expect((await call.shipments(sb, [ship(wiz, { bill_issued_date: '20260401' })])).body.errors?.[0]?.codes).toEqual(['EPRO0109']);
    expect((await call.shipments(sb, [ship(wiz, { bill_issued_date: '2026-03-31' })])).body.errors?.[0]?.codes).toEqual(['E0100124']);
    await advance(12 * DAY); // today 2026-04-13
    expect((await call.shipments(sb, [ship(wiz, { bill_issued_date: '2026-04-02' })])).body.errors?.[0]?.codes).toEqual(['E0100126']);
    expect((await call.shipments(sb, [ship(wiz, { bill_issued_date: '2026-04-03' })])).status).toBe(200);
  });

  it('answers E0100114 when NP cancelled an unshipped transaction in time (autoCancelAfterMs) or via admin expire', async () => {
    sb = await start({ autoCancelAfterMs: 30 * DAY });
    const late = await registerOne(sb);
    const expired = await registerOne(sb);
    expect((await admin(sb, 'POST', `/transactions/${expired}/expire`)).status).toBe(200);
    expect((await call.shipments(sb, [ship(expired)])).body.errors).toEqual([{ codes: ['E0100114'], id: expired }]);
    await advance(30 * DAY);
    expect((await call.shipments(sb, [ship(late)])).body.errors).toEqual([{ codes: ['E0100114'], id: late }]);
  });
});

describe('POST /transactions/payments/find', () => {
  it('answers 10 until the payment delay has passed, then 20 with customer_payment_date', async () => {
    sb = await start({ paymentDelayMs: 5 * DAY });
    const id = await registerOne(sb);
    expect((await call.payments(sb, [id])).body.results).toEqual([{ np_transaction_id: id, payment_status: '10' }]);
    await call.shipments(sb, [ship(id)]);
    await advance(5 * DAY - 1000);
    expect((await call.payments(sb, [id])).body.results?.[0]?.payment_status).toBe('10');
    await advance(1000);
    expect((await call.payments(sb, [id])).body.results).toEqual([{ np_transaction_id: id, payment_status: '20', customer_payment_date: '2026-04-06' }]);
    // paid: cancel refused, credit released
    expect((await call.cancel(sb, [id])).body.errors).toEqual([{ codes: ['E0100118'], id }]);
    expect((await adminTxns(sb)).find((t) => t.np_transaction_id === id)).toMatchObject({ state: 'paid', payment_status: '20', ops: { paymentsFind: 3 } });
  });

  it('admin pay takes an optional date; null delay means only admin pays', async () => {
    sb = await start({ paymentDelayMs: null });
    const id = await registerOne(sb);
    expect((await admin(sb, 'POST', `/transactions/${id}/pay`)).status).toBe(409); // not shipped
    await call.shipments(sb, [ship(id)]);
    await advance(365 * DAY);
    expect((await call.payments(sb, [id])).body.results?.[0]?.payment_status).toBe('10');
    expect((await admin(sb, 'POST', `/transactions/${id}/pay`, { date: '2026-04-03' })).status).toBe(200);
    expect((await call.payments(sb, [id])).body.results?.[0]).toMatchObject({ payment_status: '20', customer_payment_date: '2026-04-03' });
    expect((await admin(sb, 'POST', `/transactions/${id}/pay`)).status).toBe(409); // already paid
    expect((await admin(sb, 'POST', '/transactions/26040199999/pay')).status).toBe(404);
  });
});

describe('POST /transactions/reregister', () => {
  async function shippedAndCancelled(amount = 5000): Promise<string> {
    const id = await registerOne(sb, { billed_amount: amount });
    await call.shipments(sb, [ship(id)]);
    await call.cancel(sb, [id]);
    return id;
  }
  const rr = (base: string, amount: number, over: Record<string, unknown> = {}) => ({
    base_np_transaction_id: base,
    shop_transaction_id: `R-${base}`,
    shop_order_date: '2026-04-01',
    billed_amount: amount,
    goods: [{ goods_name: '返品後の商品', goods_price: amount, quantity: 1 }],
    ...over,
  });

  it('re-registers a shipped, cancelled base from the next day: a new shipped transaction with the base’s buyer', async () => {
    sb = await start();
    const base = await shippedAndCancelled(5000);
    expect((await call.reregister(sb, [rr(base, 3000)])).body.errors).toEqual([{ codes: ['SBX0012'], id: base }]);
    await advance(DAY);
    const r = await call.reregister(sb, [rr(base, 3000)]);
    expect(r.status).toBe(200);
    const res = r.body.results?.[0];
    expect(res).toMatchObject({ base_np_transaction_id: base, shop_transaction_id: `R-${base}`, authori_result: '00', authori_required_date: '2026-04-02T10:00:00+09:00' });
    expect(res?.np_transaction_id).toMatch(/^260402\d{5}$/);
    const rows = await adminTxns(sb);
    expect(rows.find((t) => t.np_transaction_id === res?.np_transaction_id)).toMatchObject({ state: 'shipped', billed_amount: 3000 });
    expect(rows.find((t) => t.np_transaction_id === base)?.ops.reregister).toBe(1);
    // the new one is already shipped: a shipment report is refused, payments/find works
    const newId = String(res?.np_transaction_id);
    expect((await call.shipments(sb, [ship(newId)])).body.errors?.[0]?.codes).toEqual(['E0100115']);
    expect((await call.payments(sb, [newId])).body.results?.[0]?.payment_status).toBe('10');
    // same base again → E0131006
    expect((await call.reregister(sb, [rr(base, 3000)])).body.errors).toEqual([{ codes: ['E0131006'], id: base }]);
  });

  it('refuses an amount above the base (E0131010), a base not cancelled or not shipped (SBX0011), unknown bases (E0100113)', async () => {
    sb = await start();
    const base = await shippedAndCancelled(5000);
    const notCancelled = await registerOne(sb);
    await call.shipments(sb, [ship(notCancelled)]);
    const notShipped = await registerOne(sb);
    await call.cancel(sb, [notShipped]);
    await advance(DAY);
    const r = await call.reregister(sb, [rr(base, 6000), rr(notCancelled, 1000), rr(notShipped, 1000), rr('26040199999', 1000), rr(base, 4000, { base_np_transaction_id: undefined })]);
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([
      { codes: ['E0131010'], id: base },
      { codes: ['SBX0011'], id: notCancelled },
      { codes: ['SBX0011'], id: notShipped },
      { codes: ['E0100113'], id: '26040199999' },
      { codes: ['EPRO0105'] },
    ]);
  });

  it('limits a chain of re-registrations (E0131011)', async () => {
    sb = await start({ reregisterMaxCount: 2 });
    let base = await shippedAndCancelled(5000);
    for (let i = 0; i < 2; i++) {
      await advance(DAY);
      const r = await call.reregister(sb, [rr(base, 4000 - i * 1000)]);
      expect(r.status).toBe(200);
      base = String(r.body.results?.[0]?.np_transaction_id);
      await call.cancel(sb, [base]);
    }
    await advance(DAY);
    expect((await call.reregister(sb, [rr(base, 1000)])).body.errors).toEqual([{ codes: ['E0131011'], id: base }]);
  });
});

describe('register options', () => {
  it('accepts a reused shop_transaction_id by default (new id) and refuses an active one in strict mode (SBX0013)', async () => {
    sb = await start();
    const item = registerItem();
    const a = await registerOne(sb, item);
    const b = await registerOne(sb, item);
    expect(a).not.toBe(b);
    await sb.stop();
    sb = await start({ strictShopTransactionId: true });
    const first = await registerOne(sb, item);
    const again = await call.register(sb, [item]);
    expect(again.body.errors).toEqual([{ codes: ['SBX0013'], id: item.shop_transaction_id }]);
    await call.cancel(sb, [first]);
    expect((await call.register(sb, [item])).status).toBe(201);
  });

  it('checks the zip against the prefecture (E0100059) and the merchant’s email requirement (E0100068)', async () => {
    sb = await sandbox({ merchants: [{ merchantCode: 'akt1', spCode: 'sp', terminalId: '1000000001', requireEmail: true }] });
    const creds = { merchantCode: 'akt1', spCode: 'sp', terminalId: '1000000001' };
    const item = registerItem({ customer: buyer({ zip_code: '530-0001', email: undefined }) });
    const r = await np(sb, 'POST', '/transactions', { transactions: [item] }, { creds });
    expect(r.body.errors).toEqual([{ codes: ['E0100059', 'E0100068'], id: item.shop_transaction_id }]);
  });

  it('keeps merchants apart: another merchant’s id is unknown (E0100113)', async () => {
    const other = { merchantCode: 'akt2', spCode: 'sp2', terminalId: '1000000002' };
    const { DEMO_MERCHANT } = await import('../../../electron/sandbox');
    sb = await sandbox({ merchants: [DEMO_MERCHANT, other] });
    const id = await registerOne(sb);
    const r = await np(sb, 'POST', '/authorizations/find', { transactions: [{ np_transaction_id: id }] }, { creds: other });
    expect(r.body.errors).toEqual([{ codes: ['E0100113'], id }]);
  });
});
