/**
 * From CSV rows to orders: the mapped cells of each row are read into field values (Japanese reasons for
 * what cannot be read), consecutive rows with the same 注文番号 become one order with several goods lines,
 * and the order is checked with the store's own schema (shared/order-schema.ts).
 */
import { IMPORT_FIELD_INFO, type CsvResolvedMapping, type CsvRowProblem, type ImportField } from '../../../shared/csv';
import { findCarrier } from '../../../shared/np/carriers';
import { OrderInputSchema, ORDER_FIELD_LABELS } from '../../../shared/order-schema';
import type { GoodsLine, OrderInput, Person } from '../../../shared/order';
import { japaneseErrorMap } from '../../../shared/validation';
import type { CsvRecord } from './read';
import { restoreFormula } from './formula';
import {
  parseDate,
  parseDateTime,
  parseGender,
  parseInvoiceType,
  parseOrderStatus,
  parsePaymentMethod,
  parseQuantity,
  parseTaxRate,
  parseYen,
  type Parsed,
} from './values';
import { toKatakana, widenKana } from '../../../shared/kana';

/** One order read from the file, valid for the store. */
export interface ParsedOrder {
  orderNo: string;
  /** The file lines it came from (one per goods line). */
  lines: number[];
  input: OrderInput;
  npTransactionId: string | null;
}

/** The text of a field in a row: mapped cells joined, the export's formula guard removed, trimmed. */
function cellText(cells: readonly string[], field: ImportField, mapping: CsvResolvedMapping): string {
  const cols = mapping[field];
  if (!cols?.length) return '';
  const { freeText, joiner } = IMPORT_FIELD_INFO[field];
  let text = '';
  for (const c of cols) {
    const raw = cells[c] ?? '';
    const part = (freeText ? restoreFormula(raw) : raw).trim();
    if (part !== '') text = text === '' ? part : text + (joiner ?? '') + part;
  }
  return text;
}

/** Long texts keep their inner line breaks and spacing; only the formula guard goes. */
function longText(cells: readonly string[], field: ImportField, mapping: CsvResolvedMapping): string {
  const col = mapping[field]?.[0];
  return col === undefined ? '' : restoreFormula(cells[col] ?? '').replace(/\s+$/u, '');
}

class RowReader {
  readonly reasons: string[] = [];
  constructor(
    private readonly cells: readonly string[],
    private readonly mapping: CsvResolvedMapping,
  ) {}

  mapped(field: ImportField): boolean {
    return (this.mapping[field]?.length ?? 0) > 0;
  }

  text(field: ImportField): string {
    return cellText(this.cells, field, this.mapping);
  }

  long(field: ImportField): string {
    return longText(this.cells, field, this.mapping);
  }

  /** A parsed value; an empty cell gives `empty` (or a "required" reason when empty is undefined). */
  value<T>(field: ImportField, parse: (raw: string, label: string) => Parsed<T>, empty?: T): T | undefined {
    const raw = this.text(field);
    const { label } = IMPORT_FIELD_INFO[field];
    if (raw === '') {
      if (empty === undefined) this.reasons.push(`${label}が空です`);
      return empty;
    }
    const r = parse(raw, label);
    if (r.ok) return r.value;
    this.reasons.push(r.reason);
    return undefined;
  }
}

function readPerson(r: RowReader, prefix: 'customer' | 'shipTo'): Person {
  return {
    name: widenKana(r.text(`${prefix}.name`)),
    kana: toKatakana(r.text(`${prefix}.kana`)),
    companyName: widenKana(r.text(`${prefix}.companyName`)),
    departmentName: widenKana(r.text(`${prefix}.departmentName`)),
    zip: r.text(`${prefix}.zip`),
    address: widenKana(r.text(`${prefix}.address`)),
    tel: r.text(`${prefix}.tel`),
  };
}

const SHIP_TO_FIELDS: readonly ImportField[] = ['shipTo.name', 'shipTo.kana', 'shipTo.companyName', 'shipTo.departmentName', 'shipTo.zip', 'shipTo.address', 'shipTo.tel'];

function readCarrier(raw: string): Parsed<string> {
  const c = findCarrier(raw);
  return c
    ? { ok: true, value: c.code }
    : { ok: false, reason: `配送業者「${raw}」が分かりません（NPの配送業者コード5桁か、ヤマト運輸・佐川急便・日本郵便などの名前で入力してください）` };
}

function readNpTransactionId(raw: string): Parsed<string> {
  const id = raw.normalize('NFKC').trim();
  return /^[A-Za-z0-9]{11}$/u.test(id) ? { ok: true, value: id } : { ok: false, reason: `NP取引ID「${raw}」は半角英数字11桁ではありません` };
}

