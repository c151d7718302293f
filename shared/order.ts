/**
 * The shop's order as the app stores and shows it (the seed's 受注情報).
 * Stable ASCII codes are stored; the Japanese labels live in the label tables below.
 * Times are epoch milliseconds (UTC instants); dates without time (生年月日) are 'YYYY-MM-DD'.
 */

/** 対応状況 */
export const ORDER_STATUSES = ['processing', 'new', 'awaiting_payment', 'paid', 'cancelled', 'backordered', 'shipped'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  processing: '決済処理中',
  new: '新規受付',
  awaiting_payment: '入金待ち',
  paid: '入金済み',
  cancelled: 'キャンセル',
  backordered: '取り寄せ中',
  shipped: '発送済み',
};

/** 支払方法 */
export const PAYMENT_METHODS = ['amazon_pay', 'np_atobarai', 'credit_card', 'cod'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  amazon_pay: 'AmazonPay',
  np_atobarai: 'NP後払い',
  credit_card: 'クレジットカード',
  cod: '代金引換',
};

/** 性別 */
export const GENDERS = ['male', 'female', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男性', female: '女性', unknown: '未回答' };

/**
 * 請求書区分: 別送 = NP mails the invoice (settlement_type "02"),
 * 同梱 = the invoice travels in the parcel (NP後払いwiz, settlement_type "03").
 */
export const INVOICE_TYPES = ['separate', 'bundled'] as const;
export type InvoiceType = (typeof INVOICE_TYPES)[number];
export const INVOICE_TYPE_LABELS: Record<InvoiceType, string> = { separate: '別送', bundled: '同梱' };

/** A person on an order: the buyer (購入者) or the ship-to (配送先). */
export interface Person {
  name: string; // お名前 (漢字), e.g. '山田 太郎'
  kana: string; // フリガナ (全角カタカナ)
  companyName: string; // 会社名 ('' when none)
  departmentName: string; // 部署名 ('' when none)
  zip: string; // 郵便番号, 7 digits without hyphen, e.g. '1070052'
  address: string; // 住所 (都道府県から建物名まで)
  tel: string; // 電話番号, digits only, e.g. '0312345678'
}

export interface Customer extends Person {
  email: string;
  birthDate: string | null; // 生年月日 'YYYY-MM-DD'
  gender: Gender;
}

/** 消費税率 of a goods line: 10% standard, 8% 軽減税率 (food and drink, newspapers). */
export const TAX_RATES = [10, 8] as const;
export type TaxRate = (typeof TAX_RATES)[number];
export const STANDARD_TAX_RATE: TaxRate = 10;

/** 商品 (one goods line). unitPrice is tax-included JPY. */
export interface GoodsLine {
  name: string;
  unitPrice: number;
  quantity: number;
  taxRate?: TaxRate; // 税率: 8 for 軽減税率; absent = 10 (STANDARD_TAX_RATE)
}

/** The editable part of an order: what 受注登録 and 受注情報の編集 send. */
export interface OrderInput {
  orderNo: string; // 注文番号 (unique; numeric in most carts but kept as text)
  orderedAt: number; // 受注日
  status: OrderStatus; // 対応状況
  paymentMethod: PaymentMethod; // 支払方法
  customer: Customer;
  shipTo: Person | null; // null = same as the buyer
  lines: GoodsLine[];
  shippingFee: number; // 送料
  fee: number; // 手数料 (e.g. NP後払い手数料)
  discount: number; // 値引き (positive number, subtracted)
  carrierCode: string | null; // 配送業者 as NP's pd_company_code (shared/np/carriers.ts)
  slipNo: string; // 配送伝票番号
  invoiceType: InvoiceType; // 請求書区分
  note: string; // 備考 (the buyer's message)
  shopMemo: string; // SHOPメモ
  shippedAt: number | null; // 発送日
  paidAt: number | null; // 入金日
}

export interface Order extends OrderInput {
  id: number;
  total: number; // 購入金額 = Σ lines + shippingFee + fee − discount (derived, stored for search)
  createdAt: number;
  updatedAt: number; // 更新日
}

/** Σ lines + shipping + fee − discount: the buyer's total (購入金額, NP's billed_amount). */
export function orderTotal(o: Pick<OrderInput, 'lines' | 'shippingFee' | 'fee' | 'discount'>): number {
  return o.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) + o.shippingFee + o.fee - o.discount;
}

/** The editable part of a stored order (what 受注情報の編集 sends back). */
export function orderInputOf(order: Order): OrderInput {
  const { id: _id, total: _total, createdAt: _created, updatedAt: _updated, ...input } = order;
  return input;
}

/** A stable text form of an order, for "did anything change". */
function canonical(o: OrderInput): string {
  const person = (p: Person | null) => (p ? [p.name, p.kana, p.companyName, p.departmentName, p.zip, p.address, p.tel] : null);
  const c = o.customer;
  return JSON.stringify([
    o.orderNo,
    o.orderedAt,
    o.status,
    o.paymentMethod,
    person(c),
    c.email,
    c.birthDate,
    c.gender,
    person(o.shipTo),
    o.lines.map((l) => [l.name, l.unitPrice, l.quantity]),
    o.shippingFee,
    o.fee,
    o.discount,
    o.carrierCode,
    o.slipNo,
    o.invoiceType,
    o.note,
    o.shopMemo,
    o.shippedAt,
    o.paidAt,
  ]);
}

export function sameOrderInput(a: OrderInput, b: OrderInput): boolean {
  return canonical(a) === canonical(b);
}
