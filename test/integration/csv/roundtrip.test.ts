/**
 * Export → import gives the same orders: 配送先商品CSV carries every field of an order (one row per goods line),
 * in both encodings, through real SQLite files — including values that need quoting (commas, quotes, line
 * breaks), formula-like text, and ship-tos equal to or different from the buyer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository, type OrderRepository } from '../../../electron/core/orders';
import { exportOrdersCsv } from '../../../electron/core/csv/export';
import { parseOrderCsv } from '../../../electron/core/csv/parse-orders';
import { importOrders } from '../../../electron/core/csv/import-orders';
import { orderInputOf } from '../../../shared/order';
import type { Order, OrderInput } from '../../../shared/order';
import { Sink, tempDir, variedOrder } from './helpers';

const tmp = tempDir('atobarai-csv-roundtrip-');
afterAll(() => tmp.cleanup());
let n = 0;
const openRepo = () => {
  const db = openDatabase(tmp.file(`rt-${++n}.sqlite`));
  return { db, repo: createOrderRepository(db) };
};

function* all(repo: OrderRepository, ids: number[]): Generator<Order> {
  for (const id of ids) yield repo.get(id)!;
}

const ORDERS: OrderInput[] = [
  ...Array.from({ length: 120 }, (_, i) => variedOrder(i)),
  {
    ...variedOrder(500),
    orderNo: '=1+1',
    customer: { ...variedOrder(500).customer, name: '-山田 太郎', companyName: '@商会', email: 'a+b@example.jp' },
    lines: [
      { name: '+送料調整', unitPrice: 300, quantity: 1 },
      { name: 'クーポン', unitPrice: -500, quantity: 1 },
      { name: 'セット "A", B', unitPrice: 2000, quantity: 3 },
    ],
    note: '1行目\n2行目, "引用"\n=3行目',
    shopMemo: '@担当',
  },
];

describe.each(['cp932', 'utf8bom'] as const)('round trip in %s', (encoding) => {
  it('imports an exported 配送先商品CSV into an empty store as the same orders', async () => {
    const a = openRepo();
    const ids = a.repo.insertMany(ORDERS, 1_000);
    const sink = new Sink();
    const summary = await exportOrdersCsv({ orders: all(a.repo, ids), kind: 'shipto_goods', encoding, out: sink });
    expect(summary.lossy).toEqual([]);

    const parsed = parseOrderCsv(sink.bytes());
    expect(parsed.encoding).toBe(encoding);
    expect(parsed.missingRequired).toEqual([]);
    expect(parsed.rejected).toEqual([]);

    const b = openRepo();
    const report = importOrders(b.db, b.repo, parsed, 2_000);
    expect(report).toMatchObject({ inserted: ORDERS.length, updated: 0, unchanged: 0, rejected: [] });
    for (const id of ids) {
      const original = a.repo.get(id)!;
      expect(orderInputOf(b.repo.getByOrderNo(original.orderNo)!)).toEqual(orderInputOf(original));
    }

    // Importing the export back into the store it came from changes nothing.
    const back = importOrders(a.db, a.repo, parseOrderCsv(sink.bytes()), 3_000);
    expect(back).toMatchObject({ inserted: 0, updated: 0, unchanged: ORDERS.length });
  });
});

describe('受注CSV', () => {
  it('maps itself back onto the stored orders (one row per order, no goods lines to import)', async () => {
    const a = openRepo();
    const ids = a.repo.insertMany(ORDERS.slice(0, 10), 1_000);
    const sink = new Sink();
    await exportOrdersCsv({ orders: all(a.repo, ids), kind: 'orders', encoding: 'cp932', out: sink });
    const parsed = parseOrderCsv(sink.bytes());
    // Every order-level column is recognised; only the goods columns are missing (受注CSV has a summary instead).
    expect(parsed.missingRequired).toEqual(['line.name', 'line.unitPrice', 'line.quantity']);
    expect(Object.keys(parsed.mapping)).toEqual(
      expect.arrayContaining(['orderNo', 'orderedAt', 'status', 'paymentMethod', 'customer.name', 'customer.kana', 'customer.tel', 'shipTo.name', 'carrier', 'slipNo', 'note', 'shopMemo', 'shippedAt', 'paidAt']),
    );
  });
});
