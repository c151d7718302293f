/**
 * Checks of the order form, before anything is sent:
 * - `fieldErrors`: the store's own rules (shared/order-schema.ts), which block saving;
 * - `npWarnings`: NP's rules (shared/np/validation.ts: 21 全角 names, TEL 10/11 digits, zip, prohibited
 *   characters…) on the payload NP would receive; they block sending to NP, not saving.
 * Both are keyed by the order's field path ('customer.tel', 'shipTo.name', 'lines') and carry Japanese text.
 */
import { OrderInputSchema, ORDER_FIELD_LABELS } from '../../../../shared/order-schema';
import { japaneseErrorMap } from '../../../../shared/validation';
import { validateRegisterItem, zipAddressNotes } from '../../../../shared/np/validation';
import type { ZipLookup } from '../../../../shared/zip-address';
import { describeNpCode } from '../../../../shared/np/codes';
import { widenKana } from '../../../../shared/kana';
import { prohibitedCharsMessage } from '../../../../shared/np/text';
import { toRegisterItem } from '../../../../shared/np/mapping';
import type { OrderInput, Person } from '../../../../shared/order';

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

/**
 * NP's rules on the order exactly as NP would receive it (shared/np/mapping.ts, the same mapping the sync
 * sends: half-width kana to full-width, TEL and zip to digits, shipping/fee/discount as goods lines).
 * With `zipEntries` (Japan Post's entries the core gave, use-zip-address.ts) the zip ↔ address check runs too,
 * and its warning names the part of the address that disagrees.
 */
export function npWarnings(input: OrderInput, zipEntries?: ZipLookup): FieldMessages {
  // An order date still being typed is the form's own error; NP's rules are checked on the rest.
  const item = toRegisterItem({ ...input, orderNo: input.orderNo.trim(), orderedAt: Number.isFinite(input.orderedAt) ? input.orderedAt : Date.now() });
  const out: FieldMessages = {};
  const notes = new Map(zipEntries ? zipAddressNotes(item, zipEntries).map((n) => [n.person === 'customer' ? 'customer.zip' : 'shipTo.zip', n.message]) : []);
  for (const code of validateRegisterItem(item, zipEntries ? { zipAddress: zipEntries } : {})) {
    const field = fieldOfNpCode(code) ?? '_order';
    const meaning = code === 'E0100059' || code === 'E0100083' ? (notes.get(field) ?? describeNpCode(code).meaning) : describeNpCode(code).meaning;
    out[field] = out[field] ? `${out[field]} / ${meaning}` : meaning;
  }
  // Name the characters NP refuses and their standard replacement (− → －, 〜 → ～ …).
  for (const field of Object.keys(out)) {
    const hint = prohibitedCharsMessage(textOfField(input, field));
    if (hint) out[field] = `${out[field]}：${hint}`;
  }
  return out;
}

/** The text NP receives for a warned field ('lines': the goods names). */
function textOfField(input: OrderInput, field: string): string {
  if (field === 'lines') return input.lines.map((l) => l.name).join('');
  const [who, key] = field.split('.') as [string, string | undefined];
  const person = who === 'customer' ? input.customer : who === 'shipTo' ? input.shipTo : null;
  const value = person && key ? (person as unknown as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? widenKana(value) : '';
}
