import { describe, expect, it } from 'vitest';
import { foldEmail, foldKana, foldName, foldOrderNo, foldTel, foldText, foldZip, orderNoNumber } from '../../shared/search-fold';
import { toHiragana } from '../../shared/kana';
import { isIsoDate, jstDayEnd, jstDayStart, toJstDate } from '../../shared/jst-date';
import { parseSearchCriteria } from '../../shared/search';

describe('kana folding (フリガナ)', () => {
  it('matches katakana, hiragana and half-width kana, with or without spaces', () => {
    const forms = ['ヤマダ タロウ', 'やまだ たろう', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ\u3000タロウ', 'ヤマダタロウ'];
    for (const f of forms) expect(foldKana(f), f).toBe('やまだたろう');
  });
  it('drops the long vowel mark and middle dots', () => {
    expect(foldKana('ジョン・スミス')).toBe('じょんすみす');
    expect(foldKana('コーヒー')).toBe(foldKana('コヒ'));
    expect(foldKana('ｺｰﾋｰ')).toBe('こひ');
  });
  it('folds ヴ and small kana', () => {
    expect(toHiragana('ヴァイオリン')).toBe('ゔぁいおりん');
    expect(toHiragana('ヶ')).toBe('ゖ');
  });
});

describe('text folding (お名前, 購入商品)', () => {
  it('NFKC: 全角 letters and digits, half-width kana; lower case; no spaces', () => {
    expect(foldText('季節の福袋 Ａセット')).toBe('季節の福袋aセット');
    expect(foldText('ＡＢＣ１２３')).toBe('abc123');
    expect(foldText('ｶﾞﾗｽ')).toBe('ガラス');
  });
  it('names: spaces of any width do not matter; katakana equals hiragana', () => {
    expect(foldName('山田\u3000太郎')).toBe(foldName('山田太郎'));
    expect(foldName('佐藤 さくら')).toBe(foldName('佐藤サクラ'));
  });
});

describe('email, TEL, zip, order number', () => {
  it('email ignores case, width and surrounding spaces', () => {
    expect(foldEmail(' Taro.Yamada@Example.JP ')).toBe('taro.yamada@example.jp');
    expect(foldEmail('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ')).toBe('taro@example.jp');
  });
  it('TEL keeps digits only; +81 becomes 0', () => {
    expect(foldTel('０９０－１２３４－５６７８')).toBe('09012345678');
    expect(foldTel('(03) 1234-5678')).toBe('0312345678');
    expect(foldTel('+81 90-1234-5678')).toBe('09012345678');
    expect(foldTel('+81-3-1234-5678')).toBe('0312345678');
    expect(foldTel('+81 (0)3 1234 5678')).toBe('0312345678');
    expect(foldTel('電話なし')).toBe('');
  });
  it('zip keeps digits only', () => {
    expect(foldZip('〒107-0052')).toBe('1070052');
    expect(foldZip('１０７－００５２')).toBe('1070052');
  });
  it('order numbers: text folded, numeric shadow only for all-digit numbers up to 15 digits', () => {
    expect(foldOrderNo(' １００２ ')).toBe('1002');
    expect(orderNoNumber('10001')).toBe(10001);
    expect(orderNoNumber('００１２')).toBe(12);
    expect(orderNoNumber('T-00001')).toBeNull();
    expect(orderNoNumber('1234567890123456')).toBeNull();
  });
});

describe('JST calendar days', () => {
  it('a JST day starts at 15:00 UTC the day before and ends a millisecond before the next', () => {
    expect(jstDayStart('2026-11-01')).toBe(Date.UTC(2026, 9, 31, 15, 0, 0));
    expect(jstDayEnd('2026-11-01')).toBe(Date.UTC(2026, 10, 1, 14, 59, 59, 999));
    expect(toJstDate(Date.UTC(2026, 9, 31, 15, 0, 0))).toBe('2026-11-01');
    expect(toJstDate(Date.UTC(2026, 9, 31, 14, 59, 59, 999))).toBe('2026-10-31');
  });
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026/11/01')).toBe(false);
    expect(() => jstDayStart('2026-13-01')).toThrow(RangeError);
  });
});

describe('search criteria normalisation', () => {
  it('folds what staff type and turns JST days into inclusive instants', () => {
    const c = parseSearchCriteria({
      name: ' 山田　太郎 ',
      kana: 'ﾔﾏﾀﾞ',
      email: 'YAMADA@',
      tel: '090-1234',
      goods: 'Ａセット',
      orderedAt: { from: '2026-11-01', to: '2026-11-01' },
      orderNo: { from: '１００', to: 200 },
      total: { from: '1,000円' },
    });
    expect(c).toMatchObject({
      name: '山田太郎',
      kana: 'やまだ',
      email: 'yamada@',
      tel: '0901234',
      goods: 'aセット',
      orderedAt: { from: jstDayStart('2026-11-01'), to: jstDayEnd('2026-11-01') },
      orderNo: { from: 100, to: 200 },
      total: { from: 1000 },
    });
  });
  it('ignores empty filters and fills sort and paging defaults', () => {
    expect(parseSearchCriteria({ name: '  ', statuses: [], total: { from: '', to: null }, hasNote: false, birthDate: {} })).toEqual({
      sort: { key: 'orderedAt', dir: 'desc' },
      offset: 0,
      limit: 100,
    });
    expect(parseSearchCriteria(undefined)).toEqual({ sort: { key: 'orderedAt', dir: 'desc' }, offset: 0, limit: 100 });
  });
  it('removes repeated choices', () => {
    expect(parseSearchCriteria({ npStatuses: ['ok', 'ok', 'none'] }).npStatuses).toEqual(['ok', 'none']);
  });
});
