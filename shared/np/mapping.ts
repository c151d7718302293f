/**
 * Order → NP payloads (np-api.md §5): the register item, the 取引修正 diff against what NP last accepted, and the
 * shipment report item. Deterministic and pure: the same order always maps to the same payload, so comparing
 * payloads tells whether local data differs from NP's (np_dirty).
 *
 * - shop_order_date is the order's calendar date in Japan (Asia/Tokyo), not UTC.
 * - Shipping, fee and discount become goods lines (quantity 1; the discount as a negative price), so
 *   Σ goods_price × quantity == billed_amount exactly (the safe reading of np-api.md §10).
 * - Text fields: half-width kana → full-width; TEL and zip → digits only.
 * - settlement_type from 請求書区分: 別送 "02" (NP後払い), 同梱 "03" (NP後払いwiz).
 * - dest_customer only when the ship-to differs from the buyer.
 */
import type {
  NpCustomer,
  NpGoods,
  NpPerson,
  NpRegisterItem,
  NpShipmentItem,
  NpUpdateItem,
  SettlementType,
} from './api-types';
import { toJstDate } from '../jst-date';
import { normalizeTel, normalizeZip } from './text';
import { widenKana } from '../kana';
import type { InvoiceType, OrderInput, Person } from '../order';
import { orderTotal } from '../order';
import type { NpUpdatePreview } from '../sync';

export interface MappingOptions {
  /** Optional site_name / site_url sent with every register (shop settings). */
  siteName?: string;
  siteUrl?: string;
}

/** Labels of the extra goods lines. */
export const GOODS_LINE_NAMES = { shipping: '送料', fee: '決済手数料', discount: '値引き' } as const;

export const SETTLEMENT_TYPES: Record<InvoiceType, SettlementType> = { separate: '02', bundled: '03' };

const text = (s: string): string => widenKana(s.trim());

function optional<K extends string>(key: K, value: string): Partial<Record<K, string>> {
  const v = text(value);
  return v ? ({ [key]: v } as Record<K, string>) : {};
}

export function toNpPerson(p: Person): NpPerson {
  return {
    customer_name: text(p.name),
    ...optional('customer_name_kana', p.kana),
    ...optional('company_name', p.companyName),
    ...optional('department_name', p.departmentName),
    zip_code: normalizeZip(p.zip),
    address: text(p.address),
    tel: normalizeTel(p.tel),
  };
}

function toNpCustomer(order: OrderInput): NpCustomer {
  const email = order.customer.email.trim();
  return { ...toNpPerson(order.customer), ...(email ? { email } : {}) };
}

/** The person part of a customer (what dest_customer would hold if the parcel goes to the buyer). */
export function personOfCustomer(c: NpCustomer): NpPerson {
  const { email: _email, ...person } = c;
  return person;
}

export function toNpGoods(order: Pick<OrderInput, 'lines' | 'shippingFee' | 'fee' | 'discount'>): NpGoods[] {
  const goods: NpGoods[] = order.lines.map((l) => ({ goods_name: text(l.name), goods_price: l.unitPrice, quantity: l.quantity }));
  if (order.shippingFee) goods.push({ goods_name: GOODS_LINE_NAMES.shipping, goods_price: order.shippingFee, quantity: 1 });
  if (order.fee) goods.push({ goods_name: GOODS_LINE_NAMES.fee, goods_price: order.fee, quantity: 1 });
  if (order.discount) goods.push({ goods_name: GOODS_LINE_NAMES.discount, goods_price: -order.discount, quantity: 1 });
  return goods;
}

export function goodsTotal(goods: readonly NpGoods[]): number {
  return goods.reduce((s, g) => s + g.goods_price * g.quantity, 0);
}

