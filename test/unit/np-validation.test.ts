import { describe, expect, it } from 'vitest';
import {
  amountMismatch,
  isEmptyDest,
  validateIdItem,
  validateRegisterItem,
  validateReregisterItem,
  validateShipmentItem,
  validateUpdateItem,
  zipAddressNotes,
} from '../../shared/np/validation';
import { zipLookup } from '../../electron/core/zip/lookup';
import type { NpRegisterItem } from '../../shared/np/api-types';

function item(over: Record<string, unknown> = {}): NpRegisterItem {
  return {
    shop_transaction_id: 'ORDER-0001',
    shop_order_date: '2026-04-01',
    settlement_type: '02',
    billed_amount: 3300,
    customer: {
      customer_name: '山田 太郎',
      customer_name_kana: 'ヤマダ タロウ',
      zip_code: '1070052',
      address: '東京都港区赤坂1-2-3 赤坂ハイツ101',
      tel: '090-1234-5678',
      email: 'taro@example.com',
    },
    goods: [
      { goods_name: '緑茶', goods_price: 1500, quantity: 2 },
      { goods_name: '送料', goods_price: 300, quantity: 1 },
    ],
    ...over,
  } as NpRegisterItem;
}
const withCustomer = (c: Record<string, unknown>) => item({ customer: { ...item().customer, ...c } });
const withDest = (d: Record<string, unknown>) =>
  item({ dest_customer: { customer_name: '佐藤 花子', zip_code: '530-0001', address: '大阪府大阪市北区梅田1-1 梅田ビル3F', tel: '0612345678', ...d } });

