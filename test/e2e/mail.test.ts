/**
 * メール end to end, in Chromium, against the browser host in demo mode (real core, real SQLite, the demo's
 * in-process SMTP server over real sockets): three shipped orders ticked 「一括通知」 in the メール column →
 * 「メールを一括通知」 → 発送のお知らせ previewed → sent → progress and per-order results → the mails arrived
 * (parsed back by the demo server) with the order's slip number and tracking page → the デモ受信箱 shows them →
 * sending again asks first → the edit dialog's メール tab shows the history. Screenshots go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { trackingUrl } from '../../shared/mail/tracking';
import type { Order } from '../../shared/order';
import { browserOrSkip, launchChromium } from './browser';
import { screenshot, startApp, type AppUnderTest } from './app';

const executable = browserOrSkip();

describe.skipIf(!executable)('メール in a browser (demo mode)', () => {
  let sut: AppUnderTest;
  let browser: Browser;
  let page: Page;
  let shipped: Order[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sut = await startApp();
    await sut.api.mailSetSettings({ fromName: 'やまと茶舗', fromAddress: 'shop@yamato-cha.example.jp', sendIntervalMs: 200 });
    const page1 = await sut.api.searchOrders({ statuses: ['shipped'], limit: 200 });
    const details = await Promise.all(page1.rows.filter((r) => /^\d+$/u.test(r.orderNo)).map((r) => sut.api.getOrder({ id: r.id })));
    shipped = details.map((d) => d.order).filter((o) => o.customer.email && o.slipNo && trackingUrl(o.carrierCode, o.slipNo)).slice(0, 3);
    expect(shipped).toHaveLength(3);
    browser = await launchChromium(executable!);
    page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'ja-JP' });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('frame-ancestors')) pageErrors.push(m.text());
    });
    await page.goto(sut.url);
    await page.locator('[data-test="order-table"]').waitFor();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  async function search(orderNo: string): Promise<void> {
    await page.getByRole('button', { name: '条件をクリア' }).click();
    await page.fill('input[name="orderNoFrom"]', orderNo);
    await page.fill('input[name="orderNoTo"]', orderNo);
    await page.locator('input[name="name"]').press('Enter');
    await expect.poll(() => page.locator('[data-test="order-no"]').allTextContents()).toEqual([orderNo]);
  }

  it('sends 発送のお知らせ to three shipped orders ticked 「一括通知」, with progress and per-order results', async () => {
    for (const o of shipped) {
      await search(o.orderNo);
      await page.locator('[data-test="mail-notify"]').first().click();
    }
    await expect.poll(() => page.locator('[data-test="mail-bulk"]').textContent()).toContain('（3）');
    await page.locator('[data-test="mail-bulk"]').click();
    const dialog = page.locator('[data-test="mail-send-dialog"]');
    await dialog.waitFor();
    await page.locator('[data-test="mail-template-shipped"]').click();
    await expect.poll(() => dialog.locator('[data-test="mail-preview-subject"]').textContent()).toBe(`【やまと茶舗】商品発送のお知らせ（注文番号：${shipped[0]!.orderNo}）`);
    expect(await dialog.locator('[data-test="mail-preview"]').textContent()).toContain(shipped[0]!.slipNo);
    await screenshot(page, 'mail-bulk-preview.png');
    await dialog.locator('[data-test="mail-send"]').click();
    await expect.poll(() => dialog.locator('[data-test="mail-progress-text"]').textContent(), { timeout: 20_000 }).toBe('3件中 3件 完了');
    const results = await dialog.locator('[data-test="mail-results"] .el-table__row').allTextContents();
    expect(results).toHaveLength(3);
    for (const o of shipped) expect(results.find((r) => r.includes(o.orderNo))).toContain('送信済み');
    await screenshot(page, 'mail-bulk-result.png');
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => page.locator('[data-test="mail-bulk"]').textContent()).not.toContain('（');

    // What arrived at the demo's SMTP server, parsed back: one mail per order, filled in.
    const inbox = await sut.api.mailInbox(undefined);
    expect(inbox).toHaveLength(3);
    for (const o of shipped) {
      const got = inbox.filter((m) => m.subject.includes(o.orderNo));
      expect(got, o.orderNo).toHaveLength(1);
      expect(got[0]!.to).toContain(o.customer.email);
      expect(got[0]!.text).toContain(`${o.customer.name} 様`);
      expect(got[0]!.text).toContain(trackingUrl(o.carrierCode, o.slipNo)!);
      expect(got[0]!.headers).toMatch(/^Subject: =\?UTF-8\?/mu);
    }
    // The メール column shows the last mail.
    await search(shipped[1]!.orderNo);
    await expect.poll(() => page.locator('[data-test="mail-last"]').first().textContent()).toContain('発送のお知らせ');
    await screenshot(page, 'mail-column.png');
  });

  it('asks before sending the same mail again (個別通知), and staff can decline', async () => {
    const o = shipped[1]!;
    await page.locator(`[data-test="mail-individual-${o.orderNo}"]`).click();
    const dialog = page.locator('[data-test="mail-send-dialog"]');
    await dialog.waitFor();
    await page.locator('[data-test="mail-template-shipped"]').click();
    await dialog.locator('[data-test="mail-send"]').click();
    const box = page.locator('.el-message-box');
    await box.waitFor();
    expect(await box.textContent()).toContain('送信済み');
    await box.getByRole('button', { name: '送らない' }).click();
    await expect.poll(() => dialog.locator('[data-test="mail-results"]').textContent()).toContain('送らなかった');
    await dialog.getByRole('button', { name: '閉じる' }).click();
    expect(await sut.api.mailInbox(undefined)).toHaveLength(3);
  });

  it('shows the order\'s mail history in the edit dialog\'s メール tab', async () => {
    const o = shipped[1]!;
    await page.locator(`[data-test="edit-${o.orderNo}"]`).click();
    await page.locator('[data-test="order-dialog"]').waitFor();
    await page.getByRole('tab', { name: 'メール' }).click();
    await expect.poll(() => page.locator('[data-test="order-mail-state"]').allTextContents()).toEqual(['送信済み']);
    await screenshot(page, 'mail-order-tab.png');
    await page.keyboard.press('Escape');
    await page.locator('[data-test="order-dialog"]').waitFor({ state: 'hidden' });
  });

  it('reads the mails in the デモ受信箱 (設定 → メール)', async () => {
    await page.getByRole('button', { name: '設定' }).click();
    await page.locator('[data-test="mail-settings"]').waitFor();
    await page.locator('[data-test="open-demo-inbox"]').click();
    const inbox = page.locator('[data-test="demo-inbox"]');
    await expect.poll(() => inbox.locator('.el-table__row').count()).toBe(3);
    expect(await inbox.locator('[data-test="demo-inbox-message"]').textContent()).toContain('商品発送のお知らせ');
    await screenshot(page, 'mail-demo-inbox.png');
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
