/** The /__sandbox admin prefix: faults (5xx, timeout, drop after commit, latency, seed, script), clock, reset, persistence. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../../electron/sandbox';
import { admin, adminTxns, authHeaders, call, fixedClock, registerItem, registerOne, sandbox } from './helpers';

let sb: RunningSandbox;
afterEach(() => sb?.stop());

/** One raw register call: the HTTP status, or 'dropped' / 'timeout' when no answer came. */
async function attempt(s: RunningSandbox, timeoutMs = 2000): Promise<number | 'dropped' | 'timeout'> {
  try {
    const res = await fetch(`${s.url}/transactions`, {
      method: 'POST',
      headers: authHeaders(),
      body: JSON.stringify({ transactions: [registerItem()] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.text();
    return res.status;
  } catch (err) {
    return (err as Error).name === 'TimeoutError' ? 'timeout' : 'dropped';
  }
}

describe('faults', () => {
  it('5xx answers 500/503 without applying anything', async () => {
    sb = await sandbox();
    expect((await admin(sb, 'POST', '/faults', { error5xxRate: 1 })).status).toBe(200);
    const statuses = new Set<unknown>();
    for (let i = 0; i < 8; i++) statuses.add(await attempt(sb));
    expect([...statuses].sort()).toEqual([500, 503]);
    expect(await adminTxns(sb)).toEqual([]);
  });

  it('drop applies the change and closes the socket without an answer (the ambiguous case)', async () => {
    sb = await sandbox();
    await admin(sb, 'POST', '/faults', { dropAfterCommitRate: 1 });
    expect(await attempt(sb)).toBe('dropped');
    const rows = await adminTxns(sb);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'registered', authori_result: '00', ops: { register: 1 } });
  });

  it('timeout hangs until the client gives up, applies nothing, and stop() still closes at once', async () => {
    sb = await sandbox();
    await admin(sb, 'POST', '/faults', { timeoutRate: 1 });
    expect(await attempt(sb, 300)).toBe('timeout');
    expect(await adminTxns(sb)).toEqual([]);
    const hanging = attempt(sb, 30_000);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await sb.stop();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await hanging).toBe('dropped');
  });

  it('adds latency to NP requests, not to admin requests', async () => {
    sb = await sandbox();
    // A latency well above a loaded machine's jitter: the admin call must not carry it (it took >500 ms once
    // while a full test run and a Chromium benchmark shared the two cores).
    await admin(sb, 'POST', '/faults', { latencyMs: 1500 });
    const t0 = Date.now();
    expect(await attempt(sb)).toBe(201);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1490);
    const t1 = Date.now();
    await adminTxns(sb);
    expect(Date.now() - t1).toBeLessThan(1000);
  });

  it('is reproducible with a seed', async () => {
    sb = await sandbox();
    const cfg = { error5xxRate: 0.3, dropAfterCommitRate: 0.3, seed: 42 };
    const run = async () => {
      await admin(sb, 'POST', '/faults', cfg);
      const out = [];
      for (let i = 0; i < 16; i++) out.push(await attempt(sb));
      return out;
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first).toContain(201);
    expect(first).toContain('dropped');
    expect(first.some((x) => x === 500 || x === 503)).toBe(true);
    await admin(sb, 'POST', '/faults', { ...cfg, seed: 7 });
    const other = [];
    for (let i = 0; i < 16; i++) other.push(await attempt(sb));
    expect(other).not.toEqual(first);
  });

  it('plays a script first, can target operations, and is cleared by reset', async () => {
    sb = await sandbox();
    await admin(sb, 'POST', '/faults', { script: ['503', 'drop', 'ok'] });
    expect([await attempt(sb), await attempt(sb), await attempt(sb), await attempt(sb)]).toEqual([503, 'dropped', 201, 201]);
    await admin(sb, 'POST', '/faults', { error5xxRate: 1, ops: ['shipments'] });
    const id = await registerOne(sb);
    const s = await call.shipments(sb, [{ np_transaction_id: id, pd_company_code: '59010', slip_no: '1' }]);
    expect([500, 503]).toContain(s.status);
    expect((await admin(sb, 'POST', '/faults', { error5xxRate: 2 })).status).toBe(400);
    expect((await admin(sb, 'POST', '/faults', { script: ['boom'] })).status).toBe(400);
    await admin(sb, 'POST', '/reset');
    expect((await admin<{ error5xxRate: number }>(sb, 'GET', '/faults')).body.error5xxRate).toBe(0);
    expect(await adminTxns(sb)).toEqual([]);
    expect(await attempt(sb)).toBe(201);
  });
});