describe('validateRegisterItem', () => {
  it('accepts a complete item (with and without a ship-to)', () => {
    expect(validateRegisterItem(item())).toEqual([]);
    expect(validateRegisterItem(withDest({}))).toEqual([]);
  });

  it('reports the required codes of an empty buyer and of a non-object', () => {
    expect(validateRegisterItem(item({ customer: {} }))).toEqual(['E0100048', 'E0100057', 'E0100060', 'E0100063']);
    const all = validateRegisterItem(null);
    expect(all).toEqual(expect.arrayContaining(['SBX0001', 'SBX0003', 'SBX0004', 'SBX0005', 'SBX0006', 'E0100048']));
  });

  it('counts name, kana, company, department and address in characters (全角 limits 21/25/30/30/55)', () => {
    expect(validateRegisterItem(withCustomer({ customer_name: '山'.repeat(21) }))).toEqual([]);
    expect(validateRegisterItem(withCustomer({ customer_name: '山'.repeat(22) }))).toEqual(['E0100050']);
    expect(validateRegisterItem(withCustomer({ customer_name: 'a'.repeat(22) }))).toEqual(['E0100050']);
    expect(validateRegisterItem(withCustomer({ customer_name_kana: 'ア'.repeat(26) }))).toEqual(['E0100051']);
    expect(validateRegisterItem(withCustomer({ company_name: '株'.repeat(31), department_name: '部'.repeat(31) }))).toEqual([
      'E0100053',
      'E0100055',
    ]);
    expect(validateRegisterItem(withCustomer({ address: `東京都${'あ'.repeat(52)}` }))).toEqual([]);
    expect(validateRegisterItem(withCustomer({ address: `東京都${'あ'.repeat(53)}` }))).toEqual(['E0100062']);
  });

  it('refuses emoji, characters outside CP932 and half-width kana with the field’s chars code', () => {
    expect(validateRegisterItem(withCustomer({ customer_name: '山田 太郎😀' }))).toEqual(['E0100049']);
    expect(validateRegisterItem(withCustomer({ customer_name_kana: 'ﾔﾏﾀﾞ ﾀﾛｳ' }))).toEqual(['E0100052']);
    expect(validateRegisterItem(withCustomer({ address: '東京都港区赤坂1〜2' }))).toEqual(['E0100061']);
    expect(validateRegisterItem(withCustomer({ company_name: 'Café' }))).toEqual(['E0100054']);
    expect(validateRegisterItem(withCustomer({ department_name: '営業\t部' }))).toEqual(['E0100056']);
    // CP932 characters (NEC/IBM extensions, full-width tilde) are accepted
    expect(validateRegisterItem(withCustomer({ customer_name: '髙橋 ①', address: '東京都港区赤坂1～2 ㈱ビル' }))).toEqual([]);
  });

  it('checks the zip: required, half-width digits/hyphen, 7 digits or NNN-NNNN', () => {
    expect(validateRegisterItem(withCustomer({ zip_code: '107-0052' }))).toEqual([]);
    expect(validateRegisterItem(withCustomer({ zip_code: '' }))).toEqual(['E0100057']);
    expect(validateRegisterItem(withCustomer({ zip_code: '１０７００５２' }))).toEqual(['E0100058']);
    expect(validateRegisterItem(withCustomer({ zip_code: '〒1070052' }))).toEqual(['E0100058']);
    expect(validateRegisterItem(withCustomer({ zip_code: '10700521' }))).toEqual(['E0100136']);
    expect(validateRegisterItem(withCustomer({ zip_code: '1070-052' }))).toEqual(['E0100136']);
  });

  it('checks zip against the address (Japan Post data) only when given the data, naming the part', () => {
    const zipAddress = zipLookup;
    const osakaZip = withCustomer({ zip_code: '530-0001' });
    expect(validateRegisterItem(osakaZip)).toEqual([]);
    expect(validateRegisterItem(osakaZip, { zipAddress })).toEqual(['E0100059']);
    expect(zipAddressNotes(osakaZip, zipAddress)).toEqual([{ person: 'customer', message: '購入者の住所の都道府県「東京都」が郵便番号〒530-0001（大阪府）と一致しません' }]);
    const dest = withDest({ zip_code: '100-0001' });
    expect(validateRegisterItem(dest, { zipAddress })).toEqual(['E0100083']);
    const wrongCity = withDest({ zip_code: '530-0001', address: '大阪府堺市堺区1-1' });
    expect(validateRegisterItem(wrongCity, { zipAddress })).toEqual(['E0100083']);
    expect(zipAddressNotes(wrongCity, zipAddress)).toEqual([{ person: 'dest_customer', message: '配送先の住所の市区町村が郵便番号〒530-0001（大阪府大阪市北区）と一致しません' }]);
    expect(validateRegisterItem(item(), { zipAddress })).toEqual([]);
    expect(validateRegisterItem(withDest({}), { zipAddress })).toEqual([]);
    expect(zipAddressNotes(withDest({}), zipAddress)).toEqual([]);
  });

  it('applies the 11-digit rule to 020/050/060/070/080/090 and 10 digits to the rest', () => {
    for (const tel of ['09012345678', '090-1234-5678', '050-1234-5678', '0312345678', '03-1234-5678', '0120-123-456']) {
      expect(validateRegisterItem(withCustomer({ tel })), tel).toEqual([]);
    }
    expect(validateRegisterItem(withCustomer({ tel: '090-1234-567' }))).toEqual(['E0100066']);
    expect(validateRegisterItem(withCustomer({ tel: '080123456789' }))).toEqual(['E0100066']);
    expect(validateRegisterItem(withCustomer({ tel: '03-1234-56789' }))).toEqual(['E0100067']);
    expect(validateRegisterItem(withCustomer({ tel: '０９０１２３４５６７８' }))).toEqual(['E0100064']);
    expect(validateRegisterItem(withCustomer({ tel: '+819012345678' }))).toEqual(['E0100064']);
    expect(validateRegisterItem(withCustomer({ tel: '9012345678' }))).toEqual(['E0100065']);
    expect(validateRegisterItem(withCustomer({ tel: '03--1234-5678' }))).toEqual(['E0100065']);
    expect(validateRegisterItem(withCustomer({ tel: '' }))).toEqual(['E0100063']);
  });

  it('uses the ship-to codes for dest_customer and ignores an all-empty one', () => {
    expect(validateRegisterItem(withDest({ customer_name: '', tel: '090-1234-567', zip_code: 'abc', address: 'x'.repeat(56) }))).toEqual([
      'E0100072',
      'E0100082',
      'E0100086',
      'E0100090',
    ]);
    expect(validateRegisterItem(withDest({ tel: '06-1234-567' }))).toEqual(['E0100091']);
    expect(validateRegisterItem(withDest({ customer_name_kana: 'ｻﾄｳ' }))).toEqual(['E0100076']);
    expect(validateRegisterItem(item({ dest_customer: { customer_name: '', zip_code: '', address: '', tel: '' } }))).toEqual([]);
    expect(isEmptyDest({ customer_name: '', tel: '' })).toBe(true);
    expect(isEmptyDest({ customer_name: 'a' })).toBe(false);
  });

  it('checks email: ASCII, ≤100, format, and required only when the merchant says so', () => {
    expect(validateRegisterItem(withCustomer({ email: undefined }))).toEqual([]);
    expect(validateRegisterItem(withCustomer({ email: '' }), { requireEmail: true })).toEqual(['E0100068']);
    expect(validateRegisterItem(withCustomer({ email: 'たろう@example.com' }))).toEqual(['E0100069']);
    expect(validateRegisterItem(withCustomer({ email: `${'a'.repeat(89)}@example.com` }))).toEqual(['E0100070']);
    for (const email of ['taro', 'taro@', 'taro@example', '.taro@example.com', 'ta..ro@example.com', 'taro@-example.com']) {
      expect(validateRegisterItem(withCustomer({ email })), email).toEqual(['E0100071']);
    }
  });

  it('allows |Σ goods − billed| ≤ 3000, refuses more (E0102004), and requires equality in strict mode', () => {
    expect(validateRegisterItem(item({ billed_amount: 6300 }))).toEqual([]);
    expect(validateRegisterItem(item({ billed_amount: 6301 }))).toEqual(['E0102004']);
    expect(validateRegisterItem(item({ billed_amount: 300 }))).toEqual([]);
    expect(validateRegisterItem(item({ billed_amount: 299 }))).toEqual(['E0102004']);
    expect(validateRegisterItem(item({ billed_amount: 3301 }), { strictAmount: true })).toEqual(['E0102004']);
    expect(amountMismatch([{ goods_name: 'a', goods_price: -500, quantity: 1 }, { goods_name: 'b', goods_price: 1500, quantity: 1 }], 1000, true)).toBe(false);
  });

  it('requires a positive integer billed_amount, goods with integer prices and quantities ≥ 1', () => {
    expect(validateRegisterItem(item({ billed_amount: 0 }))).toEqual(['SBX0005']);
    expect(validateRegisterItem(item({ billed_amount: 3300.5 }))).toEqual(['SBX0005']);
    expect(validateRegisterItem(item({ billed_amount: '3300' }))).toEqual(['SBX0005']);
    expect(validateRegisterItem(item({ goods: [] }))).toEqual(['SBX0006']);
    expect(validateRegisterItem(item({ goods: [{ goods_name: '緑茶', goods_price: 3300, quantity: 0 }] }))).toEqual(['SBX0009']);
    expect(validateRegisterItem(item({ goods: [{ goods_name: '緑茶', goods_price: 1.5, quantity: 1 }] }))).toEqual(['SBX0008']);
    expect(validateRegisterItem(item({ goods: [{ goods_name: '', goods_price: 3300, quantity: 1 }] }))).toEqual(['SBX0007']);
    // a negative discount line is allowed
    expect(
      validateRegisterItem(item({ goods: [{ goods_name: '緑茶', goods_price: 3800, quantity: 1 }, { goods_name: '割引', goods_price: -500, quantity: 1 }] })),
    ).toEqual([]);
  });

  it('checks shop_transaction_id, order date and settlement type', () => {
    expect(validateRegisterItem(item({ shop_transaction_id: '' }))).toEqual(['SBX0001']);
    expect(validateRegisterItem(item({ shop_transaction_id: 'x'.repeat(41) }))).toEqual(['SBX0002']);
    expect(validateRegisterItem(item({ shop_transaction_id: '注文1' }))).toEqual(['SBX0002']);
    expect(validateRegisterItem(item({ shop_order_date: '2026-02-30' }))).toEqual(['SBX0003']);
    expect(validateRegisterItem(item({ settlement_type: '01' }))).toEqual(['SBX0004']);
  });

  it('returns every code of the item at once, without duplicates', () => {
    const codes = validateRegisterItem(
      item({
        billed_amount: 99999,
        customer: { customer_name: '😀'.repeat(30), zip_code: '12', address: '', tel: '03-1234' },
        goods: [
          { goods_name: 'a', goods_price: 1, quantity: 0 },
          { goods_name: 'b', goods_price: 1, quantity: 0 },
        ],
      }),
    );
    expect(codes).toEqual(['E0100049', 'E0100050', 'E0100136', 'E0100060', 'E0100067', 'SBX0009']);
  });
});

