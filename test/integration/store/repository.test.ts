import type { Database } from 'better-sqlite3';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository, type OrderRepository } from '../../../electron/core/orders';
import { orderTotal } from '../../../shared/order';
import { ValidationError } from '../../../shared/validation';
import { parseOrderInput } from '../../../shared/order-schema';
import { sampleOrder, tempDir } from './helpers';
import { generateOrders } from '../../../electron/core/demo';

const tmp = tempDir();
let db: Database;
let repo: OrderRepository;
let n = 0;

beforeEach(() => {
  db?.close();
  db = openDatabase(tmp.file(`repo-${++n}.sqlite`));
  repo = createOrderRepository(db);
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

const NOW = Date.UTC(2026, 10, 2, 0, 0, 0);

function validationIssues(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('order repository: insert / get / update', () => {
  it('round-trips an order with its goods lines and derives the total', () => {
    const input = sampleOrder();
    const saved = repo.insert(input, NOW);
    expect(saved.id).toBeGreaterThan(0);
    expect(saved.total).toBe(orderTotal(input));
    expect(saved.total).toBe(1200 * 2 + 800 + 600 + 250 - 100);
    expect(saved.createdAt).toBe(NOW);
    expect(saved.updatedAt).toBe(NOW);
    const { id: _id, total: _t, createdAt: _c, updatedAt: _u, ...rest } = saved;
    expect(rest).toEqual({ ...input, customer: { ...input.customer, email: 'taro.yamada@example.jp' } });
    expect(repo.get(saved.id)).toEqual(saved);
    expect(repo.getByOrderNo('1001')).toEqual(saved);
    expect(repo.getByOrderNo('１００１')).toEqual(saved);
    expect(repo.get(saved.id + 1)).toBeUndefined();
    expect(repo.count()).toBe(1);
  });

  it('keeps a separate ship-to', () => {
    const shipTo = { name: '佐藤 花子', kana: 'サトウ ハナコ', companyName: '株式会社サンプル', departmentName: '総務部', zip: '5300001', address: '大阪府大阪市北区梅田1-1-3', tel: '09012345678' };
    const saved = repo.insert(sampleOrder({ shipTo }), NOW);
    expect(repo.get(saved.id)?.shipTo).toEqual(shipTo);
  });

  it('normalises TEL and zip typed with hyphens and 全角 digits', () => {
    const base = sampleOrder();
    const saved = repo.insert({ ...base, customer: { ...base.customer, tel: '０３－１２３４－５６７８', zip: '〒107-0052' } }, NOW);
    expect(saved.customer.tel).toBe('0312345678');
    expect(saved.customer.zip).toBe('1070052');
  });

  it('updates fields and replaces goods lines, keeping createdAt and the NP columns', () => {
    const saved = repo.insert(sampleOrder(), NOW);
    db.prepare("UPDATE orders SET np_status = 'ok', np_dirty = 1 WHERE id = ?").run(saved.id);
    const later = NOW + 60_000;
    const changed = repo.update(saved.id, sampleOrder({ status: 'shipped', lines: [{ name: '抹茶', unitPrice: 3000, quantity: 1 }], slipNo: '123456789012' }), later);
    expect(changed.status).toBe('shipped');
    expect(changed.lines).toEqual([{ name: '抹茶', unitPrice: 3000, quantity: 1 }]);
    expect(changed.total).toBe(3000 + 600 + 250 - 100);
    expect(changed.createdAt).toBe(NOW);
    expect(changed.updatedAt).toBe(later);
    expect(db.prepare('SELECT np_status, np_dirty FROM orders WHERE id = ?').get(saved.id)).toEqual({ np_status: 'ok', np_dirty: 1 });
    expect(db.prepare('SELECT count(*) FROM order_lines WHERE order_id = ?').pluck().get(saved.id)).toBe(1);
  });

  it('refuses to update a missing order', () => {
    expect(() => repo.update(12345, sampleOrder(), NOW)).toThrow(/見つかりません/);
  });

  it('rejects a duplicate order number with a field message, inserting nothing', () => {
    repo.insert(sampleOrder(), NOW);
    const issues = validationIssues(() => repo.insert(sampleOrder(), NOW));
    expect(issues).toEqual([expect.objectContaining({ path: 'orderNo', message: expect.stringContaining('すでに登録') })]);
    expect(repo.count()).toBe(1);
    const other = repo.insert(sampleOrder({ orderNo: '1002' }), NOW);
    expect(() => repo.update(other.id, sampleOrder({ orderNo: '1001' }), NOW)).toThrow(ValidationError);
  });

  it('rejects invalid input with Japanese messages naming each field', () => {
    const base = sampleOrder();
    const issues = validationIssues(() =>
      repo.insert({ ...base, orderNo: '', customer: { ...base.customer, tel: '03-1234', zip: '123' }, lines: [], status: 'done' as never }, NOW),
    );
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(byPath['orderNo']).toBe('注文番号を入力してください');
    expect(byPath['customer.tel']).toMatch(/購入者電話番号は10桁または11桁/);
    expect(byPath['customer.zip']).toMatch(/購入者郵便番号は7桁/);
    expect(byPath['lines']).toBe('商品を1件以上入力してください');
    expect(byPath['status']).toBe('対応状況を選択してください');
    expect(repo.count()).toBe(0);
  });

  it('names the field on a wrong type', () => {
    const base = sampleOrder();
    const issues = validationIssues(() => repo.insert({ ...base, lines: [{ name: '茶', unitPrice: '1000' as never, quantity: 1 }] }, NOW));
    expect(issues).toEqual([{ path: 'lines.0.unitPrice', label: '単価（1行目）', message: '単価は数値で入力してください' }]);
  });

  it('rejects a negative total', () => {
    const issues = validationIssues(() => repo.insert(sampleOrder({ discount: 100_000 }), NOW));
    expect(issues[0]?.message).toMatch(/マイナス/);
  });

  it('inserts many in one transaction: all or nothing', () => {
    const ids = repo.insertMany([sampleOrder({ orderNo: 'A1' }), sampleOrder({ orderNo: 'A2' }), sampleOrder({ orderNo: 'A3' })], NOW);
    expect(ids).toHaveLength(3);
    expect(ids.map((id) => repo.get(id)?.orderNo)).toEqual(['A1', 'A2', 'A3']);
    expect(() => repo.insertMany([sampleOrder({ orderNo: 'B1' }), sampleOrder({ orderNo: 'A2' })], NOW)).toThrow(ValidationError);
    expect(repo.getByOrderNo('B1')).toBeUndefined();
    expect(repo.count()).toBe(3);
  });

  it('stores inputs already parsed by OrderInputSchema ({ parsed: true }) exactly as validated ones', () => {
    const raw = sampleOrder({ orderNo: ' P1 ', customer: { ...sampleOrder().customer, tel: '03-1234-5678', zip: '〒107-0052' } });
    const [validatedId] = repo.insertMany([raw], NOW);
    const parsed = parseOrderInput({ ...raw, orderNo: 'P2' });
    const [parsedId] = repo.insertMany([parsed], NOW, { parsed: true });
    const { id: _a, orderNo: noA, ...a } = repo.get(validatedId!)!;
    const { id: _b, orderNo: noB, ...b } = repo.get(parsedId!)!;
    expect([noA, noB]).toEqual(['P1', 'P2']);
    expect(b).toEqual(a);
    expect(a.customer.tel).toBe('0312345678');
    expect(repo.search({ tel: '0312345678' }).total).toBe(2);
  });

  it("composes inside a caller's transaction (nested as a savepoint) and rolls back with it", () => {
    const outer = db.transaction(() => {
      repo.insert(sampleOrder({ orderNo: 'T1' }), NOW);
      repo.insertMany([sampleOrder({ orderNo: 'T2' })], NOW);
      throw new Error('caller aborts');
    });
    expect(() => outer()).toThrow('caller aborts');
    expect(repo.count()).toBe(0);
    db.transaction(() => {
      const o = repo.insert(sampleOrder({ orderNo: 'T3' }), NOW);
      repo.update(o.id, sampleOrder({ orderNo: 'T3', note: '置き配希望' }), NOW + 1);
    })();
    expect(repo.getByOrderNo('T3')?.note).toBe('置き配希望');
  });
});

describe('insertMany within the caller\'s transaction (the CSV import)', () => {
  it('refuses to run outside a transaction, and inside one is undone with it', () => {
    const input = { ...sampleOrder(), orderNo: 'W-1' };
    expect(() => repo.insertMany([input], NOW, { withinTransaction: true })).toThrow(/no transaction/u);
    db.exec('BEGIN IMMEDIATE');
    const [id] = repo.insertMany([input, { ...input, orderNo: 'W-2' }], NOW, { withinTransaction: true });
    expect(repo.get(id!)?.orderNo).toBe('W-1');
    expect(repo.search({ name: sampleOrder().customer.name.slice(0, 2), limit: 5 }).total).toBe(2); // text index written too
    db.exec('ROLLBACK');
    expect(repo.count()).toBe(0);
  });
});

describe('insertMany of many orders into a smaller store (indexes built again at the end)', () => {
  it('keeps every index, answers searches through them, and a failure part way leaves the store and indexes as they were', () => {
    const indexes = () => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const before = indexes();
    const inputs = generateOrders({ seed: 5, count: 5_000 });
    repo.insertMany(inputs, NOW);
    expect(indexes()).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM orders WHERE status = 'new' ORDER BY ordered_at DESC LIMIT 5").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join()).toMatch(/orders_status/u);
    expect(repo.search({ orderNo: { from: inputs[4_999]!.orderNo, to: inputs[4_999]!.orderNo }, limit: 5 }).total).toBe(1);

    const more = generateOrders({ seed: 6, count: 6_000 }).map((o, i) => ({ ...o, orderNo: `X${i}` }));
    more[5_999] = { ...more[5_999]!, orderNo: inputs[0]!.orderNo }; // already stored: the whole batch is refused
    expect(() => repo.insertMany(more, NOW)).toThrow(/すでに登録されています/u);
    expect(repo.count()).toBe(5_000);
    expect(indexes()).toEqual(before);
  });
});
