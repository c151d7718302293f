/** 生年月日 in the edit dialog is shown in 和暦 beside the date (shared/jst-date.ts formatWareki). */
import { beforeEach, describe, expect, it } from 'vitest';
import OrderEditDialog from '../../renderer/src/features/order-edit/OrderEditDialog.vue';
import { freshPinia, mountApp, settle, useMemoryTransport } from './helpers';
import { DatePickerStub } from './stubs';
import { npInfo } from './np-info';
import { sampleOrder } from './sample-order';

beforeEach(() => {
  document.body.innerHTML = '';
  freshPinia();
});

describe('生年月日 in 和暦', { timeout: 20_000 }, () => {
  it('shows the era date beside the date picker, 元年 included', async () => {
    for (const [birthDate, shown] of [['1980-04-01', '昭和55年4月1日'], ['2019-05-01', '令和元年5月1日']] as const) {
      document.body.innerHTML = '';
      const order = sampleOrder({ customer: { ...sampleOrder().customer, birthDate } });
      useMemoryTransport({ getOrder: () => ({ order, np: npInfo(null), purchaseCount: 1 }) });
      const w = mountApp(OrderEditDialog, { props: { orderId: 7 }, global: { stubs: { ElDatePicker: DatePickerStub } } });
      await settle(10);
      expect(document.body.querySelector('[data-test="birth-wareki"]')?.textContent?.trim()).toBe(shown);
      w.unmount();
    }
  });
});