describe('validateUpdateItem', () => {
  it('needs a well-formed np_transaction_id and checks only the fields present', () => {
    expect(validateUpdateItem({ np_transaction_id: '26040100001', dest_customer: withDest({}).dest_customer })).toEqual([]);
    expect(validateUpdateItem({ np_transaction_id: '26040100001', goods: item().goods, billed_amount: 3300 })).toEqual([]);
    expect(validateUpdateItem({ np_transaction_id: '26040100001', goods: item().goods, billed_amount: 9000 })).toEqual(['E0102004']);
    expect(validateUpdateItem({ np_transaction_id: '26040100001', billed_amount: 99999 })).toEqual([]);
    expect(validateUpdateItem({ np_transaction_id: '2604010000', customer: { customer_name: '' } })).toEqual([
      'E0100003',
      'E0100048',
      'E0100057',
      'E0100060',
      'E0100063',
    ]);
  });
});

describe('validateIdItem', () => {
  it('reports EPRO0105, E0100002 and E0100003', () => {
    expect(validateIdItem({ np_transaction_id: '26040100001' })).toEqual([]);
    expect(validateIdItem({ np_transaction_id: 'AB040100001' })).toEqual([]);
    expect(validateIdItem({})).toEqual(['EPRO0105']);
    expect(validateIdItem({ np_transaction_id: '2604010000' })).toEqual(['E0100003']);
    expect(validateIdItem({ np_transaction_id: '２６０４０１００００１' })).toEqual(['E0100002']);
    expect(validateIdItem({ np_transaction_id: '2604-1' })).toEqual(['E0100002', 'E0100003']);
    expect(validateIdItem({ np_transaction_id: 26040100001 })).toEqual(['E0100002']);
  });
});

