/** 003: orders_key_kana becomes orders_search, a covering index for the filters that read every order (009 replaces it). */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { SEARCH_INDEX_COLUMNS } from '../../../electron/core/db/migrations/003_search_index';
import { createOrderRepository } from '../../../electron/core/orders';
import { buildSearchStatements } from '../../../electron/core/orders/search-sql';
import { generateOrders } from '../../../electron/core/demo';
import { parseSearchCriteria } from '../../../shared/search';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('migration 003 (search index)', () => {
  it('replaces orders_key_kana on a version-2 file that holds orders, keeping them and their search results', () => {
    const file = tmp.file('m003.sqlite');
    const v2 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 2) });
    createOrderRepository(v2).insertMany(generateOrders({ seed: 3, count: 300 }), Date.UTC(2026, 9, 1));
    // The matches in list order, read with the search's own SQL (the list page's columns grow with later migrations).
    const matches = buildSearchStatements(parseSearchCriteria({ kana: 'た', sort: { key: 'customerKana', dir: 'asc' } }));
    const before = v2.prepare(matches.idsSql).pluck().all(...matches.params);
    v2.close();

    const v3 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 3) });
    const indexes = (v3.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders'").pluck().all() as string[]).sort();
    expect(indexes).toContain('orders_search');
    expect(indexes).not.toContain('orders_key_kana');
    expect((v3.pragma('index_info(orders_search)') as { name: string }[]).map((c) => c.name)).toEqual([...SEARCH_INDEX_COLUMNS]);
    expect(v3.pragma('user_version', { simple: true })).toBe(3);
    v3.close();

    // Searched through the current schema (009 replaces orders_search again), the same matches in the same order.
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const after = createOrderRepository(db).search({ kana: 'た', sort: { key: 'customerKana', dir: 'asc' }, limit: 1000 });
    expect(after.rows.map((r) => r.id)).toEqual(before);
    expect(after.total).toBeGreaterThan(0);
    db.close();
  });
});
