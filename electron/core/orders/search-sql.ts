/**
 * SQL for the order search: one WHERE clause built from normalised criteria (shared/search.ts), shared by the
 * list page, the hit count, the CSV iterator and the benchmark's raw-SQL floor.
 */
import { INVOICE_TYPES, ORDER_STATUSES, PAYMENT_METHODS, GENDERS } from '../../../shared/order';
import { NP_STATUSES } from '../../../shared/np/status';
import { NP_STATUS_FILTERS, type NormalizedSearchCriteria, type OrderSortKey } from '../../../shared/search';
import { textFilters, textScans, type TermLookup } from './text-match';

export interface SearchSql {
  /** 'WHERE …' or '' when no filter applies. */
  where: string;
  /** 'ORDER BY …' (always ends with id, so paging is stable). */
  orderBy: string;
  /** Positional parameters of `where`. */
  params: (string | number)[];
  /** 'INDEXED BY …' when the page walks its sort column's index, else ''. */
  indexedBy: string;
  /** The only filter is the FTS query (the count reads orders_text alone); its MATCH parameter. */
  textOnly?: string;
}

export interface SearchStatements {
  /** SELECT count(*) of the matches. Parameters: params. */
  countSql: string;
  /** SELECT the page's rows. Parameters: params, limit, offset. */
  pageSql: string;
  /** SELECT every matching id in sort order. Parameters: params. */
  idsSql: string;
  params: (string | number)[];
}

/** The list columns selected for a page (OrderListRow before the purchase count). */
export const LIST_COLUMNS = 'id, order_no, ordered_at, customer_name, customer_kana, payment_method, total, status, np_status, np_dirty, invoice_type, buyer_key, printed_at, np_paid_at';

/** Sort by the position of a code in its table (the order the form shows them in). */
function rankOf(column: string, codes: readonly string[], nullRank?: number): string {
  const whens = codes.map((c, i) => `WHEN '${c}' THEN ${i}`).join(' ');
  return `CASE ${column} ${whens} ELSE ${nullRank ?? codes.length} END`;
}

const SORT_COLUMNS: Record<OrderSortKey, string[]> = {
  orderedAt: ['ordered_at'],
  orderNo: ['order_no_num', 'order_no'],
  customerKana: ['key_kana'],
  paymentMethod: [rankOf('payment_method', PAYMENT_METHODS)],
  total: ['total'],
  status: [rankOf('status', ORDER_STATUSES)],
  // 未登録 (NULL) sorts before every status.
  npStatus: [rankOf('np_status', NP_STATUSES, -1)],
  invoiceType: [rankOf('invoice_type', INVOICE_TYPES)],
};

/** The index that gives the rows in each sort order (none for the code columns, sorted by their rank). */
export const SORT_INDEXES: Partial<Record<OrderSortKey, string>> = {
  orderedAt: 'orders_ordered_at',
  orderNo: 'orders_order_no_num',
  customerKana: 'orders_key_kana',
  total: 'orders_total',
};

/** A multi-select narrows nothing when every code is chosen: drop it so the planner keeps its best index. */
function narrows(chosen: readonly string[] | undefined, all: readonly string[]): chosen is readonly string[] {
  return chosen !== undefined && chosen.length > 0 && !all.every((c) => chosen.includes(c));
}

/** Exactly one code chosen on a column that has an index on (column, ordered_at), or 備考欄あり (ordered_at WHERE has_note). */
function singleCodeOnOrderedIndex(c: NormalizedSearchCriteria): boolean {
  const one = (v: readonly string[] | undefined) => v?.length === 1;
  return one(c.npStatuses) || one(c.statuses) || one(c.paymentMethods) || one(c.genders) || one(c.invoiceTypes) || c.hasNote === true || c.printStatus === 'unprinted';
}

/**
 * How the page is read once the hit count is known (see choosePagePlan):
 * - 'walk': along the sort column's index, testing each order, until the page is full — cheap when many match;
 * - 'filter': the matches through the filters' indexes, then sorted — cheap when few match.
 * Without a plan: walk when no filter has an index, else filter (the CSV iterator, which reads every match).
 */
export type PagePlan = 'walk' | 'filter';

export interface SearchSqlOptions {
  page?: PagePlan;
  /** Trigrams starting with a two-character text query (orders_text_terms); without it such queries are scanned. */
  terms?: TermLookup;
  /** The file has no orders_text yet (a schema before migration 009, in migration tests): scan every text filter. */
  noTextIndex?: boolean;
}

