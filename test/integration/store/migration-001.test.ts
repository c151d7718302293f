import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db';
import { FROZEN_CODES_001, migration001 } from '../../../electron/core/db/migrations/001_orders';
import { GENDERS, INVOICE_TYPES, ORDER_STATUSES, PAYMENT_METHODS } from '../../../shared/order';
import { NP_STATUSES } from '../../../shared/np/status';
import { tempDir } from './helpers';

const tmp = tempDir();
let db: Database;

beforeAll(() => {
  db = new BetterSqlite3(tmp.file('m001.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, [migration001]);
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string; notnull: number }[]).map((c) => c.name);

/** A minimal valid orders row; tests override one column to probe a constraint. */
function row(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_no: `N${Math.random()}`,
    order_no_num: null,
    ordered_at: 1,
    created_at: 1,
    updated_at: 1,
    status: 'new',
    payment_method: 'np_atobarai',
    invoice_type: 'separate',
    total: 100,
    shipping_fee: 0,
    fee: 0,
    discount: 0,
    customer_name: 'a',
    customer_kana: 'a',
    customer_company: '',
    customer_department: '',
    customer_zip: '1070052',
    customer_address: 'x',
    customer_tel: '0312345678',
    customer_email: '',
    customer_birth_date: null,
    customer_gender: 'unknown',
    key_name: '',
    key_kana: '',
    key_email: '',
    key_tel: '',
    key_goods: '',
    buyer_key: '',
    has_note: 0,
    ...over,
  };
}
function insert(r: Record<string, unknown>): number {
  const keys = Object.keys(r);
  return Number(db.prepare(`INSERT INTO orders (${keys.join(',')}) VALUES (${keys.map((k) => `@${k}`).join(',')})`).run(r).lastInsertRowid);
}

describe('migration 001 (orders, order_lines, settings)', () => {
  it('sets user_version to 1', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(1);
  });

  it('has every order field, the NP-owned columns and the search keys', () => {
    expect(columns('orders')).toEqual(
      expect.arrayContaining([
        'order_no', 'order_no_num', 'ordered_at', 'updated_at', 'created_at', 'shipped_at', 'paid_at', 'status',
        'payment_method', 'total', 'shipping_fee', 'fee', 'discount', 'customer_name', 'customer_kana',
        'customer_company', 'customer_department', 'customer_zip', 'customer_address', 'customer_tel',
        'customer_email', 'customer_birth_date', 'customer_gender', 'ship_name', 'ship_kana', 'ship_company',
        'ship_department', 'ship_zip', 'ship_address', 'ship_tel', 'carrier_code', 'slip_no', 'invoice_type', 'note',
        'shop_memo', 'np_status', 'np_dirty', 'key_name', 'key_kana', 'key_email', 'key_tel', 'key_goods', 'buyer_key',
        'has_note',
      ]),
    );
    expect(columns('order_lines')).toEqual(['order_id', 'line_no', 'name', 'unit_price', 'quantity']);
    expect(columns('settings')).toEqual(['key', 'value']);
  });

  it('freezes code lists that still equal the shared code tables', () => {
    expect(FROZEN_CODES_001.ORDER_STATUSES).toEqual([...ORDER_STATUSES]);
    expect(FROZEN_CODES_001.PAYMENT_METHODS).toEqual([...PAYMENT_METHODS]);
    expect(FROZEN_CODES_001.GENDERS).toEqual([...GENDERS]);
    expect(FROZEN_CODES_001.INVOICE_TYPES).toEqual([...INVOICE_TYPES]);
    expect(FROZEN_CODES_001.NP_STATUSES).toEqual([...NP_STATUSES]);
  });

  it('accepts every code of each code column and rejects others', () => {
    const probes: [string, readonly string[]][] = [
      ['status', ORDER_STATUSES],
      ['payment_method', PAYMENT_METHODS],
      ['invoice_type', INVOICE_TYPES],
      ['customer_gender', GENDERS],
      ['np_status', NP_STATUSES],
    ];
    for (const [col, codes] of probes) {
      for (const code of codes) expect(() => insert(row({ [col]: code }))).not.toThrow();
      expect(() => insert(row({ [col]: '審査OK' })), col).toThrow(/CHECK constraint failed/);
    }
    expect(() => insert(row({ np_status: null }))).not.toThrow();
  });

  it('defaults np_dirty to 0 and allows only 0/1', () => {
    const id = insert(row());
    expect(db.prepare('SELECT np_dirty FROM orders WHERE id = ?').pluck().get(id)).toBe(0);
    expect(() => insert(row({ np_dirty: 2 }))).toThrow(/CHECK/);
  });

  it('keeps order numbers unique', () => {
    insert(row({ order_no: 'DUP-1' }));
    expect(() => insert(row({ order_no: 'DUP-1' }))).toThrow(/UNIQUE constraint failed: orders.order_no/);
  });

  it('checks amounts, birth dates and that ship-to columns are all set or all NULL', () => {
    expect(() => insert(row({ shipping_fee: -1 }))).toThrow(/CHECK/);
    expect(() => insert(row({ discount: -5 }))).toThrow(/CHECK/);
    expect(() => insert(row({ customer_birth_date: '1990/01/02' }))).toThrow(/CHECK/);
    expect(() => insert(row({ customer_birth_date: '1990-01-02' }))).not.toThrow();
    expect(() => insert(row({ ship_name: '佐藤 花子' }))).toThrow(/CHECK/);
    const ship = { ship_name: '佐藤 花子', ship_kana: 'サトウ ハナコ', ship_company: '', ship_department: '', ship_zip: '5300001', ship_address: '大阪府大阪市北区梅田1-1', ship_tel: '0612345678' };
    expect(() => insert(row(ship))).not.toThrow();
  });

  it('deletes goods lines with their order and refuses lines of a missing order', () => {
    const id = insert(row());
    db.prepare('INSERT INTO order_lines VALUES (?, 1, ?, 500, 2)').run(id, '緑茶');
    expect(() => db.prepare('INSERT INTO order_lines VALUES (?, 1, ?, 500, 0)').run(id, 'x')).toThrow();
    expect(() => db.prepare('INSERT INTO order_lines VALUES (999999, 1, ?, 500, 1)').run('x')).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM orders WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) FROM order_lines WHERE order_id = ?').pluck().get(id)).toBe(0);
  });

  it('stores settings as JSON only', () => {
    db.prepare('INSERT INTO settings VALUES (?, ?)').run('npEnvironment', JSON.stringify('sandbox'));
    expect(() => db.prepare('INSERT INTO settings VALUES (?, ?)').run('broken', '{not json')).toThrow(/CHECK/);
  });

  it('indexes the filter columns', () => {
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'orders' AND sql IS NOT NULL").pluck().all();
    expect(indexes).toEqual(
      expect.arrayContaining(['orders_ordered_at', 'orders_updated_at', 'orders_shipped_at', 'orders_order_no_num', 'orders_total', 'orders_np_status', 'orders_status', 'orders_payment_method', 'orders_buyer_key']),
    );
  });
});
