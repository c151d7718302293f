/**
 * What 出荷 means for an order reported in bulk (一括出荷報告, the 出荷CSV): 対応状況 becomes 発送済み, 発送日 is set (kept when already set, unless a new day is given) and the
 * carrier and slip the 出荷報告 sends are the order's 配送業者 / 配送伝票番号.
 */
import { orderInputOf, type Order, type OrderInput } from '../../../shared/order';

export interface ShippedParams {
  carrierCode: string;
  slipNo: string;
  /** 発送日 (epoch ms); null keeps the order's own, or now when it has none. */
  shippedAt: number | null;
}

export function shippedInput(order: Order, p: ShippedParams, now: number): OrderInput {
  return {
    ...orderInputOf(order),
    status: order.status === 'cancelled' ? order.status : 'shipped',
    carrierCode: p.carrierCode,
    slipNo: p.slipNo,
    shippedAt: p.shippedAt ?? order.shippedAt ?? now,
  };
}
