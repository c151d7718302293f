/**
 * The day's work through the core's dispatch table (real SQLite, the embedded sandbox over real sockets):
 * the 要対応 counts follow the store, one click's filters list exactly the counted orders, 一括出荷報告 refuses
 * a batch with one bad row and queues nothing, then queues a valid one with 発送済み + 発送日, the queue empties
 * after the sync; NP's payment shows in 「NP入金済み」 until looked at; 一括キャンセル warns and sets キャンセル.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api-result';
import type { BulkActionResult, OrderDetail } from '../../../shared/contract';
import type { BulkCancelPlan, BulkShipmentDraftRow, BulkShipmentResult, BulkStatusResult } from '../../../shared/bulk';
import type { OrderSearchResult } from '../../../shared/search';
import type { SavedSearch, WorkQueue, WorkQueuesState } from '../../../shared/work-queues';
import { toJstDate } from '../../../shared/jst-date';
import { createAppCore as createCore, type AppCore as Core } from '../../../electron/compose/app-core';
import { silentLogger } from '../../../electron/core/app/logger';
import { createMemorySecretStore } from '../../../electron/core/credentials/secret-store';

const ports = { exportTarget: async (name: string) => ({ path: join(mkdtempSync(join(tmpdir(), 'exp-')), name), download: name }) };

async function call<T>(core: Core, method: string, input?: unknown): Promise<T> {
  const result = (await core.dispatch(method, input)) as ApiResult<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('the day’s work in the core', () => {
  let core: Core;
  const count = async (queue: WorkQueue) => (await call<WorkQueuesState>(core, 'workQueues')).queues.find((q) => q.queue === queue)!;
  const search = (criteria: object) => call<OrderSearchResult>(core, 'searchOrders', { ...criteria, limit: 1000 });

  beforeAll(async () => {
    core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'day-')), secrets: createMemorySecretStore(), ports, transport: 'http', demoOrders: 400, log: silentLogger });
    await core.startLaunchSync();
    await call(core, 'startSync'); // reviews decided by the sandbox
  });
  afterAll(() => core.close());

  it('demo data is believable: 対応状況 agrees with NP (nothing shipped or paid before 審査OK), NP orders have no 入金済み of their own', async () => {
    const npOrders = await search({ paymentMethods: ['np_atobarai'] });
    expect(npOrders.total).toBeGreaterThan(100);
    const early = await search({ npStatuses: ['hold', 'ng', 'reviewing'], statuses: ['shipped', 'paid', 'awaiting_payment'] });
    expect(early.total).toBe(0);
    expect((await search({ paymentMethods: ['np_atobarai'], statuses: ['paid', 'awaiting_payment'] })).total).toBe(0);
    expect((await search({ npStatuses: ['hold'] })).total).toBeGreaterThan(0); // the sandbox still held some
  });

  it('counts each queue from the store, and its filters list exactly those orders', async () => {
    const state = await call<WorkQueuesState>(core, 'workQueues');
    expect(state.queues.map((q) => q.queue)).toEqual(['hold', 'ng', 'registerFailed', 'shippedNotReported', 'awaitingShipment', 'npDirty', 'npPaid']);
    for (const q of state.queues) expect((await search(q.filters)).total, q.queue).toBe(q.count);
    expect((await count('hold')).count).toBeGreaterThan(0);
    expect((await count('shippedNotReported')).count).toBeGreaterThan(3);
    // 発送済み + 審査OK, nothing else
    for (const row of (await search((await count('shippedNotReported')).filters)).rows) {
      expect(row.status).toBe('shipped');
      expect(row.npStatus).toBe('ok');
    }
  });

  it('a change made anywhere shows in the counts at once (not only after a sync)', async () => {
    const before = await count('npDirty');
    const ok = (await search({ npStatuses: ['ok'] })).rows[0]!;
    const detail = await call<OrderDetail>(core, 'getOrder', { id: ok.id });
    await call(core, 'saveOrder', { id: ok.id, order: { ...detail.order, shopMemo: 'x', lines: detail.order.lines.map((l) => ({ ...l, quantity: l.quantity + 1 })) }, npAction: null });
    expect((await count('npDirty')).count).toBe(before.count + 1);
  });

  it('一括出荷報告: one bad row → nothing queued, each problem named; all valid → 発送済み + 発送日 + queued; the sync empties the queue', async () => {
    const queue = await count('shippedNotReported');
    const ids = (await search(queue.filters)).rows.slice(0, 3).map((r) => r.id);
    const { rows } = await call<{ rows: BulkShipmentDraftRow[] }>(core, 'planBulkShipment', { orderIds: ids });
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.notEligible).toBeNull();
      expect(r.carrierCode).toMatch(/^\d{5}$/u);
    }
    const today = toJstDate(Date.now());
    const typed = rows.map((r, i) => ({ orderId: r.orderId, carrierCode: r.carrierCode, slipNo: `1234-5678-00${i}`, shippedOn: today }));

    const bad = await call<BulkShipmentResult>(core, 'shipOrdersBulk', { rows: [typed[0], { ...typed[1], slipNo: '' }, { ...typed[2], carrierCode: '12345', shippedOn: '2999-01-01' }] });
    expect(bad.queued).toBe(false);
    expect(bad.rows[0]!.errors).toEqual([]);
    expect(bad.rows[1]!.errors).toEqual([{ field: 'slipNo', message: '配送伝票番号が入力されていません' }]);
    expect(bad.rows[2]!.errors.map((e) => e.field).sort()).toEqual(['carrierCode', 'shippedOn']);
    expect((await call<OrderDetail>(core, 'getOrder', { id: ids[0] })).np?.status).toBe('ok'); // rolled back
    expect((await count('shippedNotReported')).count).toBe(queue.count);

    const good = await call<BulkShipmentResult>(core, 'shipOrdersBulk', { rows: typed });
    expect(good.queued).toBe(true);
    for (const [i, id] of ids.entries()) {
      const d = await call<OrderDetail>(core, 'getOrder', { id });
      expect(d.np?.status).toBe('shipping');
      expect(d.order.status).toBe('shipped');
      expect(d.order.slipNo).toBe(`1234-5678-00${i}`);
      expect(toJstDate(d.order.shippedAt!)).toBe(today);
    }
    expect((await count('shippedNotReported')).count).toBe(queue.count - 3);
    await call(core, 'startSync');
    for (const id of ids) expect((await call<OrderDetail>(core, 'getOrder', { id })).np?.status).toBe('shipped');
  });

  it('「NP入金済み」 counts NP payments until staff look, then only newer ones', async () => {
    const shipped = (await search({ npStatuses: ['shipped'] })).rows[0]!;
    const npId = (await call<OrderDetail>(core, 'getOrder', { id: shipped.id })).np!.state.npTransactionId!;
    const admin = core.sandbox()!.adminUrl;
    await call(core, 'markPaymentsSeen');
    expect((await count('npPaid')).count).toBe(0);
    const res = await fetch(`${admin}/transactions/${npId}/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.ok).toBe(true);
    await call(core, 'startSync');
    const paid = await count('npPaid');
    expect(paid.count).toBe(1);
    const rows = (await search(paid.filters)).rows;
    expect(rows.map((r) => r.id)).toEqual([shipped.id]);
    expect(rows[0]!.npPaidAt).toBeGreaterThan(0);
    expect((await search({ npPayment: 'paid' })).rows.map((r) => r.id)).toContain(shipped.id);
    await call(core, 'markPaymentsSeen');
    expect((await count('npPaid')).count).toBe(0);
  });

  it('一括キャンセル: the plan names 発送済み / 入金済み; the cancel queues NP and sets 対応状況 キャンセル', async () => {
    const ok = (await search({ npStatuses: ['ok'], statuses: ['new', 'processing', 'backordered', 'awaiting_payment'] })).rows.slice(0, 2);
    const shipped = (await search({ npStatuses: ['shipped'] })).rows[0]!;
    const ids = [...ok.map((r) => r.id), shipped.id];
    const plan = await call<BulkCancelPlan>(core, 'planBulkCancel', { orderIds: ids });
    expect(plan.total).toBe(3);
    expect(plan.cancellable).toBe(3);
    expect(plan.shipped).toContain(shipped.orderNo);
    const { results, stockReminder } = await call<{ results: BulkActionResult[]; stockReminder: boolean }>(core, 'cancelOrdersBulk', { orderIds: ok.map((r) => r.id) });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(stockReminder).toBe(true);
    for (const r of ok) {
      const d = await call<OrderDetail>(core, 'getOrder', { id: r.id });
      expect(d.order.status).toBe('cancelled');
      expect(d.np?.status).toBe('cancelling');
    }
    const again = await call<BulkCancelPlan>(core, 'planBulkCancel', { orderIds: ok.map((r) => r.id) });
    expect(again.cancellable).toBe(0);
    expect(again.refused).toHaveLength(2);
  });

  it('stores フリガナ as full-width katakana whatever was typed', async () => {
    const row = (await search({ statuses: ['new'] })).rows[0]!;
    const detail = await call<OrderDetail>(core, 'getOrder', { id: row.id });
    const saved = await call<OrderDetail>(core, 'saveOrder', { id: row.id, order: { ...detail.order, customer: { ...detail.order.customer, kana: 'ﾔﾏﾀﾞ ﾀﾛｳ' } }, npAction: null });
    expect(saved.order.customer.kana).toBe('ヤマダ タロウ');
  });

  it('bulk 対応状況 change and saved searches', async () => {
    const rows = (await search({ statuses: ['new'] })).rows.slice(0, 2);
    const res = await call<BulkStatusResult>(core, 'setOrderStatusBulk', { orderIds: rows.map((r) => r.id), status: 'backordered' });
    expect(res).toEqual({ changed: 2, unchanged: 0, status: 'backordered' });
    for (const r of rows) expect((await call<OrderDetail>(core, 'getOrder', { id: r.id })).order.status).toBe('backordered');

    await call<SavedSearch[]>(core, 'saveSearch', { name: '同梱の保留', filters: { npStatuses: ['hold'], invoiceTypes: ['bundled'] } });
    const list = await call<SavedSearch[]>(core, 'saveSearch', { name: '高額', filters: { total: { from: 30000 } } });
    expect(list.map((s) => s.name)).toEqual(['高額', '同梱の保留']);
    const refused = await core.dispatch('saveSearch', { name: '壊れた条件', filters: { total: { from: 'abc' } } });
    expect(refused.ok).toBe(false);
    expect((await call<SavedSearch[]>(core, 'deleteSavedSearch', { name: '高額' })).map((s) => s.name)).toEqual(['同梱の保留']);
  });
});
