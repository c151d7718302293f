/**
 * The NP client against the real sandbox over loopback (and, for answers the sandbox never gives, a tiny local
 * HTTP server): typed results, mixed batches, every failure kind as an NpClientError, credentials never leaked.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NpClientError, createNpClient } from '../../../electron/core/np/client';
import { toRegisterItem } from '../../../shared/np/mapping';
import { DEMO_MERCHANT } from '../../../electron/sandbox';
import type { NpRegisterItem } from '../../../shared/np/api-types';
import type { Order } from '../../../shared/order';
import { orderTotal } from '../../../shared/order';
import { npOrder, startTestSandbox, testClient, type TestSandbox } from './helpers';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t.stop();
});
beforeEach(async () => {
  await t.admin.reset();
});

function registerItem(i: number, marker = ''): NpRegisterItem {
  const input = npOrder(i, {}, marker);
  const order: Order = { ...input, id: i, total: orderTotal(input), createdAt: 0, updatedAt: 0 };
  return toRegisterItem(order);
}

async function failure(p: Promise<unknown>): Promise<NpClientError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(NpClientError);
    return e as NpClientError;
  }
  throw new Error('expected a failure');
}

/** Whatever an error shows (message, JSON, inspect, stack) never contains the SP code or the Basic header. */
function expectNoSecrets(e: unknown, spCode: string, merchantCode: string): void {
  const basic = Buffer.from(`${merchantCode}:${spCode}`).toString('base64');
  const text = [String(e), JSON.stringify(e), inspect(e, { depth: 10, showHidden: true }), (e as Error).stack ?? ''].join('\n');
  expect(text).not.toContain(spCode);
  expect(text).not.toContain(basic);
}

