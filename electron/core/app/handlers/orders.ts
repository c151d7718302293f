/** 受注管理: search, read, register (受注登録) and save (この内容で登録する) orders. */
import { ApiError } from '../../../../shared/api-result';
import type { Handlers, OrderDetail } from '../../../../shared/contract';
import type { OrderInput } from '../../../../shared/order';
import type { NpAction } from '../../../../shared/np/status';
import type { CoreContext } from '../context';

type OrderHandlers = Pick<Handlers, 'searchOrders' | 'getOrder' | 'createOrder' | 'saveOrder' | 'planSave'>;

export function notFound(id: number): ApiError {
  return new ApiError({ code: 'not_found', message: `受注（ID ${id}）が見つかりません。削除された可能性があります。` });
}

export function orderDetail(ctx: CoreContext, id: number): OrderDetail {
  const s = ctx.session();
  const order = s.orders.get(id);
  if (!order) throw notFound(id);
  const np = s.np.info(id);
  const hasNp = order.paymentMethod === 'np_atobarai' || np.state.npTransactionId !== null || np.status !== null;
  return { order, np: hasNp ? np : null, purchaseCount: s.orders.purchaseCount(id) };
}

export function orderHandlers(ctx: CoreContext): OrderHandlers {
  return {
    searchOrders: (criteria) => ctx.session().orders.searchNormalized(criteria),

    getOrder: ({ id }) => orderDetail(ctx, id),

    createOrder: ({ order, registerWithNp }) => {
      const s = ctx.session();
      const id = s.db.transaction(() => {
        const created = s.orders.insert(order, ctx.clock.now());
        if (registerWithNp) {
          if (created.paymentMethod !== 'np_atobarai') {
            throw new ApiError({ code: 'refused', message: '支払方法がNP後払いではないため、取引登録できません。' });
          }
          s.np.queue(created.id, 'register');
        }
        s.np.refresh(created.id);
        return created.id;
      })();
      ctx.changed([id]);
      return orderDetail(ctx, id);
    },

    saveOrder: ({ id, order, npAction }) => {
      const s = ctx.session();
      s.db.transaction(() => {
        if (!s.orders.get(id)) throw notFound(id);
        s.orders.update(id, order as OrderInput, ctx.clock.now());
        s.np.refresh(id);
        if (npAction) s.np.queue(id, npAction as NpAction);
      })();
      ctx.changed([id]);
      return orderDetail(ctx, id);
    },

    planSave: ({ id, order, action }) => {
      const s = ctx.session();
      if (!s.orders.get(id)) throw notFound(id);
      return s.np.planSave(id, order as OrderInput, action, s.settings.get().creditLimit);
    },
  };
}
