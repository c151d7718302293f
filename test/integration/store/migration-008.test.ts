/** 008: orders.np_paid_at (dated from NP transactions already paid) and the indexes of the 要対応 queues. */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { tempDir } from './helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('migration 008 (work queues)', () => {
  it('dates the payments NP already reported and indexes the queues', () => {
    const file = tmp.file('m008.sqlite');
    const v7 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 7) });
    const insert = v7.prepare(
      `INSERT INTO orders (order_no, ordered_at, created_at, updated_at, status, payment_method, invoice_type, total, shipping_fee, fee, discount,
         customer_name, customer_kana, customer_company, customer_department, customer_zip, customer_address, customer_tel, customer_email,
         customer_gender, key_name, key_kana, key_email, key_tel, key_goods, buyer_key, has_note)
       VALUES (?, 1, 1, 1, 'shipped', 'np_atobarai', 'separate', 1000, 0, 0, 0, 'n', 'ナ', '', '', '1000001', 'a', '0312345678', '', 'unknown', 'n', 'な', '', '0312345678', '', 'k', 0)`,
    );
    const paid = Number(insert.run('1').lastInsertRowid);
    const unpaid = Number(insert.run('2').lastInsertRowid);
    const tx = v7.prepare("INSERT INTO np_transactions (order_id, np_transaction_id, payment_status, updated_at) VALUES (?, ?, ?, ?)");
    tx.run(paid, 'A0000000001', '20', 1_790_000_000_000);
    tx.run(unpaid, 'A0000000002', '10', 1_790_000_000_000);
    v7.close();

    const db = openDatabase(file);
    const paidAt = db.prepare('SELECT np_paid_at FROM orders WHERE id = ?').pluck();
    expect(paidAt.get(paid)).toBe(1_790_000_000_000);
    expect(paidAt.get(unpaid)).toBeNull();
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['orders_np_paid_at', 'orders_np_status_status']));
    db.close();
  });
});
