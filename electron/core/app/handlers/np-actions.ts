/** NP actions staff take on orders: queue 取引登録 / 取引修正 / キャンセル / 出荷報告, bulk, attach an id. */
import type { BulkActionResult, Handlers } from '../../../../shared/contract';
import { NP_ACTION_LABELS } from '../../../../shared/np/status';
import { orderInputOf } from '../../../../shared/order';
import type { CoreContext } from '../context';
import { notFound, orderDetail } from './orders';
import { errorMessage } from '../errors';

type NpHandlers = Pick<Handlers, 'queueNpAction' | 'queueNpBulk' | 'attachNpTransactionId' | 'npHistory' | 'buyerOutstanding'>;

export function npHandlers(ctx: CoreContext): NpHandlers {
  return {
    queueNpAction: ({ orderId, action, carrierCode, slipNo }) => {
      const s = ctx.session();
      s.db.transaction(() => {
        const order = s.orders.get(orderId);
        if (!order) throw notFound(orderId);
        if (action === 'shipment' && (carrierCode !== undefined || slipNo !== undefined)) {
          // The carrier and slip staff typed for the report are the order's 配送業者 / 配送伝票番号 too.
          s.orders.update(orderId, { ...orderInputOf(order), carrierCode: carrierCode ?? order.carrierCode, slipNo: slipNo ?? order.slipNo }, ctx.clock.now());
        }
        s.np.queue(orderId, action);
      })();
      ctx.changed([orderId]);
      return orderDetail(ctx, orderId);
    },

    queueNpBulk: ({ orderIds, action }) => {
      const s = ctx.session();
      const label = NP_ACTION_LABELS[action];
      const results: BulkActionResult[] = [];
      const queueOne = s.db.transaction((id: number) => s.np.queue(id, action));
      for (const orderId of orderIds) {
        const order = s.orders.get(orderId);
        if (!order) {
          results.push({ orderId, orderNo: '', ok: false, message: '受注が見つかりません。' });
          continue;
        }
        try {
          queueOne(orderId);
          results.push({ orderId, orderNo: order.orderNo, ok: true, message: `${label}を送信待ちにしました。` });
        } catch (e) {
          results.push({ orderId, orderNo: order.orderNo, ok: false, message: errorMessage(e) });
        }
      }
      ctx.changed(results.filter((r) => r.ok).map((r) => r.orderId));
      return { results };
    },

    attachNpTransactionId: ({ orderId, npTransactionId }) => {
      const s = ctx.session();
      if (!s.orders.get(orderId)) throw notFound(orderId);
      s.np.attachTransactionId(orderId, npTransactionId);
      ctx.changed([orderId]);
      return orderDetail(ctx, orderId);
    },

    npHistory: ({ orderId }) => {
      const s = ctx.session();
      if (!s.orders.get(orderId)) throw notFound(orderId);
      return s.np.history(orderId);
    },

    buyerOutstanding: ({ tel, amount, excludeOrderId }) => {
      const s = ctx.session();
      const outstanding = s.np.outstandingTotalForBuyer(tel, excludeOrderId);
      const limit = s.settings.get().creditLimit;
      return { outstanding, limit, wouldExceed: outstanding + amount > limit };
    },
  };
}
