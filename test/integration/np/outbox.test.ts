/**
 * The outbox rules of the NP service on a real SQLite file (and the sandbox where an order must be registered):
 * refusals by status with Japanese messages and nothing queued, one open action per order, an update replacing
 * an unsent update, a cancel superseding it, local validation, queueing inside the caller's transaction.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NpActionError } from '../../../electron/core/np/errors';
import type { SyncEngine } from '../../../electron/core/np/sync-engine';
import type { OrderInput } from '../../../shared/order';
import { npOrder, openTestStore, startTestSandbox, tempDir, testEngine, type TestSandbox, type TestStore } from './helpers';

const tmp = tempDir('atobarai-np-outbox-');
let t: TestSandbox;
let s: TestStore;
let engine: SyncEngine;
let seq = 0;

beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t.stop();
  tmp.cleanup();
});
beforeEach(() => {
  s = openTestStore(tmp.file(`outbox-${++seq}.sqlite`));
  engine = testEngine(s, t.sb);
});

const NOW = Date.UTC(2026, 10, 10);
function add(i: number, over: Partial<OrderInput> = {}, marker = ''): number {
  return s.orders.insert(npOrder(i, over, marker), NOW).id;
}
function refusal(fn: () => unknown): NpActionError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(NpActionError);
    return e as NpActionError;
  }
  throw new Error('expected a refusal');
}
const status = (id: number) => s.db.prepare('SELECT np_status FROM orders WHERE id = ?').pluck().get(id);
const dirty = (id: number) => s.db.prepare('SELECT np_dirty FROM orders WHERE id = ?').pluck().get(id);
const openRows = (id: number) =>
  s.db.prepare("SELECT action, state, payload FROM np_outbox WHERE order_id = ? AND state IN ('pending','sending')").all(id) as Array<{ action: string; state: string; payload: string }>;

/** Registers the order on the sandbox through a sync and returns it 審査OK (or whatever the marker decides). */
async function registered(i: number, marker = ''): Promise<number> {
  const id = add(i, {}, marker);
  s.np.queue(id, 'register');
  await engine.run();
  return id;
}

describe('queue', () => {
  it('queues a register: 取引登録中, one outbox row, one event; a second register is refused', () => {
    const id = add(1);
    expect(status(id)).toBeNull();
    const outboxId = s.np.queue(id, 'register');
    expect(outboxId).toBeGreaterThan(0);
    expect(status(id)).toBe('registering');
    expect(s.np.pendingCount()).toBe(1);
    expect(openRows(id)).toHaveLength(1);
    expect(s.np.history(id).map((h) => h.kind)).toEqual(['queued']);
    const e = refusal(() => s.np.queue(id, 'register'));
    expect(e.code).toBe('refused');
    expect(e.message).toMatch(/取引登録が送信待ちのため、取引登録はできません/);
    expect(openRows(id)).toHaveLength(1);
  });

  it('refuses a register for an order not paid with NP後払い, and a register NP would refuse', () => {
    const card = add(2, { paymentMethod: 'credit_card' });
    expect(refusal(() => s.np.queue(card, 'register')).message).toMatch(/支払方法がNP後払いではない/);
    const longName = add(3);
    const o = s.orders.get(longName)!;
    s.orders.update(longName, { ...o, customer: { ...o.customer, name: '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末' } }, NOW);
    const e = refusal(() => s.np.queue(longName, 'register'));
    expect(e.code).toBe('validation');
    expect(e.npCodes.map((c) => c.code)).toContain('E0100050');
    expect(e.message).toMatch(/E0100050: 購入者氏名が全角21文字を超えています/);
    expect(s.np.pendingCount()).toBe(0);
    expect(status(longName)).toBeNull();
  });

  it('refuses actions the status does not allow, naming the status and what is allowed', async () => {
    const unregistered = add(4);
    const e = refusal(() => s.np.queue(unregistered, 'shipment'));
    expect(e.message).toBe('NP後払いステータスが「未登録」のため、出荷報告はできません（この状態でできる操作: 取引登録）。');
    const reviewing = await registered(5, '審査テスト');
    expect(status(reviewing)).toBe('reviewing');
    expect(refusal(() => s.np.queue(reviewing, 'shipment')).message).toMatch(/「与信審査中」のため、出荷報告はできません（この状態でできる操作: 取引修正・キャンセル）/);
    expect(refusal(() => s.np.queue(reviewing, 'register')).code).toBe('refused');
  });

  it('marks local changes NP has not seen (np_dirty) and previews exactly what 取引修正 sends', async () => {
    const id = await registered(6);
    expect(status(id)).toBe('ok');
    expect(dirty(id)).toBe(0);
    expect(refusal(() => s.np.queue(id, 'update')).message).toMatch(/変更がないため/);
    const o = s.orders.get(id)!;
    s.orders.update(id, { ...o, customer: { ...o.customer, address: '東京都港区赤坂2-2-2 第二ビル3F' } }, NOW);
    s.np.refresh(id);
    expect(dirty(id)).toBe(1);
    const preview = s.np.previewUpdate(id);
    expect(preview.changedFields).toEqual(['customer.address']);
    expect(preview.payload.customer?.address).toBe('東京都港区赤坂2-2-2 第二ビル3F');
    expect(preview.payload.goods).toBeUndefined();
    expect(s.np.info(id).dirty).toBe(true);
  });

  it('lets an update replace an unsent update, and a cancel supersede it', async () => {
    const id = await registered(7);
    const edit = (discount: number) => {
      const o = s.orders.get(id)!;
      s.orders.update(id, { ...o, discount }, NOW);
      s.np.refresh(id);
    };
    edit(200);
    const first = s.np.queue(id, 'update');
    expect(status(id)).toBe('updating');
    edit(300);
    const second = s.np.queue(id, 'update');
    expect(second).toBe(first);
    const rows = openRows(id);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload).billed_amount).toBe(s.orders.get(id)!.total);
    const cancelId = s.np.queue(id, 'cancel');
    expect(cancelId).not.toBe(first);
    expect(openRows(id).map((r) => r.action)).toEqual(['cancel']);
    expect(status(id)).toBe('cancelling');
    expect(s.db.prepare('SELECT state FROM np_outbox WHERE id = ?').pluck().get(first)).toBe('superseded');
    expect(refusal(() => s.np.queue(id, 'update')).message).toMatch(/キャンセルが送信待ちのため/);
    expect(s.np.history(id).map((h) => h.kind)).toEqual(expect.arrayContaining(['queued', 'superseded']));
    await engine.run();
    expect(status(id)).toBe('cancelled');
    const [txn] = await t.admin.transactions(s.orders.get(id)!.orderNo);
    expect(txn).toMatchObject({ state: 'cancelled', ops: expect.objectContaining({ update: 0, cancel: 1 }) });
  });

  it('does not replace an update that is already in flight', async () => {
    const id = await registered(8);
    const o = s.orders.get(id)!;
    s.orders.update(id, { ...o, discount: 10 }, NOW);
    s.np.queue(id, 'update');
    s.db.prepare("UPDATE np_outbox SET state = 'sending' WHERE order_id = ? AND state = 'pending'").run(id);
    expect(refusal(() => s.np.queue(id, 'cancel')).message).toMatch(/取引修正が送信中のため/);
  });

  it("queues inside the caller's transaction: a rollback takes the order edit and the outbox row together", () => {
    const id = add(9);
    const o = s.orders.get(id)!;
    expect(() =>
      s.db.transaction(() => {
        s.orders.update(id, { ...o, shopMemo: '電話で確認済み' }, NOW);
        s.np.queue(id, 'register');
        throw new Error('the caller changed its mind');
      })(),
    ).toThrow('changed its mind');
    expect(s.orders.get(id)!.shopMemo).toBe('');
    expect(s.np.pendingCount()).toBe(0);
    expect(status(id)).toBeNull();
  });

  it('withdraws an unsent register when the order stops being paid with NP後払い', async () => {
    const id = add(11);
    s.np.queue(id, 'register');
    const o = s.orders.get(id)!;
    s.orders.update(id, { ...o, paymentMethod: 'credit_card' }, NOW);
    s.np.refresh(id);
    expect(status(id)).toBeNull();
    expect(s.np.pendingCount()).toBe(0);
    expect(s.np.history(id).at(-1)?.summary).toMatch(/支払方法がNP後払いでなくなったため、送信待ちの取引登録を取り消しました/);
    await engine.run();
    expect(await t.admin.transactions(o.orderNo)).toEqual([]);
  });

  it('sends an unsent register with the order as it is when the sync runs', async () => {
    const id = add(10);
    s.np.queue(id, 'register');
    const o = s.orders.get(id)!;
    s.orders.update(id, { ...o, discount: 0, customer: { ...o.customer, address: '東京都港区赤坂5-5-5 最新ビル7F' } }, NOW);
    s.np.refresh(id);
    await engine.run();
    expect(dirty(id)).toBe(0);
    expect(s.np.info(id).acceptedPayload?.customer.address).toBe('東京都港区赤坂5-5-5 最新ビル7F');
  });
});

