/**
 * Demo mode's first run: generated orders go into the local store, and every NP後払い order that is not
 * cancelled is queued for 取引登録 — the first sync registers them with the sandbox through the NP API,
 * like any order (the sandbox's store is never written directly).
 */
import { generateOrders } from '../demo/generate';
import { NpActionError } from '../np/errors';
import { orderInputOf } from '../../../shared/order';
import type { Session } from './session';
import { refreshStatistics } from '../db/statistics';

export function seedDemoOrders(session: Session, opts: { count: number; seed: number; now: number }): number {
  const inputs = generateOrders({ seed: opts.seed, count: opts.count, now: opts.now, invalidShare: 0.02 });
  const ids = session.orders.insertMany(inputs, opts.now);
  session.db.transaction(() => {
    ids.forEach((id, i) => {
      const input = inputs[i]!;
      if (input.paymentMethod !== 'np_atobarai' || input.status === 'cancelled') return;
      try {
        session.np.queue(id, 'register');
      } catch (e) {
        // An order NP's rules refuse stays 未登録 with its problem shown in the dialog; anything else is a bug.
        if (!(e instanceof NpActionError)) throw e;
      }
    });
  })();
  session.np.recomputeAll();
  refreshStatistics(session.db); // a bulk write: the planner statistics now, not at the next start
  return ids.length;
}

/**
 * After the sandbox has judged the demo orders: an order NP holds, declines or is still reviewing was not
 * shipped in a real shop (one ships after 審査OK). Such orders go back to 新規受付 without 発送日 / 配送伝票番号, so
 * 対応状況 agrees with the NP status. Returns the orders changed.
 */
export function alignDemoOrders(session: Session, now: number): number[] {
  const ids = session.db
    .prepare<[], number>("SELECT id FROM orders WHERE np_status IN ('hold', 'ng', 'reviewing') AND status IN ('shipped', 'paid', 'awaiting_payment')")
    .pluck()
    .all();
  session.db.transaction(() => {
    for (const id of ids) {
      const order = session.orders.get(id)!;
      session.orders.update(id, { ...orderInputOf(order), status: 'new', shippedAt: null, slipNo: '', paidAt: null }, now);
      session.np.refresh(id);
    }
  })();
  return ids;
}
