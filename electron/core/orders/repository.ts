/**
 * The order store: synchronous methods over one better-sqlite3 connection. Callers may compose them inside
 * `db.transaction(...)` (better-sqlite3 nests transactions as savepoints), so no method assumes it runs at top level.
 */
import type { Database, Statement } from 'better-sqlite3';
import { STANDARD_TAX_RATE, orderTotal, type Order, type OrderInput } from '../../../shared/order';
import { parseOrderInput } from '../../../shared/order-schema';
import { parseSearchCriteria, type NormalizedSearchCriteria, type OrderListRow, type OrderSearchCriteria, type OrderSearchResult } from '../../../shared/search';
import type { NpStatus } from '../../../shared/np/status';
import { buildSearchStatements, choosePagePlan, type SearchStatements } from './search-sql';
import { termLookup } from './text-match';
import type { OrderSearchKeys } from './search-keys';
import { INSERT_TEXT_SQL, TEXT_COLUMNS } from '../db/migrations/009_search_text';
import { isBulkInsert, suspendIndexes } from '../db/bulk-indexes';
import { foldOrderNo } from '../../../shared/search-fold';
import { ValidationError } from '../../../shared/validation';
import { ORDER_WRITE_COLUMNS, fromRow, toWriteRow, writeValues, type OrderLineRow, type OrderRow, type SqlValue } from './order-row';

export interface OrderRepository {
  /** Validate and store a new order; returns it with id, total, createdAt/updatedAt = now. */
  insert(input: OrderInput, now: number): Order;
  /** Replace an order's editable fields and goods lines; keeps createdAt and the NP columns. */
  update(id: number, input: OrderInput, now: number): Order;
  get(id: number): Order | undefined;
  /** These orders, in the order of `ids` (ids that do not exist are skipped); read in chunks. */
  getMany(ids: readonly number[]): Order[];
  getByOrderNo(orderNo: string): Order | undefined;
  /**
   * Insert many orders in one transaction (validates each, unless `opts.parsed`); returns their ids in input order.
   * `parsed: true` is for inputs that are already the output of OrderInputSchema (e.g. the CSV import, which
   * checks every order to report its lines): validating them again would cost a third of a 100,000-order import.
   */
  insertMany(inputs: readonly OrderInput[], now: number, opts?: InsertManyOptions): number[];
  count(): number;
  /** 購入履歴: how many orders the order's buyer has (this one included), as the list counts them; 0 if unknown. */
  purchaseCount(id: number): number;
  /** One page of the order list and the hit count; criteria are validated (ValidationError names the field). */
  search(criteria: OrderSearchCriteria): OrderSearchResult;
  /**
   * Every match in sort order (offset and limit are ignored), read in chunks so 100,000 orders are never held at
   * once and no SQLite cursor stays open between items (the connection stays free for writes meanwhile).
   */
  iterate(criteria: OrderSearchCriteria): IterableIterator<Order>;
  /** search() for criteria already parsed by OrderSearchCriteriaSchema (e.g. by the IPC contract); not re-validated. */
  searchNormalized(criteria: NormalizedSearchCriteria): OrderSearchResult;
  /** iterate() for criteria already parsed by OrderSearchCriteriaSchema; not re-validated. */
  iterateNormalized(criteria: NormalizedSearchCriteria): IterableIterator<Order>;
  /** The statements search() runs for these criteria (it counts first: the count picks the page plan). */
  searchStatements(criteria: NormalizedSearchCriteria): { count: SearchStatements; page: SearchStatements };
  /** The hit count alone (the 要対応 queues' counts). */
  countNormalized(criteria: NormalizedSearchCriteria): number;
}

export interface InsertManyOptions {
  /** The inputs were parsed by OrderInputSchema already: do not validate them again. */
  parsed?: boolean;
  /**
   * The caller's transaction is open and is all-or-nothing (it rolls back on any error, as the CSV import does):
   * write without a savepoint of its own. A savepoint copies every page it first touches into a statement
   * journal — ~1.3 s of a 100,000-order import.
   */
  withinTransaction?: boolean;
}

/** How many orders `iterate` reads per query. */
export const ITERATE_CHUNK = 500;
const STATEMENT_CACHE_SIZE = 200;

type ListRowData = Omit<OrderRow, 'created_at'> & { buyer_key: string; np_paid_at: number | null };

function isUniqueOrderNoViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  return err.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(err.message).includes('orders.order_no');
}

function duplicateOrderNo(orderNo: string): ValidationError {
  return new ValidationError('受注情報', [{ path: 'orderNo', label: '注文番号', message: `注文番号「${orderNo}」はすでに登録されています` }]);
}

function notFound(id: number): Error {
  return new Error(`受注（ID ${id}）が見つかりません。削除された可能性があります。`);
}

