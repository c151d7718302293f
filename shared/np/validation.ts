/**
 * NP's field rules (np-api.md §5, §8, §10), shared by the sandbox and the app's NP client: the same rules
 * give the same codes on both sides. Every function takes an unknown item and returns ALL codes of that
 * item (empty = valid), in a stable order without duplicates. Nothing here throws.
 *
 * Where NP's code for a check is not public, the sandbox's SBX* codes are used (shared/np/codes.ts).
 */
import { isNpCarrierCode } from './carriers';
import { addDays, isIsoDate } from '../jst-date';
import { findProhibitedChars, npLength } from './text';
import { checkZipAddress, zipMismatchMessage, type ZipAddressMismatch, type ZipLookup } from '../zip-address';
import { NP_EMAIL_CODES as EMAIL, NP_PERSON_CODES, type PersonCodes } from './codes';

export {
  cp932Encodable,
  findProhibitedChars,
  isProhibitedChar,
  npLength,
  normalizeTel,
  normalizeZip,
} from './text';

export interface NpValidationOptions {
  /** Require Σ goods = billed_amount exactly instead of |Σ − billed| ≤ 3000 (np-api.md §10). */
  strictAmount?: boolean;
  /** The merchant's settings require the buyer's email (E0100068). */
  requireEmail?: boolean;
  /**
   * Japan Post's entries of a zip code: when given, the address's prefecture and 市区町村 are checked against the
   * zip code (E0100059 / E0100083, shared/zip-address.ts). The core passes its data (electron/core/zip); the
   * renderer passes the entries it asked the core for. Absent = not checked.
   */
  zipAddress?: ZipLookup;
}

export interface ShipmentContext {
  /** The transaction's settlement_type: '03' (wiz) needs bill_issued_date, '02' must not send it. */
  settlementType: string;
  /** The report date in Japan, 'YYYY-MM-DD'. */
  today: string;
  /** Earliest allowed bill_issued_date (the print data's creation date), if known (E0100124). */
  printDataDate?: string;
}

export const NP_LIMITS = {
  name: 21,
  kana: 25,
  company: 30,
  department: 30,
  address: 55,
  email: 100,
  slipNo: 20,
  shopTransactionId: 40,
  goodsName: 150,
  siteName: 50,
  siteUrl: 100,
  amountTolerance: 3000,
  billIssuedWindowDays: 10,
} as const;


/** The phone prefixes whose numbers have 11 digits (mobile, IP, M2M, pager); all others have 10. */
export const ELEVEN_DIGIT_TEL_PREFIXES = ['020', '050', '060', '070', '080', '090'] as const;

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const isPosInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Collects codes in order, without duplicates. */
class Codes {
  private readonly list: string[] = [];
  add(code: string | false | null | undefined): void {
    if (code && !this.list.includes(code)) this.list.push(code);
  }
  addAll(codes: readonly string[]): void {
    for (const c of codes) this.add(c);
  }
  get result(): string[] {
    return this.list;
  }
}

/** A text field: missing (when required), prohibited characters, length; non-strings count as prohibited. */
function checkText(
  out: Codes,
  value: unknown,
  max: number,
  codes: { required?: string; chars: string; length: string },
): void {
  if (isBlank(value)) {
    out.add(codes.required);
    return;
  }
  if (typeof value !== 'string') {
    out.add(codes.chars);
    return;
  }
  if (findProhibitedChars(value).length > 0) out.add(codes.chars);
  if (npLength(value) > max) out.add(codes.length);
}

/** Zip: 7 digits or NNN-NNNN, half-width. */
function checkZip(out: Codes, value: unknown, c: PersonCodes): void {
  if (isBlank(value)) return out.add(c.zipRequired);
  if (typeof value !== 'string' || !/^[0-9-]+$/.test(value.trim())) return out.add(c.zipChars);
  if (!/^(\d{7}|\d{3}-\d{4})$/.test(value.trim())) out.add(c.zipFormat);
}

