/**
 * 〒 → 住所 in 受注登録 and 受注情報の編集: seven digits fill 都道府県 + 市区町村 + 町域 from Japan Post's data (the
 * core's lookupZip handler, real data, through the in-memory contract), without overwriting an address staff
 * typed; the NP warning names the part of the address that disagrees with the zip code.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { OrderDetail } from '../../shared/contract';
import OrderCreateView from '../../renderer/src/features/order-edit/OrderCreateView.vue';
import OrderEditDialog from '../../renderer/src/features/order-edit/OrderEditDialog.vue';
import { resetZipEntries } from '../../renderer/src/composables/use-zip-address';
import { useAppStore } from '../../renderer/src/stores/app';
import { zipHandlers } from '../../electron/core/app/handlers/zip';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';
import { DatePickerStub } from './stubs';
import { npInfo } from './np-info';
import { sampleOrder } from './sample-order';

const input = (name: string): HTMLInputElement => {
  const el = document.body.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!el) throw new Error(`no input ${name}`);
  return el;
};

async function type(name: string, value: string): Promise<void> {
  const el = input(name);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await nextTick();
  await settle(6);
}

const warningOf = (field: string) => document.body.querySelector(`[data-field="${field}"] [data-test="np-warning"]`)?.textContent?.trim() ?? '';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
  resetZipEntries();
  useAppStore().settings = { environment: 'sandbox', defaultCarrierCode: '59010', autoRefreshMinutes: 15, csvEncoding: 'cp932', creditLimit: 55_000, siteName: '', npHistoryRetentionMonths: 13, shop: { name: '', zip: '', address: '', tel: '', email: '' }, deliveryNoteGreeting: '' };
});

// Each test types several codes into a full form: more than the default 5 s on a loaded machine.
describe('〒 → 住所 auto-fill', { timeout: 30_000 }, () => {
  it('受注登録: seven digits fill 都道府県 + 市区町村 + 町域; staff type the rest; a new zip replaces only what was filled', async () => {
    const t = useMemoryTransport({ ...zipHandlers() });
    mountApp(OrderCreateView, { global: { stubs: { ElDatePicker: DatePickerStub } } });
    await type('customer.zip', '685-001'); // six digits: nothing yet
    expect(input('customer.address').value).toBe('');
    await type('customer.zip', '685-0015');
    expect(input('customer.address').value).toBe('島根県隠岐郡隠岐の島町港町');
    await type('customer.zip', '１０７００５２'); // full-width, as typed with the IME on
    expect(input('customer.address').value).toBe('東京都港区赤坂');
    await type('customer.address', '東京都港区赤坂1-2-3 赤坂ハイツ101');
    await type('customer.zip', '5300001');
    expect(input('customer.address').value).toBe('東京都港区赤坂1-2-3 赤坂ハイツ101'); // typed by staff: kept
    expect(t.calls.filter((c) => c.method === 'lookupZip').map((c) => c.input)).toEqual([{ zip: '6850015' }, { zip: '1070052' }, { zip: '5300001' }]);
  });

  it('says when a zip code is not in Japan Post’s data, and offers the 町域 when a code has several', async () => {
    useMemoryTransport({ ...zipHandlers() });
    mountApp(OrderCreateView, { global: { stubs: { ElDatePicker: DatePickerStub } } });
    await type('customer.zip', '0000000');
    expect(document.body.querySelector('[data-test="zip-unknown"]')?.textContent).toContain('日本郵便のデータにありません');
    expect(input('customer.address').value).toBe('');
    await type('customer.zip', '0600000'); // 札幌市中央区: one code, no 町域
    expect(input('customer.address').value).toBe('北海道札幌市中央区');
    await type('customer.zip', '4150533'); // 南伊豆町: 立岩, 妻良, 吉田 share the code
    expect(input('customer.address').value).toBe('静岡県賀茂郡南伊豆町');
    const towns = [...document.body.querySelectorAll<HTMLButtonElement>('[data-test="zip-towns"] button')];
    expect(towns.map((b) => b.textContent?.trim())).toEqual(['賀茂郡南伊豆町立岩', '賀茂郡南伊豆町妻良', '賀茂郡南伊豆町吉田']);
    towns[1]!.click();
    await settle(3);
    expect(input('customer.address').value).toBe('静岡県賀茂郡南伊豆町妻良');
  });

  it('受注情報の編集: opening an order fills nothing; the zip ↔ address warning names the part that disagrees', async () => {
    const order = sampleOrder({ customer: { ...sampleOrder().customer, zip: '1070052', address: '東京都新宿区赤坂1-2-3' } });
    const detail: OrderDetail = { order, np: npInfo(null), purchaseCount: 1 };
    useMemoryTransport({ ...zipHandlers(), getOrder: () => detail, buyerOutstanding: () => ({ outstanding: 0, limit: 55_000, wouldExceed: false }) });
    mountApp(OrderEditDialog, { props: { orderId: 7 }, global: { stubs: { ElDatePicker: DatePickerStub } } });
    await settle(12);
    expect(input('customer.address').value).toBe('東京都新宿区赤坂1-2-3'); // not overwritten on opening
    expect(warningOf('customer.zip')).toBe('購入者の住所の市区町村が郵便番号〒107-0052（東京都港区）と一致しません');
    await type('customer.address', '東京都港区赤坂1-2-3');
    expect(warningOf('customer.zip')).toBe('');
    await type('customer.address', '');
    await type('customer.zip', '685-0015');
    expect(input('customer.address').value).toBe('島根県隠岐郡隠岐の島町港町');
  });
});
