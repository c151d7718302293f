/** 009: a version-8 file with orders gains orders_text (filled from the stored keys) and the new indexes, same results. */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { createOrderRepository } from '../../../electron/core/orders';
import { generateOrders } from '../../../electron/core/demo';
import type { OrderSearchCriteria } from '../../../shared/search';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SEARCHES: OrderSearchCriteria[] = [
  { name: '山田' },
  { kana: 'たなか', sort: { key: 'customerKana', dir: 'asc' } },
  { email: 'suzuki' },
  { tel: '0901' },
  { goods: '玉露' },
  { genders: ['female'] },
  { invoiceTypes: ['bundled'] },
  { hasNote: true, sort: { key: 'total', dir: 'desc' } },
];

describe('migration 009 (search text)', () => {
  it('indexes the orders a version-8 file already holds: every text search answers as before', () => {
    const file = tmp.file('m004.sqlite');
    const v8 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 8) });
    createOrderRepository(v8).insertMany(generateOrders({ seed: 4, count: 1500 }), Date.UTC(2026, 9, 1));
    v8.close();
    // The version-8 answers, read through the version-8 schema's SQL (instr on orders_search).
    const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, 8) });
    const expected = SEARCHES.map((criteria) => {
      const rows = old
        .prepare(
          `SELECT id FROM orders WHERE ${Object.entries({ name: 'key_name', kana: 'key_kana', email: 'key_email', tel: 'key_tel', goods: 'key_goods' })
            .filter(([k]) => k in criteria)
            .map(([, col]) => `instr(${col}, ?) > 0`)
            .concat('genders' in criteria ? ["customer_gender = 'female'"] : [], 'invoiceTypes' in criteria ? ["invoice_type = 'bundled'"] : [], 'hasNote' in criteria ? ['has_note = 1'] : [])
            .join(' AND ')}`,
        )
        .pluck()
        .all(...['name', 'kana', 'email', 'tel', 'goods'].filter((k) => k in criteria).map((k) => (criteria as Record<string, string>)[k])) as number[];
      return rows.sort((a, b) => a - b);
    });
    old.close();

    const db = openDatabase(file, { migrations: MIGRATIONS.slice(0, 9) });
    expect(db.pragma('user_version', { simple: true })).toBe(9);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders'").pluck().all() as string[];
    expect(indexes).not.toContain('orders_search');
    expect(indexes).toEqual(expect.arrayContaining(['orders_key_kana', 'orders_gender', 'orders_invoice_type', 'orders_has_note']));
    expect(db.prepare('SELECT count(*) FROM orders_text').pluck().get()).toBe(1500);
    const repo = createOrderRepository(db);
    SEARCHES.forEach((criteria, i) => {
      const got = repo.search({ ...criteria, limit: 1000 });
      expect(got.rows.map((r) => r.id).sort((a, b) => a - b), JSON.stringify(criteria)).toEqual(expected[i]);
      expect(got.total, JSON.stringify(criteria)).toBe(expected[i]?.length);
      expect(got.total, JSON.stringify(criteria)).toBeGreaterThan(0);
    });
    db.close();
  });
});
