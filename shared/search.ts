/**
 * The order search of 受注管理: the criteria (every filter of the seed's search form, plus sort and paging),
 * the list row and the result. Filters combine with AND; empty ones ('' / null / [] / an empty range) are
 * ignored; ranges are inclusive. Text filters are folded (shared/search-fold.ts) so 全角/半角, katakana/hiragana
 * and hyphens in TEL do not matter. Date ranges are Japan calendar dates 'YYYY-MM-DD'.
 */
import { z } from 'zod';
import { GENDERS, INVOICE_TYPES, ORDER_STATUSES, PAYMENT_METHODS, type InvoiceType, type OrderStatus, type PaymentMethod } from './order';
import { NP_STATUSES, type NpStatus } from './np/status';
import { foldEmail, foldKana, foldName, foldTel, foldText } from './search-fold';
import { isIsoDate, jstDayEnd, jstDayStart } from './jst-date';
import { parseOrThrow, type FieldLabels } from './validation';

export * from './search-fold';

/** The list columns one can sort by. */
export const ORDER_SORT_KEYS = ['orderedAt', 'orderNo', 'customerKana', 'paymentMethod', 'total', 'status', 'npStatus', 'invoiceType'] as const;
export type OrderSortKey = (typeof ORDER_SORT_KEYS)[number];

/** NP後払いステータス filter values: the 15 statuses plus 'none' (未登録: no NP transaction and nothing queued). */
export const NP_STATUS_FILTERS = [...NP_STATUSES, 'none'] as const;
export type NpStatusFilter = (typeof NP_STATUS_FILTERS)[number];

/** 帳票 filter values (納品書 未出力 / 出力済み). */
export const PRINT_STATUSES = ['unprinted', 'printed'] as const;
export type PrintStatus = (typeof PRINT_STATUSES)[number];

export const SEARCH_LIMIT_MAX = 1000;
export const SEARCH_LIMIT_DEFAULT = 100;

const isBlank = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The message for a value that is not an object; other issues (unknown keys) keep their own messages. */
const objectError = (message: string) => (issue: { code: string }) => (issue.code === 'invalid_type' ? message : undefined);

/** A text filter: folded with `fold`; blank → undefined. */
const textFilter = (label: string, fold: (s: string) => string) =>
  z
    .string({ error: `${label}は文字列で指定してください` })
    .max(200, { error: `${label}は200文字以内で入力してください` })
    .nullish()
    .transform((v) => (isBlank(v) ? undefined : fold(v as string) || undefined));

/** A multi-select filter: an array of codes; empty → undefined. */
const multi = <T extends readonly [string, ...string[]]>(label: string, codes: T) =>
  z
    .array(z.enum(codes, { error: `${label}の値が正しくありません` }), { error: `${label}は配列で指定してください` })
    .nullish()
    .transform((v) => (v && v.length > 0 ? [...new Set(v)] : undefined));

/** An integer typed as a number or text ('１，０００円' → 1000). */
const integerInput = (label: string) =>
  z
    .union([z.number(), z.string()], { error: `${label}は数値で指定してください` })
    .nullish()
    .transform((v, ctx): number | undefined => {
      if (isBlank(v)) return undefined;
      const s = typeof v === 'number' ? String(v) : (v as string).normalize('NFKC').replace(/[,\s円¥￥]/gu, '');
      if (!/^\d{1,15}$/u.test(s)) {
        ctx.addIssue({ code: 'custom', message: `${label}は0以上の整数で入力してください` });
        return z.NEVER;
      }
      return Number(s);
    });

const dateInput = (label: string) =>
  z
    .string({ error: `${label}は日付（YYYY-MM-DD）で指定してください` })
    .nullish()
    .transform((v, ctx): string | undefined => {
      if (isBlank(v)) return undefined;
      const s = (v as string).trim();
      if (!isIsoDate(s)) {
        ctx.addIssue({ code: 'custom', message: `${label}は日付（YYYY-MM-DD）で入力してください` });
        return z.NEVER;
      }
      return s;
    });

type Bounds<T> = { from?: T; to?: T };

