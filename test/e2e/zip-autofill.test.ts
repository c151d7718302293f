/**
 * End to end, in Chromium, against the browser host in demo mode (real core with Japan Post's zip data, real
 * SQLite, the embedded NP sandbox): 受注登録 — seven digits of 〒 fill 都道府県 + 市区町村 + 町域, staff type the
 * rest; an address whose 市区町村 disagrees with the zip code is warned about by name and not sent to NP; a real
 * 隠岐 address (refused by the old prefix table) is registered with NP. A screenshot goes to test-results/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { browserOrSkip, launchChromium } from './browser';
import { fillGoodsAndCarrier, newAppPage, screenshot, startApp, type AppUnderTest } from './app';

const executable = browserOrSkip();

describe.skipIf(!executable)('〒 → 住所 in a browser (demo mode)', () => {
  let sut: AppUnderTest;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    sut = await startApp({ demoOrders: 20 });
    browser = await launchChromium(executable!);
    page = await newAppPage(browser, pageErrors);
  });

  afterAll(async () => {
    await browser?.close();
    await sut?.stop();
  });

  const address = () => page.inputValue('input[name="customer.address"]');
  const zipWarning = () => page.locator('[data-field="customer.zip"] [data-test="np-warning"]');

  it('fills the address from the zip code, warns about a city that disagrees, and registers a real 隠岐 address', async () => {
    await page.goto(sut.url);
    await page.locator('[data-test="nav-create"]').click();
    await page.fill('input[name="orderNo"]', 'Z-0001');
    await page.fill('input[name="customer.name"]', '隠岐 花子');
    await page.fill('input[name="customer.kana"]', 'オキ ハナコ');
    await page.locator('input[name="customer.zip"]').pressSequentially('6850015');
    await expect.poll(address).toBe('島根県隠岐郡隠岐の島町港町');

    // a wrong city typed over it: the NP warning names the part (shown once staff try to register)
    await page.fill('input[name="customer.address"]', '島根県松江市港町1-2');
    await page.fill('input[name="customer.tel"]', '0851221234');
    await fillGoodsAndCarrier(page, '有機緑茶 100g', 3000);
    await page.locator('[data-test="create-submit"]').click();
    await expect.poll(() => zipWarning().textContent()).toBe('購入者の住所の市区町村が郵便番号〒685-0015（島根県隠岐郡隠岐の島町）と一致しません');
    await screenshot(page, 'zip-autofill-mismatch.png');
    expect((await sut.api.searchOrders({ limit: 100 })).rows.map((r) => r.orderNo)).not.toContain('Z-0001');

    // the address as Japan Post has it, then the rest typed by staff
    await page.fill('input[name="customer.address"]', '');
    await page.fill('input[name="customer.zip"]', '');
    await page.locator('input[name="customer.zip"]').pressSequentially('685-0015');
    await expect.poll(address).toBe('島根県隠岐郡隠岐の島町港町');
    await page.locator('input[name="customer.address"]').press('End');
    await page.locator('input[name="customer.address"]').pressSequentially('1-2');
    await expect.poll(() => zipWarning().count()).toBe(0);
    await page.locator('[data-test="create-submit"]').click();
    await expect.poll(() => page.locator('[data-test="dialog-order-no"]').textContent(), { timeout: 20_000 }).toBe('Z-0001');
    const created = (await sut.api.searchOrders({ limit: 100 })).rows.find((r) => r.orderNo === 'Z-0001')!;
    const detail = await sut.api.getOrder({ id: created.id });
    expect(detail.order.customer.address).toBe('島根県隠岐郡隠岐の島町港町1-2');
    expect(detail.np?.status).toBe('registering');
    expect(pageErrors).toEqual([]);
  });
});
