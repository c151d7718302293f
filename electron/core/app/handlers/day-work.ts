/**
 * The day's work (issue 17): the 要対応 queues' counts and saved searches, 一括出荷報告 with one row per order,
 * 一括キャンセル with its warnings, and a bulk 対応状況 change. The rules are in electron/core/orders.
 */
import type { Handlers } from '../../../../shared/contract';
import { orderInputOf } from '../../../../shared/order';
import { cancelOrdersBulk, planBulkCancel } from '../../orders/bulk-cancel';
import { planBulkShipment, shipOrdersBulk } from '../../orders/bulk-shipment';
import { createWorkQueueStore, type WorkQueueStore } from '../../orders/work-queues';
import type { CoreContext } from '../context';
import type { Session } from '../session';

type DayWorkHandlers = Pick<
  Handlers,
  | 'workQueues'
  | 'markPaymentsSeen'
  | 'savedSearches'
  | 'saveSearch'
  | 'deleteSavedSearch'
  | 'planBulkShipment'
  | 'shipOrdersBulk'
  | 'planBulkCancel'
  | 'cancelOrdersBulk'
  | 'setOrderStatusBulk'
>;

export function dayWorkHandlers(ctx: CoreContext): DayWorkHandlers {
  const stores = new WeakMap<Session, WorkQueueStore>();
  const queues = (): WorkQueueStore => {
    const s = ctx.session();
    let store = stores.get(s);
    if (!store) stores.set(s, (store = createWorkQueueStore(s.db, s.orders)));
    return store;
  };
  const shipmentDeps = () => {
    const s = ctx.session();
    return { db: s.db, orders: s.orders, np: s.np, defaultCarrierCode: s.settings.get().defaultCarrierCode, now: ctx.clock.now() };
  };
  const cancelDeps = () => {
    const s = ctx.session();
    return { db: s.db, orders: s.orders, np: s.np, now: ctx.clock.now() };
  };

  return {
    workQueues: () => queues().state(),
    markPaymentsSeen: () => queues().markPaymentsSeen(ctx.clock.now()),
    savedSearches: () => queues().savedSearches(),
    saveSearch: (search) => queues().saveSearch({ name: search.name, filters: search.filters }),
    deleteSavedSearch: ({ name }) => queues().deleteSavedSearch(name),

    planBulkShipment: ({ orderIds }) => ({ rows: planBulkShipment(shipmentDeps(), orderIds) }),
    shipOrdersBulk: ({ rows }) => {
      const result = shipOrdersBulk(shipmentDeps(), rows);
      if (result.queued) ctx.changed(result.rows.map((r) => r.orderId));
      return result;
    },

    planBulkCancel: ({ orderIds }) => planBulkCancel(cancelDeps(), orderIds),
    cancelOrdersBulk: ({ orderIds }) => {
      const results = cancelOrdersBulk(cancelDeps(), orderIds);
      ctx.changed(results.filter((r) => r.ok).map((r) => r.orderId));
      return { results, stockReminder: results.some((r) => r.ok) };
    },

    setOrderStatusBulk: ({ orderIds, status }) => {
      const s = ctx.session();
      const now = ctx.clock.now();
      const changed: number[] = [];
      s.db.transaction(() => {
        for (const id of orderIds) {
          const order = s.orders.get(id);
          if (!order || order.status === status) continue;
          const shippedAt = status === 'shipped' ? (order.shippedAt ?? now) : order.shippedAt;
          s.orders.update(id, { ...orderInputOf(order), status, shippedAt }, now);
          s.np.refresh(id);
          changed.push(id);
        }
      })();
      ctx.changed(changed);
      return { changed: changed.length, unchanged: orderIds.length - changed.length, status };
    },
  };
}
