/**
 * 受注CSV / 配送先商品CSV export: bytes as Excel reads them (CP932 or UTF-8 with BOM), CRLF, every field quoted,
 * Japanese header, the standard CP932 mapping, the report of characters CP932 cannot hold (never a silent '?'),
 * formula neutralisation, and streaming with backpressure.
 */
import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { exportOrdersCsv } from '../../../electron/core/csv/export';
import { CSV_UNENCODABLE_MARK } from '../../../shared/csv';
import type { Order } from '../../../shared/order';
import { Sink, asOrder, variedOrder } from './helpers';

function rowsOf(text: string): string[][] {
  return parse(text, { record_delimiter: '\r\n' });
}

async function exportToText(orders: Order[], kind: 'orders' | 'shipto_goods', encoding: 'cp932' | 'utf8bom') {
  const sink = new Sink();
  const summary = await exportOrdersCsv({ orders, kind, encoding, out: sink });
  const bytes = sink.bytes();
  const text = encoding === 'cp932' ? iconv.decode(bytes, 'cp932') : bytes.subarray(3).toString('utf8');
  return { summary, bytes, text, rows: rowsOf(text) };
}

describe('export encodings and layout', () => {
  const troublesome = asOrder(
    {
      ...variedOrder(1),
      orderNo: 'A-1',
      customer: { ...variedOrder(1).customer, name: '髙橋 〜花子😀', companyName: '㈱①商事', address: '東京都港区赤坂1−2−3 ‖棟 — ¢£¬ 葛\u{E0100}飾' },
      note: '100〜200円',
    },
    1,
  );
  const plain = asOrder({ ...variedOrder(2), orderNo: 'A-2' }, 2);

  it('writes CP932 with the standard mapping, 〓 for the rest, and reports every lost character by order and column', async () => {
    const { summary, bytes, text, rows } = await exportToText([troublesome, plain], 'orders', 'cp932');
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    // Re-encoding what we read gives the same bytes: the file is pure CP932.
    expect(iconv.encode(text, 'cp932').equals(bytes)).toBe(true);
    const header = rows[0]!;
    const row = rows[1]!;
    const col = (h: string) => row[header.indexOf(h)];
    expect(col('お名前')).toBe(`髙橋 ～花子${CSV_UNENCODABLE_MARK}`);
    expect(col('会社名')).toBe('㈱①商事');
    expect(col('住所')).toBe('東京都港区赤坂1－2－3 ∥棟 ― ￠￡￢ 葛飾');
    expect(col('備考')).toBe('100～200円');
    expect(text).not.toContain('?');
    expect(summary.rows).toBe(2);
    expect(summary.lossy).toEqual([
      { orderNo: 'A-1', field: 'お名前', chars: ['😀'] },
      { orderNo: 'A-1', field: '住所', chars: ['葛\u{E0100}'] },
    ]);
  });

  it('writes UTF-8 with a BOM and keeps every character as it is', async () => {
    const { summary, bytes, rows } = await exportToText([troublesome], 'orders', 'utf8bom');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = rows[0]!;
    expect(rows[1]![header.indexOf('お名前')]).toBe('髙橋 〜花子😀');
    expect(summary.lossy).toEqual([]);
  });

  it('quotes every field, ends every record with CRLF and has a Japanese header row', async () => {
    const { bytes, rows } = await exportToText([plain], 'orders', 'utf8bom');
    const raw = bytes.subarray(3).toString('utf8');
    const records = raw.split('\r\n');
    expect(records.at(-1)).toBe('');
    expect(raw.replaceAll('\r\n', '').includes('\n')).toBe(false); // no bare LF outside quoted notes (plain has none)
    for (const rec of records.slice(0, -1)) expect(rec).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/u);
    expect(rows[0]!.slice(0, 5)).toEqual(['注文番号', '受注日', '対応状況', '支払方法', '購入金額']);
    expect(rows[0]).toEqual(expect.arrayContaining(['お名前', 'フリガナ', '郵便番号', '住所', '電話番号', 'メールアドレス', '配送業者', '配送伝票番号', '請求書区分', '備考', 'SHOPメモ']));
  });

  it('writes values as staff read them: JST times, hyphenated zip, labels, carrier names', async () => {
    const order = asOrder({ ...variedOrder(0), orderedAt: Date.UTC(2026, 10, 27, 15, 30, 5), customer: { ...variedOrder(0).customer, zip: '0600001', tel: '09012345678' } }, 1);
    const { rows } = await exportToText([order], 'orders', 'cp932');
    const header = rows[0]!;
    const col = (h: string) => rows[1]![header.indexOf(h)];
    expect(col('受注日')).toBe('2026/11/28 00:30:05');
    expect(col('郵便番号')).toBe('060-0001');
    expect(col('電話番号')).toBe('090-1234-5678');
    expect(col('支払方法')).toBe('NP後払い');
    expect(col('配送業者')).toBe('ヤマト運輸');
    expect(col('購入金額')).toBe(String(order.total));
  });

  it('writes one row per goods line with the ship-to in 配送先商品CSV (the buyer when there is no separate ship-to)', async () => {
    const own = asOrder({ ...variedOrder(2), orderNo: 'B-1', shipTo: null }, 1);
    const other = asOrder(variedOrder(5), 2); // i % 4 === 1: a separate ship-to
    const { rows, summary } = await exportToText([own, other], 'shipto_goods', 'cp932');
    const header = rows[0]!;
    const data = rows.slice(1);
    expect(summary.rows).toBe(own.lines.length + other.lines.length);
    expect(data).toHaveLength(summary.rows);
    const at = (r: string[], h: string) => r[header.indexOf(h)];
    expect(data.filter((r) => at(r, '注文番号') === 'B-1').map((r) => [at(r, '明細番号'), at(r, '商品名'), at(r, '数量')])).toEqual(
      own.lines.map((l, i) => [String(i + 1), l.name, String(l.quantity)]),
    );
    const ownRow = data.find((r) => at(r, '注文番号') === 'B-1')!;
    expect(at(ownRow, '配送先お名前')).toBe(own.customer.name);
    expect(at(ownRow, '配送先住所')).toBe(own.customer.address);
    const otherRow = data.find((r) => at(r, '注文番号') === other.orderNo)!;
    expect(at(otherRow, '配送先お名前')).toBe(other.shipTo!.name);
  });

  it('adds NP後払いステータス and NP取引ID columns when the NP state is given', async () => {
    const np = asOrder({ ...variedOrder(0), paymentMethod: 'np_atobarai' }, 1);
    const card = asOrder({ ...variedOrder(2), paymentMethod: 'credit_card' }, 2);
    const sink = new Sink();
    await exportOrdersCsv({
      orders: [np, card],
      kind: 'orders',
      encoding: 'utf8bom',
      out: sink,
      np: (o) => (o.id === 1 ? { status: 'ok', transactionId: '12345678901' } : { status: null, transactionId: null }),
    });
    const rows = rowsOf(sink.bytes().subarray(3).toString('utf8'));
    expect(rows[0]!.slice(-2)).toEqual(['NP後払いステータス', 'NP取引ID']);
    expect(rows[1]!.slice(-2)).toEqual(['審査OK', '12345678901']);
    expect(rows[2]!.slice(-2)).toEqual(['', '']);
  });
});

