/**
 * 受注情報の編集 flows against an in-memory contract: one 「この内容で登録する」 both saves and queues what NP
 * needs — the 取引修正 preview for changed data, the NP cancel offer (with the stock reminder) when 対応状況
 * becomes キャンセル — and NP rule violations stop sending before anything goes out.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { OrderDetail } from '../../shared/contract';
import type { Order, OrderInput } from '../../shared/order';
import type { NpUpdatePreview } from '../../shared/sync';
import type { SavePlan } from '../../shared/save-plan';
import OrderEditDialog from '../../renderer/src/features/order-edit/OrderEditDialog.vue';
import { freshPinia, mountApp, settle, useMemoryTransport, type MemoryTransport } from './helpers';
import { DatePickerStub } from './stubs';
import { codes, npInfo } from './np-info';
import { sampleOrder } from './sample-order';

interface Saved {
  id: number;
  order: OrderInput;
  npAction: 'update' | 'cancel' | 'register' | null;
}

const NONE: SavePlan = { action: null, question: null, stockReminder: false, preview: null, blocked: [], credit: null };

/** The core's answer for a changed address (what the tests edit), else a plain save. */
function addressPlan(order: Order) {
  return (i: { id: number; order: OrderInput; action?: string }): SavePlan => {
    const changed = i.order.customer.address !== order.customer.address;
    const preview: NpUpdatePreview = {
      payload: { np_transaction_id: '26112800001', ...(changed ? { customer: { customer_name: i.order.customer.name, zip_code: '1070052', address: i.order.customer.address, tel: '0312345678' } } : {}) },
      changedFields: changed ? ['customer.address'] : [],
    };
    return changed || i.action === 'update' ? { ...NONE, action: 'update', question: 'update', preview } : NONE;
  };
}

function setup(order: Order, np: OrderDetail['np'] = npInfo('ok'), plan: (i: { id: number; order: OrderInput; action?: string }) => SavePlan = addressPlan(order)) {
  let current: OrderDetail = { order, np, purchaseCount: 1 };
  const saved: Saved[] = [];
  const t = useMemoryTransport({
    getOrder: () => current,
    planSave: plan,
    saveOrder: (i: Saved) => {
      saved.push(i);
      current = { ...current, order: { ...current.order, ...i.order } };
      return current;
    },
    queueNpAction: () => current,
    buyerOutstanding: () => ({ outstanding: 0, limit: 55_000, wouldExceed: false }),
  });
  return { t, saved };
}

const body = () => document.body;
const button = (text: string): HTMLButtonElement => {
  const b = [...body().querySelectorAll('button')].reverse().find((x) => x.textContent?.trim() === text);
  if (!b) throw new Error(`no button ${text}: ${[...body().querySelectorAll('button')].map((x) => x.textContent?.trim()).join(' | ')}`);
  return b as HTMLButtonElement;
};

async function open(t: MemoryTransport) {
  const w = mountApp(OrderEditDialog, { props: { orderId: 7 }, global: { stubs: { ElDatePicker: DatePickerStub } } });
  await settle(10);
  expect(t.calls.some((c) => c.method === 'getOrder')).toBe(true);
  return w;
}

async function setField(name: string, value: string): Promise<void> {
  const el = body().querySelector<HTMLInputElement>(`input[name="${name}"], textarea[name="${name}"]`);
  if (!el) throw new Error(`no input ${name}`);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await nextTick();
}

