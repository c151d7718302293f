/** The search's SQL uses an index for the filters staff use most (EXPLAIN QUERY PLAN), never a full scan of orders. */
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository, ordersAnalyzed } from '../../../electron/core/orders';
import { buildSearchStatements } from '../../../electron/core/orders/search-sql';
import { generateOrders } from '../../../electron/core/demo';
import { NP_STATUSES } from '../../../shared/np/status';
import { parseSearchCriteria, ORDER_SORT_KEYS, type OrderSearchCriteria } from '../../../shared/search';
import { tempDir } from './helpers';

const tmp = tempDir();
let db: Database;

beforeAll(() => {
  db = openDatabase(tmp.file('plan.sqlite'));
  const repo = createOrderRepository(db);
  const ids = repo.insertMany(generateOrders({ seed: 7, count: 5000 }), Date.UTC(2026, 9, 1));
  const setNp = db.prepare('UPDATE orders SET np_status = ? WHERE id = ?');
  db.transaction(() => ids.forEach((id, i) => setNp.run(i % 4 === 0 ? null : (NP_STATUSES[i % NP_STATUSES.length] ?? null), id)))();
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

function plan(sql: string, params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

/** Both the hit count and the page query search `orders` through `index` and never scan the table. */
function expectIndexed(criteria: OrderSearchCriteria, index: RegExp): void {
  const q = buildSearchStatements(parseSearchCriteria(criteria));
  for (const [name, lines] of [
    ['count', plan(q.countSql, q.params)],
    ['page', plan(q.pageSql, [...q.params, 100, 0])],
    ['ids', plan(q.idsSql, q.params)],
  ] as const) {
    const label = `${name} ${JSON.stringify(criteria)}: ${lines.join(' | ')}`;
    expect(lines.some((l) => /^SCAN orders\b/u.test(l)), label).toBe(false);
    const searches = lines.filter((l) => /^SEARCH orders USING (COVERING )?INDEX /u.test(l));
    expect(searches.length, label).toBeGreaterThan(0);
    expect(searches.every((l) => index.test(l)), label).toBe(true);
  }
}

describe('search query plans', () => {
  it('NP status filters use orders_np_status (one, several, 未登録, mixed)', () => {
    expectIndexed({ npStatuses: ['ok'] }, /orders_np_status \(np_status=\?\)/u);
    expectIndexed({ npStatuses: ['hold', 'ng', 'register_failed'] }, /orders_np_status/u);
    expectIndexed({ npStatuses: ['none'] }, /orders_np_status/u);
    expectIndexed({ npStatuses: ['ok', 'none'] }, /orders_np_status/u);
  });

  it('order date ranges use orders_ordered_at', () => {
    expectIndexed({ orderedAt: { from: '2026-09-01', to: '2026-09-07' } }, /orders_ordered_at \(ordered_at>\? AND ordered_at<\?\)/u);
    expectIndexed({ orderedAt: { from: '2026-10-15' } }, /orders_ordered_at/u);
  });

  it('order number ranges use orders_order_no_num', () => {
    expectIndexed({ orderNo: { from: 10500, to: 10600 } }, /orders_order_no_num/u);
    expectIndexed({ orderNo: { to: 10100 } }, /orders_order_no_num/u);
  });

  it('amount ranges use orders_total, whatever the sort column', () => {
    expectIndexed({ total: { from: 3000, to: 5000 } }, /orders_total/u);
    for (const key of ORDER_SORT_KEYS) expectIndexed({ total: { from: 20000 }, sort: { key, dir: 'desc' } }, /orders_total/u);
  });

  it('the other date ranges use their own indexes', () => {
    expectIndexed({ updatedAt: { from: '2026-10-01' } }, /orders_updated_at/u);
    expectIndexed({ shippedAt: { from: '2026-10-01', to: '2026-10-02' } }, /orders_shipped_at/u);
  });

  it('a combination searches through one of its indexes', () => {
    expectIndexed(
      { npStatuses: ['reviewing', 'hold'], orderedAt: { from: '2026-10-01' }, total: { from: 1000 }, kana: 'やまだ', sort: { key: 'customerKana', dir: 'asc' } },
      /orders_(np_status|ordered_at|total)/u,
    );
  });

  it('one NP status (or 対応状況, 支払方法) listed by order date reads its (code, ordered_at) index in order: no sort step', () => {
    for (const [criteria, index] of [
      [{ npStatuses: ['ok'] }, 'orders_np_status (np_status=?)'],
      [{ npStatuses: ['none'] }, 'orders_np_status (np_status=?)'],
      [{ statuses: ['new'] }, 'orders_status (status=?)'],
      [{ paymentMethods: ['cod'] }, 'orders_payment_method (payment_method=?)'],
    ] as const) {
      const q = buildSearchStatements(parseSearchCriteria(criteria));
      expect(plan(q.pageSql, [...q.params, 100, 0])).toEqual([`SEARCH orders USING INDEX ${index}`]);
    }
  });

  it('the 帳票 filter (未出力 / 出力済み) uses orders_printed_at; 未出力 by order date needs no sort step', () => {
    db.prepare('UPDATE orders SET printed_at = ? WHERE id % 3 = 0').run(Date.UTC(2026, 10, 1));
    expectIndexed({ printStatus: 'unprinted' }, /orders_printed_at \(printed_at=\?\)/u);
    expectIndexed({ printStatus: 'printed' }, /orders_printed_at \(printed_at>\?\)/u);
    expectIndexed({ printStatus: 'printed', total: { from: 3000 } }, /orders_(printed_at|total)/u);
    const q = buildSearchStatements(parseSearchCriteria({ printStatus: 'unprinted' }));
    expect(plan(q.pageSql, [...q.params, 100, 0])).toEqual(['SEARCH orders USING INDEX orders_printed_at (printed_at=?)']);
  });

  it('without filters the list walks the sort column index and stops at the page end', () => {
    const q = buildSearchStatements(parseSearchCriteria({ sort: { key: 'orderedAt', dir: 'desc' } }));
    expect(plan(q.pageSql, [100, 0])).toEqual(['SCAN orders USING INDEX orders_ordered_at']);
  });
});

describe('search query plans with planner statistics (ANALYZE, as openDatabase leaves a grown file)', () => {
  const analyzed = { analyzed: true };
  let adb: Database;
  beforeAll(() => {
    adb = openDatabase(tmp.file('plan-analyzed.sqlite'));
    createOrderRepository(adb).insertMany(generateOrders({ seed: 7, count: 5000 }), Date.UTC(2026, 9, 1));
    adb.exec('ANALYZE');
  });
  afterAll(() => adb.close());
  const planOf = (sql: string, params: unknown[]) => (adb.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);

  it('the repository sees the statistics and leaves the choice of index to SQLite (no hints in the SQL)', () => {
    expect(ordersAnalyzed(adb)).toBe(true);
    expect(ordersAnalyzed(db)).toBe(false);
    const c = parseSearchCriteria({ total: { from: 3000 }, kana: 'たなか', sort: { key: 'customerKana', dir: 'asc' } });
    expect(buildSearchStatements(c, analyzed).pageSql).toContain('ORDER BY key_kana ASC, id ASC');
    expect(buildSearchStatements(c).pageSql).toContain('ORDER BY +key_kana ASC, id ASC');
  });

  it('フリガナ + a wide 購入金額 range: counted from orders_search alone, listed in its フリガナ order without a sort step', () => {
    const q = buildSearchStatements(parseSearchCriteria({ kana: 'たなか', total: { from: 3000 }, sort: { key: 'customerKana', dir: 'asc' } }), analyzed);
    expect(planOf(q.countSql, q.params)).toEqual(['SCAN orders USING COVERING INDEX orders_search']);
    expect(planOf(q.pageSql, [...q.params, 100, 0])).toEqual(['SCAN orders USING INDEX orders_search']);
  });

  it('selective NP status, order date, order number and amount filters still count through an index of theirs', () => {
    for (const [criteria, index] of [
      [{ npStatuses: ['hold'] }, /orders_np_status/u],
      // orders_ordered_at, or a skip-scan of an index (code, ordered_at) when the code has few values.
      [{ orderedAt: { from: '2026-09-01', to: '2026-09-03' } }, /ordered_at>\? AND ordered_at<\?/u],
      [{ orderNo: { from: 10500, to: 10550 } }, /orders_order_no_num/u],
      [{ total: { from: 40000 } }, /orders_total/u],
    ] as const) {
      const q = buildSearchStatements(parseSearchCriteria(criteria), analyzed);
      const lines = planOf(q.countSql, q.params);
      expect(lines, JSON.stringify(criteria)).toHaveLength(1);
      expect(lines[0], JSON.stringify(criteria)).toMatch(/^SEARCH orders USING COVERING INDEX /u);
      expect(lines[0], JSON.stringify(criteria)).toMatch(index);
    }
  });
});
