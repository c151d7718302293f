/**
 * planSave over the NP status table on a real SQLite file and the sandbox: which NP action a save implies, the
 * question for staff and the 取引修正 preview — computed without writing — and saveOrder's follow-through for the
 * re-review of a hold settled outside the data (取引修正 with unchanged data, 「取引修正後も審査保留（同じ理由）」)
 * and the retry after NP refused a 取引登録 (the stale error clears).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NpActionError } from '../../../electron/core/np/errors';
import type { SyncEngine } from '../../../electron/core/np/sync-engine';
import { orderInputOf, type OrderInput } from '../../../shared/order';
import type { SaveAction } from '../../../shared/save-plan';
import { npOrder, sandboxStoreFixture, type TestStore } from './helpers';

const fx = sandboxStoreFixture('atobarai-save-plan-', { beforeAll, afterAll, beforeEach });
let s: TestStore;
let engine: SyncEngine;
const NOW = Date.UTC(2026, 10, 10);
const LIMIT = 55_000;
beforeEach(() => {
  s = fx.store();
  engine = fx.engine();
});

const add = (i: number, over: Partial<OrderInput> = {}, marker = '') => s.orders.insert(npOrder(i, over, marker), NOW).id;
const input = (id: number): OrderInput => orderInputOf(s.orders.get(id)!);
const plan = (id: number, edited: OrderInput, action?: SaveAction) => s.np.planSave(id, edited, action, LIMIT);
const status = (id: number) => s.np.info(id).status;
/** Everything a plan could write: the order row, its NP columns, the outbox and the event log. */
const snapshot = (id: number) =>
  JSON.stringify([
    s.db.prepare('SELECT * FROM orders WHERE id = ?').get(id),
    s.db.prepare('SELECT * FROM np_transactions WHERE order_id = ?').get(id),
    s.db.prepare('SELECT count(*) FROM np_outbox').pluck().get(),
    s.db.prepare('SELECT count(*) FROM np_events').pluck().get(),
  ]);

async function registered(i: number, marker = ''): Promise<number> {
  const id = add(i, {}, marker);
  s.np.queue(id, 'register');
  await engine.run();
  return id;
}

describe('planSave over the status table', () => {
  it('審査OK: a changed address → the 取引修正 preview; a memo → a plain save; nothing is written by planning', async () => {
    const id = await registered(1);
    expect(status(id)).toBe('ok');
    const before = snapshot(id);
    const moved = { ...input(id), customer: { ...input(id).customer, address: '東京都港区赤坂9-9-9 新ビル101' } };
    const p = plan(id, moved);
    expect(p).toMatchObject({ action: 'update', question: 'update', blocked: [], credit: null });
    expect(p.preview?.changedFields).toEqual(['customer.address']);
    expect(p.preview?.payload.customer?.address).toBe('東京都港区赤坂9-9-9 新ビル101');
    expect(plan(id, { ...input(id), shopMemo: '電話済み' })).toMatchObject({ action: null, question: null, preview: null });
    expect(snapshot(id)).toBe(before);
  });

  it('対応状況 → キャンセル on a live transaction offers the NP cancel with the stock reminder (審査OK and 出荷報告済)', async () => {
    const id = await registered(2);
    expect(plan(id, { ...input(id), status: 'cancelled' })).toMatchObject({ action: 'cancel', question: 'cancelOnStatus', stockReminder: true });
    s.np.queue(id, 'shipment', { carrierCode: '50000', slipNo: '1234-5678-9012' });
    await engine.run();
    expect(status(id)).toBe('shipped');
    expect(plan(id, { ...input(id), status: 'cancelled' })).toMatchObject({ action: 'cancel', question: 'cancelOnStatus' });
  });

  it('お支払方法 away from NP後払い with a live transaction offers the cancel; while 取引登録中 nothing is offered', async () => {
    const id = await registered(3, '審査テスト');
    expect(status(id)).toBe('reviewing');
    expect(plan(id, { ...input(id), paymentMethod: 'cod' })).toMatchObject({ action: 'cancel', question: 'cancelOnPayment', stockReminder: false });
    const queued = add(4);
    s.np.queue(queued, 'register');
    expect(status(queued)).toBe('registering');
    expect(plan(queued, { ...input(queued), status: 'cancelled' })).toMatchObject({ action: null, question: null });
    expect(plan(queued, { ...input(queued), paymentMethod: 'cod' })).toMatchObject({ action: null });
  });

  it('お支払方法 → NP後払い offers 取引登録 with NP rule problems and the credit check', () => {
    const id = add(5, { paymentMethod: 'credit_card' });
    const p = plan(id, { ...input(id), paymentMethod: 'np_atobarai' });
    expect(p).toMatchObject({ action: 'register', question: 'registerOnPayment', blocked: [] });
    expect(p.credit).toEqual({ outstanding: 0, amount: s.orders.get(id)!.total, limit: LIMIT, wouldExceed: false });
    const long = { ...input(id), paymentMethod: 'np_atobarai' as const, customer: { ...input(id).customer, name: '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末' } };
    expect(plan(id, long).blocked.map((c) => c.code)).toContain('E0100050');
    const big = { ...input(id), paymentMethod: 'np_atobarai' as const, lines: [{ name: '大型家具', unitPrice: 60_000, quantity: 1 }] };
    expect(plan(id, big).credit?.wouldExceed).toBe(true);
  });

  it('an NP後払い order never registered (未登録) saves without a question; a non-NP order too', () => {
    const id = add(6);
    expect(plan(id, { ...input(id), shopMemo: 'x' })).toMatchObject({ action: null, question: null });
    const card = add(7, { paymentMethod: 'credit_card' });
    expect(plan(card, { ...input(card), status: 'cancelled' })).toMatchObject({ action: null });
  });

  it('an explicit NP panel action the status does not allow is refused with a Japanese message', async () => {
    const id = await registered(8);
    expect(() => plan(id, input(id), 'register')).toThrow(NpActionError);
    expect(() => plan(id, input(id), 'register')).toThrow(/審査OK.*取引登録はできません/);
    expect(plan(id, input(id), 'cancel')).toMatchObject({ action: 'cancel', stockReminder: true });
  });
});

