/**
 * SQL for the order search: one WHERE clause built from normalised criteria (shared/search.ts), shared by the
 * list page, the hit count, the CSV iterator and the benchmark's raw-SQL floor.
 */
import { INVOICE_TYPES, ORDER_STATUSES, PAYMENT_METHODS, GENDERS } from '../../../shared/order';
import { NP_STATUSES } from '../../../shared/np/status';
import { NP_STATUS_FILTERS, type NormalizedSearchCriteria, type OrderSortKey } from '../../../shared/search';

export interface SearchSql {
  /** 'WHERE …' or '' when no filter applies. */
  where: string;
  /** 'ORDER BY …' (always ends with id, so paging is stable). */
  orderBy: string;
  /** Positional parameters of `where`. */
  params: (string | number)[];
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
export const LIST_COLUMNS = 'id, order_no, ordered_at, customer_name, customer_kana, payment_method, total, status, np_status, np_dirty, invoice_type, buyer_key, printed_at';

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

/** A multi-select narrows nothing when every code is chosen: drop it so the planner keeps its best index. */
function narrows(chosen: readonly string[] | undefined, all: readonly string[]): chosen is readonly string[] {
  return chosen !== undefined && chosen.length > 0 && !all.every((c) => chosen.includes(c));
}

/** Exactly one code chosen on a column that has an index on (column, ordered_at). */
function singleCodeOnOrderedIndex(c: NormalizedSearchCriteria): boolean {
  const one = (v: readonly string[] | undefined) => v?.length === 1;
  return one(c.npStatuses) || one(c.statuses) || one(c.paymentMethods) || c.printStatus === 'unprinted';
}

export interface SearchSqlOptions {
  /**
   * The database has planner statistics (ANALYZE: sqlite_stat1/stat4, see openDatabase): SQLite then knows how
   * many rows each filter keeps and picks the index itself, so the SQL carries no hints. Without statistics
   * (a new or small file) the hints below steer it.
   */
  analyzed?: boolean;
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
  const contains = (column: string, folded: string | undefined) => {
    if (folded) term(`instr(${column}, ?) > 0`, folded);
  };

  between('order_no_num', c.orderNo);
  if (narrows(c.statuses, ORDER_STATUSES)) inList('status', c.statuses);
  contains('key_name', c.name);
  contains('key_kana', c.kana);
  contains('key_email', c.email);
  contains('key_tel', c.tel);
  between('customer_birth_date', c.birthDate);
  if (narrows(c.genders, GENDERS)) term(`customer_gender IN (${c.genders.map(() => '?').join(', ')})`, ...c.genders);
  if (c.hasNote) term('has_note = 1');
  if (narrows(c.paymentMethods, PAYMENT_METHODS)) inList('payment_method', c.paymentMethods);
  between('ordered_at', c.orderedAt);
  between('updated_at', c.updatedAt);
  between('shipped_at', c.shippedAt);
  between('total', c.total);
  contains('key_goods', c.goods);
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
  if (narrows(c.invoiceTypes, INVOICE_TYPES)) term(`invoice_type IN (${c.invoiceTypes.map(() => '?').join(', ')})`, ...c.invoiceTypes);

  // With an indexed filter, let that filter's index drive the query (cost bounded by the matches) instead of
  // walking the sort column's index and testing every row: the unary + keeps the sort off its index.
  // Exception: one code on a column indexed together with ordered_at, listed by order date — that index gives
  // the rows already in order, and the page ends after `limit` rows.
  const dir = c.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const keepSortIndex = opts.analyzed === true || !indexedFilter || (c.sort.key === 'orderedAt' && terms.length === 1 && singleCodeOnOrderedIndex(c));
  const sortColumns = SORT_COLUMNS[c.sort.key].map((col) => (keepSortIndex || col.startsWith('CASE') ? col : `+${col}`));
  const orderBy = `ORDER BY ${[...sortColumns, 'id'].map((col) => `${col} ${dir}`).join(', ')}`;
  return { where: terms.length ? `WHERE ${terms.join(' AND ')}` : '', orderBy, params };
}

export function buildSearchStatements(c: NormalizedSearchCriteria, opts: SearchSqlOptions = {}): SearchStatements {
  const { where, orderBy, params } = buildSearchSql(c, opts);
  return {
    countSql: `SELECT count(*) FROM orders ${where}`,
    pageSql: `SELECT ${LIST_COLUMNS} FROM orders ${where} ${orderBy} LIMIT ? OFFSET ?`,
    idsSql: `SELECT id FROM orders ${where} ${orderBy}`,
    params,
  };
}
