/**
 * The order form's checks before anything is sent: the store's rules block saving with messages per field;
 * NP's rules (21 全角 names, TEL 10/11 digits, zip, prohibited characters) are reported on the field they concern,
 * computed on the payload NP would receive. And the 取引修正 preview rows.
 */
import { describe, expect, it } from 'vitest';
import type { OrderInput } from '../../shared/order';
import { fieldErrors, npWarnings } from '../../renderer/src/features/order-edit/validate';
import { fieldOfNpCode } from '../../shared/np/codes';
import { draftFromOrder, draftToInput, emptyDraft } from '../../renderer/src/features/order-edit/draft';
import { previewRows } from '../../renderer/src/features/order-edit/preview-rows';
import { sampleOrder } from './sample-order';

const input = (over: (o: OrderInput) => void = () => {}): OrderInput => {
  const o = draftToInput(draftFromOrder(sampleOrder()));
  over(o);
  return o;
};

describe('draft', () => {
  it('saving without touching the dates keeps them to the millisecond', () => {
    const o = sampleOrder({ orderedAt: Date.UTC(2026, 10, 28, 1, 30, 42, 123), shippedAt: Date.UTC(2026, 10, 29, 3, 4, 5), paidAt: null });
    const back = draftToInput(draftFromOrder(o));
    expect(back.orderedAt).toBe(o.orderedAt);
    expect(back.shippedAt).toBe(o.shippedAt);
    expect(back.paidAt).toBeNull();
    const { id: _i, total: _t, createdAt: _c, updatedAt: _u, ...input } = o;
    expect(back).toEqual(input);
  });

  it('a picked date or minute replaces the stored instant (Japan time)', () => {
    const d = draftFromOrder(sampleOrder({ orderedAt: Date.UTC(2026, 10, 28, 1, 30, 42) }));
    expect(d.orderedAt).toBe('2026-11-28 10:30');
    d.orderedAt = '2026-11-27 23:15';
    d.shippedAt = '2026-12-01';
    d.paidAt = '2026-12-05';
    const back = draftToInput(d);
    expect(back.orderedAt).toBe(Date.UTC(2026, 10, 27, 14, 15));
    expect(back.shippedAt).toBe(Date.UTC(2026, 10, 30, 15, 0)); // 2026-12-01 00:00 JST
    expect(back.paidAt).toBe(Date.UTC(2026, 11, 4, 15, 0));
  });

  it('ship-to "same as the buyer" sends null whatever the hidden fields hold', () => {
    const d = draftFromOrder(sampleOrder());
    d.shipTo.name = '別の人';
    expect(draftToInput(d).shipTo).toBeNull();
    d.shipToSame = false;
    expect(draftToInput(d).shipTo?.name).toBe('別の人');
  });
});

describe('fieldErrors (store rules)', () => {
  it('accepts a complete order', () => {
    expect(fieldErrors(input())).toEqual({});
  });

  it('names each wrong field in Japanese', () => {
    const errs = fieldErrors(
      input((o) => {
        o.customer.name = '';
        o.customer.tel = '12';
        o.lines[0]!.quantity = 0;
        o.orderNo = ' ';
      }),
    );
    expect(errs['customer.name']).toBe('購入者お名前を入力してください');
    expect(errs['customer.tel']).toBe('購入者電話番号は10桁または11桁の数字で入力してください');
    expect(errs['lines.0.quantity']).toBe('数量は1以上で入力してください');
    expect(errs.orderNo).toBe('注文番号を入力してください');
  });

  it('a new order starts incomplete (nothing typed yet)', () => {
    const errs = fieldErrors(draftToInput(emptyDraft(null, Date.UTC(2026, 10, 28))));
    expect(Object.keys(errs)).toEqual(expect.arrayContaining(['orderNo', 'customer.name', 'customer.zip', 'customer.address', 'customer.tel', 'lines.0.name']));
  });
});

