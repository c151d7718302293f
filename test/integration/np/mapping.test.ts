/**
 * Order → NP payload: JST order date, goods lines that add up to billed_amount, NP's text normalisation,
 * settlement type, ship-to, the 取引修正 diff — and the sandbox accepting what the mapping produces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffForUpdate, goodsTotal, mergeAccepted, toRegisterItem, toShipmentItem } from '../../../shared/np/mapping';
import { validateRegisterItem, validateUpdateItem } from '../../../shared/np/validation';
import type { Order, OrderInput } from '../../../shared/order';
import { orderTotal } from '../../../shared/order';
import { npOrder, startTestSandbox, testClient, type TestSandbox } from './helpers';

const asOrder = (input: OrderInput, id = 1): Order => ({ ...input, id, total: orderTotal(input), createdAt: 0, updatedAt: 0 });
/** An instant given in Japan time. */
const jst = (iso: string): number => Date.parse(`${iso}+09:00`);

describe('toRegisterItem', () => {
  it('dates the order in Japan: 08:30 JST on the 1st is the 1st (the 31st in UTC)', () => {
    const at = jst('2026-11-01T08:30:00');
    expect(new Date(at).toISOString().slice(0, 10)).toBe('2026-10-31');
    expect(toRegisterItem(asOrder(npOrder(1, { orderedAt: at }))).shop_order_date).toBe('2026-11-01');
    expect(toRegisterItem(asOrder(npOrder(1, { orderedAt: jst('2026-11-30T23:59:59') }))).shop_order_date).toBe('2026-11-30');
    expect(toRegisterItem(asOrder(npOrder(1, { orderedAt: jst('2027-01-01T00:00:00') }))).shop_order_date).toBe('2027-01-01');
  });

  it('turns shipping, fee and discount into goods lines whose total equals billed_amount', () => {
    const order = asOrder(
      npOrder(2, {
        lines: [
          { name: '有機緑茶 100g', unitPrice: 1200, quantity: 3 },
          { name: '急須', unitPrice: 4500, quantity: 1 },
        ],
        shippingFee: 880,
        fee: 330,
        discount: 1000,
      }),
    );
    const item = toRegisterItem(order);
    expect(item.billed_amount).toBe(3600 + 4500 + 880 + 330 - 1000);
    expect(goodsTotal(item.goods)).toBe(item.billed_amount);
    expect(item.goods.slice(2)).toEqual([
      { goods_name: '送料', goods_price: 880, quantity: 1 },
      { goods_name: '決済手数料', goods_price: 330, quantity: 1 },
      { goods_name: '値引き', goods_price: -1000, quantity: 1 },
    ]);
    const noExtras = toRegisterItem(asOrder(npOrder(3, { shippingFee: 0, fee: 0, discount: 0 })));
    expect(noExtras.goods).toHaveLength(2);
    expect(goodsTotal(noExtras.goods)).toBe(noExtras.billed_amount);
  });

  it('normalises text the way NP wants: full-width kana, TEL and zip as digits', () => {
    const input = npOrder(4);
    const item = toRegisterItem(
      asOrder({
        ...input,
        customer: {
          ...input.customer,
          name: ' 山田 太郎 ',
          kana: 'ﾔﾏﾀﾞ ﾀﾛｳ',
          address: '東京都港区赤坂1-2-3 ｱｶｻｶﾋﾞﾙ101',
          tel: '０９０-１２３４-５６７８',
          zip: '107-0052',
          companyName: '',
          email: ' taro@example.jp ',
        },
        lines: [{ name: 'ｸﾞﾘｰﾝﾃｨｰ', unitPrice: 1000, quantity: 1 }],
      }),
    );
    expect(item.customer).toEqual({
      customer_name: '山田 太郎',
      customer_name_kana: 'ヤマダ タロウ',
      zip_code: '1070052',
      address: '東京都港区赤坂1-2-3 アカサカビル101',
      tel: '09012345678',
      email: 'taro@example.jp',
    });
    expect(item.goods[0]?.goods_name).toBe('グリーンティー');
    expect(validateRegisterItem(item)).toEqual([]);
  });

  it('sets settlement_type from 請求書区分 and sends dest_customer only for a different ship-to', () => {
    const input = npOrder(5);
    expect(toRegisterItem(asOrder(input)).settlement_type).toBe('02');
    expect(toRegisterItem(asOrder({ ...input, invoiceType: 'bundled' })).settlement_type).toBe('03');
    expect(toRegisterItem(asOrder(input)).dest_customer).toBeUndefined();
    const { email: _e, birthDate: _b, gender: _g, ...buyerAsPerson } = input.customer;
    expect(toRegisterItem(asOrder({ ...input, shipTo: { ...buyerAsPerson, tel: '090-' + input.customer.tel.slice(3) } })).dest_customer).toBeUndefined();
    const gift = { ...buyerAsPerson, name: '佐藤 花子', kana: 'サトウ ハナコ', address: '大阪府大阪市北区梅田1-1-1 梅田タワー2001', zip: '5300001', tel: '0612345678' };
    expect(toRegisterItem(asOrder({ ...input, shipTo: gift })).dest_customer).toEqual({
      customer_name: '佐藤 花子',
      customer_name_kana: 'サトウ ハナコ',
      zip_code: '5300001',
      address: '大阪府大阪市北区梅田1-1-1 梅田タワー2001',
      tel: '0612345678',
    });
  });
});

