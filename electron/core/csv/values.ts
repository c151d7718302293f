/**
 * Cell values: how the CSV writes dates, zip codes, TEL numbers and codes, and how an import reads what
 * shops and Excel write (全角 digits, 1,234円, 2026/1/5 9:03, 令和6年11月28日, R6.11.28, 〒107-0052 …).
 * Times are JST wall clock (Japan has no daylight saving time); dates and eras come from shared/jst-date.ts.
 */
import {
  GENDER_LABELS,
  INVOICE_TYPE_LABELS,
  ORDER_STATUS_LABELS,
  PAYMENT_METHOD_LABELS,
  type Gender,
  type InvoiceType,
  type OrderStatus,
  type PaymentMethod,
  type TaxRate,
} from '../../../shared/order';
import { JST_OFFSET_MS, fitsEra, readEraYear, type Era } from '../../../shared/jst-date';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

// ---------------------------------------------------------------------------------------------------------
// Writing

/** 'YYYY/MM/DD HH:mm:ss' in JST ('' for null). */
export function formatDateTime(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms + JST_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** 'YYYY-MM-DD' → 'YYYY/MM/DD' ('' for null). */
export function formatDate(isoDate: string | null): string {
  return isoDate ? isoDate.replaceAll('-', '/') : '';
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

const nfkc = (s: string): string => s.normalize('NFKC').trim();

/** Whole yen: accepts ￥1,234 / 1234円 / １２３４ / -500; no decimals. */
export function parseYen(raw: string, label: string): Parsed<number> {
  const s = nfkc(raw).replace(/^[¥￥\\]/u, '').replace(/円$/u, '').replaceAll(',', '').trim();
  if (s === '') return fail(`${label}が空です`);
  if (/^-?\d+\.0+$/u.test(s)) return ok(Number(s.slice(0, s.indexOf('.'))));
  if (!/^-?\d{1,12}$/u.test(s)) return fail(`${label}「${raw}」は整数（円）ではありません`);
  return ok(Number(s));
}

/** 税率 of a goods line: 10 / 10% / ８％ / 軽減 (= 8%) / 標準 (= 10%). */
export function parseTaxRate(raw: string, label: string): Parsed<TaxRate> {
  const s = nfkc(raw).replace(/\s/gu, '');
  if (/^(10%?|0?\.10?|標準(税率)?)$/u.test(s)) return ok(10);
  if (/^(8%?|0?\.08|軽減(税率)?(8%)?)$/u.test(s)) return ok(8);
  return fail(`${label}「${raw}」は10%か8%（軽減税率）で入力してください`);
}

/** A whole number of pieces: accepts １２ / 12個 / 12点. */
export function parseQuantity(raw: string, label: string): Parsed<number> {
  const s = nfkc(raw).replace(/[個点本枚袋箱]$/u, '').replaceAll(',', '');
  if (!/^\d{1,9}$/u.test(s)) return fail(`${label}「${raw}」は整数ではありません`);
  return ok(Number(s));
}

const DATE_TIME =
  /^(\d{4})[/\-.年](\d{1,2})[/\-.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:時](\d{1,2})(?:[:分](\d{1,2})(?:\.\d{1,3})?秒?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/u;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/u;

interface DateParts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  offsetMs: number | null;
  hasTime: boolean;
  /** The era the date was written in (令和6年…, R6.…), if any. */
  era: Era | null;
}

function dateParts(raw: string): DateParts | null {
  const n = nfkc(raw);
  const era = readEraYear(n);
  const s = era ? `${era.year}年${era.rest}` : n;
  const m = DATE_TIME.exec(s);
  if (m) {
    const zone = m[7];
    let offsetMs: number | null = null;
    if (zone === 'Z') offsetMs = 0;
    else if (zone) {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return {
      y: Number(m[1]),
      mo: Number(m[2]),
      d: Number(m[3]),
      h: Number(m[4] ?? 0),
      mi: Number(m[5] ?? 0),
      s: Number(m[6] ?? 0),
      offsetMs,
      hasTime: m[4] !== undefined,
      era: era?.era ?? null,
    };
  }
  const c = era ? null : COMPACT_DATE.exec(s);
  if (c) return { y: Number(c[1]), mo: Number(c[2]), d: Number(c[3]), h: 0, mi: 0, s: 0, offsetMs: null, hasTime: false, era: null };
  return null;
}

function isRealDate(p: DateParts): boolean {
  const t = new Date(Date.UTC(p.y, p.mo - 1, p.d));
  return t.getUTCFullYear() === p.y && t.getUTCMonth() === p.mo - 1 && t.getUTCDate() === p.d && p.h < 24 && p.mi < 60 && p.s < 60;
}

const isoOf = (p: DateParts): string => `${p.y}-${pad(p.mo)}-${pad(p.d)}`;

/** Why a real date cannot be read, or null: an era date before the era began (令和元年4月30日). */
function eraProblem(p: DateParts, raw: string, label: string): string | null {
  if (!p.era || fitsEra(p.era, isoOf(p))) return null;
  return `${label}「${raw}」は${p.era.name}が始まる${p.era.start.replaceAll('-', '/')}より前の日付です`;
}

/**
 * A date and optional time as an instant: 2026/11/28 12:04:05, 2026-11-28, 2026/1/5 9:03 (Excel),
 * 2026年11月28日, 令和8年11月28日 / R8.11.28 (和暦, 元年 too), 20261128, ISO 8601 with an offset. Without an offset the
 * time is JST.
 */
export function parseDateTime(raw: string, label: string): Parsed<number> {
  const p = dateParts(raw);
  if (!p) return fail(`${label}「${raw}」は日付として読めません（例: 2026/11/28 12:34）`);
  if (!isRealDate(p)) return fail(`${label}「${raw}」は存在しない日付です`);
  const beforeEra = eraProblem(p, raw, label);
  if (beforeEra) return fail(beforeEra);
  const local = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  return ok(local - (p.offsetMs ?? JST_OFFSET_MS));
}

/** A calendar date 'YYYY-MM-DD' (生年月日); a time part is refused. */
export function parseDate(raw: string, label: string): Parsed<string> {
  const p = dateParts(raw);
  if (!p || p.hasTime) return fail(`${label}「${raw}」は日付として読めません（例: 1990/04/01、平成2年4月1日）`);
  if (!isRealDate(p)) return fail(`${label}「${raw}」は存在しない日付です`);
  const beforeEra = eraProblem(p, raw, label);
  return beforeEra ? fail(beforeEra) : ok(isoOf(p));
}

/** Lower case, NFKC, no spaces or brackets: how labels and codes are compared. */
export function codeKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s()[\]（）「」【】・_-]/gu, '');
}

