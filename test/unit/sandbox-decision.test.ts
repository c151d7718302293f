import { describe, expect, it } from 'vitest';
import { HOLD_SHARE_CODES, decide, goesToReview, lacksBuilding, shareHash, type DecisionInput } from '../../electron/sandbox/decision';
import { DEFAULT_RULES, mergeRules } from '../../electron/sandbox/rules';

const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({
  shop_transaction_id: 'ORDER-1',
  billed_amount: 5000,
  customer: { customer_name: '山田 太郎', zip_code: '1070052', address: '東京都港区赤坂1-2-3 赤坂ハイツ101', tel: '09012345678' },
  ...over,
});

describe('lacksBuilding', () => {
  it('is true when the address ends at its 番地', () => {
    for (const a of ['東京都千代田区麹町4-2-6', '東京都千代田区麹町４－２－６', '東京都港区赤坂1-2', '大阪府大阪市北区梅田3番4号', '京都府京都市左京区5番地', '東京都港区赤坂1ー2ー3 ']) {
      expect(lacksBuilding(a), a).toBe(true);
    }
  });
  it('is false with a building or room after the 番地', () => {
    for (const a of ['東京都千代田区麹町4-2-6 住友不動産麹町ファーストビル5階', '東京都港区赤坂1-2-3 赤坂ハイツ101', '東京都港区赤坂1-2-3-405', '東京都港区赤坂1-2-3 101号室', '東京都港区赤坂ビル501']) {
      expect(lacksBuilding(a), a).toBe(false);
    }
  });
});

describe('decide', () => {
  it('is 00 for an ordinary order', () => {
    expect(decide(input(), DEFAULT_RULES, 0)).toEqual({ result: '00' });
  });

  it('is 20/NG001 when the outstanding total would pass the limit (55,000 by default)', () => {
    expect(decide(input({ billed_amount: 55_000 }), DEFAULT_RULES, 0)).toEqual({ result: '00' });
    expect(decide(input({ billed_amount: 55_001 }), DEFAULT_RULES, 0)).toEqual({ result: '20', ng: 'NG001' });
    expect(decide(input({ billed_amount: 5000 }), DEFAULT_RULES, 50_001)).toEqual({ result: '20', ng: 'NG001' });
    const rules = mergeRules(DEFAULT_RULES, { creditLimit: 80_000 });
    if (typeof rules === 'string') throw new Error(rules);
    expect(decide(input({ billed_amount: 60_000 }), rules, 0)).toEqual({ result: '00' });
  });

  it('holds (10) with RE009 / RE015 for missing buildings and RE003 / RE013 / RE007 / RE019 for platform-dependent characters', () => {
    const c = input().customer;
    expect(decide(input({ customer: { ...c, address: '東京都港区赤坂1-2-3' } }), DEFAULT_RULES, 0)).toEqual({ result: '10', hold: ['RE009'] });
    expect(
      decide(input({ dest_customer: { customer_name: '佐藤 花子', zip_code: '5300001', address: '大阪府大阪市北区梅田1-1', tel: '0612345678' } }), DEFAULT_RULES, 0),
    ).toEqual({ result: '10', hold: ['RE015'] });
    expect(
      decide(
        input({
          customer: { ...c, customer_name: '髙橋 一郎', address: '東京都港区赤坂1-2-3 ①ビル' },
          dest_customer: { customer_name: '﨑田 花子', zip_code: '5300001', address: '大阪府大阪市北区梅田1-1 ㈱梅田ビル', tel: '0612345678' },
        }),
        DEFAULT_RULES,
        0,
      ),
    ).toEqual({ result: '10', hold: ['RE003', 'RE007', 'RE013', 'RE019'] });
    const off = mergeRules(DEFAULT_RULES, { holdOnMissingBuilding: false });
    if (typeof off === 'string') throw new Error(off);
    expect(decide(input({ customer: { ...c, address: '東京都港区赤坂1-2-3' } }), off, 0)).toEqual({ result: '00' });
  });

  it('uses markers for NG002/NG999 and hold codes; NG markers win over the limit and holds', () => {
    const c = input().customer;
    expect(decide(input({ customer: { ...c, customer_name: 'NGテスト 太郎' } }), DEFAULT_RULES, 0)).toEqual({ result: '20', ng: 'NG999' });
    expect(decide(input({ customer: { ...c, company_name: '情報不備テスト' }, billed_amount: 99_999 }), DEFAULT_RULES, 0)).toEqual({
      result: '20',
      ng: 'NG002',
    });
    expect(decide(input({ customer: { ...c, address: `${c.address} 保留テスト` } }), DEFAULT_RULES, 0)).toEqual({ result: '10', hold: ['RE026'] });
  });

  it('chooses shares by a stable hash of shop_transaction_id', () => {
    const rules = mergeRules(DEFAULT_RULES, { reviewShare: 0.3, ngShare: 0.2 });
    if (typeof rules === 'string') throw new Error(rules);
    const ids = Array.from({ length: 2000 }, (_, i) => `ORDER-${i}`);
    const review = ids.filter((id) => goesToReview(input({ shop_transaction_id: id }), rules)).length;
    const ng = ids.filter((id) => decide(input({ shop_transaction_id: id }), rules, 0).result === '20').length;
    expect(review / ids.length).toBeGreaterThan(0.25);
    expect(review / ids.length).toBeLessThan(0.35);
    expect(ng / ids.length).toBeGreaterThan(0.15);
    expect(ng / ids.length).toBeLessThan(0.25);
    expect(shareHash('ORDER-7', 'review')).toBe(shareHash('ORDER-7', 'review'));
    expect(goesToReview(input(), DEFAULT_RULES)).toBe(false);
    expect(goesToReview(input({ customer: { ...input().customer, customer_name: '審査テスト 太郎' } }), DEFAULT_RULES)).toBe(true);
  });
});

