/**
 * End to end, in Chromium, against the browser host in demo mode: a shop's Shift_JIS order file of 3,000 orders
 * (and one line that cannot be read) is picked in 受注CSVの取り込み — it crosses the browser host once, the import
 * worker reads and validates it, the preview counts 新規 3,000 and one rejected line — then 取り込む: the report
 * says what was imported and the list shows the new orders. A screenshot of the preview goes to test-results/.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { browserOrSkip } from './browser';
import { appInBrowser, screenshot } from './app';

const executable = browserOrSkip();
const ORDERS = 3_000;

function shopFile(): Buffer {
  const rows = [['注文番号', '受注日', '支払方法', 'お名前', '郵便番号', '住所', '電話番号', '商品名', '単価', '数量']];
  for (let i = 0; i < ORDERS; i++) {
    rows.push([String(80_000 + i), '2026/11/29 10:00', 'クレジットカード', '髙橋 花子', '1070052', `東京都港区赤坂1-2-3 赤坂ビル${100 + (i % 800)}`, `090${String(20_000_000 + i).slice(-8)}`, '有機緑茶 100g', '1,200', '1']);
  }
  rows.push(['83000', 'あした', 'クレジットカード', '山田 太郎', '1070052', '東京都港区赤坂1-2-3', '0312345678', '緑茶', '1000', '1']);
  return iconv.encode(rows.map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n') + '\r\n', 'cp932');
}

describe.skipIf(!executable)('受注CSVの取り込み in a browser (demo mode)', () => {
  const app = appInBrowser(executable!, { viewport: { width: 1440, height: 900 }, demoOrders: 20 });

  it('previews a Shift_JIS file of 3,000 orders, imports it, and the list shows them', { timeout: 120_000 }, async () => {
    await app.page.goto(app.sut.url);
    const before = (await app.sut.api.searchOrders({ limit: 1 })).total;
    await app.page.locator('[data-test="csv-import"]').click();
    await app.page.locator('[data-test="csv-import-file"] input[type="file"]').setInputFiles({ name: '受注.csv', mimeType: 'text/csv', buffer: shopFile() });

    const counts = app.page.locator('[data-test="csv-import-counts"]');
    await expect.poll(() => counts.textContent(), { timeout: 60_000 }).toContain(`新規 ${ORDERS.toLocaleString('ja-JP')}件`);
    expect(await counts.textContent()).toContain('取り込めない行 1行');
    expect(await app.page.locator('[data-test="csv-import-encoding"]').textContent()).toContain('Shift_JIS');
    expect(await app.page.locator('[data-test="csv-import-rejected"]').textContent()).toContain('受注日');
    await counts.scrollIntoViewIfNeeded();
    await screenshot(app.page, 'csv-import-preview.png');

    await app.page.locator('[data-test="csv-import-commit"]').click();
    const report = app.page.locator('[data-test="csv-import-report"]');
    await expect.poll(() => report.textContent(), { timeout: 60_000 }).toContain(`新規 ${ORDERS.toLocaleString('ja-JP')}件・更新 0件・変更なし 0件を取り込みました。`);

    const imported = await app.sut.api.searchOrders({ orderNo: { from: '80000', to: '82999' }, limit: 1 });
    expect(imported.total).toBe(ORDERS);
    expect((await app.sut.api.searchOrders({ limit: 1 })).total).toBe(before + ORDERS);
    await expect.poll(() => app.page.locator('[data-test="hits"]').textContent()).toContain((before + ORDERS).toLocaleString('ja-JP'));
    expect(app.errors).toEqual([]);
  });
});
