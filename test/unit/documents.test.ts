/** 帳票's pure parts: 税率ごとの内訳, the 納品書 data of an order, the print view's address, the shop profile, 税率 on a goods line, fitting addresses into carrier fields. */
import { describe, expect, it } from 'vitest';
import { deliveryNoteOf, parsePrintViewHash, printViewHash, taxBreakdown } from '../../shared/delivery-note';
import { OrderInputSchema } from '../../shared/order-schema';
import { ShopProfileSchema } from '../../shared/shop';
import { sjisLength, splitBuilding, spreadOver } from '../../electron/core/documents/address-fields';
import { orderInput } from '../integration/documents/helpers';
import type { Order } from '../../shared/order';

const order = (over: Partial<Order> = {}): Order => ({ ...orderInput('1'), id: 1, total: 0, createdAt: 0, updatedAt: 0, ...over });

describe('税率ごとの内訳', () => {
  it('puts 送料 and 手数料 at 10% and rounds the contained tax down once per rate', () => {
    expect(taxBreakdown({ lines: [{ name: 'a', unitPrice: 1100, quantity: 3 }], shippingFee: 550, fee: 330, discount: 0 })).toEqual([{ rate: 10, amount: 4180, tax: 380 }]);
    expect(taxBreakdown({ lines: [{ name: 'a', unitPrice: 1080, quantity: 1, taxRate: 8 }], shippingFee: 0, fee: 0, discount: 0 })).toEqual([
      { rate: 10, amount: 0, tax: 0 },
      { rate: 8, amount: 1080, tax: 80 },
    ]);
    expect(taxBreakdown({ lines: [{ name: 'a', unitPrice: 999, quantity: 1 }], shippingFee: 0, fee: 0, discount: 0 })[0]!.tax).toBe(90); // 90.8… → 90
  });

  it('shares a 値引き between the rates by their amounts, so the buckets add up to the 合計', () => {
    const o = { lines: [{ name: '茶', unitPrice: 2160, quantity: 1, taxRate: 8 as const }, { name: '器', unitPrice: 5500, quantity: 1 }], shippingFee: 660, fee: 330, discount: 500 };
    const b = taxBreakdown(o);
    expect(b.reduce((s, x) => s + x.amount, 0)).toBe(2160 + 5500 + 660 + 330 - 500);
    expect(b.find((x) => x.rate === 8)!.amount).toBe(2160 - Math.floor((500 * 2160) / 8650));
  });
});

describe('納品書 data', () => {
  it('carries the NP note only for NP後払い, with its 請求書区分, and the ship-to when there is one', () => {
    expect(deliveryNoteOf(order({ invoiceType: 'bundled' })).npInvoice).toBe('bundled');
    expect(deliveryNoteOf(order({ paymentMethod: 'cod' })).npInvoice).toBeNull();
    const n = deliveryNoteOf(order({ lines: [{ name: 'a', unitPrice: 100, quantity: 3 }], shippingFee: 500 }));
    expect(n).toMatchObject({ goodsTotal: 300, shipTo: null, buyer: { name: '山田 太郎', tel: '0312345678' } });
    expect(n.buyer).not.toHaveProperty('email');
  });

  it('the print view address names the orders once each, at most 1,000, and ignores junk', () => {
    expect(printViewHash([3, 1], true)).toBe('#ids=3,1&print=1');
    expect(parsePrintViewHash('#ids=3,1&print=1')).toEqual({ orderIds: [3, 1], autoPrint: true });
    expect(parsePrintViewHash('#ids=1,x,1,-2,0,7')).toEqual({ orderIds: [1, 7], autoPrint: false });
    expect(parsePrintViewHash(`#ids=${Array.from({ length: 1200 }, (_, i) => i + 1).join(',')}`).orderIds).toHaveLength(1000);
    expect(parsePrintViewHash('')).toEqual({ orderIds: [], autoPrint: false });
  });
});

describe('ショップ情報', () => {
  it('folds TEL, 〒 and the 登録番号, and leaves an empty 登録番号 out', () => {
    const shop = ShopProfileSchema.parse({ name: ' みどり園 ', zip: '〒420-0852', address: '静岡市', tel: '054-212-3456', email: 'a@b.jp', invoiceNumber: 'ｔ１２３４－５６７８９０１２３' });
    expect(shop).toEqual({ name: 'みどり園', zip: '4200852', address: '静岡市', tel: '0542123456', email: 'a@b.jp', invoiceNumber: 'T1234567890123' });
    expect(ShopProfileSchema.parse({ ...shop, invoiceNumber: '' }).invoiceNumber).toBeUndefined();
  });

  it('refuses a wrong 登録番号, TEL or メール with a Japanese message naming the field', () => {
    const messages = (v: object) => ShopProfileSchema.safeParse({ name: '', zip: '', address: '', tel: '', email: '', ...v }).error?.issues.map((i) => i.message);
    expect(messages({ invoiceNumber: 'T123' })).toEqual(['登録番号は「T」＋13桁の数字で入力してください（例: T1234567890123）']);
    expect(messages({ tel: '123' })).toEqual(['ショップのTELは10桁または11桁の数字で入力してください']);
    expect(messages({ email: 'x' })).toEqual(['ショップのメールアドレスの形式が正しくありません']);
  });
});

describe('税率 of a goods line', () => {
  it('keeps 8%, leaves the standard 10% out (one spelling), and refuses other rates in Japanese', () => {
    const parse = (taxRate: unknown) => OrderInputSchema.safeParse({ ...orderInput('1'), lines: [{ name: 'a', unitPrice: 1, quantity: 1, taxRate }] });
    expect(parse(8).data?.lines[0]).toEqual({ name: 'a', unitPrice: 1, quantity: 1, taxRate: 8 });
    expect(parse(10).data?.lines[0]?.taxRate).toBeUndefined();
    expect(parse(undefined).success).toBe(true);
    expect(parse(5).error?.issues[0]?.message).toBe('税率は10%か8%（軽減税率）を選択してください');
  });
});

describe('addresses in carrier fields', () => {
  it('counts Shift_JIS bytes (全角 2, 半角 and 半角カナ 1)', () => {
    expect(sjisLength('東京1-2ｱ')).toBe(2 * 2 + 3 + 1);
  });

  it('splits the building off at the space after the (last) house number', () => {
    expect(splitBuilding('東京都港区赤坂1-2-3 赤坂ハイツ 101')).toEqual({ street: '東京都港区赤坂1-2-3', building: '赤坂ハイツ 101' });
    expect(splitBuilding('東京都港区赤坂1-2-3　赤坂ハイツ101')).toEqual({ street: '東京都港区赤坂1-2-3', building: '赤坂ハイツ101' });
    expect(splitBuilding('北海道 札幌市')).toEqual({ street: '北海道 札幌市', building: '' }); // no house number before the space
    expect(splitBuilding('東京都港区赤坂1-2-3')).toEqual({ street: '東京都港区赤坂1-2-3', building: '' });
  });

  it('spreads text over fields on character boundaries and keeps what does not fit in the last one', () => {
    expect(spreadOver('あいうえお', [4, 4])).toEqual(['あい', 'うえお']);
    expect(spreadOver('abc', [4, 4])).toEqual(['abc', '']);
    expect(spreadOver('あいうえおかきくけこ', [4, 4, 4]).join('')).toBe('あいうえおかきくけこ');
  });
});
