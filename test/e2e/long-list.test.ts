/**
 * A list longer than Chromium can lay out (its elements stop near 33.5 million px: 699,050 rows of 48 px) in the
 * real UI over a real SQLite file of 720,000 orders: End shows the list's last order (the one the contract lists
 * last), Home the first, and the scrollbar maps to the whole list — its thumb at the bottom shows the last order,
 * at the middle the middle of the list. The orders are written by one INSERT … SELECT (a generated store would
 * take minutes); their order numbers follow their order dates, so a list index gives the expected 注文番号.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DB_FILE } from '../../electron/core/app/core';
import { silentLogger } from '../../electron/core/app/logger';
import { openDatabase } from '../../electron/core/db';
import { startWebApp, type WebApp } from '../../electron/web/app';
import type { OrderSearchResult } from '../../shared/search';
import { browserOrSkip, launchChromium } from './browser';
import { screenshot } from './app';

const executable = browserOrSkip();
const COUNT = 720_000;
const CHROMIUM_MAX_PX = 33_554_428;
const FIRST_NO = 10_001;
/** Newest first (the list's default sort): list index i holds order FIRST_NO + COUNT − 1 − i. */
const orderNoAt = (index: number) => FIRST_NO + COUNT - 1 - index;

function fillStore(file: string): void {
  const db = openDatabase(file);
  const base = Date.UTC(2020, 0, 1);
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1)
     INSERT INTO orders (order_no, order_no_num, ordered_at, created_at, updated_at, status, payment_method, invoice_type, total, shipping_fee, fee, discount,
       customer_name, customer_kana, customer_company, customer_department, customer_zip, customer_address, customer_tel, customer_email, customer_gender,
       key_name, key_kana, key_email, key_tel, key_goods, buyer_key, has_note)
     SELECT CAST(? + i AS TEXT), ? + i, ? + i * 60000, ? + i * 60000, ? + i * 60000, 'new', 'cod', 'separate', 1000, 0, 0, 0,
       '顧客' || i, 'コキャク', '', '', '1000001', '東京都千代田区', '0312345678', '', 'unknown',
       '顧客' || i, 'こきゃく', '', '0312345678', '', 't:' || i, 0 FROM n`,
  ).run(COUNT, BigInt(FIRST_NO), BigInt(FIRST_NO), base, base, base);
  db.close();
}

const TABLE = '[data-test="order-table"]';
const LOADING = `document.querySelectorAll('${TABLE} .el-table-v2__row.is-loading').length`;

/** The 注文番号 of the rows fully inside the table body, top to bottom, once none is loading. */
async function rowsOnScreen(page: Page): Promise<number[]> {
  // Polled with evaluate: waitForFunction compiles its predicate with eval, which the app's CSP refuses.
  for (let i = 0; i < 200 && (await page.evaluate<number>(LOADING)) > 0; i++) await page.waitForTimeout(100);
  await page.waitForTimeout(100);
  return page.evaluate<number[]>(`(() => {
    const body = document.querySelector('${TABLE} .el-table-v2__body').getBoundingClientRect();
    return [...document.querySelectorAll('${TABLE} .el-table-v2__row')]
      .map((row) => ({ r: row.getBoundingClientRect(), no: row.querySelector('[data-test="order-no"]')?.textContent }))
      .filter(({ r, no }) => no && r.top >= body.top - 1 && r.bottom <= body.bottom + 1)
      .sort((a, b) => a.r.top - b.r.top)
      .map(({ no }) => Number(no));
  })()`);
}

describe.skipIf(!executable)('an order list longer than the browser can lay out', () => {
  let dataDir: string;
  let app: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'atobarai-e2e-long-'));
    fillStore(join(dataDir, DB_FILE));
    app = await startWebApp({ dataDir, port: 0, launchSync: false, log: silentLogger, staticDir: process.env.ATOBARAI_RENDERER_DIR || undefined });
    browser = await launchChromium(executable!);
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ja-JP' });
    await page.goto(app.url);
    await page.waitForSelector(`${TABLE} .el-table-v2__row:not(.is-loading)`, { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is longer than Chromium lays out, and the table stays within that limit', async () => {
    expect(COUNT * 48).toBeGreaterThan(CHROMIUM_MAX_PX);
    // The virtual table's window is the element with the largest scrollHeight: the laid-out height of all its rows.
    const inner = await page.evaluate<number>(`Math.max(...[...document.querySelectorAll('${TABLE} *')].map((el) => el.scrollHeight))`);
    expect(inner).toBeGreaterThan(1_000_000);
    expect(inner).toBeLessThan(CHROMIUM_MAX_PX);
    expect(await rowsOnScreen(page)).toContain(orderNoAt(0));
  });

  it('End shows the last order of the list (the one the contract lists last), Home the first', async () => {
    const last = (await app.core.dispatch('searchOrders', { offset: COUNT - 1, limit: 1 })) as { ok: true; value: OrderSearchResult };
    expect(last.value.total).toBe(COUNT);
    const lastNo = Number(last.value.rows[0]?.orderNo);
    expect(lastNo).toBe(orderNoAt(COUNT - 1));

    await page.locator(TABLE).focus();
    await page.keyboard.press('End');
    const atEnd = await rowsOnScreen(page);
    expect(atEnd.at(-1)).toBe(lastNo);
    expect(await page.locator(`${TABLE} .el-table-v2__row.is-current [data-test="order-no"]`).textContent()).toBe(String(lastNo));
    await screenshot(page, 'long-list-end.png');

    // ↑ and PageUp move from there (a screen of rows up), and the current row stays on screen.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('PageUp');
    const up = await rowsOnScreen(page);
    const current = Number(await page.locator(`${TABLE} .el-table-v2__row.is-current [data-test="order-no"]`).textContent());
    expect(current).toBeGreaterThan(lastNo + 2);
    expect(up).toContain(current);

    await page.keyboard.press('Home');
    expect((await rowsOnScreen(page))[0]).toBe(orderNoAt(0));
  });

  it('the scrollbar maps to the whole list: thumb at the bottom shows the last order, at the middle the middle', async () => {
    const track = page.locator(`${TABLE} .el-virtual-scrollbar`).filter({ has: page.locator('.el-scrollbar__thumb') });
    // The vertical bar is the tall one.
    const bars = await track.evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height })));
    const bar = bars.find((r) => r.height > r.width);
    expect(bar).toBeDefined();
    const thumb = page.locator(`${TABLE} .el-virtual-scrollbar .el-scrollbar__thumb`).nth(bars.indexOf(bar!));
    const drag = async (toY: number) => {
      const box = (await thumb.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width / 2, toY, { steps: 8 });
      await page.mouse.up();
    };

    await drag(bar!.y + bar!.height + 100);
    const bottom = await rowsOnScreen(page);
    expect(bottom.at(-1)).toBe(orderNoAt(COUNT - 1));

    await drag(bar!.y + bar!.height / 2);
    const middle = await rowsOnScreen(page);
    const index = FIRST_NO + COUNT - 1 - middle[0]!;
    // One pixel of the track is ~900 rows: the middle within 2% of the list.
    expect(Math.abs(index - COUNT / 2)).toBeLessThan(COUNT * 0.02);
    await screenshot(page, 'long-list-middle.png');
  });
});