/** A card order switched to NP後払い and saved: the core's plan offers 取引登録 with these credit figures. */
async function switchedToNp(credit: SavePlan['credit']) {
  const ctx = setup(sampleOrder({ paymentMethod: 'credit_card' }), null, () => ({ ...NONE, action: 'register', question: 'registerOnPayment', credit }));
  const w = await open(ctx.t);
  (w.findComponent({ name: 'OrderForm' }).props('modelValue') as { paymentMethod: string }).paymentMethod = 'np_atobarai';
  await nextTick();
  button('この内容で登録する').click();
  await settle(10);
  return ctx;
}

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('OrderEditDialog', { timeout: 20_000 }, () => {
  it('changing the address shows the 取引修正 preview, and confirming saves and queues in one call', async () => {
    const { t, saved } = setup(sampleOrder());
    await open(t);
    await setField('customer.address', '東京都港区赤坂9-9-9');
    button('この内容で登録する').click();
    await settle(10);
    const preview = body().querySelector('[data-test="update-preview"]');
    expect(preview?.textContent).toContain('取引修正の内容確認');
    const changedRow = body().querySelector('tr[data-path="customer.address"]');
    expect(changedRow?.getAttribute('data-changed')).toBe('true');
    expect(changedRow?.textContent).toContain('東京都港区赤坂9-9-9');
    button('保存して取引修正を送信').click();
    await settle(10);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.npAction).toBe('update');
    expect(saved[0]!.order.customer.address).toBe('東京都港区赤坂9-9-9');
    expect(t.calls.filter((c) => c.method === 'queueNpAction')).toHaveLength(0);
  });

  it('a change NP does not care about saves without asking', async () => {
    const { t, saved } = setup(sampleOrder());
    await open(t);
    await setField('shopMemo', '電話で確認済み');
    button('この内容で登録する').click();
    await settle(10);
    expect(body().querySelector('[data-test="update-preview"] tr[data-changed="true"]')).toBeNull();
    expect(saved).toEqual([expect.objectContaining({ npAction: null })]);
    expect(saved[0]!.order.shopMemo).toBe('電話で確認済み');
  });

  it('setting 対応状況 to キャンセル offers the NP cancel with the stock reminder', async () => {
    const { t, saved } = setup(sampleOrder(), npInfo('ok'), () => ({ ...NONE, action: 'cancel', question: 'cancelOnStatus', stockReminder: true }));
    const w = await open(t);
    const form = w.findComponent({ name: 'OrderForm' });
    (form.props('modelValue') as { status: string }).status = 'cancelled';
    await nextTick();
    button('この内容で登録する').click();
    await settle(10);
    const box = body().querySelector('.el-message-box');
    expect(box?.textContent).toContain('NP後払いの取引もキャンセルしますか？');
    expect(box?.textContent).toContain('在庫戻しを手動で行ってください');
    button('保存してNPもキャンセル').click();
    await settle(10);
    expect(saved).toEqual([expect.objectContaining({ npAction: 'cancel' })]);
    expect(saved[0]!.order.status).toBe('cancelled');
  });

  it('NP rule violations block 取引修正 but not a plain save', async () => {
    const order = sampleOrder();
    const { t, saved } = setup(order, npInfo('ok'), (i) => ({ ...addressPlan(order)(i), blocked: codes('E0100050') }));
    await open(t);
    await setField('customer.name', '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末');
    await setField('customer.address', '東京都港区赤坂9-9-9');
    button('この内容で登録する').click();
    await settle(10);
    expect(body().querySelector('[data-field="customer.name"] [data-test="np-warning"]')?.textContent).toContain('21文字');
    const confirm = body().querySelector<HTMLButtonElement>('[data-test="preview-confirm"]');
    expect(confirm?.disabled).toBe(true);
    button('保存のみ（NP未反映）').click();
    await settle(10);
    expect(saved).toEqual([expect.objectContaining({ npAction: null })]);
  });

  it('refuses to save with errors and shows them next to the fields', async () => {
    const { t, saved } = setup(sampleOrder());
    await open(t);
    await setField('customer.tel', '12-34');
    button('この内容で登録する').click();
    await settle(5);
    await new Promise((r) => setTimeout(r, 150)); // Element Plus debounces the error display
    expect(body().querySelector('[data-field="customer.tel"] .el-form-item__error')?.textContent).toContain('10桁または11桁');
    expect(saved).toHaveLength(0);
  });

  it('switching the payment method to NP後払い offers 取引登録 in the same save', async () => {
    const credit = { outstanding: 0, amount: 5000, limit: 55_000, wouldExceed: false };
    const { t, saved } = await switchedToNp(credit);
    expect(body().querySelector('.el-message-box')?.textContent).toContain('NPへ取引登録しますか？');
    button('保存して取引登録').click();
    await settle(10);
    expect(t.calls.find((c) => c.method === 'planSave')?.input).toMatchObject({ id: 7, order: { paymentMethod: 'np_atobarai' } });
    expect(saved).toEqual([expect.objectContaining({ npAction: 'register' })]);
  });

  it('switching away from NP後払い with a live transaction offers the NP cancel; 「保存のみ」 just saves', async () => {
    const { t, saved } = setup(sampleOrder(), npInfo('reviewing'), () => ({ ...NONE, action: 'cancel', question: 'cancelOnPayment' }));
    const w = await open(t);
    (w.findComponent({ name: 'OrderForm' }).props('modelValue') as { paymentMethod: string }).paymentMethod = 'cod';
    await nextTick();
    button('この内容で登録する').click();
    await settle(10);
    expect(body().querySelector('.el-message-box')?.textContent).toContain('NP後払いの取引をキャンセルしますか？');
    button('保存のみ').click();
    await settle(10);
    expect(saved).toEqual([expect.objectContaining({ npAction: null })]);
    expect(saved[0]!.order.paymentMethod).toBe('cod');
  });

  it('a credit-limit warning from the plan is shown before 取引登録; going back saves nothing', async () => {
    const credit = { outstanding: 52_000, amount: 5000, limit: 55_000, wouldExceed: true };
    const { saved } = await switchedToNp(credit);
    button('保存して取引登録').click();
    await settle(10);
    expect([...body().querySelectorAll('.el-message-box')].at(-1)?.textContent).toContain('利用限度額');
    button('戻る').click();
    await settle(10);
    expect(saved).toHaveLength(0);
  });

  it('after NP refused the 取引登録, saving the fixed order offers the retry', async () => {
    const np = npInfo('register_failed', { errors: codes('E0100059') }, { failedAction: 'register', errorCodes: ['E0100059'] });
    const { t, saved } = setup(sampleOrder(), np, () => ({ ...NONE, action: 'register', question: 'retryRegister', credit: { outstanding: 0, amount: 1, limit: 55_000, wouldExceed: false } }));
    await open(t);
    // The field NP's refusal named is marked (the code registry's field), until staff change it.
    const zipWarning = () => body().querySelector('[data-field="customer.zip"] [data-test="np-warning"]')?.textContent ?? '';
    expect(zipWarning()).toContain('E0100059');
    await setField('customer.zip', '107-0052');
    expect(zipWarning()).not.toContain('E0100059');
    button('この内容で登録する').click();
    await settle(10);
    expect(body().querySelector('.el-message-box')?.textContent).toContain('もう一度NPへ取引登録しますか？');
    button('保存して取引登録').click();
    await settle(10);
    expect(saved).toEqual([expect.objectContaining({ npAction: 'register' })]);
  });

  it('a hold settled outside the data: 取引修正 with unchanged data asks NP to review again', async () => {
    const order = sampleOrder();
    const np = npInfo('hold', { authori: { result: '10', requiredDate: null, hold: codes('RE021'), ng: null, holdRepeated: true } }, { authoriResult: '10', authoriHold: ['RE021'] });
    const preview: NpUpdatePreview = { payload: { np_transaction_id: '26112900001', customer: { customer_name: order.customer.name, zip_code: order.customer.zip, address: order.customer.address, tel: order.customer.tel } }, changedFields: [] };
    const { t, saved } = setup(order, np, (i) => (i.action === 'update' ? { ...NONE, action: 'update', question: 'reReview', preview } : NONE));
    await open(t);
    expect(body().querySelector('[data-test="np-hold-repeated"]')?.textContent).toContain('取引修正後も審査保留（同じ理由）');
    expect(body().querySelector('[data-test="np-rereview-advice"]')).not.toBeNull();
    body().querySelector<HTMLButtonElement>('[data-test="np-action-update"]')!.click();
    await settle(10);
    expect(body().querySelector('[data-test="preview-no-changes"]')?.textContent).toContain('再審査を依頼できます');
    const confirm = body().querySelector<HTMLButtonElement>('[data-test="preview-confirm"]')!;
    expect(confirm.disabled).toBe(false);
    expect(confirm.textContent).toContain('同じ内容で再審査を依頼する');
    confirm.click();
    await settle(10);
    expect(saved).toEqual([expect.objectContaining({ npAction: 'update' })]);
  });
});
