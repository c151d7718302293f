/**
 * Launch to first rows: the browser host over a store of N generated orders, headless Chromium.
 * Measures the time until the host answers (the store opened: once as after another program wrote the file, once
 * as a usual start after a clean close), the time from navigation to the first order rows painted (median of
 * several launches), whether End brings the list's last order on screen (its 注文番号 against the one the
 * contract lists last), and the renderer's JS heap after scrolling the list to its end (after a forced GC).
 */
import { linkSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB_FILE } from '../electron/core/app/core';
import { silentLogger } from '../electron/core/app/logger';
import { openDatabase } from '../electron/core/db';
import { refreshStatistics } from '../electron/core/db/statistics';
import { generateOrders } from '../electron/core/demo/generate';
import { createOrderRepository } from '../electron/core/orders';
import { startWebApp } from '../electron/web/app';
import { ensureRendererBuilt } from '../electron/web/renderer-build';
import { findChromium, launchChromium } from '../test/helpers/chromium';
import type { OrderSearchResult } from '../shared/search';
import { median, round } from './stats';
import { argValue } from './args';
import type { BenchRow } from './types';

/** A loaded row of the order list (rows still loading carry is-loading). */
export const ROW_SELECTOR = '[data-test="order-table"] .el-table-v2__row:not(.is-loading)';

function seedStore(dataDir: string, count: number): void {
  const db = openDatabase(join(dataDir, DB_FILE));
  const repo = createOrderRepository(db);
  const now = Date.now();
  repo.insertMany(generateOrders({ seed: 8, count, now }), now);
  refreshStatistics(db); // as every bulk write ends
  db.close();
}

export interface BenchLaunchOptions {
  count: number;
  launches?: number;
  /** An existing store to launch over (bench/store.ts --db builds one) instead of seeding `count` orders: linked, not copied. */
  db?: string;
}

export async function benchLaunch({ count: seeded, launches = 3, db }: BenchLaunchOptions): Promise<BenchRow[]> {
  const executable = findChromium();
  if (!executable) return [{ name: 'launch: first rows', value: Number.NaN, unit: 'ms', target: 1000, ok: false, detail: 'no Chromium found' }];
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-launch-'));
  if (db) linkSync(db, join(dataDir, DB_FILE));
  else seedStore(dataDir, seeded);
  const staticDir = await ensureRendererBuilt();
  const start = () => startWebApp({ dataDir, staticDir, port: 0, launchSync: false, log: silentLogger });
  // Until the host answers: the lock, the launch backup, opening the store. First as after another program wrote
  // the file (no seal of a clean close: the full check; the day's first backup), then as every later start.
  let t = performance.now();
  let app = await start();
  const firstStartMs = performance.now() - t;
  await app.stop();
  t = performance.now();
  app = await start();
  const usualStartMs = performance.now() - t;
  const total = (await app.core.dispatch('searchOrders', { limit: 1 })) as { ok: boolean; value?: OrderSearchResult };
  const count = total.value?.total ?? seeded;
  const browser = await launchChromium(executable);
  try {
    const firstRows: number[] = [];
    let heapMb = Number.NaN;
    let rowsSeen = 0;
    let end: { shown: string | null; expected: string | undefined } = { shown: null, expected: undefined };
    for (let i = 0; i < launches; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(app.url, { waitUntil: 'commit' });
      await page.waitForSelector(ROW_SELECTOR, { timeout: 60_000 });
      // performance.now() counts from the navigation start; the next frame is when the rows are painted.
      firstRows.push(await page.evaluate<number>('new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))'));
      if (i === launches - 1) {
        end = await pressEnd(page, app);
        rowsSeen = await scrollToEnd(page);
        const cdp = await context.newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
        heapMb = usage.usedSize / (1024 * 1024);
      }
      await context.close();
    }
    const first = median(firstRows);
    return [
      {
        name: `launch: the store opened, first start after another program wrote it (full check, the day's backup; ${count} orders)`,
        value: round(firstStartMs),
        unit: 'ms',
      },
      { name: `launch: the store opened, usual start (after a clean close, backup already written today; ${count} orders)`, value: round(usualStartMs), unit: 'ms', target: 1000, ok: usualStartMs < 1000 },
      { name: `launch: navigation to first rows (${count} orders)`, value: round(first), unit: 'ms', target: 1000, ok: first < 1000, detail: { samples: firstRows.map(round) } },
      {
        name: `launch: End shows the list's last order (${count} orders)`,
        value: end.shown !== null && end.shown === end.expected ? 1 : 0,
        unit: 'yes/no',
        target: 1,
        ok: end.shown !== null && end.shown === end.expected,
        detail: { shownOrderNo: end.shown, lastOrderNoOfContract: end.expected },
      },
      { name: `launch: renderer JS heap after scrolling to the end (${count} orders)`, value: round(heapMb), unit: 'MB', target: 150, ok: heapMb < 150, detail: { lastRowReached: rowsSeen } },
    ];
  } finally {
    await browser.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Presses End in the list; the 注文番号 of the current row once loaded, and the contract's last order. */
async function pressEnd(page: import('playwright-core').Page, app: Awaited<ReturnType<typeof startWebApp>>): Promise<{ shown: string | null; expected: string | undefined }> {
  const first = (await app.core.dispatch('searchOrders', { limit: 1 })) as { ok: boolean; value?: OrderSearchResult };
  const total = first.value?.total ?? 0;
  const last = (await app.core.dispatch('searchOrders', { offset: Math.max(0, total - 1), limit: 1 })) as { ok: boolean; value?: OrderSearchResult };
  await page.locator('[data-test="order-table"]').focus();
  await page.keyboard.press('End');
  const current = page.locator('[data-test="order-table"] .el-table-v2__row.is-current:not(.is-loading) [data-test="order-no"]');
  try {
    await current.waitFor({ timeout: 30_000 });
    return { shown: await current.textContent(), expected: last.value?.rows[0]?.orderNo };
  } catch {
    return { shown: null, expected: last.value?.rows[0]?.orderNo };
  }
}

/**
 * Scrolls the virtual list down in screen-sized steps to its end, like a user dragging the scrollbar, and
 * waits for the last rows to load; returns how many rows were loaded in the last screen.
 */
async function scrollToEnd(page: import('playwright-core').Page): Promise<number> {
  const body = page.locator('[data-test="order-table"] .el-table-v2__body').first();
  for (let step = 0; step < 60; step++) {
    const atEnd = await body.evaluate((el) => {
      el.scrollTop = Math.min(el.scrollTop + el.scrollHeight / 50, el.scrollHeight);
      el.dispatchEvent(new Event('scroll'));
      return el.scrollTop + el.clientHeight >= el.scrollHeight - 2;
    });
    await page.waitForTimeout(40);
    if (atEnd) break;
  }
  // Polled with evaluate: waitForFunction compiles its predicate with eval, which the app's CSP refuses.
  const loading = `document.querySelectorAll('[data-test="order-table"] .el-table-v2__row.is-loading').length`;
  for (let i = 0; i < 300 && (await page.evaluate<number>(loading)) > 0; i++) await page.waitForTimeout(100);
  return page.locator(ROW_SELECTOR).count();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(argValue('--count')) || 100_000;
  benchLaunch({ count, db: argValue('--db') }).then((rows) => console.table(rows), (e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