/** Code lookups by label; the same few labels repeat on every row, so answers are remembered. */
function lookup<T extends string>(table: ReadonlyMap<string, T>, raw: string, label: string, known: readonly string[]): Parsed<T> {
  const memo = memos.get(table) ?? new Map<string, Parsed<string>>();
  memos.set(table, memo);
  const hit = memo.get(raw);
  if (hit) return hit as Parsed<T>;
  const code = table.get(codeKey(raw));
  const result = code ? ok(code) : fail(`${label}「${raw}」が分かりません（${known.join('・')}のいずれか）`);
  if (memo.size < 1000) memo.set(raw, result);
  return result;
}
const memos = new WeakMap<ReadonlyMap<string, string>, Map<string, Parsed<string>>>();

function table<T extends string>(labels: Record<T, string>, extra: Record<string, T>): ReadonlyMap<string, T> {
  const m = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) {
    m.set(codeKey(code), code);
    m.set(codeKey(label), code);
  }
  for (const [alias, code] of Object.entries(extra)) m.set(codeKey(alias), code);
  return m;
}

const PAYMENT_METHODS = table<PaymentMethod>(PAYMENT_METHOD_LABELS, {
  NP後払い: 'np_atobarai',
  後払い: 'np_atobarai',
  'NP後払い（コンビニ・郵便局・銀行）': 'np_atobarai',
  後払い決済: 'np_atobarai',
  npatobarai: 'np_atobarai',
  'Amazon Pay': 'amazon_pay',
  Amazonペイ: 'amazon_pay',
  アマゾンペイ: 'amazon_pay',
  クレジット: 'credit_card',
  クレジットカード決済: 'credit_card',
  カード: 'credit_card',
  creditcard: 'credit_card',
  代引き: 'cod',
  代引: 'cod',
  代金引換え: 'cod',
  コレクト: 'cod',
  cod: 'cod',
});
export const parsePaymentMethod = (raw: string): Parsed<PaymentMethod> =>
  lookup(PAYMENT_METHODS, raw, '支払方法', Object.values(PAYMENT_METHOD_LABELS));

const ORDER_STATUSES = table<OrderStatus>(ORDER_STATUS_LABELS, {
  新規: 'new',
  新規受付: 'new',
  新規注文: 'new',
  入金待: 'awaiting_payment',
  入金済: 'paid',
  発送済: 'shipped',
  出荷済み: 'shipped',
  取り寄せ: 'backordered',
  取寄せ中: 'backordered',
  キャンセル済み: 'cancelled',
  処理中: 'processing',
});
export const parseOrderStatus = (raw: string): Parsed<OrderStatus> =>
  lookup(ORDER_STATUSES, raw, '対応状況', Object.values(ORDER_STATUS_LABELS));

const GENDERS = table<Gender>(GENDER_LABELS, { 男: 'male', 女: 'female', m: 'male', f: 'female', 1: 'male', 2: 'female', 0: 'unknown', 不明: 'unknown', 無回答: 'unknown' });
export function parseGender(raw: string): Parsed<Gender> {
  if (raw.trim() === '') return ok('unknown');
  return lookup(GENDERS, raw, '性別', Object.values(GENDER_LABELS));
}

const INVOICE_TYPES = table<InvoiceType>(INVOICE_TYPE_LABELS, { 別送り: 'separate', 同梱請求書: 'bundled', 請求書同梱: 'bundled', 請求書別送: 'separate' });
export const parseInvoiceType = (raw: string): Parsed<InvoiceType> =>
  lookup(INVOICE_TYPES, raw, '請求書区分', Object.values(INVOICE_TYPE_LABELS));
