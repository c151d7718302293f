/**
 * Checks of the order form, before anything is sent:
 * - `fieldErrors`: the store's own rules (shared/order-schema.ts), which block saving;
 * - `npWarnings`: NP's rules (shared/np/validation.ts: 21 全角 names, TEL 10/11 digits, zip, prohibited
 *   characters…) on the payload NP would receive; they block sending to NP, not saving.
 * Both are keyed by the order's field path ('customer.tel', 'shipTo.name', 'lines') and carry Japanese text.
 */
import { OrderInputSchema, ORDER_FIELD_LABELS } from '../../../../shared/order-schema';
import { japaneseErrorMap } from '../../../../shared/validation';
import { validateRegisterItem } from '../../../../shared/np/validation';
import { normalizeTel, normalizeZip, toFullWidthKana } from '../../../../shared/np/text';
import { describeNpCode } from '../../../../shared/np/codes';
import { orderTotal, type OrderInput, type Person } from '../../../../shared/order';
import { toJstDate } from '../../../../shared/jst-date';

export type FieldMessages = Record<string, string>;

export function fieldErrors(input: OrderInput): FieldMessages {
  const result = OrderInputSchema.safeParse(input, { error: japaneseErrorMap(ORDER_FIELD_LABELS) });
  if (result.success) return {};
  const out: FieldMessages = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    out[path] ??= issue.message;
  }
  return out;
}

/** NP's person fields, each with the codes that concern it (buyer codes, then ship-to codes). */
const PERSON_CODES: Record<keyof Person | 'email', [customer: string[], dest: string[]]> = {
  name: [['E0100048', 'E0100049', 'E0100050'], ['E0100072', 'E0100073', 'E0100074']],
  kana: [['E0100051', 'E0100052'], ['E0100075', 'E0100076']],
  companyName: [['E0100053', 'E0100054'], ['E0100077', 'E0100078']],
  departmentName: [['E0100055', 'E0100056'], ['E0100079', 'E0100080']],
  zip: [['E0100057', 'E0100058', 'E0100136', 'E0100059'], ['E0100081', 'E0100082', 'E0100137', 'E0100083']],
  address: [['E0100060', 'E0100061', 'E0100062'], ['E0100084', 'E0100085', 'E0100086']],
  tel: [['E0100063', 'E0100064', 'E0100065', 'E0100066', 'E0100067'], ['E0100087', 'E0100088', 'E0100089', 'E0100090', 'E0100091']],
  email: [['E0100068', 'E0100069', 'E0100070', 'E0100071'], []],
};

const FIELD_OF_CODE = new Map<string, string>([
  ['SBX0001', 'orderNo'],
  ['SBX0002', 'orderNo'],
  ['SBX0003', 'orderedAt'],
  ['SBX0005', 'lines'],
  ['SBX0006', 'lines'],
  ['SBX0007', 'lines'],
  ['SBX0008', 'lines'],
  ['SBX0009', 'lines'],
  ['E0102004', 'lines'],
]);
for (const [field, [customer, dest]] of Object.entries(PERSON_CODES)) {
  for (const c of customer) FIELD_OF_CODE.set(c, `customer.${field}`);
  for (const c of dest) FIELD_OF_CODE.set(c, `shipTo.${field}`);
}

/** The order field an NP code is about, or null for codes about the whole order. */
export function fieldOfNpCode(code: string): string | null {
  return FIELD_OF_CODE.get(code) ?? null;
}

const text = (s: string): string => toFullWidthKana(s.trim());

function npPerson(p: Person) {
  return {
    customer_name: text(p.name),
    ...(p.kana.trim() ? { customer_name_kana: text(p.kana) } : {}),
    ...(p.companyName.trim() ? { company_name: text(p.companyName) } : {}),
    ...(p.departmentName.trim() ? { department_name: text(p.departmentName) } : {}),
    zip_code: normalizeZip(p.zip),
    address: text(p.address),
    tel: normalizeTel(p.tel),
  };
}

/**
 * NP's rules on the order as NP would receive it (the same normalisation as the core's mapping: half-width kana
 * to full-width, TEL and zip to digits, shipping/fee/discount as goods lines).
 */
export function npWarnings(input: OrderInput): FieldMessages {
  const email = input.customer.email.trim();
  const goods = input.lines.map((l) => ({ goods_name: text(l.name), goods_price: l.unitPrice, quantity: l.quantity }));
  if (input.shippingFee) goods.push({ goods_name: '送料', goods_price: input.shippingFee, quantity: 1 });
  if (input.fee) goods.push({ goods_name: '決済手数料', goods_price: input.fee, quantity: 1 });
  if (input.discount) goods.push({ goods_name: '値引き', goods_price: -input.discount, quantity: 1 });
  const item = {
    shop_transaction_id: input.orderNo.trim(),
    shop_order_date: Number.isFinite(input.orderedAt) ? toJstDate(input.orderedAt) : '',
    settlement_type: input.invoiceType === 'bundled' ? '03' : '02',
    billed_amount: orderTotal(input),
    customer: { ...npPerson(input.customer), ...(email ? { email } : {}) },
    ...(input.shipTo ? { dest_customer: npPerson(input.shipTo) } : {}),
    goods,
  };
  const out: FieldMessages = {};
  for (const code of validateRegisterItem(item)) {
    const field = fieldOfNpCode(code) ?? '_order';
    const meaning = describeNpCode(code).meaning;
    out[field] = out[field] ? `${out[field]} / ${meaning}` : meaning;
  }
  return out;
}
