/** Envelope and batch rules over HTTP: 1–1000 items, mixed results/errors, duplicates, malformed bodies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../electron/sandbox';
import { adminTxns, authHeaders, buyer, call, np, registerItem, registerOne, sandbox } from './helpers';

let sb: RunningSandbox;
beforeAll(async () => {
  sb = await sandbox();
});
afterAll(() => sb.stop());

describe('envelope', () => {
  it('answers EPRO0101 for a missing, malformed or empty transactions array', async () => {
    for (const body of ['{}', '{"transactions":{}}', 'not json', '[]', '{"transactions":[]}']) {
      const r = await np(sb, 'POST', '/transactions', body);
      expect(r.status, body).toBe(400);
      expect(r.body, body).toEqual({ errors: [{ codes: ['EPRO0101'] }] });
    }
  });

  it('answers EPRO0102 above 1000 items and applies nothing', async () => {
    const before = (await adminTxns(sb)).length;
    const items = Array.from({ length: 1001 }, () => registerItem());
    const r = await call.register(sb, items);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ errors: [{ codes: ['EPRO0102'] }] });
    expect((await adminTxns(sb)).length).toBe(before);
  });

  it('reads UTF-8 JSON with Japanese unescaped, counting characters (not bytes) and answers JSON in UTF-8', async () => {
    const name = (n: number) => '髙'.repeat(n);
    const body = JSON.stringify({ transactions: [registerItem({ customer: buyer({ customer_name: name(21) }) }), registerItem({ customer: buyer({ customer_name: name(22) }) })] });
    const res = await fetch(`${sb.url}/transactions`, { method: 'POST', headers: authHeaders(), body: Buffer.from(body, 'utf8') });
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const json = (await res.json()) as { results: { authori_result: string; authori_hold?: string[] }[]; errors: { codes: string[] }[] };
    expect(res.status).toBe(201);
    expect(json.results[0]).toMatchObject({ authori_result: '10', authori_hold: ['RE003'] }); // 髙 is platform-dependent
    expect(json.errors[0]?.codes).toEqual(['E0100050']);
  });
});

describe('mixed batches', () => {
  it('processes valid items, reports invalid ones by shop_transaction_id, and answers 201 for register', async () => {
    const good1 = registerItem();
    const bad = registerItem({ billed_amount: 0 });
    const good2 = registerItem();
    const r = await call.register(sb, [good1, bad, good2]);
    expect(r.status).toBe(201);
    expect(r.body.results?.map((x) => x.shop_transaction_id)).toEqual([good1.shop_transaction_id, good2.shop_transaction_id]);
    expect(r.body.errors).toEqual([{ codes: ['SBX0005'], id: bad.shop_transaction_id }]);
  });

  it('answers 200 with results and errors for id-based operations; EPRO0105 has no id', async () => {
    const a = await registerOne(sb);
    const b = await registerOne(sb);
    const r = await np(sb, 'PATCH', '/transactions/cancel', {
      transactions: [{ np_transaction_id: a }, { np_transaction_id: '26049999999' }, {}, { np_transaction_id: b }, { np_transaction_id: 'ABC' }],
    });
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([{ np_transaction_id: a }, { np_transaction_id: b }]);
    expect(r.body.errors).toEqual([
      { codes: ['E0100113'], id: '26049999999' },
      { codes: ['EPRO0105'] },
      { codes: ['E0100003'], id: 'ABC' },
    ]);
  });

  it('refuses every occurrence of an id repeated in one request (EPRO0106) and still processes the others', async () => {
    const a = await registerOne(sb);
    const b = await registerOne(sb);
    const r = await call.authorizations(sb, [a, b, a]);
    expect(r.status).toBe(200);
    expect(r.body.results?.map((x) => x.np_transaction_id)).toEqual([b]);
    expect(r.body.errors).toEqual([
      { codes: ['EPRO0106'], id: a },
      { codes: ['EPRO0106'], id: a },
    ]);
    const rows = await adminTxns(sb);
    expect(rows.find((t) => t.np_transaction_id === a)?.ops.authorizationsFind).toBe(0);
  });
});

describe('1000-item batches', () => {
  it('registers 1000 items in one request with consecutive ids, then finds, ships and checks payments for all of them', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => registerItem({ customer: buyer({ tel: `03${String(20_000_000 + i)}` }) }));
    const r = await call.register(sb, items);
    expect(r.status).toBe(201);
    expect(r.body.errors).toBeUndefined();
    const ids = (r.body.results ?? []).map((x) => String(x.np_transaction_id));
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    const serials = ids.map((id) => Number(id.slice(6)));
    expect(serials.every((n, i) => i === 0 || n === (serials[i - 1] as number) + 1)).toBe(true);

    const f = await call.authorizations(sb, ids);
    expect(f.status).toBe(200);
    expect(f.body.results).toHaveLength(1000);
    expect(f.body.results?.every((x) => x.authori_result === '00')).toBe(true);

    const s = await call.shipments(sb, ids.map((id) => ({ np_transaction_id: id, pd_company_code: '59010', slip_no: `S${id}` })));
    expect(s.status).toBe(200);
    expect(s.body.results).toHaveLength(1000);

    const p = await call.payments(sb, ids);
    expect(p.body.results?.every((x) => x.payment_status === '10')).toBe(true);
  });
});