describe('diffForUpdate / mergeAccepted', () => {
  const base = npOrder(6);
  const accepted = toRegisterItem(asOrder(base));

  it('finds no change when nothing changed', () => {
    expect(diffForUpdate('26110100001', toRegisterItem(asOrder(base)), accepted)).toEqual({
      payload: { np_transaction_id: '26110100001' },
      changedFields: [],
    });
  });

  it('sends the whole customer block but names only the changed field', () => {
    const moved = toRegisterItem(asOrder({ ...base, customer: { ...base.customer, address: '東京都港区赤坂9-9-9 新ビル5F' } }));
    const d = diffForUpdate('26110100001', moved, accepted);
    expect(d.changedFields).toEqual(['customer.address']);
    expect(d.payload).toEqual({ np_transaction_id: '26110100001', customer: moved.customer });
    expect(validateUpdateItem(d.payload)).toEqual([]);
    expect(mergeAccepted(accepted, d.payload)).toEqual(moved);
  });

  it('sends billed_amount and goods together when an amount changes', () => {
    const cheaper = toRegisterItem(asOrder({ ...base, discount: 500 }));
    const d = diffForUpdate('26110100001', cheaper, accepted);
    expect(d.changedFields).toEqual(['billed_amount', 'goods']);
    expect(d.payload.billed_amount).toBe(accepted.billed_amount - 400);
    expect(goodsTotal(d.payload.goods ?? [])).toBe(d.payload.billed_amount);
  });

  it('sends the buyer as dest_customer when a separate ship-to is removed', () => {
    const gift = { ...base, shipTo: { name: '佐藤 花子', kana: '', companyName: '', departmentName: '', zip: '5300001', address: '大阪府大阪市北区梅田1-1-1 梅田タワー2001', tel: '0612345678' } };
    const withGift = toRegisterItem(asOrder(gift));
    const back = diffForUpdate('26110100001', toRegisterItem(asOrder(base)), withGift);
    expect(back.payload.dest_customer?.customer_name).toBe('山田 太郎');
    expect(back.changedFields).toEqual(expect.arrayContaining(['dest_customer.customer_name', 'dest_customer.address']));
    const merged = mergeAccepted(withGift, back.payload);
    expect(diffForUpdate('26110100001', toRegisterItem(asOrder(base)), merged).changedFields).toEqual([]);
  });
});

describe('toShipmentItem', () => {
  it('sends bill_issued_date (today in Japan) only for NP後払いwiz', () => {
    const now = jst('2026-11-05T07:00:00');
    const o = asOrder(npOrder(7, { carrierCode: '59010', slipNo: '１２３４-５６７８' }));
    expect(toShipmentItem('26110100001', o, {}, now)).toEqual({ np_transaction_id: '26110100001', pd_company_code: '59010', slip_no: '1234-5678' });
    expect(toShipmentItem('26110100001', { ...o, invoiceType: 'bundled' }, { slipNo: 'A1' }, now)).toEqual({
      np_transaction_id: '26110100001',
      pd_company_code: '59010',
      slip_no: 'A1',
      bill_issued_date: '2026-11-05',
    });
  });
});

describe('the sandbox accepts what the mapping sends', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox({ rules: { strictAmount: true } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('registers mapped orders under strict amount rules (Σ goods == billed_amount) as 審査OK', async () => {
    const orders = [
      npOrder(10, { discount: 2000, shippingFee: 1100, fee: 0 }),
      npOrder(11, { invoiceType: 'bundled', orderedAt: jst('2026-11-01T08:30:00') }),
      { ...npOrder(12), customer: { ...npOrder(12).customer, kana: 'ﾔﾏﾀﾞ', tel: '03-1234-5678' } },
    ].map((o, i) => toRegisterItem(asOrder(o, i + 1)));
    const answer = await testClient(t.sb).register(orders);
    expect(answer.errors).toEqual([]);
    expect(answer.results.map((r) => r.authori_result)).toEqual(['00', '00', '00']);
    const listed = await t.admin.transactions('T000011');
    expect(listed[0]).toMatchObject({ settlement_type: '03', billed_amount: orders[1]?.billed_amount });
  });
});