describe('npWarnings (NP rules, next to the field)', () => {
  it('is quiet for an order NP accepts (half-width kana and hyphens are normalised as the core does)', () => {
    expect(npWarnings(input((o) => (o.customer.kana = 'ﾔﾏﾀﾞ ﾀﾛｳ')))).toEqual({});
    expect(npWarnings(input((o) => (o.customer.tel = '03-1234-5678')))).toEqual({});
  });

  it('flags a name over 21 全角 on the name field', () => {
    const w = npWarnings(input((o) => (o.customer.name = '寿限無寿限無五劫の擦り切れ海砂利水魚の水行末')));
    expect(w['customer.name']).toBe('購入者氏名が全角21文字を超えています');
  });

  it('flags the TEL digit rule on the buyer and on the ship-to', () => {
    const w = npWarnings(
      input((o) => {
        o.customer.tel = '0901234567';
        o.shipTo = { ...o.customer, tel: '031234567' };
      }),
    );
    expect(w['customer.tel']).toContain('11桁');
    expect(w['shipTo.tel']).toContain('10桁');
  });

  it('flags a bad zip and prohibited characters', () => {
    const w = npWarnings(
      input((o) => {
        o.customer.zip = '12345';
        o.customer.address = '東京都港区赤坂1-2-3 🏠';
      }),
    );
    expect(w['customer.zip']).toContain('郵便番号の形式');
    expect(w['customer.address']).toContain('使用できない文字');
  });

  it('knows which field each NP code is about', () => {
    expect(fieldOfNpCode('E0100050')).toBe('customer.name');
    expect(fieldOfNpCode('E0100074')).toBe('shipTo.name');
    expect(fieldOfNpCode('E0100090')).toBe('shipTo.tel');
    expect(fieldOfNpCode('E0100071')).toBe('customer.email');
    expect(fieldOfNpCode('E0102004')).toBe('lines');
    expect(fieldOfNpCode('E0100113')).toBeNull();
  });
});

describe('previewRows', () => {
  it('lists what NP will receive next to what it has, highlighting the changed fields', () => {
    const accepted = {
      shop_transaction_id: '1001',
      shop_order_date: '2026-11-28',
      settlement_type: '02' as const,
      billed_amount: 3685,
      customer: { customer_name: '山田 太郎', zip_code: '1070052', address: '東京都港区赤坂1-1', tel: '0312345678' },
      goods: [{ goods_name: '緑茶', goods_price: 3685, quantity: 1 }],
    };
    const rows = previewRows(
      {
        payload: {
          np_transaction_id: '26112800001',
          billed_amount: 4185,
          goods: [
            { goods_name: '緑茶', goods_price: 3685, quantity: 1 },
            { goods_name: '送料', goods_price: 500, quantity: 1 },
          ],
          customer: { customer_name: '山田 太郎', zip_code: '1070052', address: '東京都港区赤坂2-2', tel: '0312345678' },
        },
        changedFields: ['billed_amount', 'goods', 'customer.address'],
      },
      accepted,
    );
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r]));
    expect(byPath.billed_amount).toMatchObject({ sent: '4,185円', current: '3,685円', changed: true });
    expect(byPath['goods.0']!.changed).toBe(false);
    expect(byPath['goods.1']).toMatchObject({ sent: '送料 500円 × 1', current: '', changed: true });
    expect(byPath['customer.address']).toMatchObject({ sent: '東京都港区赤坂2-2', current: '東京都港区赤坂1-1', changed: true });
    expect(byPath['customer.customer_name']!.changed).toBe(false);
    // Shown as staff read them; NP receives the digits.
    expect(byPath['customer.zip_code']).toMatchObject({ sent: '〒107-0052', current: '〒107-0052', changed: false });
    expect(byPath['customer.tel']).toMatchObject({ sent: '03-1234-5678', current: '03-1234-5678' });
    expect(rows.some((r) => r.path === 'customer.email')).toBe(false);
  });
});
