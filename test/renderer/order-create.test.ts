/**
 * 受注登録: a phone order typed in is created with 取引登録 queued in the same call; the credit-limit warning comes
 * first when the buyer would pass the limit, and NP rule violations stop the NP registration before anything is sent.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { OrderInput } from '../../shared/order';
import type { BuyerOutstanding, OrderDetail } from '../../shared/contract';
import OrderCreateView from '../../renderer/src/features/order-edit/OrderCreateView.vue';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';
import { DatePickerStub } from './stubs';
import { useAppStore } from '../../renderer/src/stores/app';
import { sampleOrder } from './sample-order';

interface Created {
  order: OrderInput;
  registerWithNp: boolean;
}

function setup(outstanding: BuyerOutstanding) {
  const created: Created[] = [];
  const t = useMemoryTransport({
    buyerOutstanding: () => outstanding,
    createOrder: (i: Created): OrderDetail => {
      created.push(i);
      return { order: sampleOrder({ ...i.order, id: 99 }), np: null, purchaseCount: 1 };
    },
  });
  return { t, created };
}

async function fill(name: string, value: string): Promise<void> {
  const el = document.body.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!el) throw new Error(`no input ${name}`);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await nextTick();
}

async function typeOrder(): Promise<void> {
  await fill('orderNo', 'T-90001');
  await fill('customer.name', '電話 花子');
  await fill('customer.kana', 'デンワ ハナコ');
  await fill('customer.zip', '107-0052');
  await fill('customer.address', '東京都港区赤坂1-2-3 赤坂ハイツ101');
  await fill('customer.tel', '090-1111-2222');
  await fill('lines.0.name', '緑茶 100g');
  const price = document.body.querySelector<HTMLInputElement>('[data-line="0"] .el-input-number input');
  price!.value = '3000';
  price!.dispatchEvent(new Event('input'));
  price!.dispatchEvent(new Event('change'));
  await nextTick();
}

const button = (text: string) => [...document.body.querySelectorAll('button')].reverse().find((b) => b.textContent?.trim() === text)!;

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
  // the settings' default carrier fills 配送業者 (required)
  useAppStore().settings = { environment: 'sandbox', defaultCarrierCode: '59010', autoRefreshMinutes: 15, csvEncoding: 'cp932', creditLimit: 55_000, siteName: '', npHistoryRetentionMonths: 13, shop: { name: '', zip: '', address: '', tel: '', email: '' }, deliveryNoteGreeting: '' };
});

describe('OrderCreateView', () => {
  it('creates the order and queues 取引登録 in one call', async () => {
    const { created } = setup({ outstanding: 0, limit: 55_000, wouldExceed: false });
    mountApp(OrderCreateView, { global: { stubs: { ElDatePicker: DatePickerStub } } });
    await typeOrder();
    button('この内容で登録する').click();
    await settle(10);
    expect(created).toHaveLength(1);
    expect(created[0]!.registerWithNp).toBe(true);
    expect(created[0]!.order).toMatchObject({ orderNo: 'T-90001', paymentMethod: 'np_atobarai', status: 'new', shipTo: null });
    expect(created[0]!.order.lines).toEqual([{ name: '緑茶 100g', unitPrice: 3000, quantity: 1 }]);
  });

  it('warns before registering a buyer who would pass the credit limit, and stops when staff go back', async () => {
    const { t, created } = setup({ outstanding: 53_000, limit: 55_000, wouldExceed: true });
    mountApp(OrderCreateView, { global: { stubs: { ElDatePicker: DatePickerStub } } });
    await typeOrder();
    button('この内容で登録する').click();
    await settle(10);
    const box = document.body.querySelector('.el-message-box');
    expect(box?.textContent).toContain('53,000円');
    expect(box?.textContent).toContain('3,000円');
    expect(box?.textContent).toContain('55,000円');
    expect(t.calls.find((c) => c.method === 'buyerOutstanding')?.input).toMatchObject({ amount: 3000 });
    button('戻る').click();
    await settle(10);
    expect(created).toHaveLength(0);
  });

  it('NP rule violations stop the registration (the order is not sent)', async () => {
    const { created } = setup({ outstanding: 0, limit: 55_000, wouldExceed: false });
    mountApp(OrderCreateView, { global: { stubs: { ElDatePicker: DatePickerStub } } });
    await typeOrder();
    await fill('customer.tel', '090-1111-222'); // 10 digits: the store accepts it, NP does not
    button('この内容で登録する').click();
    await settle(10);
    expect(created).toHaveLength(0);
    expect(document.body.querySelector('[data-field="customer.tel"] [data-test="np-warning"]')?.textContent).toContain('11桁');
  });
});