describe('hold share', () => {
  it('holds a stable share of registrations, each with one of the listed reasons', () => {
    const rules = mergeRules(DEFAULT_RULES, { holdShare: 0.1, holdOnMissingBuilding: false });
    if (typeof rules === 'string') throw new Error(rules);
    const ids = Array.from({ length: 3000 }, (_, i) => `ORDER-${i}`);
    const held = ids.map((id) => decide(input({ shop_transaction_id: id }), rules, 0)).filter((d) => d.result === '10');
    expect(held.length / ids.length).toBeGreaterThan(0.08);
    expect(held.length / ids.length).toBeLessThan(0.12);
    const reasons = new Set(held.map((d) => JSON.stringify(d.hold)));
    expect(reasons).toEqual(new Set(HOLD_SHARE_CODES.map((c) => JSON.stringify([...c].sort()))));
    expect(decide(input({ shop_transaction_id: 'ORDER-1' }), rules, 0)).toEqual(decide(input({ shop_transaction_id: 'ORDER-1' }), rules, 0));
    // The default rules hold nobody by share.
    expect(ids.filter((id) => decide(input({ shop_transaction_id: id }), DEFAULT_RULES, 0).result === '10')).toEqual([]);
  });
});

describe('mergeRules', () => {
  it('refuses unknown or ill-typed rules with a message', () => {
    expect(mergeRules(DEFAULT_RULES, { nope: 1 })).toBe('unknown rule: nope');
    expect(mergeRules(DEFAULT_RULES, { reviewShare: 2 })).toMatch(/between 0 and 1/);
    expect(mergeRules(DEFAULT_RULES, { holdMarkers: [{ text: 'x', codes: ['NG001'] }] })).toMatch(/holdMarkers/);
    expect(mergeRules(DEFAULT_RULES, { paymentDelayMs: null })).toMatchObject({ paymentDelayMs: null });
  });
});
