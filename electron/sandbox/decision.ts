/**
 * The sandbox's credit decision (与信): deterministic, driven by SandboxRules (docs/sandbox.md §Decision rules).
 * Order: NG markers → NG share → credit limit (NG001) → hold rules (10 with RE codes) → OK (00).
 */
import type { NpCustomer, NpPerson } from '../../shared/np/api-types';
import { hasPlatformDependentChars } from '../../shared/np/text';
import type { Decision, SandboxRules } from './types';

export interface DecisionInput {
  shop_transaction_id: string;
  billed_amount: number;
  customer: NpCustomer;
  dest_customer?: NpPerson;
}

/** FNV-1a of salt + id with murmur3's final mix, mapped to [0, 1): the same id always lands in the same place. */
export function shareHash(id: string, salt: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${salt}:${id}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}

const HYPHENS = '\\-‐‑–—―−ー－';
/** "…4-2-6" / "…4-2" (2–3 numeric groups) or "…3番4号" / "…5番地" at the very end of the address. */
const ENDS_AT_BANCHI = new RegExp(`(?:^|[^\\d${HYPHENS}])\\d+(?:[${HYPHENS}]\\d+){1,2}$|\\d+\\s*(?:番地?|号)$`);

/** True when the address ends right after its 番地 (no building or room). NFKC first, so ４－２－６ counts too. */
export function lacksBuilding(address: string): boolean {
  return ENDS_AT_BANCHI.test(address.normalize('NFKC').trim());
}

function texts(p: NpPerson | undefined): string[] {
  if (!p) return [];
  return [p.customer_name, p.customer_name_kana, p.company_name, p.department_name, p.address]
    .filter((s): s is string => typeof s === 'string' && s !== '')
    .map((s) => s.normalize('NFKC'));
}

function mentions(input: DecisionInput, marker: string): boolean {
  const m = marker.normalize('NFKC');
  return [...texts(input.customer), ...texts(input.dest_customer)].some((t) => t.includes(m));
}

/** True when a registration answers 40 (review) first. Only registrations go to review. */
export function goesToReview(input: DecisionInput, rules: SandboxRules): boolean {
  if (rules.reviewMarkers.some((m) => mentions(input, m))) return true;
  return shareHash(input.shop_transaction_id, 'review') < rules.reviewShare;
}

/** The reasons a hash-chosen hold (holdShare) gives: building/room, phone check, a similar earlier order, presence. */
export const HOLD_SHARE_CODES: readonly (readonly string[])[] = [['RE009'], ['RE021'], ['RE027'], ['RE011', 'RE014']];

function holdCodes(input: DecisionInput, rules: SandboxRules): string[] {
  const codes = new Set<string>();
  if (shareHash(input.shop_transaction_id, 'hold') < rules.holdShare) {
    const pick = HOLD_SHARE_CODES[Math.floor(shareHash(input.shop_transaction_id, 'hold-reason') * HOLD_SHARE_CODES.length)]!;
    pick.forEach((c) => codes.add(c));
  }
  for (const m of rules.holdMarkers) if (mentions(input, m.text)) m.codes.forEach((c) => codes.add(c));
  const c = input.customer;
  const d = input.dest_customer;
  if (rules.holdOnMissingBuilding) {
    if (c.address && lacksBuilding(c.address)) codes.add('RE009');
    if (d?.address && lacksBuilding(d.address)) codes.add('RE015');
  }
  if (rules.holdOnPlatformDependentChars) {
    if (hasPlatformDependentChars(c.customer_name ?? '')) codes.add('RE003');
    if (hasPlatformDependentChars(c.address ?? '')) codes.add('RE013');
    if (d && hasPlatformDependentChars(d.customer_name ?? '')) codes.add('RE007');
    if (d && hasPlatformDependentChars(d.address ?? '')) codes.add('RE019');
  }
  return [...codes].sort();
}

/**
 * The final decision for a transaction.
 * @param outstandingOthers the buyer's outstanding total on other transactions (not counting this one)
 */
export function decide(input: DecisionInput, rules: SandboxRules, outstandingOthers: number): Decision {
  const ng = rules.ngMarkers.find((m) => mentions(input, m.text));
  if (ng) return { result: '20', ng: ng.code };
  if (shareHash(input.shop_transaction_id, 'ng') < rules.ngShare) return { result: '20', ng: 'NG999' };
  if (outstandingOthers + input.billed_amount > rules.creditLimit) return { result: '20', ng: 'NG001' };
  const hold = holdCodes(input, rules);
  if (hold.length > 0) return { result: '10', hold };
  return { result: '00' };
}
