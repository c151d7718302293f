/**
 * The columns of 受注CSV and 配送先商品CSV. Importable columns use the import field's label as header
 * (shared/csv.ts IMPORT_FIELD_INFO), so an exported file maps itself on import.
 *
 * 受注CSV: one row per order; 配送先 columns are empty when the goods go to the buyer (shipTo null),
 *   the goods as a one-cell summary (購入商品).
 * 配送先商品CSV: one row per goods line with everything of its order, and the ship-to always filled in
 *   (the buyer's address when shipTo is null), as a warehouse needs it.
 */
import { IMPORT_FIELD_INFO, type CsvExportKind, type ImportField } from '../../../shared/csv';
import { carrierName } from '../../../shared/np/carriers';
import { NP_STATUS_LABELS, NP_STATUS_NONE_LABEL, type NpStatus } from '../../../shared/np/status';
import {
  GENDER_LABELS,
  INVOICE_TYPE_LABELS,
  ORDER_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
  STANDARD_TAX_RATE,
  type GoodsLine,
  type Order,
  type Person,
} from '../../../shared/order';
import { formatTel, formatZip } from '../../../shared/tel-zip-format';
import { formatDate, formatDateTime } from './values';

/** What the NP columns show for an order (the caller derives it from the NP store). */
export interface NpExportInfo {
  status: NpStatus | null;
  transactionId: string | null;
}

export interface ExportRow {
  order: Order;
  /** The goods line of this row (配送先商品CSV), null in 受注CSV. */
  line: GoodsLine | null;
  lineNo: number;
  np: NpExportInfo | null;
}

/** A column; every cell is neutralised against formula injection when written (writer.ts). */
export interface ExportColumn {
  header: string;
  value(row: ExportRow): string;
}

const label = (field: ImportField): string => IMPORT_FIELD_INFO[field].label;
const textCol = (field: ImportField, value: (r: ExportRow) => string): ExportColumn => ({ header: label(field), value });
const valueCol = (header: string, value: (r: ExportRow) => string): ExportColumn => ({ header, value });
const yen = (n: number): string => String(n);
const goodsTotal = (o: Order): number => o.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);

function personColumns(prefix: 'customer' | 'shipTo', person: (r: ExportRow) => Person | null): ExportColumn[] {
  const p = (r: ExportRow): Person | null => person(r);
  return [
    textCol(`${prefix}.name`, (r) => p(r)?.name ?? ''),
    textCol(`${prefix}.kana`, (r) => p(r)?.kana ?? ''),
    textCol(`${prefix}.companyName`, (r) => p(r)?.companyName ?? ''),
    textCol(`${prefix}.departmentName`, (r) => p(r)?.departmentName ?? ''),
    valueCol(label(`${prefix}.zip`), (r) => formatZip(p(r)?.zip ?? '')),
    textCol(`${prefix}.address`, (r) => p(r)?.address ?? ''),
    valueCol(label(`${prefix}.tel`), (r) => formatTel(p(r)?.tel ?? '')),
  ];
}

const head: ExportColumn[] = [
  textCol('orderNo', (r) => r.order.orderNo),
  valueCol(label('orderedAt'), (r) => formatDateTime(r.order.orderedAt)),
  valueCol(label('status'), (r) => ORDER_STATUS_LABELS[r.order.status]),
  valueCol(label('paymentMethod'), (r) => PAYMENT_METHOD_LABELS[r.order.paymentMethod]),
  valueCol('購入金額', (r) => yen(r.order.total)),
];

const amounts: ExportColumn[] = [
  valueCol(label('shippingFee'), (r) => yen(r.order.shippingFee)),
  valueCol(label('fee'), (r) => yen(r.order.fee)),
  valueCol(label('discount'), (r) => yen(r.order.discount)),
];

const buyer: ExportColumn[] = [
  ...personColumns('customer', (r) => r.order.customer),
  textCol('customer.email', (r) => r.order.customer.email),
  valueCol(label('customer.birthDate'), (r) => formatDate(r.order.customer.birthDate)),
  valueCol(label('customer.gender'), (r) => GENDER_LABELS[r.order.customer.gender]),
];

const tail: ExportColumn[] = [
  valueCol(label('carrier'), (r) => (r.order.carrierCode ? carrierName(r.order.carrierCode) : '')),
  textCol('slipNo', (r) => r.order.slipNo),
  valueCol(label('invoiceType'), (r) => INVOICE_TYPE_LABELS[r.order.invoiceType]),
  textCol('note', (r) => r.order.note),
  textCol('shopMemo', (r) => r.order.shopMemo),
  valueCol(label('shippedAt'), (r) => formatDateTime(r.order.shippedAt)),
  valueCol(label('paidAt'), (r) => formatDateTime(r.order.paidAt)),
  valueCol('更新日', (r) => formatDateTime(r.order.updatedAt)),
];

const npColumns: ExportColumn[] = [
  valueCol('NP後払いステータス', (r) => {
    if (!r.np || r.order.paymentMethod !== 'np_atobarai') return '';
    return r.np.status ? NP_STATUS_LABELS[r.np.status] : NP_STATUS_NONE_LABEL;
  }),
  valueCol(label('npTransactionId'), (r) => r.np?.transactionId ?? ''),
];

const ORDER_COLUMNS: ExportColumn[] = [
  ...head,
  valueCol('商品合計', (r) => yen(goodsTotal(r.order))),
  ...amounts,
  ...buyer,
  ...personColumns('shipTo', (r) => r.order.shipTo),
  { header: '購入商品', value: (r) => r.order.lines.map((l) => `${l.name}×${l.quantity}`).join(' / ') },
  ...tail,
];

const SHIPTO_GOODS_COLUMNS: ExportColumn[] = [
  ...head,
  ...amounts,
  ...buyer,
  ...personColumns('shipTo', (r) => r.order.shipTo ?? r.order.customer),
  valueCol('明細番号', (r) => (r.line ? String(r.lineNo) : '')),
  textCol('line.name', (r) => r.line?.name ?? ''),
  valueCol(label('line.unitPrice'), (r) => (r.line ? yen(r.line.unitPrice) : '')),
  valueCol(label('line.quantity'), (r) => (r.line ? String(r.line.quantity) : '')),
  valueCol('小計', (r) => (r.line ? yen(r.line.unitPrice * r.line.quantity) : '')),
  ...tail,
];

/** 配送先商品CSV's 税率 of each line (帳票, issue 11): the last column, so every earlier one keeps its place. */
const taxRateColumn = valueCol(label('line.taxRate'), (r) => (r.line ? `${r.line.taxRate ?? STANDARD_TAX_RATE}%` : ''));

export function exportColumns(kind: CsvExportKind, withNp: boolean): ExportColumn[] {
  const base = kind === 'orders' ? ORDER_COLUMNS : SHIPTO_GOODS_COLUMNS;
  return [...base, ...(withNp ? npColumns : []), ...(kind === 'shipto_goods' ? [taxRateColumn] : [])];
}
