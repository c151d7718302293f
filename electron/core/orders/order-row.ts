/** Mapping between Order objects and rows of `orders` / `order_lines` (migration 001). */
import { STANDARD_TAX_RATE, type Gender, type GoodsLine, type InvoiceType, type Order, type OrderInput, type OrderStatus, type PaymentMethod, type Person, type TaxRate } from '../../../shared/order';
import { orderNoNumber } from '../../../shared/search-fold';
import { orderSearchKeys, type OrderSearchKeys } from './search-keys';

/** The columns of `orders` written from an OrderInput (everything except id, created_at and the NP columns). */
export interface OrderWriteRow extends OrderSearchKeys {
  order_no: string;
  order_no_num: number | null;
  ordered_at: number;
  updated_at: number;
  shipped_at: number | null;
  paid_at: number | null;
  status: OrderStatus;
  payment_method: PaymentMethod;
  invoice_type: InvoiceType;
  total: number;
  shipping_fee: number;
  fee: number;
  discount: number;
  customer_name: string;
  customer_kana: string;
  customer_company: string;
  customer_department: string;
  customer_zip: string;
  customer_address: string;
  customer_tel: string;
  customer_email: string;
  customer_birth_date: string | null;
  customer_gender: Gender;
  ship_name: string | null;
  ship_kana: string | null;
  ship_company: string | null;
  ship_department: string | null;
  ship_zip: string | null;
  ship_address: string | null;
  ship_tel: string | null;
  carrier_code: string | null;
  slip_no: string;
  note: string;
  shop_memo: string;
}

export interface OrderRow extends OrderWriteRow {
  id: number;
  created_at: number;
  np_status: string | null;
  np_dirty: number;
  printed_at: number | null;
}

export interface OrderLineRow {
  order_id: number;
  line_no: number;
  name: string;
  unit_price: number;
  quantity: number;
  /** Migration 004; absent on a file of an older schema. */
  tax_rate?: number;
}

/** Column names written on insert/update, in a fixed order. */
export const ORDER_WRITE_COLUMNS = [
  'order_no', 'order_no_num', 'ordered_at', 'updated_at', 'shipped_at', 'paid_at', 'status', 'payment_method',
  'invoice_type', 'total', 'shipping_fee', 'fee', 'discount', 'customer_name', 'customer_kana', 'customer_company',
  'customer_department', 'customer_zip', 'customer_address', 'customer_tel', 'customer_email', 'customer_birth_date',
  'customer_gender', 'ship_name', 'ship_kana', 'ship_company', 'ship_department', 'ship_zip', 'ship_address',
  'ship_tel', 'carrier_code', 'slip_no', 'note', 'shop_memo', 'key_name', 'key_kana', 'key_email', 'key_tel',
  'key_goods', 'buyer_key', 'has_note',
] as const satisfies readonly (keyof OrderWriteRow)[];

/** A written column's value. */
export type SqlValue = string | number | null;

/** The values of ORDER_WRITE_COLUMNS, in that order (positional binding is cheaper than named at 100,000 rows). */
export function writeValues(row: OrderWriteRow): SqlValue[] {
  return ORDER_WRITE_COLUMNS.map((c) => row[c]);
}

/** The row for a validated OrderInput; `total` is derived by the caller with orderTotal. */
export function toWriteRow(o: OrderInput, total: number, updatedAt: number): OrderWriteRow {
  const s = o.shipTo;
  return {
    order_no: o.orderNo,
    order_no_num: orderNoNumber(o.orderNo),
    ordered_at: o.orderedAt,
    updated_at: updatedAt,
    shipped_at: o.shippedAt,
    paid_at: o.paidAt,
    status: o.status,
    payment_method: o.paymentMethod,
    invoice_type: o.invoiceType,
    total,
    shipping_fee: o.shippingFee,
    fee: o.fee,
    discount: o.discount,
    customer_name: o.customer.name,
    customer_kana: o.customer.kana,
    customer_company: o.customer.companyName,
    customer_department: o.customer.departmentName,
    customer_zip: o.customer.zip,
    customer_address: o.customer.address,
    customer_tel: o.customer.tel,
    customer_email: o.customer.email,
    customer_birth_date: o.customer.birthDate,
    customer_gender: o.customer.gender,
    ship_name: s ? s.name : null,
    ship_kana: s ? s.kana : null,
    ship_company: s ? s.companyName : null,
    ship_department: s ? s.departmentName : null,
    ship_zip: s ? s.zip : null,
    ship_address: s ? s.address : null,
    ship_tel: s ? s.tel : null,
    carrier_code: o.carrierCode,
    slip_no: o.slipNo,
    note: o.note,
    shop_memo: o.shopMemo,
    ...orderSearchKeys(o),
  };
}

function shipToOf(r: OrderRow): Person | null {
  if (r.ship_name === null) return null;
  return {
    name: r.ship_name,
    kana: r.ship_kana ?? '',
    companyName: r.ship_company ?? '',
    departmentName: r.ship_department ?? '',
    zip: r.ship_zip ?? '',
    address: r.ship_address ?? '',
    tel: r.ship_tel ?? '',
  };
}

export function fromRow(r: OrderRow, lines: readonly OrderLineRow[]): Order {
  return {
    id: r.id,
    orderNo: r.order_no,
    orderedAt: r.ordered_at,
    status: r.status,
    paymentMethod: r.payment_method,
    customer: {
      name: r.customer_name,
      kana: r.customer_kana,
      companyName: r.customer_company,
      departmentName: r.customer_department,
      zip: r.customer_zip,
      address: r.customer_address,
      tel: r.customer_tel,
      email: r.customer_email,
      birthDate: r.customer_birth_date,
      gender: r.customer_gender,
    },
    shipTo: shipToOf(r),
    lines: lines.map((l): GoodsLine => ({ name: l.name, unitPrice: l.unit_price, quantity: l.quantity, ...(l.tax_rate !== undefined && l.tax_rate !== STANDARD_TAX_RATE && { taxRate: l.tax_rate as TaxRate }) })),
    shippingFee: r.shipping_fee,
    fee: r.fee,
    discount: r.discount,
    carrierCode: r.carrier_code,
    slipNo: r.slip_no,
    invoiceType: r.invoice_type,
    note: r.note,
    shopMemo: r.shop_memo,
    shippedAt: r.shipped_at,
    paidAt: r.paid_at,
    total: r.total,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
