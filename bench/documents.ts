/**
 * 帳票: N 納品書 to PDF through the print view in headless Chromium (page.pdf, the engine Electron's printToPDF
 * uses): the time until every note is laid out with its fonts (the print view's ready title), the longest
 * main-thread task meanwhile (the page must not freeze: notes arrive 100 at a time and render a batch per frame),
 * and the time page.pdf takes. The store holds generated demo orders.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB_FILE } from '../electron/core/app/core';
import { silentLogger } from '../electron/core/app/logger';
import { openDatabase } from '../electron/core/db';
import { generateOrders } from '../electron/core/demo/generate';
import { createOrderRepository } from '../electron/core/orders';
import { startWebApp } from '../electron/web/app';
import { printViewHash } from '../shared/delivery-note';
import { findChromium, launchChromium } from '../test/helpers/chromium';
import { round } from './stats';
import type { BenchRow } from './types';

/** Collects the page's long tasks (> 50 ms) from its first script on. */
const LONG_TASKS = `window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });`;

export async function benchDocuments({ notes }: { notes: number }): Promise<BenchRow[]> {
  const executable = findChromium();
  if (!executable) return [{ name: `documents: ${notes} 納品書 to PDF`, value: Number.NaN, unit: 'ms', ok: false, detail: 'no Chromium found' }];
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-documents-'));
  const db = openDatabase(join(dataDir, DB_FILE));
  const now = Date.now();
  const ids = createOrderRepository(db).insertMany(generateOrders({ seed: 11, count: notes, now }), now);
  db.close();
  const app = await startWebApp({ dataDir, port: 0, launchSync: false, log: silentLogger });
  const browser = await launchChromium(executable);
  try {
    const page = await browser.newPage();
    await page.addInitScript(LONG_TASKS);
    const started = performance.now();
    await page.goto(`${app.host.origin}/print.html?token=${app.host.token}${printViewHash(ids, false)}`);
    await page.waitForSelector('.print-root[data-ready="true"]', { timeout: 600_000 });
    const readyMs = performance.now() - started;
    const longTasks = await page.evaluate<number[]>('window.__longTasks');
    const file = join(dataDir, 'notes.pdf');
    const pdfStarted = performance.now();
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
    const pdfMs = performance.now() - pdfStarted;
    const pages = Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    const longest = Math.max(0, ...longTasks);
    return [
      { name: `documents: ${notes} 納品書 laid out in the print view`, value: round(readyMs), unit: 'ms', detail: { longTasks: longTasks.length } },
      { name: `documents: longest main-thread task while ${notes} 納品書 load`, value: round(longest), unit: 'ms', target: 500, ok: longest < 500 },
      // ok: every note got its page (a note may take more than one).
      { name: `documents: ${notes} 納品書 to PDF (page.pdf)`, value: round(pdfMs), unit: 'ms', ok: pages >= notes, detail: { pages, totalMs: round(readyMs + pdfMs) } },
    ];
  } finally {
    await browser.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
