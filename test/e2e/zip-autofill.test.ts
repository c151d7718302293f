/**
 * End to end, in Chromium, against the browser host in demo mode (real core with Japan Post's zip data, real
 * SQLite, the embedded NP sandbox): 受注登録 — seven digits of 〒 fill 都道府県 + 市区町村 + 町域, staff type the
 * rest; an address whose 市区町村 disagrees with the zip code is warned about by name and not sent to NP; a real
 * 隠岐 address (refused by the old prefix table) is registered with NP. A screenshot goes to test-results/.
 */
import { describe, expect, it } from 'vitest';
import { browserOrSkip } from './browser';
import { appInBrowser, fillGoodsAndCarrier, screenshot } from './app';

const executable = browserOrSkip();

describe.skipIf(!executable)('〒 → 住所 in a browser (demo mode)', () => {
  const app = appInBrowser(executable!, { viewport: { width: 1440, height: 900 }, demoOrders: 20 });

  const address = () => app.page.inputValue('input[name="customer.address"]');
  const zipWarning = () => app.page.locator('[data-field="customer.zip"] [data-test="np-warning"]');

  it('fills the address from the zip code, warns about a city that disagrees, and registers a real 隠岐 address', async () => {
    await app.page.goto(app.sut.url);
    await app.page.locator('[data-test="nav-create"]').click();
    await app.page.fill('input[name="orderNo"]', 'Z-0001');
    await app.page.fill('input[name="customer.name"]', '隠岐 花子');
    await app.page.fill('input[name="customer.kana"]', 'オキ ハナコ');
    await app.page.locator('input[name="customer.zip"]').pressSequentially('6850015');
    await expect.poll(address).toBe('島根県隠岐郡隠岐の島町港町');

    // a wrong city typed over it: the NP warning names the part (shown once staff try to register)
    await app.page.fill('input[name="customer.address"]', '島根県松江市港町1-2');
    await app.page.fill('input[name="customer.tel"]', '0851221234');
    await fillGoodsAndCarrier(app.page, '有機緑茶 100g', 3000);
    await app.page.locator('[data-test="create-submit"]').click();
    await expect.poll(() => zipWarning().textContent()).toBe('購入者の住所の市区町村が郵便番号〒685-0015（島根県隠岐郡隠岐の島町）と一致しません');
    await screenshot(app.page, 'zip-autofill-mismatch.png');
    expect((await app.sut.api.searchOrders({ limit: 100 })).rows.map((r) => r.orderNo)).not.toContain('Z-0001');

    // the address as Japan Post has it, then the rest typed by staff
    await app.page.fill('input[name="customer.address"]', '');
    await app.page.fill('input[name="customer.zip"]', '');
    await app.page.locator('input[name="customer.zip"]').pressSequentially('685-0015');
    await expect.poll(address).toBe('島根県隠岐郡隠岐の島町港町');
    await app.page.locator('input[name="customer.address"]').press('End');
    await app.page.locator('input[name="customer.address"]').pressSequentially('1-2');
    await expect.poll(() => zipWarning().count()).toBe(0);
    await app.page.locator('[data-test="create-submit"]').click();
    await expect.poll(() => app.page.locator('[data-test="dialog-order-no"]').textContent(), { timeout: 20_000 }).toBe('Z-0001');
    const created = (await app.sut.api.searchOrders({ limit: 100 })).rows.find((r) => r.orderNo === 'Z-0001')!;
    const detail = await app.sut.api.getOrder({ id: created.id });
    expect(detail.order.customer.address).toBe('島根県隠岐郡隠岐の島町港町1-2');
    expect(detail.np?.status).toBe('registering');
    expect(app.errors).toEqual([]);
  });
});
