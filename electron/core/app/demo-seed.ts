/**
 * Demo mode's first run: generated orders go into the local store, and every NP後払い order that is not
 * cancelled is queued for 取引登録 — the first sync registers them with the sandbox through the NP API,
 * like any order (the sandbox's store is never written directly).
 */
import { generateOrders } from '../demo/generate';
import { NpActionError } from '../np/errors';
import type { Session } from './session';

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
  return ids.length;
}
