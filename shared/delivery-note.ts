/**
 * 納品書 (delivery note): what the print view shows for one order, derived from the stored order alone —
 * the goods with their 税率, 送料, 手数料, 値引き, 合計, the 税率ごとの内訳 and, for NP後払い, which NP note goes
 * on the page (別送: the invoice is mailed separately; 同梱: the invoice is in the parcel). Pure: the core builds
 * it for the print view, tests check its sums.
 */
import { STANDARD_TAX_RATE, TAX_RATES, type GoodsLine, type InvoiceType, type Order, type PaymentMethod, type Person, type TaxRate } from './order';
import type { ShopProfile } from './shop';
import { jstFileStamp } from './jst-date';

/** 〜対象 of one rate: the tax-included amount and the consumption tax it contains (rounded down per rate). */
export interface TaxBucket {
  rate: TaxRate;
  amount: number;
  tax: number;
}

export interface DeliveryNote {
  orderId: number;
  orderNo: string;
  orderedAt: number;
  paymentMethod: PaymentMethod;
  buyer: Pick<Person, 'name' | 'companyName' | 'departmentName' | 'zip' | 'address' | 'tel'>;
  /** null = the buyer */
  shipTo: Pick<Person, 'name' | 'companyName' | 'departmentName' | 'zip' | 'address' | 'tel'> | null;
  lines: GoodsLine[];
  goodsTotal: number;
  shippingFee: number;
  fee: number;
  discount: number;
  total: number;
  taxes: TaxBucket[];
  /** The NP後払い note: which 請求書区分 (null when the order is not NP後払い). */
  npInvoice: InvoiceType | null;
}

/** What the print view loads: the shop block, the greeting and the notes (in the order asked for). */
export interface DeliveryNotesData {
  shop: ShopProfile;
  greeting: string;
  notes: DeliveryNote[];
  /** Asked-for ids that no longer exist (deleted meanwhile). */
  missing: number[];
}

/** How many orders one 「帳票を一括出力」 may print. */
export const DELIVERY_NOTES_MAX = 1000;
/** How many notes the print view asks the core for at once (it renders them while the next page loads). */
export const DELIVERY_NOTES_PAGE = 100;

/**
 * 税率ごとの内訳. 送料 and 手数料 are standard-rate (10%) services; a 値引き is shared between the rates in
 * proportion to their amounts (the remainder on 10%), so the buckets always add up to the 合計.
 * Tax is amount × rate / (100 + rate), rounded down once per rate (the invoice rule: one rounding per rate).
 */
export function taxBreakdown(o: Pick<Order, 'lines' | 'shippingFee' | 'fee' | 'discount'>): TaxBucket[] {
  const amounts = new Map<TaxRate, number>(TAX_RATES.map((r) => [r, 0]));
  for (const l of o.lines) {
    const rate = l.taxRate ?? STANDARD_TAX_RATE;
    amounts.set(rate, (amounts.get(rate) ?? 0) + l.unitPrice * l.quantity);
  }
  amounts.set(STANDARD_TAX_RATE, (amounts.get(STANDARD_TAX_RATE) ?? 0) + o.shippingFee + o.fee);
  const gross = [...amounts.values()].reduce((s, a) => s + a, 0);
  if (o.discount > 0 && gross > 0) {
    let left = o.discount;
    for (const rate of TAX_RATES) {
      if (rate === STANDARD_TAX_RATE) continue;
      const share = Math.floor((o.discount * (amounts.get(rate) ?? 0)) / gross);
      amounts.set(rate, (amounts.get(rate) ?? 0) - share);
      left -= share;
    }
    amounts.set(STANDARD_TAX_RATE, (amounts.get(STANDARD_TAX_RATE) ?? 0) - left);
  }
  const used = new Set(o.lines.map((l) => l.taxRate ?? STANDARD_TAX_RATE));
  return TAX_RATES.filter((rate) => rate === STANDARD_TAX_RATE || used.has(rate)).map((rate) => {
    const amount = amounts.get(rate) ?? 0;
    return { rate, amount, tax: Math.floor((amount * rate) / (100 + rate)) };
  });
}

const personOf = (p: Person): DeliveryNote['buyer'] => ({
  name: p.name,
  companyName: p.companyName,
  departmentName: p.departmentName,
  zip: p.zip,
  address: p.address,
  tel: p.tel,
});

export function deliveryNoteOf(order: Order): DeliveryNote {
  return {
    orderId: order.id,
    orderNo: order.orderNo,
    orderedAt: order.orderedAt,
    paymentMethod: order.paymentMethod,
    buyer: personOf(order.customer),
    shipTo: order.shipTo ? personOf(order.shipTo) : null,
    lines: order.lines.map((l) => ({ ...l })),
    goodsTotal: order.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0),
    shippingFee: order.shippingFee,
    fee: order.fee,
    discount: order.discount,
    total: order.total,
    taxes: taxBreakdown(order),
    npInvoice: order.paymentMethod === 'np_atobarai' ? order.invoiceType : null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The print view's address: print.html#ids=1,2,3[&print=1]

export const PRINT_PAGE = 'print.html';
/** The title the print view sets once every note is laid out and its fonts are loaded (Electron waits for it). */
export const PRINT_READY_TITLE_PREFIX = '納品書';
export const PRINT_LOADING_TITLE = '納品書を準備しています…';

/** The hash of the print view for these orders; `autoPrint` = the browser host's tab calls window.print(). */
export function printViewHash(orderIds: readonly number[], autoPrint: boolean): string {
  return `#ids=${orderIds.join(',')}${autoPrint ? '&print=1' : ''}`;
}

export function parsePrintViewHash(hash: string): { orderIds: number[]; autoPrint: boolean } {
  const params = new URLSearchParams(hash.replace(/^#/u, ''));
  const orderIds = (params.get('ids') ?? '')
    .split(',')
    .filter((s) => /^\d{1,15}$/u.test(s))
    .map(Number)
    .filter((n) => n > 0)
    .slice(0, DELIVERY_NOTES_MAX);
  return { orderIds: [...new Set(orderIds)], autoPrint: params.get('print') === '1' };
}

/** What 「帳票出力」 did. */
export type DeliveryNotesOutput =
  /** Electron: printed (OS print dialog confirmed) or saved as PDF (filePath); the orders are marked 出力済み. */
  | { status: 'done'; filePath: string | null; printedAt: number; count: number }
  /** Electron: the print or save dialog was cancelled; nothing marked. */
  | { status: 'cancelled' }
  /** Browser host: open this page (relative to the app) in a new tab; it prints and marks the orders itself. */
  | { status: 'browser'; page: string };

/** '納品書_20261128_1204.pdf' (JST). */
export function deliveryNotesFileName(now: number): string {
  return `納品書_${jstFileStamp(now)}.pdf`;
}
