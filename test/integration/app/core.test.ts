import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api-result';
import { orderInputOf } from '../../../shared/order';
import type { OrderDetail } from '../../../shared/contract';
import type { OrderSearchResult } from '../../../shared/search';
import type { SyncSummary } from '../../../shared/sync';
import type { SavePlan } from '../../../shared/save-plan';
import { createAppCore, type AppCore } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';

const ports = { exportTarget: async (name: string) => ({ path: join(mkdtempSync(join(tmpdir(), 'exp-')), name), download: name }) };

async function call<T>(core: AppCore, method: string, input?: unknown): Promise<T> {
  const result = (await core.dispatch(method, input)) as ApiResult<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('core in demo mode (embedded sandbox, real SQLite)', () => {
  let core: AppCore;
  beforeAll(async () => {
    core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'core-')), secrets: createMemorySecretStore(), ports, transport: 'http', demoOrders: 80, log: silentLogger });
  });
  afterAll(() => core.close());

  it('seeds demo orders on the first run and shows them before any sync', async () => {
    const page = await call<OrderSearchResult>(core, 'searchOrders', { limit: 10 });
    expect(page.total).toBe(80);
    expect(page.rows).toHaveLength(10);
    const queued = await call<OrderSearchResult>(core, 'searchOrders', { npStatuses: ['registering'], limit: 1 });
    expect(queued.total).toBeGreaterThan(30);
    expect((await call<{ mode: string }>(core, 'appInfo')).mode).toBe('demo');
  });

  it('registers the demo orders with the sandbox through the NP API at the startup refresh', async () => {
    const summary = (await core.startLaunchSync())!;
    expect(summary.online).toBe(true);
    expect(summary.sent).toBeGreaterThan(30);
    const left = await call<OrderSearchResult>(core, 'searchOrders', { npStatuses: ['registering'], limit: 1 });
    expect(left.total).toBe(0);
    const admin = (await (await fetch(`${core.sandbox()!.adminUrl}/transactions`)).json()) as unknown[];
    expect(admin.length).toBe(summary.sent);
  });

  it('saves an edit and queues 取引修正 in one step; the next sync sends it', async () => {
    const ok = await call<OrderSearchResult>(core, 'searchOrders', { npStatuses: ['ok'], limit: 1 });
    const id = ok.rows[0]!.id;
    const detail = await call<OrderDetail>(core, 'getOrder', { id });
    expect(detail.np?.allowedActions).toContain('update');
    expect(detail.purchaseCount).toBe(ok.rows[0]!.purchaseCount); // the dialog's 購入履歴 agrees with the list
    const input = orderInputOf(detail.order);
    const edited = { ...input, shopMemo: '住所変更あり', lines: input.lines.map((l, i) => (i === 0 ? { ...l, quantity: l.quantity + 1 } : l)) };
    const plan = await call<SavePlan>(core, 'planSave', { id, order: edited });
    expect(plan).toMatchObject({ action: 'update', question: 'update' });
    expect(plan.preview?.changedFields).toContain('billed_amount');
    // The preview did not save anything.
    expect((await call<OrderDetail>(core, 'getOrder', { id })).order.lines[0]!.quantity).toBe(input.lines[0]!.quantity);
    await call<OrderDetail>(core, 'saveOrder', { id, order: edited, npAction: null });
    const listed = async () => (await call<OrderSearchResult>(core, 'searchOrders', { orderNo: { from: Number(detail.order.orderNo), to: Number(detail.order.orderNo) } })).rows[0]!;
    expect((await listed()).npDirty).toBe(true); // saved locally, not yet sent: 「NP未反映の変更あり」
    const saved = await call<OrderDetail>(core, 'saveOrder', { id, order: edited, npAction: 'update' });
    expect(saved.np?.status).toBe('updating');
    expect(saved.order.total).toBe(detail.order.total + input.lines[0]!.unitPrice);
    const run = await call<SyncSummary>(core, 'startSync');
    expect(run.sent).toBe(1);
    const after = await call<OrderDetail>(core, 'getOrder', { id });
    expect(['ok', 'hold', 'ng', 'reviewing']).toContain(after.np?.status);
    expect(after.np?.dirty).toBe(false);
    expect((await listed()).npDirty).toBe(false); // the list agrees with the dialog once NP accepted the change
  });

  it('queueNpBulk registers several orders in one call, each judged on its own (e.g. a CSV import\'s candidates)', async () => {
    const page = await call<OrderSearchResult>(core, 'searchOrders', { limit: 1 });
    const base = orderInputOf((await call<OrderDetail>(core, 'getOrder', { id: page.rows[0]!.id })).order);
    const np = await call<OrderDetail>(core, 'createOrder', { order: { ...base, orderNo: 'BULK-1', paymentMethod: 'np_atobarai' }, registerWithNp: false });
    const card = await call<OrderDetail>(core, 'createOrder', { order: { ...base, orderNo: 'BULK-2', paymentMethod: 'credit_card' }, registerWithNp: false });
    expect(np.np?.status).toBeNull();
    const { results } = await call<{ results: Array<{ orderId: number; ok: boolean; message: string }> }>(core, 'queueNpBulk', {
      orderIds: [np.order.id, card.order.id],
      action: 'register',
    });
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[1]!.message).toMatch(/支払方法がNP後払いではない/);
    expect((await call<OrderDetail>(core, 'getOrder', { id: np.order.id })).np?.status).toBe('registering');
  });

  it('refuses an action the status does not allow, with a Japanese message, and queues nothing', async () => {
    const registered = await call<OrderSearchResult>(core, 'searchOrders', { npStatuses: ['reviewing', 'hold', 'ng'], limit: 1 });
    const id = registered.rows[0]!.id;
    const res = await core.dispatch('queueNpAction', { orderId: id, action: 'shipment', carrierCode: '50000', slipNo: '1234-5678-9012' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('refused');
      expect(res.error.message).toMatch(/出荷報告/);
    }
    expect((await call<OrderDetail>(core, 'getOrder', { id })).np?.pending).toBeNull();
  });

  it('rejects malformed payloads with a message naming the field', async () => {
    const res = await core.dispatch('searchOrders', { orderedAt: { from: 20240101 } });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('validation');
      expect(res.error.fields?.[0]?.path).toBe('orderedAt.from');
    }
    const bad = await core.dispatch('getOrder', { id: 'x' });
    expect(!bad.ok && bad.error.code).toBe('validation');
    const missing = await core.dispatch('getOrder', { id: 999999 });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });
});