describe('NP client against the sandbox', () => {
  it('registers, then finds, with typed results', async () => {
    const client = testClient(t.sb);
    const answer = await client.register([registerItem(1), registerItem(2, '審査テスト')]);
    expect(answer.httpStatus).toBe(201);
    expect(answer.errors).toEqual([]);
    expect(answer.results.map((r) => [r.shop_transaction_id, r.authori_result])).toEqual([
      ['T000001', '00'],
      ['T000002', '40'],
    ]);
    const ids = answer.results.map((r) => ({ np_transaction_id: r.np_transaction_id }));
    for (const r of answer.results) expect(r.np_transaction_id).toMatch(/^\d{11}$/);
    const found = await client.authorizationsFind(ids);
    expect(found.results.map((r) => r.np_transaction_id)).toEqual(ids.map((i) => i.np_transaction_id));
    const listed = await t.admin.transactions();
    expect(listed.map((x) => x.shop_transaction_id).sort()).toEqual(['T000001', 'T000002']);
  });

  it('returns a mixed batch as results plus errors, and an all-refused batch (HTTP 400) as errors', async () => {
    const client = testClient(t.sb);
    const bad = { ...registerItem(4), customer: { ...registerItem(4).customer, tel: '03-1234' } };
    const mixed = await client.register([registerItem(3), bad]);
    expect(mixed.results.map((r) => r.shop_transaction_id)).toEqual(['T000003']);
    expect(mixed.errors).toEqual([{ id: 'T000004', codes: expect.arrayContaining(['E0100067']) }]);
    const refused = await client.register([bad]);
    expect(refused.httpStatus).toBe(400);
    expect(refused.results).toEqual([]);
    expect(refused.errors[0]?.id).toBe('T000004');
    const unknown = await client.cancel([{ np_transaction_id: '99999999999' }]);
    expect(unknown.errors).toEqual([{ id: '99999999999', codes: ['E0100113'] }]);
  });

  it('runs every endpoint with its method (update and cancel are PATCH)', async () => {
    const client = testClient(t.sb);
    const [reg] = (await client.register([registerItem(5)])).results;
    const id = reg!.np_transaction_id;
    const upd = await client.update([{ np_transaction_id: id, billed_amount: 4000, goods: [{ goods_name: '調整', goods_price: 4000, quantity: 1 }] }]);
    expect(upd.results[0]).toMatchObject({ np_transaction_id: id, authori_result: '00' });
    const ship = await client.shipments([{ np_transaction_id: id, pd_company_code: '50000', slip_no: '1234-5678' }]);
    expect(ship.results).toEqual([{ np_transaction_id: id }]);
    await t.admin.pay(id, '2026-11-20');
    const pay = await client.paymentsFind([{ np_transaction_id: id }]);
    expect(pay.results).toEqual([{ np_transaction_id: id, payment_status: '20', customer_payment_date: '2026-11-20' }]);
    const cancel = await client.cancel([{ np_transaction_id: id }]);
    expect(cancel.errors).toEqual([{ id, codes: ['E0100118'] }]);
    const rereg = await client.reregister([
      { base_np_transaction_id: id, shop_transaction_id: 'T000005', shop_order_date: '2026-11-01', billed_amount: 100, goods: [{ goods_name: 'x', goods_price: 100, quantity: 1 }] },
    ]);
    expect(rereg.errors[0]?.id).toBe(id);
  });

  it('tells 401 (merchant / SP code) and 403 (terminal id) apart, without leaking the SP code', async () => {
    const badSp = 'wrong-sp-code-XYZ';
    const noAuth = testClient(t.sb, { credentials: { ...DEMO_MERCHANT, spCode: badSp } });
    const e401 = await failure(noAuth.authorizationsFind([{ np_transaction_id: '26110100001' }]));
    expect(e401.kind).toBe('auth');
    expect(e401.httpStatus).toBe(401);
    expect(e401.credentialsProblem).toBe(true);
    expect(e401.mayHaveReachedNp).toBe(false);
    expect(e401.localCode).toBe('LOCAL_AUTH');
    expect(e401.userMessage).toMatch(/SPコード/);
    expectNoSecrets(e401, badSp, DEMO_MERCHANT.merchantCode);

    const wrongTerminal = testClient(t.sb, { credentials: { ...DEMO_MERCHANT, terminalId: '1111111111' } });
    const e403 = await failure(wrongTerminal.register([registerItem(6)]));
    expect(e403.kind).toBe('forbidden');
    expect(e403.httpStatus).toBe(403);
    expect(e403.localCode).toBe('LOCAL_FORBIDDEN');
    expectNoSecrets(e403, DEMO_MERCHANT.spCode, DEMO_MERCHANT.merchantCode);
    expect(await t.admin.transactions()).toEqual([]);
  });

  it('verifies credentials with an empty find: ok, 401 and 403', async () => {
    expect(await testClient(t.sb).verifyCredentials()).toEqual({ ok: true });
    const bad = await testClient(t.sb, { credentials: { ...DEMO_MERCHANT, spCode: 'nope' } }).verifyCredentials();
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.kind).toBe('auth');
    const forbidden = await testClient(t.sb, { credentials: { ...DEMO_MERCHANT, terminalId: '0000000000' } }).verifyCredentials();
    expect(!forbidden.ok && forbidden.error.kind).toBe('forbidden');
  });

  it('classifies 5xx, timeouts, dropped connections and refused connections', async () => {
    const client = testClient(t.sb, { timeoutMs: 300 });
    await t.admin.faults({ script: ['503', '500', 'timeout', 'drop'] });
    const e503 = await failure(client.register([registerItem(7)]));
    expect([e503.kind, e503.httpStatus, e503.mayHaveReachedNp, e503.transient]).toEqual(['server', 503, false, true]);
    const e500 = await failure(client.register([registerItem(7)]));
    expect([e500.kind, e500.httpStatus, e500.mayHaveReachedNp]).toEqual(['server', 500, true]);
    const started = Date.now();
    const timeout = await failure(client.register([registerItem(7)]));
    expect([timeout.kind, timeout.mayHaveReachedNp, timeout.localCode]).toEqual(['timeout', true, 'LOCAL_TIMEOUT']);
    expect(Date.now() - started).toBeLessThan(2000);
    const drop = await failure(client.register([registerItem(7)]));
    expect([drop.kind, drop.mayHaveReachedNp]).toEqual(['network', true]);
    // The dropped request was applied by the sandbox before it hung up: exactly why a register is "ambiguous".
    expect((await t.admin.transactions('T000007')).length).toBe(1);

    const closed = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const refused = await failure(createNpClient({ baseUrl: `http://127.0.0.1:${closed}/v1`, credentials: DEMO_MERCHANT, timeoutMs: 500 }).cancel([{ np_transaction_id: '26110100001' }]));
    expect([refused.kind, refused.mayHaveReachedNp]).toEqual(['network', false]);
  });
});

