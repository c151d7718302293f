/**
 * Cell values as shops and Excel write them, and as the export writes them: dates (JST unless an offset is
 * given), yen, codes by label, TEL/zip display forms, the CP932 mapping, header recognition.
 */
import { describe, expect, it } from 'vitest';
import { formatTel, formatZip } from '../../../shared/tel-zip-format';
import { formatDateTime, parseDate, parseDateTime, parseGender, parsePaymentMethod, parseQuantity, parseYen } from '../../../electron/core/csv/values';
import { toKatakana, widenKana } from '../../../shared/kana';
import { toCp932Text } from '../../../electron/core/csv/cp932';
import { headerKey, sameMapping, suggestMapping } from '../../../electron/core/csv/headers';
import { neutraliseFormula, restoreFormula } from '../../../electron/core/csv/formula';

const JST = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 9, mi, s);

describe('dates', () => {
  it.each([
    ['2026/11/28 12:34:56', JST(2026, 11, 28, 12, 34, 56)],
    ['2026/1/5 9:03', JST(2026, 1, 5, 9, 3)],
    ['2026-11-28', JST(2026, 11, 28)],
    ['2026年11月28日', JST(2026, 11, 28)],
    ['２０２６／１１／２８　１２：００', JST(2026, 11, 28, 12)],
    ['20261128', JST(2026, 11, 28)],
    ['2026-11-28T03:00:00Z', Date.UTC(2026, 10, 28, 3)],
    ['2026-11-28T12:00:00+09:00', JST(2026, 11, 28, 12)],
  ])('reads %s', (raw, expected) => {
    expect(parseDateTime(raw, '受注日')).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2026/02/29', '存在しない日付'],
    ['2026/13/01', '存在しない日付'],
    ['2026/11/28 24:00', '存在しない日付'],
    ['11/28', '日付として読めません'],
    ['あした', '日付として読めません'],
  ])('refuses %s', (raw, reason) => {
    const r = parseDateTime(raw, '受注日');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('reads a birth date without time and writes times back in JST', () => {
    expect(parseDate('1990/4/1', '生年月日')).toEqual({ ok: true, value: '1990-04-01' });
    expect(parseDate('1990/4/1 10:00', '生年月日').ok).toBe(false);
    expect(formatDateTime(JST(2026, 1, 1, 0, 0, 5))).toBe('2026/01/01 00:00:05');
    expect(formatDateTime(null)).toBe('');
  });
});

describe('numbers and codes', () => {
  it.each([
    ['￥1,234', 1234],
    ['1234円', 1234],
    ['１２３４', 1234],
    ['-500', -500],
    ['1200.00', 1200],
    ['\\980', 980],
  ])('reads the amount %s', (raw, value) => {
    expect(parseYen(raw, '単価')).toEqual({ ok: true, value });
  });

  it('refuses fractions and text as amounts and quantities', () => {
    expect(parseYen('12.5', '単価').ok).toBe(false);
    expect(parseYen('千円', '単価').ok).toBe(false);
    expect(parseQuantity('３個', '数量')).toEqual({ ok: true, value: 3 });
    expect(parseQuantity('1.5', '数量').ok).toBe(false);
  });

  it('reads payment methods and genders by label, code or common variant', () => {
    for (const raw of ['NP後払い', 'np_atobarai', '後払い', 'ＮＰ後払い']) expect(parsePaymentMethod(raw)).toEqual({ ok: true, value: 'np_atobarai' });
    for (const raw of ['代引き', '代金引換', 'cod']) expect(parsePaymentMethod(raw)).toEqual({ ok: true, value: 'cod' });
    expect(parsePaymentMethod('Amazon Pay')).toEqual({ ok: true, value: 'amazon_pay' });
    expect(parsePaymentMethod('ポイント').ok).toBe(false);
    expect(parseGender('女')).toEqual({ ok: true, value: 'female' });
    expect(parseGender('')).toEqual({ ok: true, value: 'unknown' });
  });

  it('widens half-width kana only, and reads ふりがな as カタカナ', () => {
    expect(widenKana('ﾎｳｼﾞ茶 ㈱ＡＢＣ①')).toBe('ホウジ茶 ㈱ＡＢＣ①');
    expect(toKatakana('やまだ ﾀﾛｳ')).toBe('ヤマダ タロウ');
  });

  it('writes zip and TEL so Excel keeps the leading zero, hyphenating TEL only where the split is certain', () => {
    expect(formatZip('0600001')).toBe('060-0001');
    expect(formatTel('09012345678')).toBe('090-1234-5678');
    expect(formatTel('0312345678')).toBe('03-1234-5678');
    expect(formatTel('0120123456')).toBe('0120-123-456');
    expect(formatTel('0466123456')).toBe('0466-12-3456');
    expect(formatTel('08001234567')).toBe('0800-123-4567'); // 0800 before the 080 mobiles
  });
});

describe('CP932 and formulas', () => {
  it('maps the characters Windows maps, and reports the rest', () => {
    expect(toCp932Text('〜−‖¢£¬—¥‾\u00A0')).toEqual({ text: '～－∥￠￡￢―￥￣ ', lost: [] });
    expect(toCp932Text('Café 👍🏻 ①')).toEqual({ text: 'Caf〓 〓 ①', lost: ['é', '👍🏻'] });
    // A variation selector after a character CP932 holds: the character is kept, the loss reported.
    expect(toCp932Text('♪\uFE0F')).toEqual({ text: '♪', lost: ['♪\uFE0F'] });
    expect(toCp932Text('☎')).toEqual({ text: '〓', lost: ['☎'] });
  });

  it('neutralises = + - @ at the start and restores it on import', () => {
    for (const v of ['=1+1', '+81', '-x', '@a', '\tx']) expect(restoreFormula(neutraliseFormula(v))).toBe(v);
    expect(neutraliseFormula('a=1')).toBe('a=1');
    expect(restoreFormula("'abc")).toBe("'abc");
  });
});

describe('headers', () => {
  it('compares headers without spaces, brackets, 様 and notes', () => {
    expect(headerKey('単価（税込）')).toBe(headerKey('単価'));
    expect(headerKey('郵便番号(ハイフンなし)')).toBe('郵便番号');
    expect(headerKey('ご注文者様 お名前')).toBe(headerKey('ご注文者お名前'));
  });

  it('recognises a typical cart export', () => {
    const m = suggestMapping(['受注ID', '購入日時', '決済方法', 'お名前(姓)', 'お名前(名)', 'お名前(セイ)', 'お名前(メイ)', '〒', '都道府県', '市区町村', '番地', '建物名', 'TEL', 'E-mail', 'お届け先氏名', 'お届け先住所', '品名', '価格', '個数', 'NP取引ID']);
    expect(m).toEqual({
      orderNo: [0],
      orderedAt: [1],
      paymentMethod: [2],
      'customer.name': [3, 4],
      'customer.kana': [5, 6],
      'customer.zip': [7],
      'customer.address': [8, 9, 10, 11],
      'customer.tel': [12],
      'customer.email': [13],
      'shipTo.name': [14],
      'shipTo.address': [15],
      'line.name': [16],
      'line.unitPrice': [17],
      'line.quantity': [18],
      npTransactionId: [19],
    });
  });
});

describe('mappings', () => {
  it('are the same whatever order their fields were set in (the commit reuses the preview\'s orders only then)', () => {
    const headers = ['注文番号', '受注日', '支払方法', 'お名前', '送料'];
    const suggested = suggestMapping(headers);
    const reordered = Object.fromEntries(Object.entries(suggested).reverse());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(suggested)); // what the old compare tripped on
    expect(sameMapping(reordered, suggested)).toBe(true);
    expect(sameMapping({ ...suggested, shippingFee: [] }, suggested)).toBe(false);
    expect(sameMapping({ ...suggested, orderNo: [1] }, suggested)).toBe(false);
  });
});
