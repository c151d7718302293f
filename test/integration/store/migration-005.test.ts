/** 005 (帳票): a 税率 per goods line (existing lines 10%) and printed_at per order (existing orders 未出力). */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { createOrderRepository } from '../../../electron/core/orders';
import { createPrintedStore } from '../../../electron/core/documents/printed';
import { sampleOrder, tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const NOW = Date.UTC(2026, 10, 28);

describe('migration 005 (documents)', () => {
  it('upgrades a version-4 file: its lines become 10%, its orders 未出力, and nothing else changes', () => {
    const file = tmp.file('m005.sqlite');
    const v4 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 4) });
    const before = createOrderRepository(v4).insert(sampleOrder({ orderNo: '1' }), NOW);
    v4.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const repo = createOrderRepository(db);
    expect(repo.get(before.id)).toEqual(before); // absent taxRate = 10%
    expect(db.prepare('SELECT tax_rate FROM order_lines').pluck().all()).toEqual(before.lines.map(() => 10));
    expect(repo.search({}).rows[0]!.printedAt).toBeNull();
    expect(() => db.prepare('UPDATE order_lines SET tax_rate = 5').run()).toThrow(/CHECK/u);
    db.close();
  });

  it('stores 8% lines and reads them back; 10% stays the absent default; printed_at is set by the 帳票 output only', () => {
    const db = openDatabase(tmp.file('m005-rates.sqlite'));
    const repo = createOrderRepository(db);
    const o = repo.insert(sampleOrder({ orderNo: '2', lines: [{ name: '煎茶', unitPrice: 1080, quantity: 1, taxRate: 8 }, { name: '急須', unitPrice: 5500, quantity: 1, taxRate: 10 }] }), NOW);
    expect(o.lines).toEqual([
      { name: '煎茶', unitPrice: 1080, quantity: 1, taxRate: 8 },
      { name: '急須', unitPrice: 5500, quantity: 1 },
    ]);
    expect(createPrintedStore(db).mark([o.id, 999], NOW + 1)).toBe(1);
    expect(repo.search({ printStatus: 'printed' }).rows.map((r) => [r.orderNo, r.printedAt])).toEqual([['2', NOW + 1]]);
    const updated = repo.update(o.id, { ...sampleOrder({ orderNo: '2' }), note: '変更' }, NOW + 2);
    expect(updated.updatedAt).toBe(NOW + 2);
    expect(repo.search({ printStatus: 'printed' }).total).toBe(1); // an edit keeps the 出力済み mark
    expect(repo.search({ printStatus: 'unprinted' }).total).toBe(0);
    db.close();
  });
});
