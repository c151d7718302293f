/** NP's character warnings name the offending character and its standard replacement. */
import { describe, expect, it } from 'vitest';
import { NP_CHAR_REPLACEMENTS, cp932Encodable, prohibitedCharHints, replaceProhibitedChars } from '../../shared/np/text';
import { validateRegisterItem } from '../../shared/np/validation';

describe('prohibited character hints', () => {
  it('every standard replacement is itself accepted by NP', () => {
    for (const [from, to] of Object.entries(NP_CHAR_REPLACEMENTS)) {
      expect(cp932Encodable(from), from).toBe(false);
      expect(cp932Encodable(to), to).toBe(true);
    }
  });

  it('names each character once, with the replacement when there is one', () => {
    expect(prohibitedCharHints('東京都港区1−2−3 〜ハイツ😀\t')).toEqual([
      { shown: '−', char: '−', replacement: '－' },
      { shown: '〜', char: '〜', replacement: '～' },
      { shown: '😀', char: '😀', replacement: null },
      { shown: 'U+0009', char: '\t', replacement: null },
    ]);
    expect(prohibitedCharHints('ﾔﾏﾀﾞ')).toEqual([
      { shown: 'ﾔ', char: 'ﾔ', replacement: 'ヤ' },
      { shown: 'ﾏ', char: 'ﾏ', replacement: 'マ' },
      { shown: 'ﾀ', char: 'ﾀ', replacement: 'タ' },
      { shown: 'ﾞ', char: 'ﾞ', replacement: '゛' },
    ]);
    expect(prohibitedCharHints('山田 太郎')).toEqual([]);
  });

  it('replaces what has a standard replacement and leaves the rest for staff', () => {
    expect(replaceProhibitedChars('1−2−3 〜ハイツ ¥500 😀')).toBe('1－2－3 ～ハイツ ￥500 😀');
    expect(cp932Encodable(replaceProhibitedChars('A—B‖C'))).toBe(true);
  });

  it('what the replacement produces passes NP’s own character check', () => {
    const codes = (address: string) =>
      validateRegisterItem({
        shop_transaction_id: '1',
        shop_order_date: '2026-11-01',
        settlement_type: '02',
        billed_amount: 1000,
        customer: { customer_name: '山田 太郎', zip_code: '1070052', address, tel: '0312345678' },
        goods: [{ goods_name: '緑茶', goods_price: 1000, quantity: 1 }],
      });
    expect(codes('東京都港区赤坂1−2−3 〜ハイツ101')).toContain('E0100061');
    expect(codes(replaceProhibitedChars('東京都港区赤坂1−2−3 〜ハイツ101'))).not.toContain('E0100061');
  });
});
