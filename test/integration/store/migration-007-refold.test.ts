/** 007: name and フリガナ keys folded again with the one kana normaliser (shared/kana.ts). */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { createOrderRepository } from '../../../electron/core/orders';
import { generateOrders } from '../../../electron/core/demo';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('migration 007 (refold kana keys)', () => {
  it('rewrites keys folded the old way, so いすず finds イスヾ and コ〜ヒ finds コーヒ, and leaves the rest alone', () => {
    const file = tmp.file('m007.sqlite');
    const v6 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 6) });
    const repo = createOrderRepository(v6);
    const [a, b, ...rest] = generateOrders({ seed: 4, count: 40 });
    repo.insertMany([{ ...a!, customer: { ...a!.customer, name: 'いすゞ 花子', kana: 'イスヾ ハナコ' } }, { ...b!, customer: { ...b!.customer, kana: 'コ〜ヒ タロウ' } }, ...rest], Date.UTC(2026, 9, 1));
    // What the old fold stored: iteration marks kept, 〜 kept.
    v6.prepare("UPDATE orders SET key_name = 'いすゞはなこ', key_kana = 'いすゞはなこ' WHERE customer_kana = 'イスヾ ハナコ'").run();
    v6.prepare("UPDATE orders SET key_kana = 'こ〜ひたろう' WHERE customer_kana = 'コ〜ヒ タロウ'").run();
    const untouched = v6.prepare("SELECT id, key_name, key_kana FROM orders WHERE customer_kana NOT IN ('イスヾ ハナコ', 'コ〜ヒ タロウ') ORDER BY id").all();
    expect(createOrderRepository(v6).search({ kana: 'いすず', limit: 10 }).total).toBe(0);
    v6.close();

    const db = openDatabase(file);
    const repo4 = createOrderRepository(db);
    expect(repo4.search({ kana: 'いすず', limit: 10 }).total).toBe(1);
    expect(repo4.search({ name: 'いすず', limit: 10 }).total).toBe(1);
    expect(repo4.search({ kana: 'こひたろう', limit: 10 }).total).toBe(1);
    expect(db.prepare("SELECT id, key_name, key_kana FROM orders WHERE customer_kana NOT IN ('イスヾ ハナコ', 'コ〜ヒ タロウ') ORDER BY id").all()).toEqual(untouched);
    db.close();
  });
});