/** TEL: half-width digits and hyphens; 11 digits for 020/050/060/070/080/090, 10 digits otherwise. */
function checkTel(out: Codes, value: unknown, c: PersonCodes): void {
  if (isBlank(value)) return out.add(c.telRequired);
  if (typeof value !== 'string' || !/^[0-9-]+$/.test(value.trim())) return out.add(c.telChars);
  const tel = value.trim();
  const digits = tel.replace(/-/g, '');
  const groups = tel.split('-');
  if (!digits.startsWith('0') || groups.some((g) => g === '') || groups.length > 4) {
    return out.add(c.telFormat);
  }
  const eleven = ELEVEN_DIGIT_TEL_PREFIXES.some((p) => digits.startsWith(p));
  if (eleven && digits.length !== 11) out.add(c.tel11);
  if (!eleven && digits.length !== 10) out.add(c.tel10);
}

const EMAIL_RE =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

function checkEmail(out: Codes, value: unknown, required: boolean): void {
  if (isBlank(value)) {
    if (required) out.add(EMAIL.required);
    return;
  }
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) return out.add(EMAIL.chars);
  if (value.length > NP_LIMITS.email) out.add(EMAIL.length);
  if (!EMAIL_RE.test(value)) out.add(EMAIL.format);
}

/** All codes of one person block (customer or dest_customer). */
function checkPerson(out: Codes, p: Obj, c: PersonCodes, opts: NpValidationOptions): void {
  checkText(out, p.customer_name, NP_LIMITS.name, { required: c.nameRequired, chars: c.nameChars, length: c.nameLength });
  checkText(out, p.customer_name_kana, NP_LIMITS.kana, { chars: c.kanaChars, length: c.kanaLength });
  checkText(out, p.company_name, NP_LIMITS.company, { chars: c.companyChars, length: c.companyLength });
  checkText(out, p.department_name, NP_LIMITS.department, { chars: c.departmentChars, length: c.departmentLength });
  checkZip(out, p.zip_code, c);
  if (opts.zipAddress && zipMismatchOf(p, opts.zipAddress)) out.add(c.zipMismatch);
  checkText(out, p.address, NP_LIMITS.address, { required: c.addressRequired, chars: c.addressChars, length: c.addressLength });
  checkTel(out, p.tel, c);
}

function zipMismatchOf(p: Obj, lookup: ZipLookup): ZipAddressMismatch | null {
  if (typeof p.zip_code !== 'string' || typeof p.address !== 'string') return null;
  return checkZipAddress(p.zip_code, p.address, lookup(p.zip_code));
}

/** The detail behind E0100059 / E0100083: whose address, and the Japanese sentence naming the part that disagrees. */
export interface ZipAddressNote {
  person: 'customer' | 'dest_customer';
  message: string;
}

/** Which part of the address disagrees with the zip code, for the buyer and the ship-to of a register or update item. */
export function zipAddressNotes(item: unknown, lookup: ZipLookup): ZipAddressNote[] {
  const it = isObj(item) ? item : {};
  const notes: ZipAddressNote[] = [];
  for (const [person, who] of [['customer', '購入者'], ['dest_customer', '配送先']] as const) {
    const p = it[person];
    if (!isObj(p) || (person === 'dest_customer' && isEmptyDest(p))) continue;
    const m = zipMismatchOf(p, lookup);
    if (m) notes.push({ person, message: zipMismatchMessage(who, m) });
  }
  return notes;
}

/**
 * A dest_customer that is absent, null, or has only empty values counts as "ship to the buyer"
 * (one wiz integration sends every field as an empty string, np-api.md §5.2).
 */
export function isEmptyDest(dest: unknown): boolean {
  if (dest === undefined || dest === null) return true;
  if (!isObj(dest)) return false;
  return Object.values(dest).every((v) => isBlank(v));
}

function checkCustomer(out: Codes, customer: unknown, opts: NpValidationOptions): void {
  const p = isObj(customer) ? customer : {};
  checkPerson(out, p, NP_PERSON_CODES.customer, opts);
  checkEmail(out, p.email, opts.requireEmail === true);
}

function checkDest(out: Codes, dest: unknown, opts: NpValidationOptions): void {
  if (isEmptyDest(dest)) return;
  checkPerson(out, isObj(dest) ? dest : {}, NP_PERSON_CODES.dest, opts);
}

