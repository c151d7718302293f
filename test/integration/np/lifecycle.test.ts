/**
 * The full life cycle of orders through all 15 NP後払いステータス, driven the way staff and NP drive them
 * (queue actions, sync against the sandbox, NP-side events through the sandbox's admin prefix), ending with the
 * local store equal to the sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNpClient } from '../../../electron/core/np/client';
import { createSyncEngine } from '../../../electron/core/np/sync-engine';
import { DEMO_MERCHANT } from '../../../electron/sandbox';
import { NP_STATUSES, NP_STATUS_LABELS, type NpStatus } from '../../../shared/np/status';
import type { OrderInput } from '../../../shared/order';
import type { SyncSummary } from '../../../shared/sync';
import { FAST_RETRY, localView, npOrder, openTestStore, startTestSandbox, tempDir, testClient, type TestSandbox, type TestStore } from './helpers';

const OTHER_MERCHANT = { merchantCode: 'akt0000002', spCode: 'sandbox-sp-0002', terminalId: '9000000002' };
const tmp = tempDir('atobarai-np-life-');
let t: TestSandbox;
let s: TestStore;

beforeAll(async () => {
  t = await startTestSandbox({ merchants: [DEMO_MERCHANT, OTHER_MERCHANT] });
  s = openTestStore(tmp.file('life.sqlite'));
});
afterAll(async () => {
  s.db.close();
  await t.stop();
  tmp.cleanup();
});

const NOW = Date.UTC(2026, 10, 10);

describe('an order life cycle through all 15 statuses', () => {
  it('reaches every status and ends equal to the sandbox', async () => {
    let client = testClient(t.sb, { timeoutMs: 400 });
    const progress: string[] = [];
    const engine = createSyncEngine({
      db: s.db,
      np: s.np,
      getClient: () => client,
      retry: FAST_RETRY,
      onProgress: (p) => progress.push(p.phase),
    });
    const seen = new Set<NpStatus>();
    const status = (id: number): NpStatus | null => s.db.prepare('SELECT np_status FROM orders WHERE id = ?').pluck().get(id) as NpStatus | null;
    const snap = () => {
      for (const st of s.db.prepare('SELECT np_status FROM orders WHERE np_status IS NOT NULL').pluck().all()) seen.add(st as NpStatus);
    };
    const sync = async (): Promise<SyncSummary> => {
      snap();
      const summary = await engine.run();
      snap();
      expect(summary.error).toBeNull();
      return summary;
    };
    const add = (i: number, marker = '', over: Partial<OrderInput> = {}) => s.orders.insert(npOrder(i, over, marker), NOW).id;
    const edit = (id: number, change: (o: OrderInput) => OrderInput) => {
      const o = s.orders.get(id)!;
      s.orders.update(id, change(o), NOW);
      s.np.refresh(id);
    };
    const npId = (id: number) => s.np.info(id).state.npTransactionId!;

    const A = add(1); // the happy path, then paid and a refused cancel
    const B = add(2, '審査テスト'); // review, cancel, register again
    const C = add(3, '保留テスト'); // hold, fixed by 取引修正
    const D = add(4, 'NGテスト'); // NG
    const E = add(5, '', { customer: { ...npOrder(5).customer, email: '' } }); // NP refuses: email required
    const F = add(6); // NP cancels it on its side; the update fails
    const G = add(7); // NP cancels it; the shipment report fails
    const H = add(8); // the cancel goes to an NP account that does not know it
    await t.admin.rules({ requireEmail: true });

    for (const id of [A, B, C, D, E, F, G, H]) s.np.queue(id, 'register');
    expect(status(A)).toBe('registering');
    const first = await sync();
    expect([A, B, C, D, E, F, G, H].map(status)).toEqual(['ok', 'reviewing', 'hold', 'ng', 'register_failed', 'ok', 'ok', 'ok']);
    expect(first).toMatchObject({ sent: 7, failed: 1, ambiguous: 0, online: true });
    expect(first.statusChanges).toEqual({ ok: 4, reviewing: 1, hold: 1, ng: 1, register_failed: 1 });
    expect(progress).toEqual(expect.arrayContaining(['outbox', 'authorizations', 'payments', 'done']));
    expect(s.np.info(C).authori.hold.map((h) => h.code)).toEqual(['RE026']);
    expect(s.np.info(D).authori.ng?.code).toBe('NG999');
    expect(s.np.info(E).errors.map((e) => e.code)).toEqual(['E0100068']);

    // Review ends on the next poll.
    const second = await sync();
    expect(status(B)).toBe('ok');
    expect(second.statusChanges).toEqual({ ok: 1 });

    // Staff act; NP cancels F and G on its side (not shipped in time).
    edit(A, (o) => ({ ...o, discount: 300 }));
    s.np.queue(A, 'update');
    s.np.queue(B, 'cancel');
    edit(C, (o) => ({ ...o, customer: { ...o.customer, address: '東京都港区赤坂1-2-3 赤坂ビル303' } }));
    s.np.queue(C, 'update');
    await t.admin.expire(npId(F));
    await t.admin.expire(npId(G));
    edit(F, (o) => ({ ...o, shippingFee: 0 }));
    s.np.queue(F, 'update');
    s.np.queue(G, 'shipment', { slipNo: '1111-2222-3333' });
    expect([A, B, C, F, G].map(status)).toEqual(['updating', 'cancelling', 'updating', 'updating', 'shipping']);
    await sync();
    expect([A, B, C, F, G].map(status)).toEqual(['ok', 'cancelled', 'ok', 'update_failed', 'shipment_failed']);
    expect(s.np.info(F).errors.map((e) => e.code)).toEqual(['E0100114']);
    expect(s.np.info(F).allowedActions).toEqual(['update', 'cancel']);
    expect(s.np.info(A).dirty).toBe(false);

    // A ships, the buyer pays, a late cancel is refused by NP.
    s.np.queue(A, 'shipment', { slipNo: '4444-5555-6666' });
    await sync();
    expect(status(A)).toBe('shipped');
    expect(s.np.info(A).payment.status).toBe('10');
    await t.admin.pay(npId(A), '2026-11-20');
    await sync();
    expect(s.np.info(A).payment).toEqual({ status: '20', customerPaymentDate: '2026-11-20' });
    s.np.queue(A, 'cancel');
    await sync();
    expect(status(A)).toBe('paid_cancel_refused');
    expect(s.np.info(A).allowedActions).toEqual([]);

    // E is fixed and registered again; B is registered again after its cancel; F is cancelled (NP already did).
    edit(E, (o) => ({ ...o, customer: { ...o.customer, email: 'hanako@example.jp' } }));
    s.np.queue(E, 'register');
    s.np.queue(B, 'register');
    s.np.queue(F, 'cancel');
    await sync();
    expect([E, B, F].map(status)).toEqual(['ok', 'reviewing', 'cancelled']);
    expect((await t.admin.transactions(s.orders.get(B)!.orderNo)).map((x) => x.state)).toEqual(['cancelled', 'registered']);

    // An ambiguous register: the request reached NP but the answer never came.
    const I = add(9);
    s.np.queue(I, 'register');
    await t.admin.faults({ script: ['timeout'], ops: ['register'] });
    const ambiguous = await engine.run();
    snap();
    expect(ambiguous.ambiguous).toBe(1);
    expect(status(I)).toBe('register_failed');
    expect(s.np.info(I).errors.map((e) => e.code)).toEqual(['LOCAL_AMBIGUOUS_REGISTER', 'LOCAL_TIMEOUT']);
    // The timeout fault never applied the register: staff find nothing in NP's screen and register again.
    expect(await t.admin.transactions(s.orders.get(I)!.orderNo)).toEqual([]);
    s.np.queue(I, 'register');
    await sync();
    expect(status(I)).toBe('ok');

    // A dropped answer after NP committed: staff find the transaction and attach its id.
    const J = add(10);
    s.np.queue(J, 'register');
    await t.admin.faults({ script: ['drop'], ops: ['register'] });
    await engine.run();
    expect(status(J)).toBe('register_failed');
    const [found] = await t.admin.transactions(s.orders.get(J)!.orderNo);
    s.np.attachTransactionId(J, found!.np_transaction_id);
    expect(status(J)).toBe('reviewing');
    await sync();
    expect(status(J)).toBe('ok');
    expect(s.np.history(J).map((h) => h.kind)).toEqual(['queued', 'request', 'answer', 'attached', 'refreshed']);

    // H's cancel goes to an NP account that has never seen it (e.g. the environment was switched).
    client = createNpClient({ baseUrl: t.sb.url, credentials: OTHER_MERCHANT, timeoutMs: 400 });
    s.np.queue(H, 'cancel');
    await sync();
    expect(status(H)).toBe('cancel_failed');
    expect(s.np.info(H).errors.map((e) => e.code)).toEqual(['E0100113']);
    expect(s.np.info(H).allowedActions).toEqual(['cancel']);
    client = testClient(t.sb, { timeoutMs: 400 });
    s.np.queue(H, 'cancel');
    await sync();
    expect(status(H)).toBe('cancelled');

    const missing = NP_STATUSES.filter((st) => !seen.has(st)).map((st) => NP_STATUS_LABELS[st]);
    expect(missing).toEqual([]);

    // The store equals the sandbox, transaction by transaction.
    const sandbox = new Map((await t.admin.transactions()).map((x) => [x.np_transaction_id, x]));
    for (const [orderNo, local] of localView(s.db)) {
      if (!local.npId) continue;
      const remote = sandbox.get(local.npId);
      expect(remote, orderNo).toBeDefined();
      expect({ orderNo, authori: local.authori, cancelled: local.cancelled, shipped: local.shipped }).toEqual({
        orderNo,
        authori: remote!.authori_result,
        cancelled: remote!.state === 'cancelled',
        shipped: remote!.state === 'shipped' || remote!.state === 'paid',
      });
      if (!local.cancelled) expect(local.payment, orderNo).toBe(remote!.payment_status);
    }
    expect(s.np.pendingCount()).toBe(0);
    // Every outbox action NP applied was applied once.
    for (const txn of sandbox.values()) {
      expect(txn.ops.register + txn.ops.reregister, txn.shop_transaction_id).toBeLessThanOrEqual(1);
      expect(txn.ops.cancel).toBeLessThanOrEqual(1);
      expect(txn.ops.shipments).toBeLessThanOrEqual(1);
    }
    expect(engine.state()).toMatchObject({ running: false, online: true, pendingActions: 0 });
  });
});