/** The order-level fields of a row (the first row of an order). */
function readOrderFields(r: RowReader): Omit<OrderInput, 'orderNo' | 'lines'> & { npTransactionId: string | null } {
  const shipToGiven = SHIP_TO_FIELDS.some((f) => r.text(f) !== '');
  return {
    orderedAt: r.value('orderedAt', parseDateTime) ?? 0,
    status: r.value('status', parseOrderStatus, 'new') ?? 'new',
    paymentMethod: r.value('paymentMethod', parsePaymentMethod) ?? 'np_atobarai',
    customer: {
      ...readPerson(r, 'customer'),
      email: r.text('customer.email'),
      birthDate: r.value('customer.birthDate', parseDate, null) ?? null,
      gender: r.value('customer.gender', parseGender, 'unknown') ?? 'unknown',
    },
    shipTo: shipToGiven ? readPerson(r, 'shipTo') : null,
    shippingFee: r.value('shippingFee', parseYen, 0) ?? 0,
    fee: r.value('fee', parseYen, 0) ?? 0,
    discount: r.value('discount', parseYen, 0) ?? 0,
    carrierCode: r.value('carrier', readCarrier, null) ?? null,
    slipNo: r.text('slipNo').normalize('NFKC'),
    invoiceType: r.value('invoiceType', parseInvoiceType, 'separate') ?? 'separate',
    note: r.long('note'),
    shopMemo: r.long('shopMemo'),
    shippedAt: r.value('shippedAt', parseDateTime, null) ?? null,
    paidAt: r.value('paidAt', parseDateTime, null) ?? null,
    npTransactionId: r.value('npTransactionId', readNpTransactionId, null) ?? null,
  };
}

function readLine(r: RowReader): GoodsLine {
  const taxRate = r.value('line.taxRate', parseTaxRate, null);
  return {
    name: widenKana(r.text('line.name')),
    unitPrice: r.value('line.unitPrice', parseYen) ?? 0,
    quantity: r.value('line.quantity', parseQuantity) ?? 0,
    ...(taxRate === 8 && { taxRate }),
  };
}

function samePerson(a: Person, b: Person): boolean {
  return (
    a.name === b.name &&
    a.kana === b.kana &&
    a.companyName === b.companyName &&
    a.departmentName === b.departmentName &&
    a.zip === b.zip &&
    a.address === b.address &&
    a.tel === b.tel
  );
}

/** Rows of one order (consecutive, same 注文番号). */
export interface RowGroup {
  orderNo: string;
  rows: CsvRecord[];
}

/**
 * Every line of an order that cannot be imported: the lines with a problem say what it is, the others that
 * they go with them (an order is imported whole or not at all).
 */
export function rejectGroup(group: RowGroup, reasonsByLine: ReadonlyMap<number, string[]>): CsvRowProblem[] {
  const bad = group.rows.filter((r) => reasonsByLine.get(r.line)?.length).map((r) => r.line);
  return group.rows.map((row) => {
    const own = reasonsByLine.get(row.line) ?? [];
    const reasons = own.length ? own : [`同じ注文（注文番号「${group.orderNo}」）の${bad.join('・')}行目に誤りがあるため、この行も取り込みません`];
    return { line: row.line, orderNo: group.orderNo, reasons };
  });
}

export type GroupResult = { ok: true; order: ParsedOrder } | { ok: false; problems: CsvRowProblem[] };

const SCHEMA_ERRORS = japaneseErrorMap(ORDER_FIELD_LABELS);

/** Reads and checks one order; on failure every line of it is reported (the order is imported whole or not at all). */
export function readOrderGroup(group: RowGroup, mapping: CsvResolvedMapping): GroupResult {
  const readers = group.rows.map((row) => new RowReader(row.cells, mapping));
  const first = readers[0]!;
  const { npTransactionId, ...fields } = readOrderFields(first);
  const lines = readers.map(readLine);
  const orderReasons: string[] = [];
  if (!readers.some((r) => r.reasons.length)) {
    const parsed = OrderInputSchema.safeParse({ orderNo: group.orderNo, ...fields, lines }, { error: SCHEMA_ERRORS });
    if (parsed.success) {
      const input = parsed.data;
      if (input.shipTo && samePerson(input.shipTo, input.customer)) input.shipTo = null;
      return { ok: true, order: { orderNo: group.orderNo, lines: group.rows.map((r) => r.line), input, npTransactionId } };
    }
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path;
      // A goods line's problem belongs to its own row; everything else to the order's first row.
      if (head === 'lines' && typeof index === 'number' && readers[index]) readers[index].reasons.push(issue.message);
      else orderReasons.push(issue.message);
    }
  }
  first.reasons.unshift(...orderReasons);
  return { ok: false, problems: rejectGroup(group, new Map(group.rows.map((row, i) => [row.line, readers[i]!.reasons]))) };
}
