import type { OrderInput } from '../../../shared/order';
import { foldEmail, foldKana, foldName, foldTel, foldText } from '../../../shared/search-fold';

/** The folded search columns stored with each order (see shared/search-fold.ts). */
export interface OrderSearchKeys {
  key_name: string;
  key_kana: string;
  key_email: string;
  key_tel: string;
  key_goods: string;
  buyer_key: string;
  has_note: 0 | 1;
}

/** Goods names are folded one by one and joined by a newline, which a folded query never contains. */
export const GOODS_KEY_SEPARATOR = '\n';

/**
 * Who the buyer is, for 購入履歴 (number of orders by the same buyer): the folded email when there is one,
 * else the TEL digits. Both are what NP itself keys a buyer's outstanding balance on.
 */
export function buyerKey(customer: Pick<OrderInput['customer'], 'email' | 'tel'>): string {
  const email = foldEmail(customer.email);
  return email ? `e:${email}` : `t:${foldTel(customer.tel)}`;
}

export function orderSearchKeys(o: OrderInput): OrderSearchKeys {
  return {
    key_name: foldName(o.customer.name),
    key_kana: foldKana(o.customer.kana),
    key_email: foldEmail(o.customer.email),
    key_tel: foldTel(o.customer.tel),
    key_goods: o.lines.map((l) => foldText(l.name)).join(GOODS_KEY_SEPARATOR),
    buyer_key: buyerKey(o.customer),
    has_note: o.note.trim() === '' ? 0 : 1,
  };
}