describe('clock and listing', () => {
  it('advances or sets the sandbox clock; new ids follow the Japan date', async () => {
    sb = await sandbox({ clock: fixedClock('2026-04-01T14:59:00Z') }); // 23:59 JST
    expect((await admin<{ nowJst: string }>(sb, 'GET', '/clock')).body.nowJst).toBe('2026-04-01');
    expect(await registerOne(sb)).toBe('26040100001');
    expect((await admin<{ nowJst: string }>(sb, 'POST', '/clock', { advanceMs: 60_000 })).body.nowJst).toBe('2026-04-02');
    expect(await registerOne(sb)).toBe('26040200001');
    expect((await admin<{ now: string }>(sb, 'POST', '/clock', { set: '2026-05-01T00:00:00+09:00' })).body.now).toBe('2026-04-30T15:00:00.000Z');
    expect(await registerOne(sb)).toBe('26050100001');
    expect((await admin(sb, 'POST', '/clock', { advanceMs: -5 })).status).toBe(400);
  });

  it('lists transactions with the documented fields', async () => {
    sb = await sandbox();
    const item = registerItem({ billed_amount: 1234, goods: [{ goods_name: 'a', goods_price: 1234, quantity: 1 }] });
    const id = await registerOne(sb, item);
    const rows = await adminTxns(sb);
    expect(rows).toEqual([
      expect.objectContaining({
        np_transaction_id: id,
        shop_transaction_id: item.shop_transaction_id,
        billed_amount: 1234,
        state: 'registered',
        authori_result: '00',
        payment_status: null,
        ops: { register: 1, update: 0, cancel: 0, shipments: 0, authorizationsFind: 0, paymentsFind: 0, reregister: 0 },
      }),
    ]);
    const one = await admin<{ customer: { customer_name: string } }>(sb, 'GET', `/transactions/${id}`);
    expect(one.body.customer.customer_name).toBe(item.customer.customer_name);
    expect((await admin(sb, 'GET', '/nope')).status).toBe(404);
  });
});

describe('persistence', () => {
  it('keeps state in the data file across restarts, written atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'np-sandbox-'));
    const dataFile = join(dir, 'sandbox.json');
    try {
      sb = await sandbox({ dataFile, clock: fixedClock('2026-04-01T01:00:00Z') });
      const a = await registerOne(sb);
      await call.shipments(sb, [{ np_transaction_id: a, pd_company_code: '59010', slip_no: '1' }]);
      await admin(sb, 'POST', '/clock', { advanceMs: 3_600_000 });
      await sb.stop();
      expect(readdirSync(dir)).toEqual(['sandbox.json']);
      expect(JSON.parse(readFileSync(dataFile, 'utf8')).transactions).toHaveLength(1);

      sb = await sandbox({ dataFile, clock: fixedClock('2026-04-01T01:00:00Z') });
      const rows = await adminTxns(sb);
      expect(rows).toEqual([expect.objectContaining({ np_transaction_id: a, state: 'shipped', ops: expect.objectContaining({ register: 1, shipments: 1 }) })]);
      expect((await admin<{ offsetMs: number }>(sb, 'GET', '/clock')).body.offsetMs).toBe(3_600_000);
      const b = await registerOne(sb);
      expect(Number(b.slice(6))).toBe(Number(a.slice(6)) + 1);
    } finally {
      await sb.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