describe('NP client against malformed answers (a tiny local server)', () => {
  let server: Server;
  let baseUrl: string;
  let reply: { status: number; body: string; contentType?: string } = { status: 200, body: '{}' };
  let seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string } = {};

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        res.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json' });
        res.end(reply.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const client = () => createNpClient({ baseUrl, credentials: { merchantCode: 'akt9', spCode: 'S3cr3t-SP', terminalId: '2000022000' }, timeoutMs: 1000 });

  it('sends Basic auth, the terminal id and JSON with the right method and path', async () => {
    reply = { status: 200, body: JSON.stringify({ results: [{ np_transaction_id: '26110100001' }] }) };
    await client().cancel([{ np_transaction_id: '26110100001' }]);
    expect(seen.method).toBe('PATCH');
    expect(seen.url).toBe('/v1/transactions/cancel');
    expect(seen.headers?.authorization).toBe(`Basic ${Buffer.from('akt9:S3cr3t-SP').toString('base64')}`);
    expect(seen.headers?.['x-np-terminal-id']).toBe('2000022000');
    expect(seen.headers?.['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(seen.body ?? '')).toEqual({ transactions: [{ np_transaction_id: '26110100001' }] });
  });

  const malformed: Array<[string, { status: number; body: string; contentType?: string }]> = [
    ['HTML instead of JSON', { status: 200, body: '<html>maintenance</html>', contentType: 'text/html' }],
    ['truncated JSON', { status: 200, body: '{"results":[{"np_trans' }],
    ['an empty body', { status: 200, body: '' }],
    ['neither results nor errors', { status: 200, body: '{"ok":true}' }],
    ['an unknown authori_result', { status: 200, body: '{"results":[{"np_transaction_id":"26110100001","authori_result":"XX"}]}' }],
    ['results that are not an array', { status: 200, body: '{"results":{"np_transaction_id":"26110100001"}}' }],
    ['errors without codes', { status: 400, body: '{"errors":[{"id":"26110100001"}]}' }],
    ['a 400 that is not JSON', { status: 400, body: 'Bad Request' }],
    ['a JSON array', { status: 200, body: '[1,2,3]' }],
    // NP's ids are 11 half-width alphanumerics: anything else never reaches the store or a CSV (issue 14)
    ['an np_transaction_id that is a formula', { status: 200, body: '{"results":[{"np_transaction_id":"=cmd|\'/Ccalc\'!A0","authori_result":"00"}]}' }],
    ['an np_transaction_id of 10 digits', { status: 200, body: '{"results":[{"np_transaction_id":"2611010000","authori_result":"00"}]}' }],
  ];
  for (const [what, r] of malformed) {
    it(`turns ${what} into bad_response`, async () => {
      reply = r;
      const e = await failure(client().authorizationsFind([{ np_transaction_id: '26110100001' }]));
      expect(e.kind).toBe('bad_response');
      expect(e.transient).toBe(true);
      expectNoSecrets(e, 'S3cr3t-SP', 'akt9');
    });
  }

  it('reports unexpected statuses (404, 302) as http errors that never reached NP', async () => {
    reply = { status: 404, body: '{"message":"not found"}' };
    const e404 = await failure(client().shipments([{ np_transaction_id: '26110100001', pd_company_code: '50000', slip_no: '1' }]));
    expect([e404.kind, e404.httpStatus, e404.mayHaveReachedNp]).toEqual(['http', 404, false]);
    reply = { status: 302, body: '' };
    const e302 = await failure(client().paymentsFind([{ np_transaction_id: '26110100001' }]));
    expect(e302.kind).toBe('http');
  });
});
