/**
 * The app under test: the real browser host with the real core on a fresh temp data folder in demo mode
 * (embedded NP sandbox), plus small helpers — a typed call into the same dispatch table the page uses (to pick
 * orders in a given state) and the sandbox's admin prefix (faults).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startWebApp, type WebApp } from '../../electron/web/app';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import type { Api } from '../../shared/contract';

export interface AppUnderTest {
  app: WebApp;
  url: string;
  /** Calls the core exactly as the page does (through the dispatch table); throws on an error result. */
  api: Api;
  /** POST/GET on the sandbox's admin prefix. */
  admin(path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

export const RESULTS_DIR = resolve(import.meta.dirname, '..', '..', 'test-results');

export function resultsPath(name: string): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return join(RESULTS_DIR, name);
}

const ANIMATING = `document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity)`;

/**
 * Saves a screenshot under test-results/ once the page's finite animations (dialog fades) have finished.
 * Polls with page.evaluate: waitForFunction would poll through eval, which the page's CSP refuses.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 50 && (await page.evaluate<boolean>(ANIMATING)); i++) await page.waitForTimeout(100);
  await page.screenshot({ path: resultsPath(name) });
}

/** 受注登録: the first goods line with its price, and ヤマト運輸 when no default carrier filled 配送業者. */
export async function fillGoodsAndCarrier(page: Page, goods: string, unitPrice: number): Promise<void> {
  await page.fill('input[name="lines.0.name"]', goods);
  const price = page.locator('[data-line="0"] .el-input-number input').first();
  await price.fill(String(unitPrice));
  await price.blur();
  if (!(await page.locator('.el-select:has(input[name="carrierCode"]) .el-select__selected-item:not(.is-transparent)').count())) {
    await page.locator('.el-select:has(input[name="carrierCode"])').click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'ヤマト運輸' }).click();
  }
}

export async function startApp(opts: { demoOrders?: number } = {}): Promise<AppUnderTest> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atobarai-e2e-'));
  const app = await startWebApp({
    dataDir,
    demo: true,
    port: 0,
    demoOrders: opts.demoOrders,
    // A prebuilt renderer can be given for quick local runs; by default the host builds it when stale.
    staticDir: process.env.ATOBARAI_RENDERER_DIR || undefined,
  });
  const api = new Proxy({} as Api, {
    get: (_t, method: string) => async (input: unknown) => {
      const r = await app.core.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    },
  });
  const adminUrl = app.sandboxAdminUrl;
  if (!adminUrl) throw new Error('demo mode did not start the embedded sandbox');
  return {
    app,
    url: app.url,
    api,
    async admin(path, body) {
      const res = await fetch(`${adminUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`sandbox admin ${path}: HTTP ${res.status}`);
      return res.json();
    },
    async stop() {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Japanese page of the given size that collects page errors and console errors (CSP report notices aside). */
export async function openPage(browser: Browser, viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[] }> {
  const errors: string[] = [];
  const page = await browser.newPage({ viewport, locale: 'ja-JP' });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes('frame-ancestors')) errors.push(m.text());
  });
  return { page, errors };
}

/** The app in demo mode and a Japanese page in Chromium: started before the file's tests, stopped after them. */
export interface AppInBrowser {
  sut: AppUnderTest;
  browser: Browser;
  page: Page;
  /** Page errors and console errors collected so far (openPage). */
  errors: string[];
}

/** Registers the hooks that start and stop an AppInBrowser; its fields are set once the tests run. */
export function appInBrowser(executable: string, opts: { viewport: { width: number; height: number }; demoOrders?: number }): AppInBrowser {
  const app = {} as AppInBrowser;
  beforeAll(async () => {
    app.sut = await startApp({ demoOrders: opts.demoOrders });
    app.browser = await launchChromium(executable);
    Object.assign(app, await openPage(app.browser, opts.viewport));
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.sut?.stop();
  });
  return app;
}
