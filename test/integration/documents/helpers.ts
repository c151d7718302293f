/** Orders for the 帳票 tests: short NP後払い ones (別送 / 同梱, a 軽減税率 line), a long one, a 代金引換 with a ship-to. */
import type { OrderInput } from '../../../shared/order';
import type { ShopProfile } from '../../../shared/shop';
import { sampleOrder } from '../store/helpers';

export const SHOP: ShopProfile = {
  name: '緑茶のみどり園',
  zip: '4200852',
  address: '静岡県静岡市葵区紺屋町1-2 みどりビル3F',
  tel: '0542123456',
  email: 'shop@midori.example.jp',
  invoiceNumber: 'T1234567890123',
};

/** The store tests' sample order with one goods line, no 手数料 or 値引き, and no carrier. */
export function orderInput(orderNo: string, over: Partial<OrderInput> = {}): OrderInput {
  return sampleOrder({ orderNo, lines: [{ name: '煎茶 100g', unitPrice: 1200, quantity: 2 }], fee: 0, discount: 0, carrierCode: null, ...over });
}

export const SHORT_SEPARATE = orderInput('5001', {
  lines: [
    { name: '煎茶 100g', unitPrice: 1080, quantity: 2, taxRate: 8 },
    { name: '急須（常滑焼）', unitPrice: 5500, quantity: 1 },
  ],
  shippingFee: 660,
  fee: 330,
  discount: 500,
});
export const SHORT_BUNDLED = orderInput('5002', {
  invoiceType: 'bundled',
  customer: { ...orderInput('x').customer, name: '佐藤 花子', kana: 'サトウ ハナコ', tel: '09012345678', email: 'hanako@example.jp' },
});
export const LONG = orderInput('5003', {
  paymentMethod: 'credit_card',
  lines: Array.from({ length: 70 }, (_, i) => ({ name: `茶葉 詰め合わせ No.${i + 1}`, unitPrice: 100 + i, quantity: 1 })),
});
export const COD = orderInput('5004', {
  paymentMethod: 'cod',
  fee: 330,
  shipTo: {
    name: '鈴木 一郎',
    kana: 'スズキ イチロウ',
    companyName: '株式会社すずき商店',
    departmentName: '総務部',
    zip: '5300001',
    address: '大阪府大阪市北区梅田1-1-1 梅田センタービル20F',
    tel: '0661234567',
  },
});