/** The POST /transactions item for an order. */
export function toRegisterItem(order: OrderInput, opts: MappingOptions = {}): NpRegisterItem {
  const customer = toNpCustomer(order);
  const dest = order.shipTo ? toNpPerson(order.shipTo) : null;
  const item: NpRegisterItem = {
    shop_transaction_id: order.orderNo,
    shop_order_date: toJstDate(order.orderedAt),
    settlement_type: SETTLEMENT_TYPES[order.invoiceType],
    billed_amount: orderTotal(order),
    ...(opts.siteName ? { site_name: opts.siteName } : {}),
    ...(opts.siteUrl ? { site_url: opts.siteUrl } : {}),
    customer,
    goods: toNpGoods(order),
  };
  if (dest && !samePerson(dest, personOfCustomer(customer))) item.dest_customer = dest;
  return item;
}

function samePerson(a: NpPerson | undefined, b: NpPerson | undefined): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));

function changedKeys(prefix: string, a: object | undefined, b: object | undefined): string[] {
  const ra = (a ?? {}) as Record<string, unknown>;
  const rb = (b ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
  return keys.filter((k) => !same(ra[k], rb[k])).map((k) => `${prefix}.${k}`);
}

/**
 * What 取引修正 sends: np_transaction_id plus each section that differs from what NP accepted
 * (np-api.md §6.2: omitted fields keep their values). billed_amount and goods always travel together so NP can
 * check their sum. When the parcel now goes to the buyer but NP holds a separate ship-to, dest_customer is sent
 * as the buyer's address.
 */
export function diffForUpdate(npTransactionId: string, current: NpRegisterItem, accepted: NpRegisterItem): NpUpdatePreview {
  const payload: NpUpdateItem = { np_transaction_id: npTransactionId };
  const changedFields: string[] = [];
  for (const key of ['shop_order_date', 'settlement_type', 'site_name', 'site_url'] as const) {
    if (!same(current[key], accepted[key]) && current[key] !== undefined) {
      Object.assign(payload, { [key]: current[key] });
      changedFields.push(key);
    }
  }
  const billedChanged = current.billed_amount !== accepted.billed_amount;
  const goodsChanged = !same(current.goods, accepted.goods);
  if (billedChanged || goodsChanged) {
    payload.billed_amount = current.billed_amount;
    payload.goods = current.goods;
    if (billedChanged) changedFields.push('billed_amount');
    if (goodsChanged) changedFields.push('goods');
  }
  const customerChanges = changedKeys('customer', current.customer, accepted.customer);
  if (customerChanges.length) {
    payload.customer = current.customer;
    changedFields.push(...customerChanges);
  }
  const wantedDest = current.dest_customer ?? (accepted.dest_customer ? personOfCustomer(current.customer) : undefined);
  if (wantedDest && !samePerson(wantedDest, accepted.dest_customer)) {
    payload.dest_customer = wantedDest;
    changedFields.push(...changedKeys('dest_customer', wantedDest, accepted.dest_customer));
  }
  return { payload, changedFields };
}

/** What NP holds after it accepted an update: the accepted register payload with the sent sections replaced. */
export function mergeAccepted(accepted: NpRegisterItem, update: NpUpdateItem): NpRegisterItem {
  const { np_transaction_id: _id, ...fields } = update;
  const merged: NpRegisterItem = { ...accepted };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) Object.assign(merged, { [k]: v });
  return merged;
}

export interface ShipmentParams {
  /** pd_company_code; defaults to the order's 配送業者. */
  carrierCode?: string;
  /** slip_no; defaults to the order's 配送伝票番号. */
  slipNo?: string;
  /** bill_issued_date for NP後払いwiz (同梱), 'YYYY-MM-DD'; defaults to today in Japan. Never sent for 別送. */
  billIssuedDate?: string;
}

/** The POST /shipments item. */
export function toShipmentItem(npTransactionId: string, order: OrderInput, params: ShipmentParams, now: number): NpShipmentItem {
  const item: NpShipmentItem = {
    np_transaction_id: npTransactionId,
    pd_company_code: (params.carrierCode ?? order.carrierCode ?? '').trim(),
    slip_no: (params.slipNo ?? order.slipNo).normalize('NFKC').trim(),
  };
  if (order.invoiceType === 'bundled') item.bill_issued_date = params.billIssuedDate ?? toJstDate(now);
  return item;
}
