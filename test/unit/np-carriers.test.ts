import { describe, expect, it } from 'vitest';
import { NP_CARRIERS, carrierName, findCarrier, isNpCarrierCode } from '../../shared/np/carriers';

describe('carriers', () => {
  it('holds the 18 codes of NP’s master (np-api.md §9)', () => {
    const codes = NP_CARRIERS.map((c) => c.code).sort();
    expect(codes).toEqual(
      ['50000', '55555', '59010', '59020', '59030', '59040', '59041', '59042', '59043', '59050', '59060', '59080', '59090', '59100', '59110', '59140', '59150', '59160'].sort(),
    );
    expect(isNpCarrierCode('59010')).toBe(true);
    expect(isNpCarrierCode('59070')).toBe(false);
  });

  it('finds carriers by code and by the names shops write', () => {
    const cases: [string, string][] = [
      ['ヤマト', '59010'],
      ['ヤマト運輸', '59010'],
      ['クロネコヤマト', '59010'],
      ['ヤマト運輸株式会社', '59010'],
      ['佐川', '50000'],
      ['佐川急便', '50000'],
      ['日本郵便', '59041'],
      ['ゆうパック', '59041'],
      ['ゆうパケット', '59043'],
      ['西濃運輸', '59030'],
      ['福山通運', '59060'],
      ['Sagawa', '50000'],
      ['５９０１０', '59010'],
      ['59150', '59150'],
    ];
    for (const [input, code] of cases) expect(findCarrier(input)?.code, input).toBe(code);
    expect(findCarrier('')).toBeUndefined();
    expect(findCarrier('黒猫宅配')).toBeUndefined();
  });

  it('names a code in Japanese, or returns the code itself when unknown', () => {
    expect(carrierName('59010')).toBe('ヤマト運輸');
    expect(carrierName('99999')).toBe('99999');
  });
});
