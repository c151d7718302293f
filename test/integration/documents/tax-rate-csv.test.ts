/**
 * 税率 in 配送先商品CSV (帳票, issue 11): the export's last column 「税率」 (10% / 8% per line), read back by the
 * import (10 / 10% / ８％ / 軽減 …), so an export → import round trip keeps 軽減税率 lines; a file without the
 * column imports as 10%, and an unknown rate is refused with a Japanese reason naming the row.
 */
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository } from '../../../electron/core/orders';
import { exportOrdersCsv } from '../../../electron/core/csv/export';
import { parseOrderCsv } from '../../../electron/core/csv/parse-orders';
import { importOrders } from '../../../electron/core/csv/import-orders';
import { orderInputOf } from '../../../shared/order';
import { Sink, tempDir } from '../csv/helpers';
import { SHORT_SEPARATE, orderInput } from './helpers';

const tmp = tempDir('atobarai-taxrate-csv-');
afterAll(() => tmp.cleanup());

describe('税率 in 配送先商品CSV', () => {
  it('exports each line’s rate as the last column and imports it back', async () => {
    const a = createOrderRepository(openDatabase(tmp.file('a.sqlite')));
    const ids = a.insertMany([SHORT_SEPARATE, orderInput('5100')], 1_000);
    const sink = new Sink();
    await exportOrdersCsv({ orders: ids.map((id) => a.get(id)!), kind: 'shipto_goods', encoding: 'cp932', out: sink });
    const lines = iconv.decode(sink.bytes(), 'cp932').trim().split('\r\n');
    expect(lines[0]!.endsWith('"税率"')).toBe(true);
    expect(lines.slice(1).map((l) => l.slice(l.lastIndexOf(',') + 1))).toEqual(['"8%"', '"10%"', '"10%"']);

    const bdb = openDatabase(tmp.file('b.sqlite'));
    const b = createOrderRepository(bdb);
    const report = importOrders(bdb, b, parseOrderCsv(sink.bytes()), 2_000);
    expect(report).toMatchObject({ inserted: 2, rejected: [] });
    for (const id of ids) expect(orderInputOf(b.getByOrderNo(a.get(id)!.orderNo)!)).toEqual(orderInputOf(a.get(id)!));
    expect(b.getByOrderNo('5001')!.lines.map((l) => l.taxRate)).toEqual([8, undefined]);
  });

  it('reads 軽減 / ８％ / 10, and refuses another rate naming the row', () => {
    const header = '注文番号,受注日,支払方法,お名前,郵便番号,住所,電話番号,商品名,単価,数量,税率';
    const row = (no: string, rate: string) => `${no},2026/11/01,NP後払い,山田 太郎,107-0052,東京都港区赤坂1-2-3,03-1234-5678,煎茶,1080,1,${rate}`;
    const parsed = parseOrderCsv(Buffer.from([header, row('1', '軽減'), row('2', '８％'), row('3', '10'), row('4', '5%')].join('\r\n'), 'utf8'));
    expect(parsed.orders.map((o) => [o.input.orderNo, o.input.lines[0]!.taxRate])).toEqual([['1', 8], ['2', 8], ['3', undefined]]);
    expect(parsed.rejected.map((r) => r.reasons.join(' '))).toEqual([expect.stringContaining('税率「5%」は10%か8%（軽減税率）で入力してください')]);
  });
});
