import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MERCHANT, type RunningSandbox } from '../../../electron/sandbox';
import { adminTxns, authHeaders, buyer, call, fixedClock, np, registerItem, sandbox } from './helpers';

let sb: RunningSandbox;
beforeAll(async () => {
  // 2026-04-01 23:30 UTC = 2026-04-02 08:30 JST: ids and dates follow Japan's calendar.
  sb = await sandbox({ clock: fixedClock('2026-04-01T23:30:00Z') });
});
afterAll(() => sb.stop());

describe('auth', () => {
  it('answers 401 without credentials', async () => {
    const res = await fetch(`${sb.url}/transactions`, { method: 'POST', body: '{"transactions":[]}' });
    expect(res.status).toBe(401);
  });

  it('answers 401 for a wrong SP code or an unknown merchant', async () => {
    expect((await np(sb, 'POST', '/authorizations/find', { transactions: [] }, { creds: { ...DEMO_MERCHANT, spCode: 'wrong' } })).status).toBe(401);
    expect((await np(sb, 'POST', '/authorizations/find', { transactions: [] }, { creds: { ...DEMO_MERCHANT, merchantCode: 'akt9' } })).status).toBe(401);
  });

  it('answers 403 for a wrong or missing terminal id', async () => {
    expect((await np(sb, 'POST', '/authorizations/find', { transactions: [] }, { creds: { ...DEMO_MERCHANT, terminalId: '1' } })).status).toBe(403);
    const headers = authHeaders();
    delete headers['X-NP-Terminal-Id'];
    const res = await fetch(`${sb.url}/authorizations/find`, { method: 'POST', headers, body: '{"transactions":[]}' });
    expect(res.status).toBe(403);
  });

  it('answers 400 EPRO0101 to valid credentials with no transactions (the credential check)', async () => {
    const r = await np(sb, 'POST', '/authorizations/find', { transactions: [] });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([{ codes: ['EPRO0101'] }]);
    const empty = await np(sb, 'POST', '/authorizations/find', '');
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.[0]?.codes).toEqual(['EPRO0101']);
  });
});

describe('register + authorizations/find', () => {
  it('registers with 201, an id of YYMMDD (JST) + 5-digit serial, and authori_required_date in +09:00', async () => {
    const item = registerItem();
    const r = await call.register(sb, [item]);
    expect(r.status).toBe(201);
    const res = r.body.results?.[0];
    expect(res).toMatchObject({ shop_transaction_id: item.shop_transaction_id, authori_result: '00' });
    expect(res?.np_transaction_id).toMatch(/^260402\d{5}$/);
    expect(res?.authori_required_date).toBe('2026-04-02T08:30:00+09:00');
    expect(r.body.errors).toBeUndefined();

    const second = await call.register(sb, [registerItem()]);
    const a = Number(String(res?.np_transaction_id).slice(6));
    const b = Number(String(second.body.results?.[0]?.np_transaction_id).slice(6));
    expect(b).toBe(a + 1);
  });

  it('finds the credit result of registered ids and E0100113 for unknown ones', async () => {
    const r = await call.register(sb, [registerItem()]);
    const id = String(r.body.results?.[0]?.np_transaction_id);
    const f = await call.authorizations(sb, [id, '26040299999']);
    expect(f.status).toBe(200);
    expect(f.body.results).toEqual([{ np_transaction_id: id, authori_result: '00', authori_required_date: '2026-04-02T08:30:00+09:00' }]);
    expect(f.body.errors).toEqual([{ codes: ['E0100113'], id: '26040299999' }]);
    const row = (await adminTxns(sb)).find((t) => t.np_transaction_id === id);
    expect(row?.ops).toMatchObject({ register: 1, authorizationsFind: 1 });
  });

  it('reports every code of an invalid item and answers 400 when nothing succeeded', async () => {
    const item = registerItem({ customer: buyer({ customer_name: '', zip_code: '１０７００５２', tel: '03-1234-567' }) });
    const r = await call.register(sb, [item]);
    expect(r.status).toBe(400);
    expect(r.body.results).toBeUndefined();
    expect(r.body.errors).toEqual([{ id: item.shop_transaction_id, codes: ['E0100048', 'E0100058', 'E0100067'] }]);
  });
});
