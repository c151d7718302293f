/** The credit decision over HTTP: limit per buyer (normalised TEL), holds, markers, review (40), rules at run time. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_RULES, type RunningSandbox } from '../../../electron/sandbox';
import { admin, adminTxns, buyer, call, fixedClock, registerItem, registerOne, sandbox } from './helpers';

let sb: RunningSandbox;
afterEach(() => sb?.stop());
const start = (rules = {}) => sandbox({ clock: fixedClock('2026-04-01T01:00:00Z'), rules });

describe('credit limit (NG001)', () => {
  it('sums a buyer’s outstanding transactions by normalised TEL, within and across requests', async () => {
    sb = await start();
    const tel = '090-5555-0001';
    const r = await call.register(sb, [
      registerItem({ billed_amount: 30_000, customer: buyer({ tel }) }),
      registerItem({ billed_amount: 20_000, customer: buyer({ tel: '09055550001' }) }),
      registerItem({ billed_amount: 10_000, customer: buyer({ tel: '0905-555-0001' }) }),
      registerItem({ billed_amount: 10_000, customer: buyer() }), // someone else
    ]);
    expect(r.status).toBe(201);
    expect(r.body.results?.map((x) => [x.authori_result, x.authori_ng ?? null])).toEqual([
      ['00', null],
      ['00', null],
      ['20', 'NG001'],
      ['00', null],
    ]);
  });

  it('frees credit when a transaction is cancelled or paid, not while it is held', async () => {
    sb = await start();
    const tel = '080-7777-0002';
    const a = await registerOne(sb, { billed_amount: 50_000, customer: buyer({ tel }) });
    const held = await call.register(sb, [registerItem({ billed_amount: 5_001, customer: buyer({ tel, address: '東京都港区赤坂1-2-3' }) })]);
    expect(held.body.results?.[0]).toMatchObject({ authori_result: '20', authori_ng: 'NG001' });
    await call.cancel(sb, [a]);
    const after = await call.register(sb, [registerItem({ billed_amount: 40_000, customer: buyer({ tel, address: '東京都港区赤坂1-2-3' }) })]);
    expect(after.body.results?.[0]).toMatchObject({ authori_result: '10', authori_hold: ['RE009'] });
    // the held one still reserves 40,000
    const next = await call.register(sb, [registerItem({ billed_amount: 20_000, customer: buyer({ tel }) })]);
    expect(next.body.results?.[0]).toMatchObject({ authori_result: '20', authori_ng: 'NG001' });
    // paid frees it
    const heldId = String(after.body.results?.[0]?.np_transaction_id);
    await call.update(sb, [{ np_transaction_id: heldId, customer: buyer({ tel, address: '東京都港区赤坂1-2-3 赤坂ハイツ202' }) }]);
    await call.shipments(sb, [{ np_transaction_id: heldId, pd_company_code: '59010', slip_no: '1' }]);
    await admin(sb, 'POST', `/transactions/${heldId}/pay`);
    expect((await call.register(sb, [registerItem({ billed_amount: 55_000, customer: buyer({ tel }) })])).body.results?.[0]?.authori_result).toBe('00');
  });

  it('counts a payment made by the delay without anyone polling, and follows a TEL changed by update', async () => {
    sb = await start({ paymentDelayMs: 3 * 24 * 3600_000 });
    const tel = '070-1111-0003';
    const a = await registerOne(sb, { billed_amount: 50_000, customer: buyer({ tel }) });
    await call.shipments(sb, [{ np_transaction_id: a, pd_company_code: '59010', slip_no: '1' }]);
    const b = await registerOne(sb, { billed_amount: 5_001 }); // another buyer: OK
    const moved = await call.update(sb, [{ np_transaction_id: b, customer: buyer({ tel }) }]);
    expect(moved.body.results?.[0]).toMatchObject({ authori_result: '20', authori_ng: 'NG001' });
    await admin(sb, 'POST', '/clock', { advanceMs: 3 * 24 * 3600_000 });
    const again = await call.update(sb, [{ np_transaction_id: b, billed_amount: 5_001, goods: [{ goods_name: '商品', goods_price: 5_001, quantity: 1 }] }]);
    expect(again.body.results?.[0]?.authori_result).toBe('00');
  });

  it('uses the configured limit', async () => {
    sb = await start({ creditLimit: 10_000 });
    const r = await call.register(sb, [registerItem({ billed_amount: 10_001 })]);
    expect(r.body.results?.[0]).toMatchObject({ authori_result: '20', authori_ng: 'NG001' });
  });
});

describe('holds and NG markers', () => {
  it('answers 10 with RE009 / RE015 for addresses ending at the 番地, and 20 with the marker’s NG code', async () => {
    sb = await start();
    const r = await call.register(sb, [
      registerItem({ customer: buyer({ zip_code: '102-0083', address: '東京都千代田区麹町４－２－６' }) }),
      registerItem({ dest_customer: { customer_name: '佐藤 花子', zip_code: '530-0001', address: '大阪府大阪市北区梅田1-1', tel: '06-1234-5678' } }),
      registerItem({ customer: buyer({ customer_name: 'NGテスト 花子' }) }),
      registerItem({ customer: buyer({ company_name: '情報不備テスト商事' }) }),
    ]);
    expect(r.body.results?.map((x) => ({ r: x.authori_result, hold: x.authori_hold, ng: x.authori_ng }))).toEqual([
      { r: '10', hold: ['RE009'], ng: undefined },
      { r: '10', hold: ['RE015'], ng: undefined },
      { r: '20', hold: undefined, ng: 'NG999' },
      { r: '20', hold: undefined, ng: 'NG002' },
    ]);
  });

  it('changes rules at run time through POST /__sandbox/rules and restores them on reset', async () => {
    sb = await start();
    const set = await admin<{ holdMarkers: unknown[] }>(sb, 'POST', '/rules', { holdMarkers: [{ text: '私書箱', codes: ['RE026'] }], holdOnMissingBuilding: false });
    expect(set.status).toBe(200);
    const r = await call.register(sb, [registerItem({ customer: buyer({ address: '東京都港区赤坂1-2-3 私書箱12' }) }), registerItem({ customer: buyer({ address: '東京都港区赤坂1-2-3' }) })]);
    expect(r.body.results?.map((x) => x.authori_hold ?? x.authori_result)).toEqual([['RE026'], '00']);
    expect((await admin(sb, 'POST', '/rules', { creditLimit: 'lots' })).status).toBe(400);
    await admin(sb, 'POST', '/reset');
    expect((await admin<{ holdOnMissingBuilding: boolean }>(sb, 'GET', '/rules')).body.holdOnMissingBuilding).toBe(true);
  });
});

describe('review (40)', () => {
  it('answers 40 without a required date, then the final result after N finds', async () => {
    sb = await start({ reviewFinds: 2 });
    const item = registerItem({ customer: buyer({ customer_name: '審査テスト 一郎', address: '東京都港区赤坂1-2-3' }) });
    const r = await call.register(sb, [item]);
    const id = String(r.body.results?.[0]?.np_transaction_id);
    expect(r.body.results?.[0]).toEqual({ shop_transaction_id: item.shop_transaction_id, np_transaction_id: id, authori_result: '40' });
    expect((await call.authorizations(sb, [id])).body.results?.[0]?.authori_result).toBe('40');
    expect((await call.authorizations(sb, [id])).body.results?.[0]?.authori_result).toBe('40');
    const final = await call.authorizations(sb, [id]);
    expect(final.body.results?.[0]).toEqual({ np_transaction_id: id, authori_result: '10', authori_hold: ['RE009'], authori_required_date: '2026-04-01T10:00:00+09:00' });
    expect((await adminTxns(sb)).find((t) => t.np_transaction_id === id)?.ops.authorizationsFind).toBe(3);
  });

  it('becomes final after T seconds of the sandbox clock, dated when the review ended', async () => {
    sb = await start({ reviewSeconds: 120, reviewFinds: 100 });
    const id = await registerOne(sb, { customer: buyer({ customer_name: '審査テスト 二郎' }) });
    await admin(sb, 'POST', '/clock', { advanceMs: 119_000 });
    expect((await call.authorizations(sb, [id])).body.results?.[0]?.authori_result).toBe('40');
    await admin(sb, 'POST', '/clock', { advanceMs: 1_000 });
    expect((await call.authorizations(sb, [id])).body.results?.[0]).toMatchObject({ authori_result: '00', authori_required_date: '2026-04-01T10:02:00+09:00' });
  });

  it('can be decided at once through the admin prefix; shipments wait for it (E0100120)', async () => {
    sb = await start({ reviewFinds: 100, reviewSeconds: 3600 });
    const id = await registerOne(sb, { customer: buyer({ customer_name: '審査テスト 三郎' }) });
    expect((await call.shipments(sb, [{ np_transaction_id: id, pd_company_code: '59010', slip_no: '1' }])).body.errors?.[0]?.codes).toEqual(['E0100120']);
    expect((await admin(sb, 'POST', `/transactions/${id}/decide`)).status).toBe(200);
    expect((await call.shipments(sb, [{ np_transaction_id: id, pd_company_code: '59010', slip_no: '1' }])).status).toBe(200);
    expect((await admin(sb, 'POST', `/transactions/${id}/decide`)).status).toBe(409);
  });

  it('demo rules send a deterministic share of orders to review and NG, so every status appears', async () => {
    sb = await sandbox({ clock: fixedClock('2026-04-01T01:00:00Z'), rules: DEMO_RULES });
    const items = Array.from({ length: 200 }, (_, i) => registerItem({ shop_transaction_id: `DEMO-${i}`, customer: buyer({ tel: `0312${String(i).padStart(6, '0')}` }) }));
    const r = await call.register(sb, items);
    const counts: Record<string, number> = {};
    for (const x of r.body.results ?? []) counts[String(x.authori_result)] = (counts[String(x.authori_result)] ?? 0) + 1;
    expect(counts['40']).toBeGreaterThan(15);
    expect(counts['20']).toBeGreaterThan(3);
    expect(counts['00']).toBeGreaterThan(120);
    // the same ids give the same answers on a fresh sandbox
    const again = await sandbox({ clock: fixedClock('2026-04-01T01:00:00Z'), rules: DEMO_RULES });
    try {
      const r2 = await call.register(again, items);
      expect(r2.body.results?.map((x) => x.authori_result)).toEqual(r.body.results?.map((x) => x.authori_result));
    } finally {
      await again.stop();
    }
  });
});
