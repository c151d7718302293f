/**
 * The NP後払い part of the edit dialog: for each of the 15 statuses and 未登録, exactly the buttons the status
 * allows (shared/np/status.ts, product.md's table) — nothing more, nothing less — plus the reasons and notices
 * that go with some statuses.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { allowedNpActions, NP_ACTION_LABELS, NP_STATUS_LABELS, NP_STATUSES, type NpAction, type NpStatus } from '../../shared/np/status';
import NpPanel from '../../renderer/src/features/order-edit/NpPanel.vue';
import { npButtons } from '../../renderer/src/features/order-edit/np-buttons';
import { freshPinia, mountApp } from './helpers';
import { codes, npInfo } from './np-info';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

const shownActions = (w: ReturnType<typeof mountApp>): NpAction[] =>
  w.findAll('[data-test^="np-action-"]').map((b) => b.attributes('data-test')!.replace('np-action-', '') as NpAction);

describe('NP status buttons', () => {
  const cases: (NpStatus | null)[] = [...NP_STATUSES, null];

  it.each(cases.map((s) => [s ?? '未登録', s] as const))('%s shows exactly the allowed actions', (_name, status) => {
    const w = mountApp(NpPanel, { props: { np: npInfo(status), orderStatus: 'new', paymentMethod: 'np_atobarai' } });
    const expected = [...allowedNpActions(status)].sort();
    expect(shownActions(w).sort()).toEqual(expected);
    // each button carries the seed's Japanese word
    for (const a of expected) expect(w.find(`[data-test="np-action-${a}"]`).text()).toBe(NP_ACTION_LABELS[a]);
    expect(w.find('[data-test="np-status"]').text()).toBe(status ? NP_STATUS_LABELS[status] : '未登録');
  });

  it('matches product.md: 取引修正 and キャンセル only where the table has ✓', () => {
    const update = NP_STATUSES.filter((s) => npButtons(npInfo(s), 'np_atobarai').includes('update'));
    const cancel = NP_STATUSES.filter((s) => npButtons(npInfo(s), 'np_atobarai').includes('cancel'));
    const shipment = NP_STATUSES.filter((s) => npButtons(npInfo(s), 'np_atobarai').includes('shipment'));
    expect(update.map((s) => NP_STATUS_LABELS[s])).toEqual(['与信審査中', '審査OK', '審査NG', '審査保留', '取引修正失敗', '出荷報告失敗']);
    expect(cancel.map((s) => NP_STATUS_LABELS[s])).toEqual(['与信審査中', '審査OK', '審査NG', '審査保留', '出荷報告済', '取引修正失敗', '出荷報告失敗', 'キャンセル失敗']);
    expect(shipment.map((s) => NP_STATUS_LABELS[s])).toEqual(['審査OK', '出荷報告失敗']);
  });

  it('offers 取引登録 again only while the order is paid with NP後払い', () => {
    expect(npButtons(npInfo('cancelled'), 'np_atobarai')).toEqual(['register']);
    expect(npButtons(npInfo('cancelled'), 'credit_card')).toEqual([]);
    expect(npButtons(npInfo('register_failed'), 'np_atobarai')).toEqual(['register']);
    expect(npButtons(null, 'np_atobarai')).toEqual(['register']);
    expect(npButtons(null, 'cod')).toEqual([]);
    // a live transaction can still be cancelled after the payment method changed
    expect(npButtons(npInfo('ok'), 'credit_card')).toEqual(['update', 'cancel', 'shipment']);
  });

  it('emits the clicked action', async () => {
    const w = mountApp(NpPanel, { props: { np: npInfo('ok'), orderStatus: 'new', paymentMethod: 'np_atobarai' } });
    await w.find('[data-test="np-action-shipment"]').trigger('click');
    await w.find('[data-test="np-action-update"]').trigger('click');
    expect(w.emitted('action')).toEqual([['shipment'], ['update']]);
  });
});

describe('NP panel notices', () => {
  it('shows hold reasons (RE codes) with their meaning and what to do', () => {
    const np = npInfo('hold', { authori: { result: '10', requiredDate: null, hold: codes('RE009', 'RE021'), ng: null, holdRepeated: false } });
    const w = mountApp(NpPanel, { props: { np, orderStatus: 'new', paymentMethod: 'np_atobarai' } });
    const hold = w.find('[data-test="np-hold"]');
    expect(hold.text()).toContain('RE009');
    expect(hold.text()).toContain('RE021');
    expect(hold.text()).toContain(codes('RE021')[0]!.meaning);
    expect(hold.text()).toContain(codes('RE021')[0]!.action);
  });

  it('shows the NG reason and the advice to offer another payment method', () => {
    const np = npInfo('ng', { authori: { result: '20', requiredDate: null, hold: [], ng: codes('RE001')[0]!, holdRepeated: false } });
    const w = mountApp(NpPanel, { props: { np, orderStatus: 'new', paymentMethod: 'np_atobarai' } });
    expect(w.find('[data-test="np-ng"]').text()).toContain('RE001');
    expect(w.find('[data-test="np-ng"]').text()).toContain('別のお支払方法');
  });

  it('shows what is waiting to be sent', () => {
    const np = npInfo('updating', { pending: { action: 'update', sending: false, attempts: 2, queuedAt: Date.UTC(2026, 10, 28, 1, 0), lastError: 'NPに接続できません' } });
    const w = mountApp(NpPanel, { props: { np, orderStatus: 'new', paymentMethod: 'np_atobarai' } });
    const text = w.find('[data-test="np-pending"]').text();
    expect(text).toContain('取引修正を送信待ちです（2026/11/28 10:00に登録）');
    expect(text).toContain('送信試行: 2回');
    expect(text).toContain('NPに接続できません');
  });

  it('offers to attach an NP transaction id after an ambiguous register, and checks its format', async () => {
    const np = npInfo('register_failed', { errors: codes('LOCAL_AMBIGUOUS_REGISTER') });
    const w = mountApp(NpPanel, { props: { np, orderStatus: 'new', paymentMethod: 'np_atobarai' } });
    const box = w.find('[data-test="np-attach"]');
    expect(box.exists()).toBe(true);
    const submit = box.find('button');
    await box.find('input').setValue('12345');
    expect(submit.attributes('disabled')).toBeDefined();
    await box.find('input').setValue('AB123456789');
    expect(submit.attributes('disabled')).toBeUndefined();
    await submit.trigger('click');
    expect(w.emitted('attach')).toEqual([['AB123456789']]);
    // not offered for a plain refusal
    const plain = mountApp(NpPanel, { props: { np: npInfo('register_failed', { errors: codes('E0100050') }), orderStatus: 'new', paymentMethod: 'np_atobarai' } });
    expect(plain.find('[data-test="np-attach"]').exists()).toBe(false);
  });

  it('after 出荷報告済 offers to mark the order 発送済み, but not once it is', async () => {
    const w = mountApp(NpPanel, { props: { np: npInfo('shipped'), orderStatus: 'paid', paymentMethod: 'np_atobarai' } });
    await w.find('[data-test="mark-shipped"]').trigger('click');
    expect(w.emitted('markShipped')).toHaveLength(1);
    const done = mountApp(NpPanel, { props: { np: npInfo('shipped'), orderStatus: 'shipped', paymentMethod: 'np_atobarai' } });
    expect(done.find('[data-test="offer-shipped"]').exists()).toBe(false);
  });

  it('shows the payment status once NP reports it', () => {
    const np = npInfo('shipped', { payment: { status: '20', customerPaymentDate: '2026-12-05' } });
    const w = mountApp(NpPanel, { props: { np, orderStatus: 'shipped', paymentMethod: 'np_atobarai' } });
    expect(w.find('[data-test="np-payment"]').text()).toContain('入金済み');
    expect(w.find('[data-test="np-payment"]').text()).toContain('2026/12/05');
  });
});
