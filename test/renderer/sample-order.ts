/** A complete, NP-valid order as the core returns it. */
import type { Order } from '../../shared/order';

export function sampleOrder(over: Partial<Order> = {}): Order {
  return {
    id: 7,
    orderNo: '1001',
    orderedAt: Date.UTC(2026, 10, 28, 1, 30),
    status: 'new',
    paymentMethod: 'np_atobarai',
    customer: {
      name: '山田 太郎',
      kana: 'ヤマダ タロウ',
      companyName: '',
      departmentName: '',
      zip: '1070052',
      address: '東京都港区赤坂1-2-3',
      tel: '0312345678',
      email: 'taro@example.jp',
      birthDate: '1980-04-01',
      gender: 'male',
    },
    shipTo: null,
    lines: [{ name: '緑茶 100g', unitPrice: 1200, quantity: 2 }],
    shippingFee: 600,
    fee: 0,
    discount: 0,
    carrierCode: '59010',
    slipNo: '',
    invoiceType: 'separate',
    note: '',
    shopMemo: '',
    shippedAt: null,
    paidAt: null,
    total: 3000,
    createdAt: Date.UTC(2026, 10, 28, 1, 30),
    updatedAt: Date.UTC(2026, 10, 28, 1, 30),
    ...over,
  };
}
