/** Helpers for the sandbox contract tests: real HTTP (fetch) against startSandbox({ port: 0 }). */
import { DEMO_MERCHANT, startSandbox, type RunningSandbox, type StartSandboxOptions } from '../../../electron/sandbox';
import type { NpCustomer, NpRegisterItem } from '../../../shared/np/api-types';

export interface Creds {
  merchantCode: string;
  spCode: string;
  terminalId: string;
}

export interface NpAnswer {
  status: number;
  body: {
    results?: Record<string, unknown>[];
    errors?: { codes: string[]; id?: string }[];
  };
}

export async function sandbox(opts: StartSandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ port: 0, ...opts });
}

export function authHeaders(c: Creds = DEMO_MERCHANT): Record<string, string> {
  return {
    Authorization: `Basic ${Buffer.from(`${c.merchantCode}:${c.spCode}`).toString('base64')}`,
    'X-NP-Terminal-Id': c.terminalId,
    'Content-Type': 'application/json',
  };
}

/** One NP call: path under /v1, body as given (object → JSON). */
export async function np(
  sb: RunningSandbox,
  method: string,
  path: string,
  body: unknown,
  init: { creds?: Creds; headers?: Record<string, string> } = {},
): Promise<NpAnswer> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: { ...authHeaders(init.creds), ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : {} };
}

export const call = {
  register: (sb: RunningSandbox, items: unknown[]) => np(sb, 'POST', '/transactions', { transactions: items }),
  update: (sb: RunningSandbox, items: unknown[]) => np(sb, 'PATCH', '/transactions/update', { transactions: items }),
  cancel: (sb: RunningSandbox, ids: string[]) =>
    np(sb, 'PATCH', '/transactions/cancel', { transactions: ids.map((np_transaction_id) => ({ np_transaction_id })) }),
  shipments: (sb: RunningSandbox, items: unknown[]) => np(sb, 'POST', '/shipments', { transactions: items }),
  authorizations: (sb: RunningSandbox, ids: string[]) =>
    np(sb, 'POST', '/authorizations/find', { transactions: ids.map((np_transaction_id) => ({ np_transaction_id })) }),
  payments: (sb: RunningSandbox, ids: string[]) =>
    np(sb, 'POST', '/transactions/payments/find', { transactions: ids.map((np_transaction_id) => ({ np_transaction_id })) }),
  reregister: (sb: RunningSandbox, items: unknown[]) => np(sb, 'POST', '/transactions/reregister', { transactions: items }),
};

/** Admin call under /__sandbox (no NP auth). */
export async function admin<T = unknown>(sb: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sb.adminUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export interface AdminTxn {
  np_transaction_id: string;
  shop_transaction_id: string;
  billed_amount: number;
  state: string;
  authori_result: string;
  payment_status: string | null;
  ops: Record<string, number>;
}

export const adminTxns = async (sb: RunningSandbox): Promise<AdminTxn[]> => (await admin<AdminTxn[]>(sb, 'GET', '/transactions')).body;

let seq = 0;

/** A buyer who passes every default rule (building name present, ordinary characters). Tel varies per call. */
export function buyer(over: Partial<NpCustomer> = {}): NpCustomer {
  seq += 1;
  return {
    customer_name: '山田 太郎',
    customer_name_kana: 'ヤマダ タロウ',
    zip_code: '107-0052',
    address: '東京都港区赤坂1-2-3 赤坂ハイツ101',
    tel: `090${String(10_000_000 + seq).slice(-8)}`,
    email: 'taro@example.com',
    ...over,
  };
}

/** A register item that the default rules answer 00 (amount 5,000 unless given). */
export function registerItem(over: Partial<NpRegisterItem> = {}): NpRegisterItem {
  seq += 1;
  const billed = over.billed_amount ?? 5000;
  return {
    shop_transaction_id: `ORDER-${process.pid}-${seq}`,
    shop_order_date: '2026-04-01',
    settlement_type: '02',
    billed_amount: billed,
    customer: buyer(),
    goods: [{ goods_name: 'テスト商品', goods_price: billed, quantity: 1 }],
    ...over,
  };
}

/** Registers one item and returns its np_transaction_id (asserting success). */
export async function registerOne(sb: RunningSandbox, over: Partial<NpRegisterItem> = {}): Promise<string> {
  const r = await call.register(sb, [registerItem(over)]);
  const id = r.body.results?.[0]?.np_transaction_id;
  if (r.status !== 201 || typeof id !== 'string') throw new Error(`register failed: ${r.status} ${JSON.stringify(r.body)}`);
  return id;
}

/** A fixed clock (ms) that tests can read; the sandbox's own clock moves via POST /__sandbox/clock. */
export const fixedClock = (iso: string) => () => new Date(iso);