describe('validateShipmentItem', () => {
  const ctx02 = { settlementType: '02', today: '2026-04-20' };
  const ctx03 = { settlementType: '03', today: '2026-04-20' };
  const ship = (over: Record<string, unknown> = {}) => ({ np_transaction_id: '26040100001', pd_company_code: '59010', slip_no: '1234-5678-9012', ...over });

  it('accepts a plain NP後払い report', () => {
    expect(validateShipmentItem(ship(), ctx02)).toEqual([]);
  });

  it('checks the carrier code against NP’s master', () => {
    expect(validateShipmentItem(ship({ pd_company_code: '' }), ctx02)).toEqual(['E0100105']);
    expect(validateShipmentItem(ship({ pd_company_code: 'yamato' }), ctx02)).toEqual(['E0100106']);
    expect(validateShipmentItem(ship({ pd_company_code: '5901' }), ctx02)).toEqual(['E0100107']);
    expect(validateShipmentItem(ship({ pd_company_code: '12345' }), ctx02)).toEqual(['E0100108']);
  });

  it('checks the slip number: 1–20 of [A-Za-z0-9-]', () => {
    expect(validateShipmentItem(ship({ slip_no: '' }), ctx02)).toEqual(['E0100109']);
    expect(validateShipmentItem(ship({ slip_no: 'A'.repeat(20) }), ctx02)).toEqual([]);
    expect(validateShipmentItem(ship({ slip_no: 'A'.repeat(21) }), ctx02)).toEqual(['E0100110']);
    expect(validateShipmentItem(ship({ slip_no: '1234 5678' }), ctx02)).toEqual(['E0100110']);
    expect(validateShipmentItem(ship({ slip_no: '１２３４' }), ctx02)).toEqual(['E0100110']);
  });

  it('applies the wiz bill_issued_date rules', () => {
    expect(validateShipmentItem(ship({ bill_issued_date: '2026-04-20' }), ctx02)).toEqual(['E0100143']);
    expect(validateShipmentItem(ship(), ctx03)).toEqual(['E0100111']);
    expect(validateShipmentItem(ship({ bill_issued_date: '2026/04/20' }), ctx03)).toEqual(['EPRO0109']);
    expect(validateShipmentItem(ship({ bill_issued_date: '2026-04-20' }), ctx03)).toEqual([]);
    expect(validateShipmentItem(ship({ bill_issued_date: '2026-04-10' }), ctx03)).toEqual([]);
    expect(validateShipmentItem(ship({ bill_issued_date: '2026-04-09' }), ctx03)).toEqual(['E0100126']);
    expect(validateShipmentItem(ship({ bill_issued_date: '2026-04-21' }), ctx03)).toEqual(['E0100126']);
    expect(validateShipmentItem(ship({ bill_issued_date: '2026-04-12' }), { ...ctx03, printDataDate: '2026-04-15' })).toEqual(['E0100124']);
  });

  it('reports id, carrier and slip codes together', () => {
    expect(validateShipmentItem({ np_transaction_id: 'x', pd_company_code: '1', slip_no: '' }, ctx02)).toEqual(['E0100003', 'E0100107', 'E0100109']);
  });
});

describe('validateReregisterItem', () => {
  it('needs a base id and the register rules for amount and goods', () => {
    const rr = { base_np_transaction_id: '26040100001', shop_transaction_id: 'ORDER-0001-R', shop_order_date: '2026-04-01', billed_amount: 3300, goods: item().goods };
    expect(validateReregisterItem(rr)).toEqual([]);
    expect(validateReregisterItem({ ...rr, base_np_transaction_id: undefined })).toEqual(['EPRO0105']);
    expect(validateReregisterItem({ ...rr, billed_amount: 7000 })).toEqual(['E0102004']);
    expect(validateReregisterItem({ ...rr, goods: [] })).toEqual(['SBX0006']);
  });
});