describe('outstandingTotalForBuyer', () => {
  it('adds registered unpaid transactions and queued registers of the same TEL, not cancelled or NG ones', async () => {
    const tel = '09011112222';
    const mk = (i: number, marker = '') => {
      const o = npOrder(i, {}, marker);
      return s.orders.insert({ ...o, customer: { ...o.customer, tel } }, NOW).id;
    };
    const a = mk(20);
    const b = mk(21);
    const ng = mk(22, 'NGテスト');
    const c = mk(23);
    for (const id of [a, b, ng, c]) s.np.queue(id, 'register');
    await engine.run();
    expect(status(ng)).toBe('ng');
    s.np.queue(b, 'cancel');
    await engine.run();
    const queued = mk(24);
    s.np.queue(queued, 'register');
    const total = (id: number) => s.orders.get(id)!.total;
    expect(s.np.outstandingTotalForBuyer('090-1111-2222')).toBe(total(a) + total(c) + total(queued));
    expect(s.np.outstandingTotalForBuyer(tel, queued)).toBe(total(a) + total(c));
    expect(s.np.outstandingTotalForBuyer('0312345678')).toBe(0);
  });
});

describe('attachTransactionId', () => {
  it('checks the id, the status and that no other order has it', async () => {
    const ok = await registered(30);
    const npId = s.np.info(ok).state.npTransactionId!;
    const other = add(31);
    expect(refusal(() => s.np.attachTransactionId(other, '123')).code).toBe('validation');
    expect(refusal(() => s.np.attachTransactionId(other, npId)).message).toMatch(/すでに別の受注（注文番号 T000030）/);
    expect(refusal(() => s.np.attachTransactionId(ok, '26110199999')).message).toMatch(/「審査OK」のため、NP取引IDを紐付けできません/);
    s.np.attachTransactionId(other, '２６１１０１９９９９９');
    expect(s.np.info(other)).toMatchObject({ status: 'reviewing', state: { npTransactionId: '26110199999' } });
    await engine.run();
    // NP does not know that id: 取引登録失敗 with E0100113, so staff can attach the right one or register.
    expect(s.np.info(other)).toMatchObject({ status: 'register_failed', allowedActions: ['register'] });
    expect(s.np.info(other).errors.map((e) => e.code)).toEqual(['E0100113']);
  });
});
