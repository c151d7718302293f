/**
 * The 帳票 parts of the list against the contract (an in-memory transport validating every call with the
 * contract's schemas): 「一括出力」 checks in the 帳票 cell, 「帳票を一括出力」 (≤ 1,000; the browser host opens the
 * print tab), 「個別出力」, the 送り状データ menu (checked rows, else the selection; the chosen 出荷予定日) and its
 * report of over-long values, the 軽減税率 checkbox of a goods line.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import DocumentsCell from '../../renderer/src/features/documents/DocumentsCell.vue';
import DocumentsToolbar from '../../renderer/src/features/documents/DocumentsToolbar.vue';
import TaxRateSelect from '../../renderer/src/features/documents/TaxRateSelect.vue';
import { useDocumentsStore } from '../../renderer/src/stores/documents';
import { useOrderListStore } from '../../renderer/src/stores/order-list';
import type { CarrierCsvResult } from '../../shared/carrier-csv';
import type { OrderListRow } from '../../shared/search';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

const row = (id: number, printedAt: number | null = null): OrderListRow => ({
  id,
  orderNo: String(1000 + id),
  orderedAt: Date.UTC(2026, 10, 28),
  customerName: '山田 太郎',
  customerKana: 'ヤマダ タロウ',
  paymentMethod: 'np_atobarai',
  total: 3000,
  status: 'new',
  npStatus: null,
  npDirty: false,
  invoiceType: 'separate',
  purchaseCount: 1,
  printedAt,
});

const carrierResult = (over: Partial<CarrierCsvResult> = {}): CarrierCsvResult => ({
  carrier: 'b2cloud',
  fileName: '送り状_B2クラウド_20261128_1204.csv',
  filePath: '/tmp/x.csv',
  download: null,
  rows: 1,
  lossy: [],
  overLimit: [],
  missing: [],
  ...over,
});

describe('帳票 column', () => {
  it('checks rows for 一括出力, prints one order with 個別出力 in a new tab, and shows 出力済み', async () => {
    const t = useMemoryTransport({ outputDeliveryNotes: () => ({ status: 'browser', page: 'print.html#ids=1&print=1' }) });
    const open = vi.spyOn(window, 'open').mockReturnValue({} as Window);
    const w = mountApp(DocumentsCell, { props: { row: row(1) } });
    await w.find('[data-test="docs-check-1001"] input').setValue(true);
    expect([...useDocumentsStore().checked]).toEqual([1]);
    await w.find('[data-test="docs-single-1001"]').trigger('click');
    await settle();
    expect(t.calls).toEqual([{ method: 'outputDeliveryNotes', input: { orderIds: [1], output: 'print' } }]);
    expect(open).toHaveBeenCalledWith('print.html#ids=1&print=1', '_blank');
    expect(w.find('[data-test="docs-printed-1001"]').exists()).toBe(false);
    await w.setProps({ row: row(1, Date.UTC(2026, 10, 28, 3)) });
    expect(w.find('[data-test="docs-printed-1001"]').text()).toBe('出力済み');
    expect(w.find('[data-test="docs-printed-1001"]').attributes('title')).toBe('出力済み（2026/11/28 12:00）');
    open.mockRestore();
  });
});

describe('帳票 toolbar', () => {
  it('「帳票を一括出力」 sends the checked orders, refuses more than 1,000, and says when nothing is checked', async () => {
    const t = useMemoryTransport({ outputDeliveryNotes: () => ({ status: 'browser', page: 'print.html#ids=1,2&print=1' }) });
    const open = vi.spyOn(window, 'open').mockReturnValue({} as Window);
    const w = mountApp(DocumentsToolbar);
    await w.find('[data-test="docs-bulk-output"]').trigger('click');
    await settle();
    expect(document.body.textContent).toContain('「一括出力」にチェックした受注がありません。');
    const docs = useDocumentsStore();
    docs.toggleChecked(1);
    docs.toggleChecked(2);
    await settle();
    expect(w.find('[data-test="docs-bulk-output"]').text()).toBe('帳票を一括出力（2件）');
    await w.find('[data-test="docs-bulk-output"]').trigger('click');
    await settle();
    expect(t.calls).toEqual([{ method: 'outputDeliveryNotes', input: { orderIds: [1, 2], output: 'print' } }]);
    expect(docs.checked.size).toBe(0); // the tab took them
    for (let i = 1; i <= 1001; i++) docs.toggleChecked(i);
    await w.find('[data-test="docs-bulk-output"]').trigger('click');
    await settle();
    expect(t.calls).toHaveLength(1);
    expect(document.body.textContent).toContain('一度に出力できる納品書は1,000件までです（1,001件選択中）。');
    open.mockRestore();
  });

  it('送り状データ uses the checked rows, else the selected ones, and lists values too long for the carrier', async () => {
    const t = useMemoryTransport({
      carrierCsvExport: () =>
        carrierResult({ overLimit: [{ orderNo: '1003', field: 'お届け先名', value: '寿限無寿限無五劫の擦り切れ海砂利水魚', limit: 32, length: 36 }] }),
    });
    const w = mountApp(DocumentsToolbar);
    await w.find('[data-test="docs-carrier-menu"]').trigger('click');
    await settle();
    (document.querySelector('[data-test="docs-carrier-b2cloud"]') as HTMLElement).click();
    await settle();
    expect(document.body.textContent).toContain('送り状データにする受注を「一括出力」でチェックするか');
    expect(t.calls).toEqual([]);

    const list = useOrderListStore();
    list.toggleSelected(3);
    (document.querySelector('[data-test="docs-carrier-ehiden3"]') as HTMLElement).click();
    await settle(20);
    expect(t.calls.at(-1)).toEqual({ method: 'carrierCsvExport', input: { orderIds: [3], carrier: 'ehiden3' } });
    await vi.waitFor(() => expect(document.querySelector('[data-test="carrier-over-limit"]')?.textContent ?? '').toContain('寿限無寿限無五劫の擦り切れ海砂利水魚'), { timeout: 10_000 });

    useDocumentsStore().toggleChecked(5);
    await useDocumentsStore().carrierCsv('yuprir', [...useDocumentsStore().checked], '2026-12-01');
    expect(t.calls.at(-1)).toEqual({ method: 'carrierCsvExport', input: { orderIds: [5], carrier: 'yuprir', shipDate: '2026-12-01' } });
  });
});

describe('税率 of a goods line', () => {
  it('is a 軽減税率 checkbox: checked = 8%, unchecked leaves the rate out (absent = 10%)', async () => {
    useMemoryTransport({});
    const w = mountApp(TaxRateSelect, { props: { modelValue: undefined, name: 'lines.0.taxRate' } });
    expect(w.text()).toBe('8%※');
    await w.find('input[type="checkbox"]').setValue(true);
    await w.setProps({ modelValue: 8 });
    expect((w.find('input[type="checkbox"]').element as HTMLInputElement).checked).toBe(true);
    await w.find('input[type="checkbox"]').setValue(false);
    expect(w.emitted('update:modelValue')).toEqual([[8], [undefined]]);
  });
});