export function buildSearchSql(c: NormalizedSearchCriteria, opts: SearchSqlOptions = {}): SearchSql {
  const terms: string[] = [];
  const params: (string | number)[] = [];
  let indexedFilter = false;
  const term = (sql: string, ...values: (string | number)[]) => {
    terms.push(sql);
    params.push(...values);
  };
  const indexed = (sql: string, ...values: (string | number)[]) => {
    indexedFilter = true;
    term(sql, ...values);
  };
  const inList = (column: string, values: readonly string[]) => indexed(`${column} IN (${values.map(() => '?').join(', ')})`, ...values);
  const between = (column: string, r: { from?: number | string; to?: number | string } | undefined) => {
    if (r?.from !== undefined) indexed(`${column} >= ?`, r.from);
    if (r?.to !== undefined) indexed(`${column} <= ?`, r.to);
  };
  // Walking the sort index tests each visited order: the text filters are checked on its keys there, instead of
  // first building the set of every match from orders_text (135,000 rowids for 玉露 at 1,000,000 orders).
  const text = opts.page === 'walk' || opts.noTextIndex ? textScans(c) : textFilters(c, opts.terms);
  if (text.nothing) term('0');
  if (text.match) indexed('id IN (SELECT rowid FROM orders_text WHERE orders_text MATCH ?)', text.match);
  for (const [column, folded] of text.scans) term(`instr(${column}, ?) > 0`, folded);

  between('order_no_num', c.orderNo);
  if (narrows(c.statuses, ORDER_STATUSES)) inList('status', c.statuses);
  between('customer_birth_date', c.birthDate);
  if (narrows(c.genders, GENDERS)) indexed(`customer_gender IN (${c.genders.map(() => '?').join(', ')})`, ...c.genders);
  if (c.hasNote) indexed('has_note = 1');
  if (narrows(c.paymentMethods, PAYMENT_METHODS)) inList('payment_method', c.paymentMethods);
  between('ordered_at', c.orderedAt);
  between('updated_at', c.updatedAt);
  between('shipped_at', c.shippedAt);
  between('total', c.total);
  if (narrows(c.npStatuses, NP_STATUS_FILTERS)) {
    const codes = c.npStatuses.filter((s) => s !== 'none');
    const none = codes.length < c.npStatuses.length;
    const placeholders = codes.map(() => '?').join(', ');
    if (codes.length === 0) indexed('np_status IS NULL');
    else if (!none) indexed(`np_status IN (${placeholders})`, ...codes);
    else indexed(`(np_status IN (${placeholders}) OR np_status IS NULL)`, ...codes);
  }
  // 帳票 (納品書 未出力 / 出力済み): orders_printed_at (printed_at, ordered_at), migration 005.
  if (c.printStatus) indexed(c.printStatus === 'printed' ? 'printed_at IS NOT NULL' : 'printed_at IS NULL');
  if (narrows(c.invoiceTypes, INVOICE_TYPES)) indexed(`invoice_type IN (${c.invoiceTypes.map(() => '?').join(', ')})`, ...c.invoiceTypes);
  // The 要対応 queues' NP filters, each on a partial index (orders_np_dirty, orders_np_paid_at).
  if (c.npDirty) indexed('np_dirty = 1');
  if (c.npPaidSince !== undefined) indexed('np_paid_at >= ?', c.npPaidSince);
  else if (c.npPayment === 'paid') indexed('np_paid_at IS NOT NULL');
  if (c.npPayment === 'unpaid') term('np_paid_at IS NULL');

  // 'filter': the filters' indexes drive the query (cost bounded by the matches); the unary + keeps the sort
  // off its index. 'walk': the sort column's index drives it (INDEXED BY), and the page ends after `limit` rows —
  // except one code on a column indexed together with ordered_at, listed by order date: that index gives the
  // rows already in order.
  const dir = c.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const orderedByCode = c.sort.key === 'orderedAt' && terms.length === 1 && singleCodeOnOrderedIndex(c);
  const plan = opts.page ?? (indexedFilter && !orderedByCode ? 'filter' : 'walk');
  const sortIndex = SORT_INDEXES[c.sort.key];
  const indexedBy = plan === 'walk' && indexedFilter && !orderedByCode && sortIndex ? `INDEXED BY ${sortIndex}` : '';
  const sortColumns = SORT_COLUMNS[c.sort.key].map((col) => (plan === 'walk' || col.startsWith('CASE') ? col : `+${col}`));
  const orderBy = `ORDER BY ${[...sortColumns, 'id'].map((col) => `${col} ${dir}`).join(', ')}`;
  const textOnly = terms.length === 1 && text.match !== undefined ? text.match : undefined;
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', orderBy, params, indexedBy, ...(textOnly !== undefined && { textOnly }) };
}

/**
 * The page plan for a search with `hits` matches among about `orders` orders. Walking the sort index visits about
 * (offset + limit) × orders / hits orders; reading the matches visits `hits` and sorts them: walk when that is
 * fewer. Never walk where the sort index cannot serve (code columns), nor where the matches crowd in one part of
 * it, so the walk would cross everything before them: フリガナ sorted by フリガナ, and a 注文番号 range (order numbers
 * follow order dates: at 1,000,000 orders a range in the middle was a 500 ms walk).
 */
export function choosePagePlan(c: NormalizedSearchCriteria, hits: number, orders: number): PagePlan {
  if (!SORT_INDEXES[c.sort.key] || (c.sort.key === 'customerKana' && c.kana) || c.orderNo) return 'filter';
  return hits * hits >= (c.offset + c.limit) * orders ? 'walk' : 'filter';
}

export function buildSearchStatements(c: NormalizedSearchCriteria, opts: SearchSqlOptions = {}): SearchStatements {
  const { where, orderBy, params, indexedBy, textOnly } = buildSearchSql(c, opts);
  return {
    countSql: textOnly !== undefined ? 'SELECT count(*) FROM orders_text WHERE orders_text MATCH ?' : `SELECT count(*) FROM orders ${where}`,
    pageSql: `SELECT ${LIST_COLUMNS} FROM orders ${indexedBy} ${where} ${orderBy} LIMIT ? OFFSET ?`,
    idsSql: `SELECT id FROM orders ${where} ${orderBy}`,
    params,
  };
}
