/**
 * The day's work in the renderer, against an in-memory transport that validates every call with the contract's
 * own schemas: the 一括出荷報告 dialog (one labelled row per order, only valid rows sent, the core's per-field
 * errors shown), the 一括キャンセル confirmation's wording (no bare 「キャンセル」 button, count, 発送済み/入金済み
 * warnings, stock reminder), the 要対応 bar (counts, one-click filters, re-read on ordersChanged), and the
 * folded search form (remembered, a queue shown in it, Enter on a closed select searches).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import BulkShipmentDialog from '../../renderer/src/features/orders/BulkShipmentDialog.vue';
import BulkCancelDialog from '../../renderer/src/features/orders/BulkCancelDialog.vue';
import WorkQueuesBar from '../../renderer/src/features/orders/WorkQueuesBar.vue';
import SearchForm from '../../renderer/src/features/orders/SearchForm.vue';
import type { BulkCancelPlan, BulkShipmentDraftRow, BulkShipmentRowInput } from '../../shared/bulk';
import { WORK_QUEUES, workQueueFilters, type WorkQueuesState } from '../../shared/work-queues';
import type { SearchFilters } from '../../renderer/src/stores/order-list';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';
import { DatePickerStub } from './stubs';

beforeEach(() => {
  document.body.innerHTML = '';
  localStorage.clear();
  freshPinia();
});

const byLabel = (label: string): HTMLInputElement | null => document.querySelector(`[aria-label="${label}"]`);
const buttons = (): HTMLButtonElement[] => [...document.querySelectorAll<HTMLButtonElement>('button')];
const buttonNamed = (text: string): HTMLButtonElement | undefined => buttons().find((b) => b.textContent?.trim() === text);

describe('一括出荷報告 dialog', () => {
  const draft: BulkShipmentDraftRow[] = [
    { orderId: 1, orderNo: '10001', customerName: '山田 太郎', carrierCode: '59010', slipNo: '', shippedOn: '2026-11-30', notEligible: null },
    { orderId: 2, orderNo: '10002', customerName: '佐藤 花子', carrierCode: '50000', slipNo: '1111-2222', shippedOn: '2026-11-29', notEligible: null },
    { orderId: 3, orderNo: '10003', customerName: '鈴木 一郎', carrierCode: '50000', slipNo: '', shippedOn: '2026-11-30', notEligible: 'すでに出荷報告済みです' },
  ];

  it('shows one editable row per order with screen-reader labels, sends only the valid rows, and shows the core’s errors per field', async () => {
    const sent: BulkShipmentRowInput[][] = [];
    const t = useMemoryTransport({
      planBulkShipment: () => ({ rows: structuredClone(draft) }),
      shipOrdersBulk: ({ rows }: { rows: BulkShipmentRowInput[] }) => {
        sent.push(rows);
        const missing = rows.filter((r) => r.slipNo.trim() === '');
        return {
          queued: missing.length === 0,
          rows: rows.map((r) => ({ orderId: r.orderId, orderNo: `1000${r.orderId}`, errors: r.slipNo.trim() ? [] : [{ field: 'slipNo' as const, message: '配送伝票番号が入力されていません' }] })),
        };
      },
    });
    const w = mountApp(BulkShipmentDialog, { props: { orderIds: [1, 2, 3] } });
    await settle(10);
    expect(t.calls[0]).toEqual({ method: 'planBulkShipment', input: { orderIds: [1, 2, 3] } });
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('一括出荷報告（2件）');
    for (const no of ['10001', '10002']) {
      expect(byLabel(`${no}の配送伝票番号`), no).not.toBeNull();
      expect(byLabel(`${no}の発送日`), no).not.toBeNull();
      expect(document.querySelector(`[aria-label="${no}の配送業者"]`), no).not.toBeNull();
    }
    expect(byLabel('10003の配送伝票番号')).toBeNull(); // not eligible: listed with why, not editable
    expect(document.querySelector('[data-test="ship-not-eligible"]')?.textContent).toContain('10003 — 対象外: すでに出荷報告済みです');
    expect(byLabel('10002の配送伝票番号')!.value).toBe('1111-2222');

    buttonNamed('2件を出荷報告する')!.click();
    await settle(10);
    expect(sent[0]).toEqual([
      { orderId: 1, carrierCode: '59010', slipNo: '', shippedOn: '2026-11-30' },
      { orderId: 2, carrierCode: '50000', slipNo: '1111-2222', shippedOn: '2026-11-29' },
    ]);
    expect(document.querySelector('[data-test="bulk-shipment-error"]')?.textContent).toContain('まだ何も送信していません');
    expect(document.querySelector('[data-test="ship-row-10001"]')?.nextElementSibling?.textContent).toContain('配送伝票番号が入力されていません');
    expect(w.emitted('done')).toBeUndefined();

    const slip = byLabel('10001の配送伝票番号')!;
    slip.value = '9999-0000-1';
    slip.dispatchEvent(new Event('input'));
    await settle();
    buttonNamed('2件を出荷報告する')!.click();
    await settle(10);
    expect(sent[1]![0]).toMatchObject({ orderId: 1, slipNo: '9999-0000-1' });
    expect(w.emitted('done')).toEqual([[2]]);
  });
});

describe('一括キャンセル confirmation', () => {
  const plan: BulkCancelPlan = {
    total: 4,
    cancellable: 3,
    shipped: ['10011'],
    paid: ['10012'],
    refused: [{ orderNo: '10013', reason: 'すでにキャンセル済みです' }],
  };

  it('cannot be misread: a red 「NPの取引をキャンセルする」, a way back that says so, the count and the warnings', async () => {
    const t = useMemoryTransport({
      planBulkCancel: () => plan,
      cancelOrdersBulk: ({ orderIds }: { orderIds: number[] }) => ({
        results: orderIds.map((id) => ({ orderId: id, orderNo: String(10010 + id), ok: true, message: 'キャンセルを送信待ちにし、対応状況をキャンセルにしました。' })),
        stockReminder: true,
      }),
    });
    const w = mountApp(BulkCancelDialog, { props: { orderIds: [1, 2, 3, 4] } });
    await settle(10);
    expect(document.querySelector('.el-dialog__title')?.textContent).toBe('NPの取引をキャンセル');
    expect(document.querySelector('[data-test="cancel-lead"]')?.textContent).toBe('選択した4件のNP後払い取引をキャンセルします。');
    expect(document.querySelector('[data-test="cancel-count"]')?.textContent).toBe('キャンセルできるのは3件です。対応状況は「キャンセル」になります。');
    expect(document.querySelector('[data-test="cancel-shipped"]')?.textContent).toContain('発送済みの受注が1件あります（10011）');
    expect(document.querySelector('[data-test="cancel-paid"]')?.textContent).toContain('入金済みの受注が1件あります（10012）');
    expect(document.querySelector('[data-test="cancel-refused"]')?.textContent).toContain('10013: すでにキャンセル済みです');
    expect(document.querySelector('[data-test="bulk-cancel-dialog"]')?.textContent).toContain('在庫戻しを手動で行ってください');

    const confirm = document.querySelector<HTMLButtonElement>('[data-test="cancel-confirm"]')!;
    expect(confirm.textContent?.trim()).toBe('NPの取引をキャンセルする');
    expect(confirm.classList.contains('el-button--danger')).toBe(true);
    expect(document.querySelector('[data-test="cancel-keep"]')?.textContent?.trim()).toBe('キャンセルしないで戻る');
    // no button that only says 「キャンセル」 (it reads as "close this dialog")
    expect(buttons().filter((b) => b.textContent?.trim() === 'キャンセル')).toEqual([]);

    confirm.click();
    await settle(10);
    expect(t.calls.at(-1)).toEqual({ method: 'cancelOrdersBulk', input: { orderIds: [1, 2, 3, 4] } });
    expect((w.emitted('done') as unknown[][])[0]![0]).toHaveLength(4);
  });

  it('offers no confirm when nothing can be cancelled', async () => {
    useMemoryTransport({ planBulkCancel: () => ({ ...plan, cancellable: 0, total: 1, shipped: [], paid: [] }) });
    mountApp(BulkCancelDialog, { props: { orderIds: [4] } });
    await settle(10);
    expect(document.querySelector<HTMLButtonElement>('[data-test="cancel-confirm"]')!.disabled).toBe(true);
  });
});

describe('要対応 bar', () => {
  const state = (n: number): WorkQueuesState => ({
    paidSeenAt: 1_700_000_000_000,
    queues: WORK_QUEUES.map((queue, i) => ({ queue, count: queue === 'hold' ? n : i, filters: workQueueFilters(queue, 1_700_000_000_000) })),
  });

  it('shows each queue’s count, applies its filters in one click, marks payments seen, and re-reads the counts when orders change', async () => {
    let held = 7;
    const t = useMemoryTransport({
      workQueues: () => state(held),
      markPaymentsSeen: () => state(held),
      savedSearches: () => [{ name: '同梱の保留', filters: { npStatuses: ['hold'], invoiceTypes: ['bundled'] } }],
      deleteSavedSearch: () => [],
    });
    const w = mountApp(WorkQueuesBar);
    await settle(10);
    const hold = document.querySelector<HTMLButtonElement>('[data-test="queue-hold"]')!;
    expect(hold.textContent).toBe('審査保留7');
    expect(hold.getAttribute('aria-label')).toBe('審査保留（7件）を表示');
    expect(document.querySelector('[data-test="queue-shippedNotReported"]')?.textContent).toContain('発送済みなのに出荷報告前');

    document.querySelector<HTMLButtonElement>('[data-test="queue-shippedNotReported"]')!.click();
    expect((w.emitted('apply') as SearchFilters[][])[0]![0]).toEqual({ statuses: ['shipped'], npStatuses: ['ok'] });
    document.querySelector<HTMLButtonElement>('[data-test="queue-npPaid"]')!.click();
    await settle();
    expect(t.calls.some((c) => c.method === 'markPaymentsSeen')).toBe(true);

    const saved = document.querySelector('[data-test="saved-search"] button')! as HTMLButtonElement;
    saved.click();
    expect((w.emitted('apply') as SearchFilters[][]).at(-1)![0]).toEqual({ npStatuses: ['hold'], invoiceTypes: ['bundled'] });

    held = 6;
    t.emit('ordersChanged', { ids: [5] });
    await new Promise((r) => setTimeout(r, 500));
    await settle();
    expect(document.querySelector('[data-test="queue-hold"]')?.textContent).toBe('審査保留6');
  });
});

describe('search form folded', () => {
  const mountForm = () => mountApp(SearchForm, { global: { stubs: { ElDatePicker: DatePickerStub } } });

  it('is one line by default, opens 詳細な条件 on demand and remembers it', async () => {
    const w = mountForm();
    const more = () => w.find('#search-more').element as HTMLElement;
    // Folded at launch, 詳細な条件 is not even built (the first screen's cost); opened, it is, and stays.
    expect(w.find('#search-more').exists()).toBe(false);
    expect(w.find('input[name="orderNoFrom"]').isVisible()).toBe(true);
    await w.find('[data-test="search-more"]').trigger('click');
    expect(more().style.display).toBe('');
    expect(w.find('input[name="kana"]').exists()).toBe(true);
    await w.find('[data-test="search-more"]').trigger('click');
    expect(more().style.display).toBe('none');
    await w.find('[data-test="search-more"]').trigger('click');
    expect(localStorage.getItem('atobarai.searchForm.expanded')).toBe('1');
    w.unmount();
    const again = mountForm();
    expect((again.find('#search-more').element as HTMLElement).style.display).toBe('');
  });

  it('shows a queue’s filters, including the hidden ones, and searches them', async () => {
    const w = mountForm();
    (w.vm as unknown as { setFilters(f: SearchFilters): void }).setFilters({ statuses: ['shipped'], npStatuses: ['ok'], npDirty: true, npPaidSince: 1_700_000_000_000 });
    await settle();
    expect(w.find('[data-test="search-more"]').text()).toBe('詳細な条件（2）'); // 対応状況 and NP未反映 are under it
    expect(w.find('[data-test="paid-since"]').text()).toContain('前回確認以降の入金');
    await w.find('[data-test="search-submit"]').trigger('click');
    expect((w.emitted('search') as SearchFilters[][])[0]![0]).toEqual({ statuses: ['shipped'], npStatuses: ['ok'], npDirty: true, npPaidSince: 1_700_000_000_000 });
  });

  it('名前を付けて保存 keeps the current criteria under a name', async () => {
    const t = useMemoryTransport({ saveSearch: (i: { name: string; filters: SearchFilters }) => [{ name: i.name, filters: i.filters }] });
    const w = mountForm();
    (w.vm as unknown as { setFilters(f: SearchFilters): void }).setFilters({ npStatuses: ['hold'], invoiceTypes: ['bundled'], npPaidSince: 1 });
    await settle();
    await w.find('[data-test="search-save"]').trigger('click');
    await settle(10);
    const input = document.querySelector<HTMLInputElement>('.el-message-box input')!;
    input.value = '同梱の保留';
    input.dispatchEvent(new Event('input'));
    await settle();
    [...document.querySelectorAll<HTMLButtonElement>('.el-message-box button')].find((b) => b.textContent?.trim() === '保存')!.click();
    await settle(20);
    // the one-off 「前回確認以降」 time is not part of a saved search
    expect(t.calls.find((c) => c.method === 'saveSearch')?.input).toEqual({ name: '同梱の保留', filters: { npStatuses: ['hold'], invoiceTypes: ['bundled'] } });
    expect(w.emitted('saved')).toEqual([[[{ name: '同梱の保留', filters: { npStatuses: ['hold'], invoiceTypes: ['bundled'] } }]]]);
  });

  it('searches on Enter in a closed select', async () => {
    const w = mountForm();
    const select = w.find('.np-select input');
    await select.trigger('keydown', { key: 'Enter' });
    await settle();
    expect(w.emitted('search')).toHaveLength(1);
  });
});
