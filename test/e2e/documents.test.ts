/**
 * 帳票 end to end, in Chromium against the browser host (real core, real SQLite): ショップ情報 in 設定; the
 * list's 帳票 column — 「一括出力」 checks and 「帳票を一括出力」 open the 納品書 print view in a new tab, which
 * prints and marks the orders 出力済み; 「個別出力」; 「帳票出力」 in the edit dialog; the 帳票 filter (未出力 /
 * 出力済み); the 「送り状データ」 menu downloads the carrier's CP932 file. Screenshots go to test-results/.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOrSkip, launchChromium } from './browser';
import { screenshot, startApp, type AppUnderTest } from './app';
import { orderInput } from '../integration/documents/helpers';

const executable = browserOrSkip();

describe.skipIf(!executable)('帳票: 納品書 and 送り状データ in a browser', () => {
  let sut: AppUnderTest;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const ids = new Map<string, number>();

  beforeAll(async () => {
    sut = await startApp({ demoOrders: 0 });
    for (const no of ['8001', '8002', '8003', '8004']) {
      const d = await sut.api.createOrder({ order: orderInput(no, { paymentMethod: 'credit_card' }), registerWithNp: false });
      ids.set(no, d.order.id);
    }
    browser = await launchChromium(executable!);
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'ja-JP', acceptDownloads: true });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('frame-ancestors')) pageErrors.push(m.text());
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  const printedCell = (no: string) => page.locator(`[data-test="docs-printed-${no}"]`);
  const printedAt = async (no: string) => (await sut.api.searchOrders({ orderNo: { from: Number(no), to: Number(no) } })).rows[0]!.printedAt;

  /** Waits for the print tab a click opens, and for it to have printed and marked its orders. */
  async function printTab(click: () => Promise<void>): Promise<Page> {
    const [tab] = await Promise.all([page.context().waitForEvent('page', { timeout: 30_000 }), click()]);
    tab.on('pageerror', (e) => pageErrors.push(`print tab: ${e.message}`));
    await tab.waitForSelector('.print-root[data-ready="true"]', { timeout: 60_000 });
    await expect.poll(() => tab.locator('[data-test="print-status"]').textContent(), { timeout: 30_000 }).toContain('出力済みにしました');
    return tab;
  }

  it('shows the list with the 帳票 column', async () => {
    await page.goto(sut.url);
    await expect.poll(() => page.locator('[data-test="hits"]').textContent(), { timeout: 60_000 }).toBe('4件が該当しました。');
    expect(await page.locator('.el-table-v2__header-cell', { hasText: '帳票' }).count()).toBe(1);
    expect(await page.locator('[data-test="docs-cell"]').first().textContent()).toMatch(/一括出力\s*個別出力/u);
  });

  it('saves the ショップ情報 and the 挨拶文 in 設定', async () => {
    await page.locator('[data-test="nav-settings"]').click();
    const section = page.locator('[data-test="shop-settings"]');
    await section.locator('input[name="shop.name"]').fill('緑茶のみどり園');
    await section.locator('input[name="shop.zip"]').fill('420-0852');
    await section.locator('input[name="shop.address"]').fill('静岡県静岡市葵区紺屋町1-2');
    await section.locator('input[name="shop.tel"]').fill('054-212-3456');
    await section.locator('input[name="shop.invoiceNumber"]').fill('T123');
    await section.locator('[data-test="shop-save"]').click();
    await expect.poll(() => section.textContent()).toContain('登録番号は「T」＋13桁の数字で入力してください');
    await section.locator('input[name="shop.invoiceNumber"]').fill('T1234567890123');
    await section.locator('[data-test="shop-save"]').click();
    await expect.poll(async () => (await sut.api.getSettings(undefined)).shop).toEqual({
      name: '緑茶のみどり園',
      zip: '4200852',
      address: '静岡県静岡市葵区紺屋町1-2',
      tel: '0542123456',
      email: '',
      invoiceNumber: 'T1234567890123',
    });
    await page.locator('[data-test="nav-orders"]').click();
  });

  it('「一括出力」 checks and 「帳票を一括出力」 print the checked orders in a new tab and mark them 出力済み', async () => {
    await page.locator('[data-test="docs-check-8001"]').click();
    await page.locator('[data-test="docs-check-8003"]').click();
    await expect.poll(() => page.locator('[data-test="docs-bulk-output"]').textContent()).toContain('帳票を一括出力（2件）');
    const tab = await printTab(() => page.locator('[data-test="docs-bulk-output"]').click());
    const notes = await tab.locator('article.note').evaluateAll((els) => els.map((e) => e.getAttribute('data-order-no')));
    expect(notes.sort()).toEqual(['8001', '8003']);
    expect(await tab.locator('article.note').first().textContent()).toContain('緑茶のみどり園');
    await screenshot(tab, 'documents-print-tab.png');
    await tab.close();
    await expect.poll(() => printedCell('8001').count(), { timeout: 30_000 }).toBe(1);
    expect(await printedCell('8003').count()).toBe(1);
    expect(await printedCell('8002').count()).toBe(0);
    expect(await printedAt('8001')).toEqual(expect.any(Number));
    expect(await printedAt('8002')).toBeNull();
    await screenshot(page, 'documents-list.png');
  });

  it('「個別出力」 prints one order', async () => {
    const tab = await printTab(() => page.locator('[data-test="docs-single-8002"]').click());
    expect(await tab.locator('article.note').count()).toBe(1);
    await tab.close();
    await expect.poll(() => printedCell('8002').count(), { timeout: 30_000 }).toBe(1);
  });

  it('「帳票出力」 in the edit dialog prints that order', async () => {
    await page.locator('[data-test="edit-8004"]').click();
    const tab = await printTab(() => page.locator('[data-test="dialog-documents"]').click());
    expect(await tab.locator('article.note').getAttribute('data-order-no')).toBe('8004');
    await tab.close();
    await page.keyboard.press('Escape');
    await page.locator('[data-test="order-dialog"]').waitFor({ state: 'hidden' });
    expect(await printedAt('8004')).toEqual(expect.any(Number));
  });

  it('the 帳票 filter finds 未出力 and 出力済み orders', async () => {
    await sut.app.core.dispatch('createOrder', { order: orderInput('8005'), registerWithNp: false });
    // The 帳票 filter is one of the 「詳細な条件」 (the search form folds to the common filters).
    if (!(await page.locator('#search-more').isVisible())) await page.locator('[data-test="search-more"]').click();
    await page.locator('[data-test="print-status-unprinted"]').click();
    await page.locator('[data-test="search-submit"]').click();
    await expect.poll(() => page.locator('[data-test="hits"]').textContent()).toBe('1件が該当しました。');
    expect(await page.locator('[data-test="order-no"]').allTextContents()).toEqual(['8005']);
    await page.locator('[data-test="print-status-printed"]').click();
    await page.locator('[data-test="search-submit"]').click();
    await expect.poll(() => page.locator('[data-test="hits"]').textContent()).toBe('4件が該当しました。');
    await page.locator('[data-test="search-clear"]').click();
    await expect.poll(() => page.locator('[data-test="hits"]').textContent()).toBe('5件が該当しました。');
  });

  it('「送り状データ」 downloads the carrier’s file for the checked orders', async () => {
    await page.locator('[data-test="docs-check-8005"]').click();
    await page.locator('[data-test="docs-check-8001"]').click();
    await page.locator('[data-test="docs-carrier-menu"]').click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator('[data-test="docs-carrier-b2cloud"]:visible').click()]);
    expect(download.suggestedFilename()).toMatch(/^送り状_B2クラウド_\d{8}_\d{4}\.csv$/u);
    const text = iconv.decode(readFileSync((await download.path())!), 'cp932');
    const lines = text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^"お客様管理番号","送り状種類","クール区分","伝票番号","出荷予定日"/u);
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(['"8001"', '"8005"']);
    expect(lines[1]).toContain('"緑茶のみどり園"'); // ご依頼主 from 設定
  });

  it('logged no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