/** A range object { from, to }: both ends optional and inclusive; from after to is refused. */
const range = <S extends z.ZodType<number | string | undefined>>(label: string, end: (part: string) => S) =>
  z
    .strictObject({ from: end(`${label}（開始）`).optional(), to: end(`${label}（終了）`).optional() }, { error: objectError(`${label}は { from, to } で指定してください`) })
    .nullish()
    .transform((r, ctx): Bounds<Exclude<z.output<S>, undefined>> | undefined => {
      const from = r?.from as z.output<S> | undefined;
      const to = r?.to as z.output<S> | undefined;
      if (from === undefined && to === undefined) return undefined;
      if (from !== undefined && to !== undefined && from > to) {
        ctx.addIssue({ code: 'custom', message: `${label}の開始が終了より後になっています`, path: ['from'] });
        return z.NEVER;
      }
      return { ...(from !== undefined && { from }), ...(to !== undefined && { to }) } as Bounds<Exclude<z.output<S>, undefined>>;
    });

/** A JST calendar-date range turned into inclusive epoch-ms bounds. */
const dayRange = (label: string) =>
  range(label, dateInput).transform((r): Bounds<number> | undefined =>
    r && { ...(r.from !== undefined && { from: jstDayStart(r.from) }), ...(r.to !== undefined && { to: jstDayEnd(r.to) }) },
  );

export const OrderSearchCriteriaSchema = z.strictObject(
  {
    /** 注文番号 range (numeric order numbers). */
    orderNo: range('注文番号', integerInput),
    /** 対応状況 */
    statuses: multi('対応状況', ORDER_STATUSES),
    /** お名前 (contains) */
    name: textFilter('お名前', foldName),
    /** お名前(フリガナ) (contains; katakana = hiragana) */
    kana: textFilter('フリガナ', foldKana),
    /** メールアドレス (contains, case-insensitive) */
    email: textFilter('メールアドレス', foldEmail),
    /** TEL (contains, digits only) */
    tel: z
      .string({ error: 'TELは文字列で指定してください' })
      .max(30, { error: 'TELは30文字以内で入力してください' })
      .nullish()
      .transform((v, ctx): string | undefined => {
        if (isBlank(v)) return undefined;
        const digits = foldTel(v as string);
        if (!digits) {
          ctx.addIssue({ code: 'custom', message: 'TELは数字で入力してください' });
          return z.NEVER;
        }
        return digits;
      }),
    /** 生年月日 range ('YYYY-MM-DD'); orders without a birth date do not match a birth-date filter. */
    birthDate: range('生年月日', dateInput),
    /** 性別 */
    genders: multi('性別', GENDERS),
    /** 備考欄にメッセージが含まれているデータ: true = only orders with a 備考; false/unset = no filter (a checkbox). */
    hasNote: z.boolean({ error: '備考欄の条件は true / false で指定してください' }).nullish().transform((v) => (v ? true : undefined)),
    /** 支払方法 */
    paymentMethods: multi('支払方法', PAYMENT_METHODS),
    /** 受注日 range */
    orderedAt: dayRange('受注日'),
    /** 更新日 range */
    updatedAt: dayRange('更新日'),
    /** 発送日 range (orders not shipped do not match) */
    shippedAt: dayRange('発送日'),
    /** 購入金額 range (円) */
    total: range('購入金額', integerInput),
    /** 購入商品 (a goods line's name contains) */
    goods: textFilter('購入商品', foldText),
    /** NP後払いステータス ('none' = 未登録) */
    npStatuses: multi('NP後払いステータス', NP_STATUS_FILTERS),
    /** 請求書区分 */
    invoiceTypes: multi('請求書区分', INVOICE_TYPES),
    /** 帳票 (issue 11): 'unprinted' = 納品書 未出力, 'printed' = 出力済み; unset = no filter. */
    printStatus: z.enum(PRINT_STATUSES, { error: '帳票の条件は未出力か出力済みで指定してください' }).nullish().transform((v) => v ?? undefined),
    sort: z
      .strictObject(
        {
          key: z.enum(ORDER_SORT_KEYS, { error: '並び替えの項目が正しくありません' }),
          dir: z.enum(['asc', 'desc'], { error: "並び順は 'asc' か 'desc' で指定してください" }),
        },
        { error: objectError('並び替えは { key, dir } で指定してください') },
      )
      .nullish()
      .transform((s) => s ?? { key: 'orderedAt' as const, dir: 'desc' as const }),
    offset: z
      .number({ error: '表示開始位置は数値で指定してください' })
      .int({ error: '表示開始位置は整数で指定してください' })
      .min(0, { error: '表示開始位置は0以上で指定してください' })
      .nullish()
      .transform((v) => v ?? 0),
    limit: z
      .number({ error: '表示件数は数値で指定してください' })
      .int({ error: '表示件数は整数で指定してください' })
      .min(1, { error: '表示件数は1以上で指定してください' })
      .max(SEARCH_LIMIT_MAX, { error: `表示件数は${SEARCH_LIMIT_MAX}件以下で指定してください` })
      .nullish()
      .transform((v) => v ?? SEARCH_LIMIT_DEFAULT),
  },
  { error: objectError('検索条件はオブジェクトで指定してください') },
);

