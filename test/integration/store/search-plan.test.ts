/**
 * The search's SQL uses an index for every filter (EXPLAIN QUERY PLAN), never a full scan of orders: the filters
 * staff use most one by one, then every search of the benchmark with the page plan the repository picks and with
 * both plans forced (walk the sort index / read the matches), before and after ANALYZE.
 */
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository, type OrderRepository } from '../../../electron/core/orders';
import { buildSearchStatements, SORT_INDEXES, type PagePlan } from '../../../electron/core/orders/search-sql';
import { termLookup } from '../../../electron/core/orders/text-match';
import { benchSearches } from '../../../bench/store';
import { generateOrders } from '../../../electron/core/demo';
import { NP_STATUSES } from '../../../shared/np/status';
import { parseSearchCriteria, ORDER_SORT_KEYS, type OrderSearchCriteria } from '../../../shared/search';
import { WORK_QUEUES, workQueueFilters } from '../../../shared/work-queues';
import { tempDir } from './helpers';

const tmp = tempDir();
let db: Database;
let repo: OrderRepository;

beforeAll(() => {
  db = openDatabase(tmp.file('plan.sqlite'));
  repo = createOrderRepository(db);
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

  it('the 要対応 queues and the NP入金 filter are served by an index (cheap counts)', () => {
    // NP未反映 and NP入金済み read a partial index (only the rows that have the mark): walking it is no table scan.
    const PARTIAL = /^SCAN orders USING (COVERING )?INDEX orders_(np_dirty|np_paid_at)\b/u;
    for (const queue of WORK_QUEUES) {
      const filters = workQueueFilters(queue, Date.UTC(2026, 9, 20));
      const q = buildSearchStatements(parseSearchCriteria(filters));
      for (const sql of [q.countSql, q.idsSql]) {
        const lines = plan(sql, q.params);
        const label = `${queue}: ${lines.join(' | ')}`;
        expect(lines.filter((l) => /^SCAN orders\b/u.test(l)).every((l) => PARTIAL.test(l)), label).toBe(true);
        expect(lines.some((l) => /^(SEARCH|SCAN) orders USING (COVERING )?INDEX orders_(np_status|np_dirty|np_paid_at|status)/u.test(l)), label).toBe(true);
      }
    }
    expectIndexed(workQueueFilters('npPaid', Date.UTC(2026, 9, 20)), /orders_np_paid_at/u);
    expectIndexed({ statuses: ['shipped'], npStatuses: ['ok'] }, /orders_(np_status|np_status_status|status)\b/u);
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

const TEXT_FILTERS = ['name', 'kana', 'email', 'tel', 'goods'] as const;

/** No full scan of the orders table; text filters of two characters or more read orders_text (unless walking). */
function expectNoTableScan(label: string, criteria: OrderSearchCriteria, lines: string[], walk = false): void {
  const where = `${label}: ${lines.join(' | ')}`;
  expect(lines.some((l) => /^SCAN orders$/u.test(l)), where).toBe(false);
  expect(lines.some((l) => /^SCAN orders USING (COVERING )?INDEX /u.test(l) || /^SEARCH orders /u.test(l)), where).toBe(true);
  if (!walk && TEXT_FILTERS.some((k) => [...String(criteria[k] ?? '')].length >= 2)) expect(lines.some((l) => /orders_text VIRTUAL TABLE/u.test(l)), where).toBe(true);
}

function expectBenchPlans(database: Database, repository: OrderRepository, label0: string): void {
  const terms = termLookup(database);
  const planOf = (sql: string, params: unknown[]) => (database.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
  for (const [name, criteria] of Object.entries(benchSearches(5000))) {
    const label = `${label0} ${name}`;
    const c = parseSearchCriteria(criteria);
    // The plan the repository runs.
    const { count, page } = repository.searchStatements(c);
    if (count.countSql.startsWith('SELECT count(*) FROM orders_text')) expect(planOf(count.countSql, count.params), label).toEqual([expect.stringMatching(/^SCAN orders_text VIRTUAL TABLE/u)]);
    else expectNoTableScan(`${label} count`, criteria, planOf(count.countSql, count.params));
    expectNoTableScan(`${label} page`, criteria, planOf(page.pageSql, [...page.params, 100, 0]), page.pageSql.includes('INDEXED BY'));
    // Both plans forced ('filter' only where a filter has an index to read the matches through).
    for (const plan of ['walk', 'filter'] as PagePlan[]) {
      const q = buildSearchStatements(c, { terms, page: plan });
      if (plan === 'filter' && name === 'no filter (first page)') continue;
      const lines = planOf(q.pageSql, [...q.params, 100, 0]);
      expectNoTableScan(`${label} ${plan}`, criteria, lines, plan === 'walk');
      const sortIndex = SORT_INDEXES[c.sort.key];
      if (plan === 'walk' && sortIndex && q.pageSql.includes('INDEXED BY')) expect(lines[0], `${label} walk`).toMatch(new RegExp(`^(SCAN|SEARCH) orders USING (COVERING )?INDEX ${sortIndex}\\b`, 'u'));
      // Reading the matches never walks the sort index (a partial index of the matches, orders_has_note, may be scanned).
      if (plan === 'filter' && sortIndex) expect(lines.some((l) => l.startsWith(`SCAN orders USING INDEX ${sortIndex}`)), `${label} filter: ${lines.join(' | ')}`).toBe(false);
    }
  }
}

describe('every search of the benchmark', () => {
  it('counts and lists through indexes with the plan the repository picks and with both plans forced', () => {
    expectBenchPlans(db, repo, 'no statistics:');
  });

  it('the same once ANALYZE has left planner statistics (after a bulk write, or in the background: db/statistics.ts)', () => {
    db.prepare('VACUUM INTO ?').run(tmp.file('plan-analyzed.sqlite')); // the same orders and NP statuses
    const adb = openDatabase(tmp.file('plan-analyzed.sqlite'));
    try {
      adb.exec('ANALYZE');
      expectBenchPlans(adb, createOrderRepository(adb), 'analyzed:');
    } finally {
      adb.close();
    }
  });

  it('text filters are answered by orders_text: alone, the count reads only it', () => {
    for (const criteria of [{ name: '山田太' }, { kana: 'たなか' }, { email: 'suzuki' }, { tel: '09012' }, { goods: '玉露' }]) {
      const q = repo.searchStatements(parseSearchCriteria(criteria));
      expect(q.count.countSql, JSON.stringify(criteria)).toBe('SELECT count(*) FROM orders_text WHERE orders_text MATCH ?');
      expect(plan(q.count.countSql, q.count.params)).toEqual([expect.stringMatching(/^SCAN orders_text VIRTUAL TABLE INDEX/u)]);
    }
  });

  it('性別, 請求書区分 and 備考欄あり are counted from their own index and listed newest first without a sort step', () => {
    for (const [criteria, index] of [
      [{ genders: ['male'] }, 'orders_gender (customer_gender=?)'],
      [{ invoiceTypes: ['bundled'] }, 'orders_invoice_type (invoice_type=?)'],
      [{ hasNote: true }, 'orders_has_note'],
    ] as const) {
      const q = buildSearchStatements(parseSearchCriteria(criteria));
      expect(plan(q.countSql, q.params)).toEqual([index === 'orders_has_note' ? `SCAN orders USING COVERING INDEX ${index}` : `SEARCH orders USING COVERING INDEX ${index}`]);
      expect(plan(q.pageSql, [...q.params, 100, 0])).toEqual([index === 'orders_has_note' ? `SCAN orders USING INDEX ${index}` : `SEARCH orders USING INDEX ${index}`]);
    }
  });
});