describe('formula injection', () => {
  it('prefixes free-text cells that start with = + - @ with an apostrophe, and leaves numbers alone', async () => {
    const base = variedOrder(3);
    const order = asOrder(
      {
        ...base,
        customer: { ...base.customer, name: '=HYPERLINK("http://evil.example","クリック")', companyName: '@SUM(A1)', address: '+東京都港区1-1' },
        lines: [
          { name: '-1+1', unitPrice: 1000, quantity: 1 },
          { name: '値引き', unitPrice: -500, quantity: 1 },
        ],
        note: '=1+2',
        shopMemo: 'ふつうのメモ',
      },
      1,
    );
    const { rows } = await exportToText([order], 'shipto_goods', 'cp932');
    const header = rows[0]!;
    const at = (r: string[], h: string) => r[header.indexOf(h)];
    const [first, second] = rows.slice(1) as [string[], string[]];
    expect(at(first, 'お名前')).toBe(`'=HYPERLINK("http://evil.example","クリック")`);
    expect(at(first, '会社名')).toBe(`'@SUM(A1)`);
    expect(at(first, '住所')).toBe(`'+東京都港区1-1`);
    expect(at(first, '商品名')).toBe(`'-1+1`);
    expect(at(first, '備考')).toBe(`'=1+2`);
    expect(at(first, 'SHOPメモ')).toBe('ふつうのメモ');
    expect(at(second, '単価')).toBe('-500');
    expect(at(second, '小計')).toBe('-500');
  });
});

describe('streaming', () => {
  it('pulls orders only as fast as the output drains (backpressure), never the whole result at once', async () => {
    const total = 3000;
    let pulled = 0;
    let maxAhead = 0;
    let written = 0;
    const template = asOrder(variedOrder(0), 1);
    function* orders(): Generator<Order> {
      for (let i = 0; i < total; i++) {
        pulled++;
        maxAhead = Math.max(maxAhead, pulled - written);
        yield { ...template, id: i + 1, orderNo: String(i + 1) };
      }
    }
    // A slow disk: 1 KiB buffer, each write completes on a later turn of the event loop.
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        written += chunk.toString('latin1').split('\r\n').length - 1;
        setImmediate(done);
      },
    });
    const summary = await exportOrdersCsv({ orders: orders(), kind: 'orders', encoding: 'cp932', out: slow });
    expect(summary.rows).toBe(total);
    expect(pulled).toBe(total);
    // Stream buffers hold a few dozen records at most; without backpressure all 3000 would be pulled at once.
    expect(maxAhead).toBeLessThan(200);
  });
});