/** What callers (the search form, the IPC contract) send. Every field is optional. */
export type OrderSearchCriteria = z.input<typeof OrderSearchCriteriaSchema>;
/** The criteria after validation: folded text, epoch-ms day bounds, defaults for sort/offset/limit. */
export type NormalizedSearchCriteria = z.output<typeof OrderSearchCriteriaSchema>;

export const SEARCH_FIELD_LABELS: FieldLabels = {
  orderNo: '注文番号',
  'orderNo.from': '注文番号（開始）',
  'orderNo.to': '注文番号（終了）',
  statuses: '対応状況',
  'statuses.*': '対応状況',
  name: 'お名前',
  kana: 'フリガナ',
  email: 'メールアドレス',
  tel: 'TEL',
  birthDate: '生年月日',
  'birthDate.from': '生年月日（開始）',
  'birthDate.to': '生年月日（終了）',
  genders: '性別',
  'genders.*': '性別',
  hasNote: '備考欄',
  paymentMethods: '支払方法',
  'paymentMethods.*': '支払方法',
  orderedAt: '受注日',
  'orderedAt.from': '受注日（開始）',
  'orderedAt.to': '受注日（終了）',
  updatedAt: '更新日',
  'updatedAt.from': '更新日（開始）',
  'updatedAt.to': '更新日（終了）',
  shippedAt: '発送日',
  'shippedAt.from': '発送日（開始）',
  'shippedAt.to': '発送日（終了）',
  total: '購入金額',
  'total.from': '購入金額（開始）',
  'total.to': '購入金額（終了）',
  goods: '購入商品',
  npStatuses: 'NP後払いステータス',
  'npStatuses.*': 'NP後払いステータス',
  invoiceTypes: '請求書区分',
  'invoiceTypes.*': '請求書区分',
  printStatus: '帳票',
  sort: '並び替え',
  'sort.key': '並び替えの項目',
  'sort.dir': '並び順',
  offset: '表示開始位置',
  limit: '表示件数',
};

/** Validate and normalise search criteria; throws ValidationError naming each wrong field. */
export function parseSearchCriteria(input: unknown): NormalizedSearchCriteria {
  return parseOrThrow(OrderSearchCriteriaSchema, input ?? {}, '検索条件', SEARCH_FIELD_LABELS);
}

/** One row of the order list (the seed's columns). */
export interface OrderListRow {
  id: number;
  orderNo: string;
  orderedAt: number;
  customerName: string;
  customerKana: string;
  paymentMethod: PaymentMethod;
  total: number;
  status: OrderStatus;
  npStatus: NpStatus | null;
  /** NP未反映の変更あり */
  npDirty: boolean;
  invoiceType: InvoiceType;
  /** 購入履歴: how many orders the same buyer has (same email, else same TEL), this one included. */
  purchaseCount: number;
  /** 帳票: when the 納品書 was last output (null = 未出力). */
  printedAt: number | null;
}

export interface OrderSearchResult {
  /** All matches (「N件が該当しました。」). */
  total: number;
  offset: number;
  rows: OrderListRow[];
}
