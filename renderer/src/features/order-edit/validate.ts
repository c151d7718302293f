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
import { describeNpCode, fieldOfNpCode, type NpCodeInfo } from '../../../../shared/np/codes';
import { widenKana } from '../../../../shared/kana';
import { prohibitedCharsMessage } from '../../../../shared/np/text';
import { toRegisterItem } from '../../../../shared/np/mapping';
import type { OrderInput } from '../../../../shared/order';

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

const valueAt = (o: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

/**
 * The fields NP's last refusal named (the order's NP errors, via the code registry), next to those fields —
 * until staff change the field: then the error is stale and no longer shown.
 */
export function npErrorWarnings(errors: readonly NpCodeInfo[], input: OrderInput, stored: OrderInput): FieldMessages {
  const out: FieldMessages = {};
  for (const e of errors) {
    const field = fieldOfNpCode(e.code);
    if (!field || JSON.stringify(valueAt(input, field)) !== JSON.stringify(valueAt(stored, field))) continue;
    const text = `${e.code} ${e.meaning}`;
    out[field] = out[field] ? `${out[field]} / ${text}` : text;
  }
  return out;
}