/** Σ goods_price × quantity, or null when any line is unusable. */
export function goodsTotal(goods: unknown): number | null {
  if (!Array.isArray(goods) || goods.length === 0) return null;
  let sum = 0;
  for (const g of goods) {
    if (!isObj(g) || !Number.isSafeInteger(g.goods_price) || !isPosInt(g.quantity)) return null;
    sum += (g.goods_price as number) * (g.quantity as number);
  }
  return sum;
}

function checkGoods(out: Codes, goods: unknown): void {
  if (!Array.isArray(goods) || goods.length === 0) return out.add('SBX0006');
  for (const g of goods) {
    const line = isObj(g) ? g : {};
    if (
      isBlank(line.goods_name) ||
      typeof line.goods_name !== 'string' ||
      npLength(line.goods_name) > NP_LIMITS.goodsName ||
      findProhibitedChars(line.goods_name).length > 0
    ) {
      out.add('SBX0007');
    }
    if (!Number.isSafeInteger(line.goods_price)) out.add('SBX0008');
    if (!isPosInt(line.quantity)) out.add('SBX0009');
  }
}

/** E0102004 when |Σ goods − billed_amount| > 3000 (or ≠ in strict mode); silent when either side is invalid. */
export function amountMismatch(goods: unknown, billedAmount: unknown, strict = false): boolean {
  const sum = goodsTotal(goods);
  if (sum === null || !isPosInt(billedAmount)) return false;
  const diff = Math.abs(sum - (billedAmount as number));
  return strict ? diff !== 0 : diff > NP_LIMITS.amountTolerance;
}

function checkShopTransactionId(out: Codes, v: unknown): void {
  if (isBlank(v)) return out.add('SBX0001');
  if (typeof v !== 'string' || !/^[\x21-\x7e]+$/.test(v) || v.length > NP_LIMITS.shopTransactionId) out.add('SBX0002');
}

function checkSite(out: Codes, item: Obj): void {
  const bad = (v: unknown, max: number): boolean =>
    !isBlank(v) && (typeof v !== 'string' || npLength(v) > max || findProhibitedChars(v).length > 0);
  if (bad(item.site_name, NP_LIMITS.siteName) || bad(item.site_url, NP_LIMITS.siteUrl)) out.add('SBX0010');
}

/** np_transaction_id (or base_np_transaction_id): EPRO0105 missing, E0100002 not alphanumeric, E0100003 not 11. */
export function npIdCodes(v: unknown): string[] {
  if (isBlank(v)) return ['EPRO0105'];
  if (typeof v !== 'string') return ['E0100002'];
  const codes: string[] = [];
  if (!/^[A-Za-z0-9]*$/.test(v)) codes.push('E0100002');
  if (v.length !== 11) codes.push('E0100003');
  return codes;
}

/** POST /transactions item. */
export function validateRegisterItem(item: unknown, opts: NpValidationOptions = {}): string[] {
  const out = new Codes();
  const it = isObj(item) ? item : {};
  checkShopTransactionId(out, it.shop_transaction_id);
  if (!isIsoDate(it.shop_order_date)) out.add('SBX0003');
  if (it.settlement_type !== '02' && it.settlement_type !== '03') out.add('SBX0004');
  if (!isPosInt(it.billed_amount)) out.add('SBX0005');
  checkSite(out, it);
  checkCustomer(out, it.customer, opts);
  checkDest(out, it.dest_customer, opts);
  checkGoods(out, it.goods);
  if (amountMismatch(it.goods, it.billed_amount, opts.strictAmount)) out.add('E0102004');
  return out.result;
}

/**
 * PATCH /transactions/update item: np_transaction_id plus any fields; present fields follow the register rules.
 * The amount rule is checked when both goods and billed_amount are present (the sandbox also checks the merged
 * transaction).
 */
