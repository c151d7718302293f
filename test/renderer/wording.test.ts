/**
 * Words staff read in the day's work: a cancelled order's 取引登録 is never the button that stands out, the
 * cancel of an NP-paid order comes with its warning, and a bulk answer says 「N件はできませんでした」 only when
 * something was refused — queued actions are said as queued.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import NpPanel from '../../renderer/src/features/order-edit/NpPanel.vue';
import BulkResultDialog from '../../renderer/src/features/orders/BulkResultDialog.vue';
import { freshPinia, mountApp, settle } from './helpers';
import { npInfo } from './np-info';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('NP panel wording', () => {
  it('取引登録 of a cancelled order is a plain button, of an unregistered one the prominent one', () => {
    const cancelled = mountApp(NpPanel, { props: { np: npInfo('cancelled'), orderStatus: 'cancelled', paymentMethod: 'np_atobarai' } });
    expect(cancelled.find('[data-test="np-action-register"]').classes()).toContain('is-plain');
    cancelled.unmount();
    const fresh = mountApp(NpPanel, { props: { np: npInfo(null), orderStatus: 'new', paymentMethod: 'np_atobarai' } });
    expect(fresh.find('[data-test="np-action-register"]').classes()).not.toContain('is-plain');
  });

  it('warns next to キャンセル when the buyer has paid NP', () => {
    const paid = mountApp(NpPanel, {
      props: { np: npInfo('shipped', { payment: { status: '20', customerPaymentDate: '2026-11-29' } }), orderStatus: 'shipped', paymentMethod: 'np_atobarai' },
    });
    expect(paid.find('[data-test="np-action-cancel"]').exists()).toBe(true);
    expect(paid.find('[data-test="np-paid-cancel"]').text()).toContain('NPは入金済みの取引をキャンセルできません');
    paid.unmount();
    const unpaid = mountApp(NpPanel, { props: { np: npInfo('shipped'), orderStatus: 'shipped', paymentMethod: 'np_atobarai' } });
    expect(unpaid.find('[data-test="np-paid-cancel"]').exists()).toBe(false);
  });
});

describe('bulk answer', () => {
  const result = (ok: boolean, i: number) => ({ orderId: i, orderNo: String(10000 + i), ok, message: ok ? 'キャンセルを送信待ちにしました。' : 'すでにキャンセル済みです。' });

  it('says what was queued, and what was refused only when something was', async () => {
    mountApp(BulkResultDialog, { props: { results: [result(true, 1), result(true, 2)] } });
    await settle();
    expect(document.querySelector('[data-test="bulk-summary"]')?.textContent?.trim()).toBe('2件を送信待ちにしました。');
    document.body.innerHTML = '';
    mountApp(BulkResultDialog, { props: { results: [result(true, 1), result(false, 2)] } });
    await settle();
    expect(document.querySelector('[data-test="bulk-summary"]')?.textContent?.trim()).toBe('1件を送信待ちにしました。1件はできませんでした。');
  });
});
