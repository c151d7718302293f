/**
 * A 100,000-row CP932 order file imports in one transaction, rejecting only its broken rows. (Re-import as
 * 変更なし is covered on small files; rows per second and memory are measured by bench/csv.ts, not here.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository } from '../../../electron/core/orders';
import { parseOrderCsv } from '../../../electron/core/csv/parse-orders';
import { importOrders } from '../../../electron/core/csv/import-orders';
import { cp932, csvLine, tempDir } from './helpers';

const ROWS = 100_000;
const tmp = tempDir('atobarai-csv-large-');
afterAll(() => tmp.cleanup());

/** ROWS data rows: 50,000 orders of two goods lines each, and every 10,000th row with a bad TEL. */
function bigFile(): Buffer {
  const out: string[] = [csvLine(['注文番号', '受注日', '支払方法', 'お名前', 'フリガナ', '郵便番号', '住所', '電話番号', 'メールアドレス', '商品名', '単価', '数量', '送料'])];
  for (let r = 0; r < ROWS; r++) {
    const o = Math.floor(r / 2);
    const tel = r % 10_000 === 5_000 ? '12345' : `090${String(10_000_000 + o).slice(-8)}`;
    out.push(
      csvLine([
        String(100_000 + o),
        `2026/${1 + (o % 12)}/${1 + (o % 28)} ${o % 24}:${String(o % 60).padStart(2, '0')}`,
        o % 3 === 0 ? 'クレジットカード' : 'NP後払い',
        `髙橋 太郎${o % 100}`,
        'タカハシ タロウ',
        '107-0052',
        `東京都港区赤坂${1 + (o % 9)}-${1 + (o % 20)}-3 赤坂ビル${o % 500}`,
        tel,
        `buyer${o}@example.jp`,
        r % 2 === 0 ? '有機緑茶 100g' : 'ほうじ茶, 200g',
        String(800 + (r % 7) * 100),
        String(1 + (r % 3)),
        '660',
      ]),
    );
  }
  return cp932(out.join('\r\n') + '\r\n');
}

describe('100,000 rows', () => {
  it('parses and imports in one transaction, rejecting only the broken rows', { timeout: 180_000 }, () => {
    const file = bigFile();
    const db = openDatabase(tmp.file('large.sqlite'));
    const repo = createOrderRepository(db);

    let t = performance.now();
    const parsed = parseOrderCsv(file);
    const parseMs = performance.now() - t;
    expect(parsed.encoding).toBe('cp932');
    expect(parsed.dataRows).toBe(ROWS);
    // Rows 5,000, 15,000 … (0-based, each the first row of an order) carry a bad TEL: their order (both lines) is rejected.
    expect(parsed.rejected).toHaveLength(20);
    expect(parsed.rejected.every((p) => p.reasons[0]!.includes('電話番号') || p.reasons[0]!.includes('誤りがあるため'))).toBe(true);
    expect(parsed.orders).toHaveLength(ROWS / 2 - 10);

    t = performance.now();
    const report = importOrders(db, repo, parsed, Date.UTC(2026, 10, 28));
    const importMs = performance.now() - t;
    expect(report.inserted).toBe(ROWS / 2 - 10);
    expect(repo.count()).toBe(ROWS / 2 - 10);
    expect(repo.getByOrderNo('100001')!.lines).toHaveLength(2);
    console.log(`100k rows: parse ${parseMs.toFixed(0)} ms, import ${importMs.toFixed(0)} ms`);
    db.close();
  });
});
