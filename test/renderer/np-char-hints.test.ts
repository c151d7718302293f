/**
 * What staff trip over in the order form: NP's character warnings name the character and its standard
 * replacement, one click replaces them; an order without 配送業者 (e.g. imported) saves as it is; the app's
 * internal codes (LOCAL_*) never show, only what they mean.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { OrderDetail } from '../../shared/contract';
import type { OrderInput } from '../../shared/order';
import OrderEditDialog from '../../renderer/src/features/order-edit/OrderEditDialog.vue';
import NpErrorPanel from '../../renderer/src/features/order-edit/NpErrorPanel.vue';
import { describeNpCode } from '../../shared/np/codes';
import { npWarnings } from '../../renderer/src/features/order-edit/validate';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';
import { DatePickerStub } from './stubs';
import { npInfo } from './np-info';
import { sampleOrder } from './sample-order';
import type { SavePlan } from '../../shared/save-plan';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

const { id: _id, total: _t, createdAt: _c, updatedAt: _u, ...input } = sampleOrder();

describe('NP character warnings', () => {
  it('name the refused character and the standard replacement', () => {
    const w = npWarnings({ ...input, customer: { ...input.customer, address: '東京都港区赤坂1−2−3 〜ハイツ' } } as OrderInput);
    expect(w['customer.address']).toContain('「−」→「－」、「〜」→「～」に置き換えてください');
    const emoji = npWarnings({ ...input, lines: [{ name: '緑茶😀', unitPrice: 1000, quantity: 1 }] } as OrderInput);
    expect(emoji.lines).toContain('「😀」は使えません');
    // half-width kana are widened before sending: no warning
    expect(npWarnings({ ...input, customer: { ...input.customer, kana: 'ﾔﾏﾀﾞ ﾀﾛｳ' } } as OrderInput)['customer.kana']).toBeUndefined();
  });
});

function setup(order = sampleOrder()) {
  let current: OrderDetail = { order, np: npInfo('ok'), purchaseCount: 1 };
  const saved: { order: OrderInput }[] = [];
  const t = useMemoryTransport({
    getOrder: () => current,
    // A save of these fields implies no NP action (the core's plan): the dialog saves at once.
    planSave: (): SavePlan => ({ action: null, question: null, stockReminder: false, preview: null, blocked: [], credit: null }),
    saveOrder: (i: { id: number; order: OrderInput; npAction: null }) => {
      saved.push(i);
      current = { ...current, order: { ...current.order, ...i.order } };
      return current;
    },
    queueNpAction: () => current,
    buyerOutstanding: () => ({ outstanding: 0, limit: 55_000, wouldExceed: false }),
  });
  return { t, saved };
}

const saveButton = (): HTMLButtonElement => [...document.querySelectorAll('button')].reverse().find((b) => b.textContent?.trim() === 'この内容で登録する') as HTMLButtonElement;

describe('the order dialog', () => {
  it('offers one click to replace the characters NP refuses', async () => {
    const { t } = setup(sampleOrder({ customer: { ...sampleOrder().customer, address: '東京都港区赤坂1−2−3 〜ハイツ' } }));
    mountApp(OrderEditDialog, { props: { orderId: 7 }, global: { stubs: { ElDatePicker: DatePickerStub } } });
    await settle(10);
    expect(t.calls.some((c) => c.method === 'getOrder')).toBe(true);
    const fix = document.querySelector('[data-test="np-char-fix"]');
    expect(fix?.textContent).toContain('「−」→「－」、「〜」→「～」');
    document.querySelector<HTMLButtonElement>('[data-test="np-char-fix-button"]')!.click();
    await nextTick();
    expect(document.querySelector<HTMLInputElement>('input[name="customer.address"]')!.value).toBe('東京都港区赤坂1－2－3 ～ハイツ');
    expect(document.querySelector('[data-test="np-char-fix"]')).toBeNull();
  });

  it('saves an order without 配送業者 (imported) without asking for one', async () => {
    const { saved } = setup(sampleOrder({ carrierCode: null }));
    mountApp(OrderEditDialog, { props: { orderId: 7 }, global: { stubs: { ElDatePicker: DatePickerStub } } });
    await settle(10);
    const memo = document.querySelector<HTMLTextAreaElement>('textarea[name="shopMemo"]')!;
    memo.value = '電話で確認済み';
    memo.dispatchEvent(new Event('input'));
    await nextTick();
    saveButton().click();
    await settle(10);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.order.carrierCode).toBeNull();
    expect(saved[0]!.order.shopMemo).toBe('電話で確認済み');
  });
});

describe('NP error panel', () => {
  it('shows NP’s codes but only the meaning of the app’s own', () => {
    const w = mountApp(NpErrorPanel, { props: { errors: [describeNpCode('LOCAL_AMBIGUOUS_REGISTER'), describeNpCode('E0100061')] } });
    expect(w.text()).not.toMatch(/LOCAL_/u);
    expect(w.text()).toContain('登録要求がNPに届いたか不明です');
    expect(w.text()).toContain('E0100061');
  });
});
