/**
 * Every cell of every CSV the app writes (受注CSV and 配送先商品CSV, CP932 and UTF-8, with the NP columns, and the
 * carriers' 送り状データ) is
 * written through writer.ts: a formula start (= + - @ tab CR ＝ ＋ － ＠) is neutralised and NUL / control
 * characters are removed, in every column — also columns that are not free text (配送業者 of a stored code NP
 * does not know, NP取引ID, 郵便番号, 電話番号 …). The import strips control characters and restores the text.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { exportOrdersCsv } from '../../../electron/core/csv/export';
import { exportColumns } from '../../../electron/core/csv/columns';
import { csvCell, csvLine } from '../../../electron/core/csv/writer';
import { restoreFormula } from '../../../electron/core/csv/formula';
import { decodeCsv } from '../../../electron/core/csv/read';
import { OrderInputSchema } from '../../../shared/order-schema';
import type { Order, Person } from '../../../shared/order';
import { Sink, asOrder, variedOrder } from './helpers';
import { carrierCsvText } from '../../../electron/core/documents/carrier-csv';
import { CARRIER_CSV_KINDS } from '../../../shared/carrier-csv';
import { SHOP } from '../documents/helpers';

const LEADERS = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'] as const;
const PAYLOAD = "cmd|'/Ccalc'!A0";
const STARTS_AS_FORMULA = /^[=+\-@\t\r＝＋－＠]/u;

/** An order whose every text value (not only free text) starts with the leader: what a hostile file or cart could store. */
function hostileOrder(lead: string, i: number): Order {
  const v = (s: string) => `${lead}${s}`;
  const person = (): Person => ({ name: v('n'), kana: v('k'), companyName: v('c'), departmentName: v('d'), zip: v('107x'), address: v('a'), tel: v('03x') });
  const base = asOrder(variedOrder(i), i);
  return {
    ...base,
    orderNo: v('A1'),
    customer: { ...base.customer, ...person(), email: v('e@x.jp'), birthDate: v('1980-01-01') },
    shipTo: person(),
    lines: [{ name: v(PAYLOAD), unitPrice: 100, quantity: 1 }],
    carrierCode: v(PAYLOAD), // a code stored before the carrier list was checked: exported as it is
    slipNo: v('S1'),
    note: v('x'),
    shopMemo: `\u0000${lead}y`, // NUL first: removed, then the leader is at the start
  };
}

async function exported(orders: Order[], kind: 'orders' | 'shipto_goods', encoding: 'cp932' | 'utf8bom', lead: string) {
  const sink = new Sink();
  await exportOrdersCsv({ orders, kind, encoding, out: sink, np: () => ({ status: 'ok', transactionId: `${lead}${PAYLOAD}` }) });
  const bytes = sink.bytes();
  const text = encoding === 'cp932' ? iconv.decode(bytes, 'cp932') : bytes.subarray(3).toString('utf8');
  return { bytes, rows: parse(text, { record_delimiter: '\r\n', relax_column_count: false }) as string[][] };
}

