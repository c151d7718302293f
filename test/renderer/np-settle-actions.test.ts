/** 「NP未登録を確認して再登録」: only after the double-charge warning is confirmed, for the selected orders. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import NpSettleActions from '../../renderer/src/features/orders/NpSettleActions.vue';
import { useOrderListStore } from '../../renderer/src/stores/order-list';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';

const buttonIn = (root: ParentNode, text: string): HTMLButtonElement =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].reverse().find((b) => b.textContent?.trim().includes(text))!;

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('NpSettleActions', () => {
  it('re-registers the selected orders only after the warning about charging twice is confirmed', async () => {
    const t = useMemoryTransport({
      searchOrders: () => ({ rows: [], total: 0, offset: 0 }) as never,
      npReregisterAmbiguous: ({ orderIds }: { orderIds: number[] }) => ({ results: orderIds.map((id) => ({ orderId: id, orderNo: `A${id}`, ok: id !== 3, message: id === 3 ? '「登録されたか不明」の受注ではないため、再登録しません。' : '取引登録を送信待ちにしました。' })) }),
    });
    const store = useOrderListStore();
    mountApp(NpSettleActions);
    await settle();
    const button = document.body.querySelector<HTMLButtonElement>('[data-test="np-reregister"]')!;
    expect(button.disabled).toBe(true); // nothing selected
    for (const id of [1, 2, 3]) store.toggleSelected(id, true);
    await settle();
    button.click();
    await settle(10);
    const box = document.body.querySelector('.el-message-box')!;
    expect(box.textContent).toContain('二重に請求');
    expect(box.textContent).toContain('3件');
    buttonIn(document.body, '戻る').click();
    await settle(10);
    expect(t.calls.some((c) => c.method === 'npReregisterAmbiguous')).toBe(false);

    button.click();
    await settle(10);
    buttonIn(document.body, '再登録する').click();
    await settle(10);
    expect(t.calls.find((c) => c.method === 'npReregisterAmbiguous')?.input).toEqual({ orderIds: [1, 2, 3], confirmedNotAtNp: true });
    // The result dialog is a chunk of its own, loaded with the first results.
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="bulk-result"]')?.textContent).toContain('登録されたか不明」の受注ではない'));
  });

  it('loads the NP取引ID attach dialog at its first opening, not with the list', async () => {
    useMemoryTransport({ searchOrders: () => ({ rows: [], total: 0, offset: 0 }) as never });
    mountApp(NpSettleActions);
    await settle();
    expect(document.body.textContent).not.toContain('NPの加盟店管理画面からダウンロードした取引一覧のCSV');
    document.body.querySelector<HTMLButtonElement>('[data-test="np-id-attach"]')!.click();
    await vi.waitFor(() => expect(document.body.querySelector('[data-test="np-id-attach-dialog"]')?.textContent).toContain('NPの加盟店管理画面からダウンロードした取引一覧のCSV'));
    expect(document.body.textContent).toContain('NP取引IDの一括紐付け');
  });
});
