/**
 * The order being edited or typed in. It is an OrderInput with the ship-to always present (the form shows
 * its fields) plus "same as the buyer"; dates are held the way the pickers speak (JST wall clock strings).
 */
import type { AppSettings } from '../../../../shared/contract';
import type { Order, OrderInput, Person } from '../../../../shared/order';
import { jstDayStart, toJstDate } from '../../../../shared/jst-date';
import { fromJstDateTimeInput, toJstDateTimeInput } from '../../format';

export interface OrderDraft extends Omit<OrderInput, 'shipTo' | 'orderedAt' | 'shippedAt' | 'paidAt'> {
  shipTo: Person;
  shipToSame: boolean;
  /** 'YYYY-MM-DD HH:mm' (JST) */
  orderedAt: string;
  /** 'YYYY-MM-DD' (JST) or '' */
  shippedAt: string;
  paidAt: string;
  /** The stored instants, kept so that saving without touching a date does not round it to the minute/day. */
  exact: { orderedAt: number; shippedAt: number | null; paidAt: number | null };
}

export function emptyPerson(): Person {
  return { name: '', kana: '', companyName: '', departmentName: '', zip: '', address: '', tel: '' };
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** A new order for 受注登録: NP後払い, 新規受付, now, the default carrier. */
export function emptyDraft(settings: AppSettings | null, now: number): OrderDraft {
  return {
    orderNo: '',
    orderedAt: toJstDateTimeInput(now),
    status: 'new',
    paymentMethod: 'np_atobarai',
    customer: { ...emptyPerson(), email: '', birthDate: null, gender: 'unknown' },
    shipTo: emptyPerson(),
    shipToSame: true,
    lines: [{ name: '', unitPrice: 0, quantity: 1 }],
    shippingFee: 0,
    fee: 0,
    discount: 0,
    carrierCode: settings?.defaultCarrierCode ?? null,
    slipNo: '',
    invoiceType: 'separate',
    note: '',
    shopMemo: '',
    shippedAt: '',
    paidAt: '',
    exact: { orderedAt: now, shippedAt: null, paidAt: null },
  };
}

export function draftFromOrder(o: Order): OrderDraft {
  return {
    orderNo: o.orderNo,
    orderedAt: toJstDateTimeInput(o.orderedAt),
    status: o.status,
    paymentMethod: o.paymentMethod,
    customer: clone(o.customer),
    shipTo: o.shipTo ? clone(o.shipTo) : emptyPerson(),
    shipToSame: o.shipTo === null,
    lines: clone(o.lines),
    shippingFee: o.shippingFee,
    fee: o.fee,
    discount: o.discount,
    carrierCode: o.carrierCode,
    slipNo: o.slipNo,
    invoiceType: o.invoiceType,
    note: o.note,
    shopMemo: o.shopMemo,
    shippedAt: o.shippedAt === null ? '' : toJstDate(o.shippedAt),
    paidAt: o.paidAt === null ? '' : toJstDate(o.paidAt),
    exact: { orderedAt: o.orderedAt, shippedAt: o.shippedAt, paidAt: o.paidAt },
  };
}

/** A picked day; the stored instant when it is still the same day. */
const day = (s: string, exact: number | null): number | null => {
  if (!s) return null;
  return exact !== null && toJstDate(exact) === s ? exact : jstDayStart(s);
};

/** A picked minute; the stored instant when it is still the same minute. */
const minute = (s: string, exact: number): number => (toJstDateTimeInput(exact) === s ? exact : fromJstDateTimeInput(s));

/** What the contract receives (the schema then trims and folds TEL/zip). */
export function draftToInput(d: OrderDraft): OrderInput {
  const { shipToSame, shipTo, orderedAt, shippedAt, paidAt, exact, ...rest } = d;
  return {
    ...clone(rest),
    orderedAt: minute(orderedAt, exact.orderedAt),
    shipTo: shipToSame ? null : clone(shipTo),
    shippedAt: day(shippedAt, exact.shippedAt),
    paidAt: day(paidAt, exact.paidAt),
  };
}

/** Same meaning (what would be saved), ignoring how the ship-to fields were left when "same" is ticked. */
export function sameDraft(a: OrderDraft, b: OrderDraft): boolean {
  return JSON.stringify(draftToInput(a)) === JSON.stringify(draftToInput(b));
}