describe('CSV cells: formula starts and control characters in every column of every CSV', () => {
  for (const kind of ['orders', 'shipto_goods'] as const) {
    for (const encoding of ['cp932', 'utf8bom'] as const) {
      it(`${kind} / ${encoding}: no cell starts a formula, no NUL, whatever each column holds`, async () => {
        const headers = exportColumns(kind, true).map((c) => c.header);
        for (const lead of [...LEADERS, '\u0000=']) {
          const { bytes, rows } = await exported([hostileOrder(lead, 1)], kind, encoding, lead);
          expect(bytes.includes(0), JSON.stringify(lead)).toBe(false);
          expect(rows[0]).toEqual(headers);
          for (const row of rows.slice(1)) {
            row.forEach((cell, c) => {
              const plainNumber = /^-?\d+$/u.test(cell);
              expect(STARTS_AS_FORMULA.test(cell) && !plainNumber, `${JSON.stringify(lead)} ${headers[c]}: ${JSON.stringify(cell)}`).toBe(false);
            });
            const at = (h: string) => row[headers.indexOf(h)]!;
            // The columns the issue names, and text columns, keep their text behind one apostrophe.
            const shown = lead.replace('\u0000', '');
            for (const h of ['配送業者', 'NP取引ID', 'お名前', '住所', '郵便番号', '電話番号', '注文番号', '備考']) {
              expect(at(h).startsWith(`'${shown}`), `${JSON.stringify(lead)} ${h}: ${at(h)}`).toBe(true);
            }
          }
        }
      });
    }
  }

  it('送り状データ (B2クラウド, e飛伝Ⅲ, ゆうプリR) go through the same writer: no cell starts a formula, no NUL', () => {
    for (const kind of CARRIER_CSV_KINDS) {
      for (const lead of [...LEADERS, '\u0000=']) {
        const { text } = carrierCsvText(kind, [hostileOrder(lead, 1)], { ...SHOP, name: `${lead}${PAYLOAD}` }, '2026-12-01');
        expect(text.includes('\u0000'), `${kind} ${JSON.stringify(lead)}`).toBe(false);
        for (const row of parse(text, { record_delimiter: '\r\n' }) as string[][]) {
          for (const cell of row) {
            expect(STARTS_AS_FORMULA.test(cell) && !/^-?\d+$/u.test(cell), `${kind} ${JSON.stringify(lead)}: ${JSON.stringify(cell)}`).toBe(false);
          }
        }
      }
    }
  });

  it('csvCell: each leader (ASCII and full-width), NUL and control characters; numbers stay numbers', () => {
    for (const lead of LEADERS) {
      expect(csvCell(`${lead}${PAYLOAD}`)).toBe(`'${lead}${PAYLOAD}`);
      expect(restoreFormula(csvCell(`${lead}${PAYLOAD}`))).toBe(`${lead}${PAYLOAD}`);
      expect(restoreFormula(csvCell(`'${lead}x`))).toBe(`'${lead}x`); // an apostrophe of the text itself survives
    }
    expect(csvCell('\u0000=1+1')).toBe("'=1+1");
    expect(csvCell('a\u0000b\u0007c\u001bd\u007fe\u0085f')).toBe('abcdef');
    expect(csvCell('備考\t1行目\r\n2行目')).toBe('備考\t1行目\r\n2行目');
    expect(csvCell('-500')).toBe('-500');
    expect(csvCell('12.5')).toBe('12.5');
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('a=1')).toBe('a=1');
    expect(csvLine(['=1', 'a"b', '\u0000'])).toBe(`"'=1","a""b",""\r\n`);
  });

  it('the import strips control characters (tab and line breaks stay for 備考)', () => {
    const bytes = Buffer.from('"注文番号","備考"\r\n"1\u0000","a\u0001b\tc\r\nd\u009f"\r\n', 'utf8');
    expect(decodeCsv(bytes).text).toBe('"注文番号","備考"\r\n"1","ab\tc\r\nd"\r\n');
    const sjis = iconv.encode('"a\u0000b"\r\n', 'cp932');
    expect(decodeCsv(Buffer.concat([sjis, iconv.encode('髙', 'cp932')])).text).toBe('"ab"\r\n髙');
  });

  it('配送業者 takes only NP carrier codes; anything else is refused with a Japanese message', () => {
    const input = variedOrder(1);
    expect(OrderInputSchema.safeParse({ ...input, carrierCode: '59010' }).success).toBe(true);
    expect(OrderInputSchema.safeParse({ ...input, carrierCode: null }).success).toBe(true);
    for (const bad of ["=cmd|'/Ccalc'!A0", '12345', '', 'ヤマト']) {
      const r = OrderInputSchema.safeParse({ ...input, carrierCode: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('配送業者はNPの配送業者（5桁のコード）から選択してください');
    }
  });
});