describe('holds settled outside the data: re-review', () => {
  it('RE021 (NP phones the buyer): 取引修正 with unchanged data is offered, sent, and a repeated hold is said so', async () => {
    const id = await registered(20, '電話確認テスト');
    expect(status(id)).toBe('hold');
    expect(s.np.info(id).authori.hold.map((h) => h.code)).toEqual(['RE021']);
    // A plain save of unchanged data asks nothing …
    expect(plan(id, input(id))).toMatchObject({ action: null, question: null });
    // … the 取引修正 button offers the re-review: what NP receives is the buyer as NP has it.
    const p = plan(id, input(id), 'update');
    expect(p).toMatchObject({ action: 'update', question: 'reReview', blocked: [] });
    expect(p.preview?.changedFields).toEqual([]);
    expect(p.preview?.payload.customer?.customer_name).toBe(s.orders.get(id)!.customer.name);
    s.np.queue(id, 'update');
    expect(status(id)).toBe('updating');
    const run = await engine.run();
    expect(run.sent).toBe(1);
    expect(run.holdRepeated).toBe(1); // the sync's summary says so too
    const info = s.np.info(id);
    expect(info.status).toBe('hold');
    expect(info.authori.holdRepeated).toBe(true);
    expect(s.np.history(id).at(-1)?.summary).toContain('取引修正後も審査保留（同じ理由）');
  });

  it('a hold the data must fix (RE026) offers no re-review, and an unchanged 取引修正 is still refused', async () => {
    const id = await registered(21, '保留テスト');
    expect(status(id)).toBe('hold');
    const p = plan(id, input(id), 'update');
    expect(p).toMatchObject({ action: 'update', question: 'update' });
    expect(p.preview?.changedFields).toEqual([]);
    expect(() => s.np.queue(id, 'update')).toThrow(/変更がないため、取引修正は不要/);
  });

  it('a 取引修正 that changes the hold reasons is not 「同じ理由」', async () => {
    const id = await registered(22, '電話確認テスト');
    const o = input(id);
    s.orders.update(id, { ...o, customer: { ...o.customer, address: o.customer.address.replace('電話確認テスト', '保留テスト') } }, NOW);
    s.np.queue(id, 'update');
    await engine.run();
    expect(s.np.info(id).authori.hold.map((h) => h.code)).toEqual(['RE026']);
    expect(s.np.info(id).authori.holdRepeated).toBe(false);
  });
});

describe('取引登録失敗: after fixing the field NP named, saving offers the retry', () => {
  it('offers 取引登録 again once the order changed, and queueing it clears the stale error', async () => {
    // Local zip checks off, so the register reaches the sandbox and NP itself refuses it (E0100059).
    fx.fresh({ validation: () => ({ zipAddress: undefined }) });
    s = fx.store();
    engine = fx.engine();
    const id = add(30, { customer: { ...npOrder(30).customer, zip: '0600001' } });
    s.np.queue(id, 'register');
    await engine.run();
    expect(status(id)).toBe('register_failed');
    expect(s.np.info(id).errors.map((e) => e.code)).toContain('E0100059');
    expect(plan(id, input(id))).toMatchObject({ action: null, question: null }); // nothing fixed yet
    const fixed = { ...input(id), customer: { ...input(id).customer, zip: '1070052' } };
    const p = plan(id, fixed);
    expect(p).toMatchObject({ action: 'register', question: 'retryRegister', blocked: [] });
    s.db.transaction(() => {
      s.orders.update(id, fixed, NOW);
      s.np.refresh(id);
      s.np.queue(id, 'register');
    })();
    expect(status(id)).toBe('registering');
    expect(s.np.info(id).errors).toEqual([]);
    await engine.run();
    expect(status(id)).toBe('ok');
  });

  it('an ambiguous register is not offered again on a save (it could charge twice)', () => {
    const id = add(31);
    s.np.store.patchTx(id, { failed_action: 'register', error_codes: ['LOCAL_AMBIGUOUS_REGISTER'] }, NOW);
    s.np.refresh(id);
    expect(plan(id, { ...input(id), shopMemo: 'x' })).toMatchObject({ action: null });
  });
});
