/**
 * The independent answer to an order search: plain TypeScript over the generated orders, written from the
 * search form's rules (AND of filters, inclusive ranges, JST calendar days, folding), not from the SQL.
 * Text folding reuses shared/search-fold.ts, which test/unit/search-fold.test.ts checks on its own.
 */
import type { Order, OrderStatus, PaymentMethod, InvoiceType } from '../../../shared/order';
import { INVOICE_TYPES, ORDER_STATUSES, PAYMENT_METHODS } from '../../../shared/order';
import { NP_STATUSES, type NpStatus } from '../../../shared/np/status';
import { toJstDate } from '../../../shared/jst-date';
import { foldEmail, foldKana, foldName, foldTel, foldText, type OrderSearchCriteria, type OrderSortKey } from '../../../shared/search';

/** What the oracle knows of each stored order. */
export interface OracleOrder extends Order {
  npStatus: NpStatus | null;
  /** NP未反映の変更あり */
  npDirty: boolean;
  /** When NP's payment was first seen; null = not paid. */
  npPaidAt: number | null;
}

type Range<T> = { from?: T | null; to?: T | null } | null | undefined;

function inRange<T extends number | string>(value: T | null, r: Range<T>): boolean {
  if (!r || ((r.from === undefined || r.from === null || r.from === '') && (r.to === undefined || r.to === null || r.to === ''))) return true;
  if (value === null) return false;
  if (r.from !== undefined && r.from !== null && r.from !== '' && value < r.from) return false;
  if (r.to !== undefined && r.to !== null && r.to !== '' && value > r.to) return false;
  return true;
}

function dayRange(ms: number | null, r: Range<string>): boolean {
  return inRange(ms === null ? null : toJstDate(ms), r);
}

function oneOf<T>(value: T, chosen: readonly T[] | null | undefined): boolean {
  return !chosen || chosen.length === 0 || chosen.includes(value);
}

function has(haystack: string, needle: string | null | undefined, fold: (s: string) => string): boolean {
  if (!needle || needle.trim() === '') return true;
  return fold(haystack).includes(fold(needle));
}

function goodsHas(o: Order, needle: string | null | undefined): boolean {
  if (!needle || needle.trim() === '') return true;
  return o.lines.some((l) => foldText(l.name).includes(foldText(needle)));
}

const num = (v: number | string | null | undefined): number | undefined =>
  v === undefined || v === null || v === '' ? undefined : typeof v === 'number' ? v : Number(v.normalize('NFKC').replace(/[,円]/gu, ''));

export function oracleMatches(o: OracleOrder, c: OrderSearchCriteria): boolean {
  const orderNoNum = /^\d+$/u.test(o.orderNo) ? Number(o.orderNo) : null;
  return (
    inRange(orderNoNum, c.orderNo ? { from: num(c.orderNo.from), to: num(c.orderNo.to) } : undefined) &&
    oneOf<OrderStatus>(o.status, c.statuses) &&
    has(o.customer.name, c.name, foldName) &&
    has(o.customer.kana, c.kana, foldKana) &&
    has(o.customer.email, c.email, foldEmail) &&
    has(o.customer.tel, c.tel, foldTel) &&
    inRange(o.customer.birthDate, c.birthDate) &&
    oneOf(o.customer.gender, c.genders) &&
    (!c.hasNote || o.note.trim() !== '') &&
    oneOf<PaymentMethod>(o.paymentMethod, c.paymentMethods) &&
    dayRange(o.orderedAt, c.orderedAt) &&
    dayRange(o.updatedAt, c.updatedAt) &&
    dayRange(o.shippedAt, c.shippedAt) &&
    inRange(o.total, c.total ? { from: num(c.total.from), to: num(c.total.to) } : undefined) &&
    goodsHas(o, c.goods) &&
    oneOf(o.npStatus ?? 'none', c.npStatuses) &&
    oneOf<InvoiceType>(o.invoiceType, c.invoiceTypes) &&
    (!c.npDirty || o.npDirty) &&
    (c.npPayment !== 'paid' || o.npPaidAt !== null) &&
    (c.npPayment !== 'unpaid' || o.npPaidAt === null) &&
    (c.npPaidSince === undefined || c.npPaidSince === null || (o.npPaidAt !== null && o.npPaidAt >= c.npPaidSince))
  );
}

type SortValue = number | string;
function sortValues(o: OracleOrder, key: OrderSortKey): SortValue[] {
  switch (key) {
    case 'orderedAt':
      return [o.orderedAt];
    case 'orderNo':
      // Numeric order numbers by value; others (NULL numeric value) before them, by text.
      return [/^\d+$/u.test(o.orderNo) ? Number(o.orderNo) : -Infinity, o.orderNo];
    case 'customerKana':
      return [foldKana(o.customer.kana)];
    case 'paymentMethod':
      return [PAYMENT_METHODS.indexOf(o.paymentMethod)];
    case 'total':
      return [o.total];
    case 'status':
      return [ORDER_STATUSES.indexOf(o.status)];
    case 'npStatus':
      return [o.npStatus === null ? -1 : NP_STATUSES.indexOf(o.npStatus)];
    case 'invoiceType':
      return [INVOICE_TYPES.indexOf(o.invoiceType)];
  }
}

function compare(a: SortValue[], b: SortValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as SortValue;
    const y = b[i] as SortValue;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** All matches in the criteria's sort order (ties by id in the same direction). */
export function oracleSearch(all: readonly OracleOrder[], c: OrderSearchCriteria): OracleOrder[] {
  const key = c.sort?.key ?? 'orderedAt';
  const sign = (c.sort?.dir ?? 'desc') === 'asc' ? 1 : -1;
  return all
    .filter((o) => oracleMatches(o, c))
    .map((o) => ({ o, values: sortValues(o, key) }))
    .sort((a, b) => sign * (compare(a.values, b.values) || a.o.id - b.o.id))
    .map(({ o }) => o);
}

/** 購入履歴 of every order: orders of the same buyer (same email ignoring case; without an email, same TEL). */
export function oraclePurchaseCounts(all: readonly OracleOrder[]): Map<number, number> {
  const buyer = (o: OracleOrder) => (o.customer.email ? `mail ${o.customer.email.toLowerCase()}` : `tel ${o.customer.tel}`);
  const perBuyer = new Map<string, number>();
  for (const o of all) perBuyer.set(buyer(o), (perBuyer.get(buyer(o)) ?? 0) + 1);
  return new Map(all.map((o) => [o.id, perBuyer.get(buyer(o)) ?? 0]));
}
