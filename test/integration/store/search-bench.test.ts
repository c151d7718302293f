/**
 * Every search of the benchmark (bench/store.ts benchSearches: each filter of the form and the combinations),
 * over orders generated and updated exactly as the benchmark does, returns what the independent oracle
 * (search-oracle.ts) returns — same hit count, same ids in the same order — through the repository (which picks
 * the page plan from the count) and through both page plans forced ('walk' along the sort index, 'filter' from
 * the filters' indexes), first page and a later page. Plus the edges of the FTS text search: two-character
 * queries (at the end of a key, in no key), one character, quotes, and keys changed or orders deleted after insert.
 */
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository, type OrderRepository } from '../../../electron/core/orders';
import { buildSearchStatements, type PagePlan } from '../../../electron/core/orders/search-sql';
import { termLookup } from '../../../electron/core/orders/text-match';
import { DEFAULT_DEMO_NOW, generateOrders } from '../../../electron/core/demo';
import { parseSearchCriteria, type OrderSearchCriteria } from '../../../shared/search';
import type { NpStatus } from '../../../shared/np/status';
import { applyBenchUpdates, benchSearches } from '../../../bench/store';
import { oracleSearch, type OracleOrder } from './search-oracle';
import { sampleOrder, tempDir } from './helpers';

const COUNT = 12_000;
const tmp = tempDir();
let db: Database;
let repo: OrderRepository;
let all: OracleOrder[];

function loadOracle(): OracleOrder[] {
  type NpRow = { id: number; np_status: NpStatus | null; np_dirty: number; np_paid_at: number | null };
  const np = new Map((db.prepare('SELECT id, np_status, np_dirty, np_paid_at FROM orders').all() as NpRow[]).map((r) => [r.id, r]));
  return [...repo.iterate({ sort: { key: 'orderedAt', dir: 'asc' } })].map((o) => {
    const r = np.get(o.id);
    return { ...o, npStatus: r?.np_status ?? null, npDirty: r?.np_dirty === 1, npPaidAt: r?.np_paid_at ?? null };
  });
}

beforeAll(() => {
  db = openDatabase(tmp.file('bench-searches.sqlite'));
  repo = createOrderRepository(db);
  const inputs = generateOrders({ seed: 1, count: COUNT });
  const ids = repo.insertMany(inputs, DEFAULT_DEMO_NOW);
  applyBenchUpdates(db, ids, inputs);
  all = loadOracle();
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

/** Runs the SQL of one page plan directly: hit count and the page's ids. */
function withPlan(criteria: OrderSearchCriteria, page: PagePlan): { total: number; ids: number[] } {
  const c = parseSearchCriteria(criteria);
  const q = buildSearchStatements(c, { terms: termLookup(db), page });
  return {
    total: db.prepare(q.countSql).pluck().get(...q.params) as number,
    ids: (db.prepare(q.pageSql).all(...q.params, c.limit, c.offset) as { id: number }[]).map((r) => r.id),
  };
}

function expectOracle(label: string, criteria: OrderSearchCriteria): number {
  const expected = oracleSearch(all, criteria);
  const offset = criteria.offset ?? 0;
  const limit = criteria.limit ?? 100;
  const page = expected.slice(offset, offset + limit).map((o) => o.id);
  const got = repo.search(criteria);
  expect(got.total, label).toBe(expected.length);
  expect(got.rows.map((r) => r.id), label).toEqual(page);
  for (const plan of ['walk', 'filter'] as const) {
    const forced = withPlan(criteria, plan);
    expect(forced.total, `${label} (${plan})`).toBe(expected.length);
    expect(forced.ids, `${label} (${plan})`).toEqual(page);
  }
  return expected.length;
}

describe('the benchmark searches against the oracle', () => {
  it('every bench search: same count, same ids in the same order, with either page plan', () => {
    const hits: Record<string, number> = {};
    for (const [label, criteria] of Object.entries(benchSearches(COUNT))) {
      hits[label] = expectOracle(label, criteria);
      expectOracle(`${label}, page 3`, { ...criteria, offset: 200, limit: 100 });
    }
    // The searches narrow: only the unfiltered one keeps every order, and each finds some.
    for (const [label, n] of Object.entries(hits)) {
      expect(n, label).toBeGreaterThan(0);
      if (label !== 'no filter (first page)') expect(n, label).toBeLessThan(COUNT);
    }
  });

  it('every bench search sorted by each indexed column, both ways', () => {
    for (const [label, criteria] of Object.entries(benchSearches(COUNT))) {
      for (const key of ['orderNo', 'customerKana', 'total'] as const) {
        expectOracle(`${label} by ${key}`, { ...criteria, sort: { key, dir: key === 'total' ? 'desc' : 'asc' } });
      }
    }
  });
});

describe('text search through the trigram index', () => {
  it('one and two characters, a two-character query at the end of a key or in no key, quotes', () => {
    const someone = all[17] as OracleOrder;
    const tail = [...someone.customer.name.replace(/\s/gu, '')].slice(-2).join('');
    for (const criteria of [
      { name: tail },
      { name: [...tail].at(-1) },
      { kana: 'ん' },
      { email: 'co' },
      { email: 'm' },
      { tel: '78' },
      { goods: '茶' },
      { name: '鷗鷗' },
      { name: 'a"b' },
      { goods: '"' },
      { name: tail, kana: 'た', tel: '0' },
    ] as OrderSearchCriteria[]) {
      expectOracle(JSON.stringify(criteria), criteria);
    }
  });

  it('follows edits and deletions of orders', () => {
    const o = all[5] as OracleOrder;
    const { id: _id, total: _t, createdAt: _c, updatedAt: _u, npStatus: _n, npDirty: _d, npPaidAt: _p, ...input } = o;
    repo.update(o.id, { ...input, customer: { ...o.customer, name: '鷲尾 鶫' } }, DEFAULT_DEMO_NOW);
    const added = repo.insert(sampleOrder({ orderNo: '99999999', customer: { ...sampleOrder().customer, name: '鶫 太郎' } }), DEFAULT_DEMO_NOW);
    all = loadOracle();
    // The repository indexes what it inserts (no insert trigger: see migration 009).
    expect(db.prepare('SELECT count(*) FROM orders_text').pluck().get()).toBe(COUNT + 1);
    expect(expectOracle('edited name', { name: '鷲尾鶫' })).toBe(1);
    expect(expectOracle('two characters', { name: '鶫' })).toBe(2);
    expect(expectOracle('old name gone', { name: o.customer.name.replace(/\s/gu, '') })).toBe(oracleSearch(all, { name: o.customer.name }).length);
    db.prepare('DELETE FROM orders WHERE id = ?').run(added.id);
    all = loadOracle();
    expect(expectOracle('deleted', { name: '鶫太郎' })).toBe(0);
  });
});