export function validateUpdateItem(item: unknown, opts: NpValidationOptions = {}): string[] {
  const out = new Codes();
  const it = isObj(item) ? item : {};
  out.addAll(npIdCodes(it.np_transaction_id));
  if ('shop_transaction_id' in it) checkShopTransactionId(out, it.shop_transaction_id);
  if ('shop_order_date' in it && !isIsoDate(it.shop_order_date)) out.add('SBX0003');
  if ('settlement_type' in it && it.settlement_type !== '02' && it.settlement_type !== '03') out.add('SBX0004');
  if ('billed_amount' in it && !isPosInt(it.billed_amount)) out.add('SBX0005');
  checkSite(out, it);
  if ('customer' in it) checkCustomer(out, it.customer, opts);
  if ('dest_customer' in it) checkDest(out, it.dest_customer, opts);
  if ('goods' in it) checkGoods(out, it.goods);
  if ('goods' in it && 'billed_amount' in it && amountMismatch(it.goods, it.billed_amount, opts.strictAmount)) {
    out.add('E0102004');
  }
  return out.result;
}

/** Cancel, authorizations/find and payments/find item: only np_transaction_id. */
export function validateIdItem(item: unknown): string[] {
  return npIdCodes(isObj(item) ? item.np_transaction_id : undefined);
}

/** Carrier code: E0100105 missing, E0100106 not numeric, E0100107 not 5 digits, E0100108 not in NP's master. */
function checkCarrier(out: Codes, v: unknown): void {
  if (isBlank(v)) return out.add('E0100105');
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return out.add('E0100106');
  if (v.length !== 5) return out.add('E0100107');
  if (!isNpCarrierCode(v)) out.add('E0100108');
}

/** Slip number: E0100109 missing, E0100110 not 1–20 of [A-Za-z0-9-]. */
function checkSlip(out: Codes, v: unknown): void {
  if (isBlank(v)) return out.add('E0100109');
  if (typeof v !== 'string' || !/^[A-Za-z0-9-]{1,20}$/.test(v)) out.add('E0100110');
}

/**
 * bill_issued_date: required for wiz '03' (E0100111), refused for '02' (E0100143), 'YYYY-MM-DD' (EPRO0109),
 * between 10 days before the report and the report date (E0100126; a future date is refused, the stricter
 * reading), not before the print data (E0100124).
 */
function checkBillIssuedDate(out: Codes, v: unknown, ctx: ShipmentContext): void {
  if (ctx.settlementType !== '03') {
    if (!isBlank(v)) out.add('E0100143');
    return;
  }
  if (isBlank(v)) return out.add('E0100111');
  if (!isIsoDate(v)) return out.add('EPRO0109');
  if (isIsoDate(ctx.today) && (v < addDays(ctx.today, -NP_LIMITS.billIssuedWindowDays) || v > ctx.today)) {
    out.add('E0100126');
  }
  if (ctx.printDataDate && v < ctx.printDataDate) out.add('E0100124');
}

/** POST /shipments item. */
export function validateShipmentItem(item: unknown, ctx: ShipmentContext): string[] {
  const out = new Codes();
  const it = isObj(item) ? item : {};
  out.addAll(npIdCodes(it.np_transaction_id));
  checkCarrier(out, it.pd_company_code);
  checkSlip(out, it.slip_no);
  checkBillIssuedDate(out, it.bill_issued_date, ctx);
  return out.result;
}

/** POST /transactions/reregister item. */
export function validateReregisterItem(item: unknown, opts: NpValidationOptions = {}): string[] {
  const out = new Codes();
  const it = isObj(item) ? item : {};
  out.addAll(npIdCodes(it.base_np_transaction_id));
  checkShopTransactionId(out, it.shop_transaction_id);
  if (!isIsoDate(it.shop_order_date)) out.add('SBX0003');
  if (!isPosInt(it.billed_amount)) out.add('SBX0005');
  checkGoods(out, it.goods);
  if (amountMismatch(it.goods, it.billed_amount, opts.strictAmount)) out.add('E0102004');
  return out.result;
}

/** The id codes of an item (for splitting "id format" from "field rules" in the sandbox's order). */
export const ID_FORMAT_CODES: readonly string[] = ['EPRO0105', 'E0100002', 'E0100003'];
