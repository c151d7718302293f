/** The one sample order of the tests (pure: usable by the renderer tests, the store and NP tests, the benches). */
import type { OrderInput } from '../../shared/order';

/** A hand-written order for tests that need one specific shape. */
export function sampleOrder(overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    orderNo: '1001',
    orderedAt: Date.UTC(2026, 10, 1, 3, 0, 0),
    status: 'new',
    paymentMethod: 'np_atobarai',
    customer: {
      name: '山田 太郎',
      kana: 'ヤマダ タロウ',
      companyName: '',
      departmentName: '',
      zip: '1070052',
      address: '東京都港区赤坂1-2-3 赤坂ビル101',
      tel: '0312345678',
      email: 'Taro.Yamada@Example.jp',
      birthDate: '1985-04-12',
      gender: 'male',
    },
    shipTo: null,
    lines: [
      { name: '有機緑茶 100g', unitPrice: 1200, quantity: 2 },
      { name: 'ほうじ茶ティーバッグ', unitPrice: 800, quantity: 1 },
    ],
    shippingFee: 600,
    fee: 250,
    discount: 100,
    carrierCode: '50000',
    slipNo: '',
    invoiceType: 'separate',
    note: '',
    shopMemo: '',
    shippedAt: null,
    paidAt: null,
    ...overrides,
  };
}
