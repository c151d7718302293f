/** The staged import's packed orders: what goes in comes out, in order, whatever the chunking. */
import { describe, expect, it } from 'vitest';
import { PackedOrders, packFile, unpackFile } from '../../electron/core/csv/packed-orders';
import type { ParsedOrder } from '../../electron/core/csv/order-rows';
import { generateOrders } from '../../electron/core/demo';

describe('packed orders', () => {
  it('gives back every order pushed, deep-equal and in order, and packs them several times smaller than JSON', () => {
    const orders: ParsedOrder[] = generateOrders({ seed: 3, count: 1_000 }).map((input, i) => ({
      orderNo: input.orderNo,
      lines: [2 * i + 2, 2 * i + 3],
      input,
      npTransactionId: i % 3 === 0 ? `AB${String(i).padStart(9, '0')}` : null,
    }));
    const packed = new PackedOrders();
    for (let i = 0; i < orders.length; i += 300) packed.push(orders.slice(i, i + 300));
    packed.push([]);
    expect(packed.count).toBe(1_000);
    expect([...packed.orders()]).toEqual(orders);
    const json = Buffer.byteLength(JSON.stringify(orders));
    const size = (packed as unknown as { chunks: Buffer[] }).chunks.reduce((n, c) => n + c.length, 0);
    expect(size).toBeLessThan(json / 3);
  });

  it('packs a file and gives back the same bytes', () => {
    const bytes = Buffer.from('注文番号,お名前\r\n1,山田\r\n'.repeat(500));
    const packed = packFile(bytes);
    expect(packed.length).toBeLessThan(bytes.length / 10);
    expect(unpackFile(packed).equals(bytes)).toBe(true);
  });
});