export function createOrderRepository(db: Database): OrderRepository {
  const cols = ORDER_WRITE_COLUMNS.join(', ');
  const insertOrder = db.prepare<[SqlValue[]]>(
    `INSERT INTO orders (${cols}, created_at) VALUES (${ORDER_WRITE_COLUMNS.map(() => '?').join(', ')}, ?)`,
  );
  const updateOrder = db.prepare<[SqlValue[]]>(`UPDATE orders SET ${ORDER_WRITE_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const insertLine = db.prepare<[number, number, string, number, number]>(
    'INSERT INTO order_lines (order_id, line_no, name, unit_price, quantity) VALUES (?, ?, ?, ?, ?)',
  );
  // A line at another rate than the column's default (10%, migration 005) names its tax_rate; prepared on first
  // use, so the repository still opens a file of an older schema (the migration tests seed those).
  let insertRatedLine: Statement<[number, number, string, number, number, number]> | null = null;
  const ratedLine = () =>
    (insertRatedLine ??= db.prepare('INSERT INTO order_lines (order_id, line_no, name, unit_price, quantity, tax_rate) VALUES (?, ?, ?, ?, ?, ?)'));
  const deleteLines = db.prepare<[number]>('DELETE FROM order_lines WHERE order_id = ?');
  // The text index of a new order (migration 009). Absent only from a file still on an older schema (the
  // migration tests write such files through the repository; the migration then indexes what they hold).
  const hasTextIndex = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'orders_text'").get() !== undefined;
  const insertTextStmt = hasTextIndex ? db.prepare(INSERT_TEXT_SQL) : undefined;
  const insertText = (id: number, keys: OrderSearchKeys) => insertTextStmt?.run(id, ...Object.values(TEXT_COLUMNS).map((k) => keys[k]));
  const selectById = db.prepare<[number], OrderRow>('SELECT * FROM orders WHERE id = ?');
  const selectByOrderNo = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE order_no = ?');
  const selectLines = db.prepare<[number], OrderLineRow>('SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_no');
  const countOrders = db.prepare<[], number>('SELECT count(*) FROM orders').pluck();
  const selectByIds = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE id IN (SELECT value FROM json_each(?))');
  const selectLinesByIds = db.prepare<[string], OrderLineRow>(
    'SELECT * FROM order_lines WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY order_id, line_no',
  );
  const purchaseCountOf = db
    .prepare<[number], number>('SELECT count(*) FROM orders WHERE buyer_key = (SELECT buyer_key FROM orders WHERE id = ?)')
    .pluck();
  const purchaseCounts = db.prepare<[string], { buyer_key: string; n: number }>(
    'SELECT buyer_key, count(*) AS n FROM orders WHERE buyer_key IN (SELECT value FROM json_each(?)) GROUP BY buyer_key',
  );

  /** Search SQL varies with the filters used: keep prepared statements by their text. */
  const cache = new Map<string, Statement>();
  function prepared(sql: string): Statement {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      stmt = db.prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }

  function listRows(rows: ListRowData[]): OrderListRow[] {
    const keys = [...new Set(rows.map((r) => r.buyer_key))];
    const counts = new Map(purchaseCounts.all(JSON.stringify(keys)).map((r) => [r.buyer_key, r.n]));
    return rows.map((r) => ({
      id: r.id,
      orderNo: r.order_no,
      orderedAt: r.ordered_at,
      customerName: r.customer_name,
      customerKana: r.customer_kana,
      paymentMethod: r.payment_method,
      total: r.total,
      status: r.status,
      npStatus: r.np_status as NpStatus | null,
      npDirty: r.np_dirty === 1,
      invoiceType: r.invoice_type,
      purchaseCount: counts.get(r.buyer_key) ?? 1,
      printedAt: r.printed_at,
      npPaidAt: r.np_paid_at,
    }));
  }

  const terms = termLookup(db);
  /** About how many orders there are (ids are not reused): the page plan's scale, without counting a million rows. */
  const ordersEstimate = db.prepare<[], number | null>('SELECT max(id) FROM orders').pluck();

  /** The count's statements, the hit count, and the page's statements for the plan that count picks. */
  function countAndPlan(c: NormalizedSearchCriteria): { count: SearchStatements; total: number; page: SearchStatements } {
    const count = buildSearchStatements(c, { terms, noTextIndex: !hasTextIndex });
    const total = prepared(count.countSql).pluck().get(...count.params) as number;
    const page = buildSearchStatements(c, { terms, noTextIndex: !hasTextIndex, page: choosePagePlan(c, total, ordersEstimate.get() ?? 0) });
    return { count, total, page };
  }

  function searchNormalized(c: NormalizedSearchCriteria): OrderSearchResult {
    const read = db.transaction(() => {
      const { total, page } = countAndPlan(c);
      return { total, rows: total === 0 ? [] : (prepared(page.pageSql).all(...page.params, c.limit, c.offset) as ListRowData[]) };
    });
    const { total, rows } = read(); // one snapshot: the count and the page agree
    return { total, offset: c.offset, rows: listRows(rows) };
  }

  function* readInOrder(ids: number[]): Generator<Order, void, undefined> {
    for (let i = 0; i < ids.length; i += ITERATE_CHUNK) {
      const chunk = JSON.stringify(ids.slice(i, i + ITERATE_CHUNK));
      const rows = new Map(selectByIds.all(chunk).map((r) => [r.id, r]));
      const lines = new Map<number, OrderLineRow[]>();
      for (const l of selectLinesByIds.all(chunk)) {
        const list = lines.get(l.order_id);
        if (list) list.push(l);
        else lines.set(l.order_id, [l]);
      }
      for (const id of ids.slice(i, i + ITERATE_CHUNK)) {
        const row = rows.get(id);
        if (row) yield fromRow(row, lines.get(id) ?? []); // an order deleted meanwhile is skipped
      }
    }
  }

  function iterateNormalized(c: NormalizedSearchCriteria): IterableIterator<Order> {
    const q = buildSearchStatements(c, { terms, noTextIndex: !hasTextIndex });
    const ids = prepared(q.idsSql).pluck().all(...q.params) as number[];
    return readInOrder(ids);
  }

  function writeLines(orderId: number, o: OrderInput): void {
    o.lines.forEach((l, i) => {
      if (l.taxRate === undefined || l.taxRate === STANDARD_TAX_RATE) insertLine.run(orderId, i + 1, l.name, l.unitPrice, l.quantity);
      else ratedLine().run(orderId, i + 1, l.name, l.unitPrice, l.quantity, l.taxRate);
    });
  }

  function load(row: OrderRow | undefined): Order | undefined {
    return row ? fromRow(row, selectLines.all(row.id)) : undefined;
  }

  /** Insert without re-reading: the caller is inside a transaction. */
  function insertValid(o: OrderInput, now: number): number {
    try {
      const row = toWriteRow(o, orderTotal(o), now);
      const values = writeValues(row);
      values.push(now); // created_at
      const { lastInsertRowid } = insertOrder.run(values);
      const id = Number(lastInsertRowid);
      insertText(id, row);
      writeLines(id, o);
      return id;
    } catch (e) {
      if (isUniqueOrderNoViolation(e)) throw duplicateOrderNo(o.orderNo);
      throw e;
    }
  }

  const insertOne = db.transaction((o: OrderInput, now: number): number => insertValid(o, now));
  // Many new orders into a store with fewer: written without the secondary indexes, which are built again at
  // the end of the same transaction (db/bulk-indexes.ts).
  const insertAll = db.transaction((inputs: readonly OrderInput[], now: number, parsed: boolean): number[] => {
    const restore = isBulkInsert(inputs.length, () => countOrders.get() as number) ? suspendIndexes(db, ['orders']) : null;
    const ids = inputs.map((o) => insertValid(parsed ? o : parseOrderInput(o), now));
    restore?.();
    return ids;
  });
  const updateOne = db.transaction((id: number, o: OrderInput, now: number): void => {
    try {
      const values = writeValues(toWriteRow(o, orderTotal(o), now));
      values.push(id);
      const { changes } = updateOrder.run(values);
      if (changes === 0) throw notFound(id);
    } catch (e) {
      if (isUniqueOrderNoViolation(e)) throw duplicateOrderNo(o.orderNo);
      throw e;
    }
    deleteLines.run(id);
    writeLines(id, o);
  });

  function mustGet(id: number): Order {
    const order = load(selectById.get(id));
    if (!order) throw notFound(id);
    return order;
  }

  return {
    insert(input, now) {
      const id = insertOne(parseOrderInput(input), now);
      return mustGet(id);
    },
    update(id, input, now) {
      updateOne(id, parseOrderInput(input), now);
      return mustGet(id);
    },
    get: (id) => load(selectById.get(id)),
    getByOrderNo: (orderNo) => load(selectByOrderNo.get(foldOrderNo(orderNo))),
    getMany: (ids) => [...readInOrder([...ids])],
    insertMany(inputs, now, opts) {
      if (!opts?.withinTransaction) return insertAll(inputs, now, opts?.parsed === true);
      if (!db.inTransaction) throw new Error('insertMany withinTransaction: no transaction is open');
      return inputs.map((o) => insertValid(opts.parsed ? o : parseOrderInput(o), now));
    },
    count: () => countOrders.get() as number,
    purchaseCount: (id) => purchaseCountOf.get(id) ?? 0,
    search: (criteria) => searchNormalized(parseSearchCriteria(criteria)),
    iterate: (criteria) => iterateNormalized(parseSearchCriteria(criteria)),
    searchNormalized,
    iterateNormalized,
    searchStatements: (c) => db.transaction(() => countAndPlan(c))(),
    countNormalized(c) {
      const q = buildSearchStatements(c, { terms, noTextIndex: !hasTextIndex });
      return prepared(q.countSql).pluck().get(...q.params) as number;
    },
  };
}
