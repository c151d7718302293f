/**
 * Helpers for the CSV tests: deterministic orders with the characters that break CSV in real life, files
 * written in real encodings through iconv-lite, and a writable that collects what an export wrote.
 */
import { Writable } from 'node:stream';
import iconv from 'iconv-lite';
import { orderTotal, type Order, type OrderInput } from '../../../shared/order';
import { sampleOrder } from '../store/helpers';
import { openSession, type Session } from '../../../electron/core/app/session';
import { createConsoleLogger } from '../../../electron/core/app/logger';
import type { NpClient } from '../../../electron/core/np/client';

export { tempDir } from '../store/helpers';

/** A CSV line: every field quoted, quotes doubled. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
}

/** Lines joined with the given line ending (CRLF by default), ending with one. */
export function csvText(rows: readonly (readonly string[])[], eol = '\r\n'): string {
  return rows.map(csvLine).join(eol) + eol;
}

export const cp932 = (text: string): Buffer => iconv.encode(text, 'cp932');
export const utf8bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

const SURNAMES = ['山田', '佐藤', '髙橋', '渡邉', '齋藤', '鈴木', '中村', '小林'];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健太', '陽菜'];
const KANA_S = ['ヤマダ', 'サトウ', 'タカハシ', 'ワタナベ', 'サイトウ', 'スズキ', 'ナカムラ', 'コバヤシ'];
const KANA_G = ['タロウ', 'ハナコ', 'イチロウ', 'ミサキ', 'ケンタ', 'ヒナ'];
const GOODS = ['有機緑茶 100g', 'ほうじ茶ティーバッグ 20包', '抹茶ラテ "濃いめ"', '急須（常滑焼）, 300ml', '煎茶セット①', '玄米茶 1kg'];
const PAYMENTS = ['np_atobarai', 'np_atobarai', 'credit_card', 'cod', 'amazon_pay'] as const;

/** Order i of a varied, valid set (times on whole seconds, as the CSV writes them). */
export function variedOrder(i: number): OrderInput {
  const base = sampleOrder();
  const s = i % SURNAMES.length;
  const g = i % GIVEN.length;
  const lineCount = 1 + (i % 3);
  const lines = Array.from({ length: lineCount }, (_, k) => ({
    name: GOODS[(i + k) % GOODS.length]!,
    unitPrice: 500 + ((i * 37 + k * 101) % 50) * 100,
    quantity: 1 + ((i + k) % 4),
  }));
  const withShipTo = i % 4 === 1;
  const orderedAt = Date.UTC(2026, 9, 1, 0, 0, 0) + i * 3_607_000;
  return {
    ...base,
    orderNo: String(20000 + i),
    orderedAt,
    status: (['new', 'processing', 'awaiting_payment', 'paid', 'shipped'] as const)[i % 5]!,
    paymentMethod: PAYMENTS[i % PAYMENTS.length]!,
    customer: {
      ...base.customer,
      name: `${SURNAMES[s]} ${GIVEN[g]}`,
      kana: `${KANA_S[s]} ${KANA_G[g]}`,
      companyName: i % 7 === 0 ? '㈱テスト商事' : '',
      departmentName: i % 7 === 0 ? '総務部' : '',
      zip: String(1000000 + ((i * 7919) % 8999999)).padStart(7, '0'),
      address: `東京都港区赤坂${1 + (i % 9)}-${1 + (i % 20)}-${1 + (i % 30)} 赤坂ビル${100 + (i % 50)}`,
      tel: i % 2 === 0 ? `090${String(10000000 + i).slice(-8)}` : `03${String(10000000 + i).slice(-8)}`,
      email: `buyer${i}@example.jp`,
      birthDate: i % 3 === 0 ? null : `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
      gender: (['male', 'female', 'unknown'] as const)[i % 3]!,
    },
    shipTo: withShipTo
      ? {
          name: `${SURNAMES[(s + 1) % SURNAMES.length]} ${GIVEN[(g + 1) % GIVEN.length]}`,
          kana: `${KANA_S[(s + 1) % KANA_S.length]} ${KANA_G[(g + 1) % KANA_G.length]}`,
          companyName: '',
          departmentName: '',
          zip: '5300001',
          address: `大阪府大阪市北区梅田${1 + (i % 3)}-1-1`,
          tel: '0612345678',
        }
      : null,
    lines,
    shippingFee: i % 5 === 0 ? 0 : 660,
    fee: PAYMENTS[i % PAYMENTS.length] === 'np_atobarai' ? 250 : 0,
    discount: i % 10 === 0 ? 100 : 0,
    carrierCode: i % 2 === 0 ? '59010' : '50000',
    slipNo: i % 5 === 4 ? `1234-5678-${String(1000 + i).slice(-4)}` : '',
    invoiceType: i % 6 === 0 ? 'bundled' : 'separate',
    note: i % 8 === 3 ? '午前中に届けてください。\n不在時は宅配ボックスへ' : '',
    shopMemo: i % 9 === 2 ? 'リピーター' : '',
    shippedAt: i % 5 === 4 ? orderedAt + 86_400_000 : null,
    paidAt: i % 5 >= 3 ? orderedAt + 2 * 86_400_000 : null,
  };
}

/** An Order as the store would return it (for exports that do not need a database). */
export function asOrder(input: OrderInput, id: number): Order {
  return { ...input, id, total: orderTotal(input), createdAt: input.orderedAt, updatedAt: input.orderedAt + 60_000 };
}

/** Collects written bytes. */
export class Sink extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.chunks.push(chunk);
    done();
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** A real session (SQLite file, NP service, settings, the staged import) with a quiet log and a fixed clock. */
export function testSession(file: string, client: NpClient | null = null): Session {
  return openSession({
    file,
    clock: { now: () => Date.UTC(2026, 10, 28) },
    log: createConsoleLogger(() => {}),
    getClient: () => client,
    onProgress: () => {},
    onChanged: () => {},
    onFinished: () => {},
  });
}
