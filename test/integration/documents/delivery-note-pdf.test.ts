/**
 * The 納品書 print view in Chromium, printed with Playwright's page.pdf() (the print engine Electron's
 * printToPDF uses) and read back with poppler's pdfinfo / pdftotext: one A4 page per short order with its
 * 注文番号, buyer, goods and 合計; a long order spans pages under its repeated header; the 税率ごとの内訳;
 * the NP note per 請求書区分; the shop block from 設定.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../../../electron/web/app';
import { printViewHash, taxBreakdown } from '../../../shared/delivery-note';
import type { OrderInput } from '../../../shared/order';
import { findChromium, launchChromium } from '../../helpers/chromium';
import { resultsPath } from '../../e2e/app';
import { COD, LONG, SHOP, SHORT_BUNDLED, SHORT_SEPARATE } from './helpers';

const chromiumPath = findChromium();
const dir = mkdtempSync(join(tmpdir(), 'atobarai-notes-'));
let app: WebApp;
let browser: Browser;
const ids = new Map<string, number>();

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await app.core.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** The PDF of the print view for these orders, as one text per page. */
async function printPages(orderNos: string[], name: string): Promise<string[]> {
  const page = await browser.newPage();
  const hash = printViewHash(orderNos.map((n) => ids.get(n)!), false);
  await page.goto(`${app.host.origin}/print.html?token=${app.host.token}${hash}`);
  await page.waitForSelector('.print-root[data-ready="true"]', { timeout: 60_000 });
  expect(await page.title()).toBe(`納品書（${orderNos.length}件）`);
  const file = resultsPath(`delivery-notes-${name}.pdf`); // kept under test-results/ to look at
  await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true });
  await page.close();
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 841(\.\d+)? pts \(A4\)/u);
  const pages = Number(/Pages:\s+(\d+)/u.exec(info)?.[1]);
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-layout', file, '-'], { encoding: 'utf8' }));
}

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;
const total = (o: OrderInput) => o.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0) + o.shippingFee + o.fee - o.discount;
/** pdftotext -layout keeps the words but may space them out: compare without spaces. */
const squash = (s: string) => s.replace(/\s+/gu, '');

describe.skipIf(!chromiumPath)('納品書 print view → PDF', () => {
  beforeAll(async () => {
    app = await startWebApp({ dataDir: dir, demo: false, launchSync: false });
    await call('setSettings', { shop: SHOP, deliveryNoteGreeting: 'いつもありがとうございます。\nまたのご利用をお待ちしております。' });
    for (const o of [SHORT_SEPARATE, SHORT_BUNDLED, LONG, COD]) {
      const d = await call<{ order: { id: number } }>('createOrder', { order: o, registerWithNp: false });
      ids.set(o.orderNo, d.order.id);
    }
    browser = await launchChromium(chromiumPath!);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints one A4 page per short order with its 注文番号, buyer, goods, 合計 and the shop block', async () => {
    const pages = await printPages(['5001', '5002', '5004'], 'short');
    expect(pages).toHaveLength(3);
    const [a, b, c] = pages.map(squash) as [string, string, string];
    expect(a).toContain('納品書');
    expect(a).toContain('注文番号5001');
    expect(a).toContain('山田太郎様');
    expect(a).toContain('煎茶100g');
    expect(a).toContain('急須（常滑焼）');
    expect(a).toContain(`合計${yen(total(SHORT_SEPARATE))}`);
    expect(a).toContain('〒107-0052');
    expect(a).toContain('TEL03-1234-5678'); // hyphenated
    for (const text of [SHOP.name, '〒420-0852', 'TEL054-212-3456', SHOP.email, '登録番号T1234567890123']) expect(a).toContain(squash(text));
    expect(a).toContain('いつもありがとうございます。');
    expect(b).toContain('注文番号5002');
    expect(b).toContain('佐藤花子様');
    expect(b).toContain('TEL090-1234-5678');
    expect(b).toContain(`合計${yen(total(SHORT_BUNDLED))}`);
    expect(c).toContain('注文番号5004');
    expect(c).toContain('お届け先');
    expect(c).toContain('株式会社すずき商店総務部鈴木一郎様');
    expect(c).toContain(`合計${yen(total(COD))}`);
    for (const p of [b, c]) expect(p).not.toContain('5001');
  }, 120_000);

  it('shows the 税率ごとの内訳 (10%対象 / 8%対象 ※軽減税率) with the tax each contains', async () => {
    const [a, b] = (await printPages(['5001', '5002'], 'tax')).map(squash) as [string, string];
    const buckets = taxBreakdown(SHORT_SEPARATE);
    expect(buckets.map((x) => x.rate)).toEqual([10, 8]);
    expect(buckets.reduce((s, x) => s + x.amount, 0)).toBe(total(SHORT_SEPARATE));
    for (const x of buckets) {
      expect(a).toContain(squash(`${x.rate === 8 ? '8%対象 ※軽減税率' : '10%対象'}${yen(x.amount)}（内消費税 ${yen(x.tax)}）`));
    }
    expect(a).toContain('※印は軽減税率（8%）対象商品です。');
    expect(b).toContain(squash(`10%対象${yen(total(SHORT_BUNDLED))}`));
    expect(b).not.toContain('8%対象');
  }, 120_000);

  it('puts the NP後払い note for 別送 and 同梱, and none for other payment methods', async () => {
    const [a, b, c] = (await printPages(['5001', '5002', '5004'], 'np')).map(squash) as [string, string, string];
    expect(a).toContain('請求書は商品とは別に郵送でお届けします');
    expect(a).not.toContain('請求書はこの荷物に同封');
    expect(b).toContain('請求書はこの荷物に同封しております');
    expect(b).toContain('同梱物：NP後払い請求書'); // what the packer puts in
    expect(a).not.toContain('同梱物');
    expect(b).not.toContain('別に郵送');
    expect(c).not.toContain('NP後払い');
  }, 120_000);

  it('continues a long order on the next pages under its repeated header', async () => {
    const pages = (await printPages(['5002', '5003', '5004'], 'long')).map(squash);
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const longPages = pages.filter((p) => p.includes('注文番号5003'));
    expect(longPages.length).toBe(pages.length - 2); // every page of the long order names it
    for (const p of longPages) expect(p).toMatch(/商品名単価（税込）数量小計/u);
    const body = longPages.join('');
    for (let i = 1; i <= 70; i++) expect(body).toContain(`茶葉詰め合わせNo.${i}`);
    expect(longPages.at(-1)).toContain(`合計${yen(total(LONG))}`);
    expect(pages[0]).toContain('注文番号5002');
    expect(pages.at(-1)).toContain('注文番号5004');
  }, 120_000);
});
