/**
 * Test helpers for the NP client / outbox / sync tests: a real sandbox over loopback, its admin prefix, a real
 * SQLite file with the app's migrations, and valid NP orders.
 */
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../electron/core/db';
import { createNpClient, type NpClient, type NpClientOptions } from '../../../electron/core/np/client';
import { createNpService, type NpService, type NpServiceOptions } from '../../../electron/core/np/np-service';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from '../../../electron/core/np/sync-engine';
import { createOrderRepository, type OrderRepository } from '../../../electron/core/orders';
import { DEMO_MERCHANT, startSandbox, type RunningSandbox, type SandboxMerchant, type SandboxRules, type SandboxTxnView } from '../../../electron/sandbox';
import type { FaultConfig } from '../../../electron/sandbox';
import type { OrderInput } from '../../../shared/order';
import { sampleOrder, tempDir } from '../store/helpers';

export { tempDir };

/** Quick in-run retries so fault tests stay fast. */
export const FAST_RETRY = { attempts: 4, baseMs: 5, maxMs: 40 } as const;

export interface TestSandbox {
  sb: RunningSandbox;
  admin: SandboxAdmin;
  stop(): Promise<void>;
}

export interface SandboxAdmin {
  transactions(shopTransactionId?: string): Promise<SandboxTxnView[]>;
  transaction(npId: string): Promise<Record<string, unknown>>;
  pay(npId: string, date?: string): Promise<void>;
  expire(npId: string): Promise<void>;
  decide(npId: string): Promise<void>;
  faults(cfg: Partial<FaultConfig>): Promise<void>;
  rules(patch: Partial<SandboxRules>): Promise<void>;
  reset(): Promise<void>;
}

async function adminCall(base: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const request = () =>
    fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  // fetch reuses idle sockets the sandbox may just have closed (its keep-alive timeout) after a long sync on a
  // loaded machine: a read (GET) is safely asked again on a fresh one.
  const res = await request().catch((e: unknown) => {
    if (method !== 'GET' || (e as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw e;
    return request();
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox admin ${method} ${path}: HTTP ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

export async function startTestSandbox(opts: { merchants?: SandboxMerchant[]; rules?: Partial<SandboxRules> } = {}): Promise<TestSandbox> {
  const sb = await startSandbox({ port: 0, ...opts });
  const base = sb.adminUrl;
  const admin: SandboxAdmin = {
    transactions: async (shopId) =>
      (await adminCall(base, 'GET', `/transactions${shopId ? `?shop_transaction_id=${encodeURIComponent(shopId)}` : ''}`)) as SandboxTxnView[],
    transaction: async (npId) => (await adminCall(base, 'GET', `/transactions/${npId}`)) as Record<string, unknown>,
    pay: async (npId, date) => void (await adminCall(base, 'POST', `/transactions/${npId}/pay`, date ? { date } : {})),
    expire: async (npId) => void (await adminCall(base, 'POST', `/transactions/${npId}/expire`, {})),
    decide: async (npId) => void (await adminCall(base, 'POST', `/transactions/${npId}/decide`, {})),
    faults: async (cfg) => void (await adminCall(base, 'POST', '/faults', cfg)),
    rules: async (patch) => void (await adminCall(base, 'POST', '/rules', patch)),
    reset: async () => void (await adminCall(base, 'POST', '/reset', {})),
  };
  return { sb, admin, stop: () => sb.stop() };
}

export function testClient(sb: RunningSandbox, over: Partial<NpClientOptions> = {}): NpClient {
  return createNpClient({ baseUrl: sb.url, credentials: { ...DEMO_MERCHANT }, timeoutMs: 2000, ...over });
}

export interface TestStore {
  db: Database;
  orders: OrderRepository;
  np: NpService;
}

export function openTestStore(file: string, opts: NpServiceOptions = {}): TestStore {
  const db = openDatabase(file);
  return { db, orders: createOrderRepository(db), np: createNpService(db, opts) };
}

export function testEngine(store: TestStore, sb: RunningSandbox | null, over: Partial<SyncEngineOptions> = {}): SyncEngine {
  const client = sb ? testClient(sb) : null;
  return createSyncEngine({ db: store.db, np: store.np, getClient: () => client, retry: FAST_RETRY, defer: { baseMs: 1, maxMs: 1 }, ...over });
}

/**
 * A valid NP order number i: its own TEL (so credit limits do not interact), an address with a building
 * (no RE009 hold), amounts well under the limit. `marker` goes into the address to steer the sandbox's decision
 * (e.g. '審査テスト' → 40, '保留テスト' → 10/RE026, 'NGテスト' → 20/NG999).
 */
export function npOrder(i: number, overrides: Partial<OrderInput> = {}, marker = ''): OrderInput {
  const tel = `090${String(10_000_000 + i).slice(-8)}`;
  const base = sampleOrder({ orderNo: `T${String(i).padStart(6, '0')}` });
  return {
    ...base,
    customer: { ...base.customer, tel, address: `東京都港区赤坂1-2-3 赤坂ビル${100 + (i % 900)}${marker}` },
    ...overrides,
  };
}

/** The local NP facts of every order, keyed by order number (for comparing with the sandbox). */
export function localView(db: Database): Map<string, { npId: string | null; authori: string | null; cancelled: boolean; shipped: boolean; payment: string | null; status: string | null }> {
  const rows = db
    .prepare(
      `SELECT o.order_no, o.np_status, t.np_transaction_id, t.authori_result, t.cancelled, t.shipment_reported, t.payment_status
         FROM orders o LEFT JOIN np_transactions t ON t.order_id = o.id`,
    )
    .all() as Array<{
    order_no: string;
    np_status: string | null;
    np_transaction_id: string | null;
    authori_result: string | null;
    cancelled: number | null;
    shipment_reported: number | null;
    payment_status: string | null;
  }>;
  return new Map(
    rows.map((r) => [
      r.order_no,
      {
        npId: r.np_transaction_id,
        authori: r.authori_result,
        cancelled: r.cancelled === 1,
        shipped: r.shipment_reported === 1,
        payment: r.payment_status,
        status: r.np_status,
      },
    ]),
  );
}

/**
 * The usual set-up of a sandbox test file: one sandbox for the file, a fresh store (its own SQLite file) and
 * engine for each test. Read them through the getters inside tests.
 */
export function sandboxStoreFixture(prefix: string, hooks: { beforeAll: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void; beforeEach: (fn: () => void) => void }) {
  const tmp = tempDir(prefix);
  let sandbox: TestSandbox;
  let store: TestStore;
  let engine: SyncEngine;
  let seq = 0;
  hooks.beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  hooks.afterAll(async () => {
    await sandbox.stop();
    tmp.cleanup();
  });
  const fresh = (opts: NpServiceOptions = {}) => {
    store = openTestStore(tmp.file(`${prefix}${++seq}.sqlite`), opts);
    engine = testEngine(store, sandbox.sb);
  };
  hooks.beforeEach(() => fresh());
  return { sandbox: () => sandbox, store: () => store, engine: () => engine, fresh };
}
