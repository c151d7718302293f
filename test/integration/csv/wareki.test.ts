/** 和暦 in CSV import (受注日, 生年月日) and 和暦 for display: one source, shared/jst-date.ts. */
import { describe, expect, it } from 'vitest';
import { parseDate, parseDateTime } from '../../../electron/core/csv/values';
import { parseOrderCsv } from '../../../electron/core/csv/parse-orders';
import { formatWareki, readEraYear } from '../../../shared/jst-date';
import { cp932, csvText } from './helpers';

const date = (raw: string) => parseDate(raw, '生年月日');

describe('和暦 dates in CSV import', () => {
  it('reads 令和 / 平成 / 昭和 / 大正 written out, as letters, with 元年, in full width', () => {
    const cases: [string, string][] = [
      ['令和6年11月28日', '2024-11-28'],
      ['R6.11.28', '2024-11-28'],
      ['r06/11/28', '2024-11-28'],
      ['Ｒ６．１１．２８', '2024-11-28'],
      ['令和 6年11月28日', '2024-11-28'],
      ['令和元年5月1日', '2019-05-01'],
      ['令和1年5月1日', '2019-05-01'],
      ['R1.5.1', '2019-05-01'],
      ['平成31年4月30日', '2019-04-30'],
      ['H31.4.30', '2019-04-30'],
      ['平成31年5月1日', '2019-05-01'], // after the era's end: accepted, as Japan's offices do
      ['平成元年1月8日', '1989-01-08'],
      ['昭和64年1月7日', '1989-01-07'],
      ['昭和55年4月1日', '1980-04-01'],
      ['S55.4.1', '1980-04-01'],
      ['大正15年12月24日', '1926-12-24'],
      ['2024/11/28', '2024-11-28'], // Western dates unchanged
    ];
    for (const [raw, iso] of cases) expect(date(raw), raw).toEqual({ ok: true, value: iso });
  });

  it('refuses a date before its era began, and dates that do not exist, naming them', () => {
    expect(date('令和元年4月30日')).toEqual({ ok: false, reason: '生年月日「令和元年4月30日」は令和が始まる2019/05/01より前の日付です' });
    expect(date('平成元年1月7日')).toEqual({ ok: false, reason: '生年月日「平成元年1月7日」は平成が始まる1989/01/08より前の日付です' });
    expect(date('令和6年2月30日')).toEqual({ ok: false, reason: '生年月日「令和6年2月30日」は存在しない日付です' });
    expect(date('令和六年').ok).toBe(false);
    expect(date('X6.11.28').ok).toBe(false);
  });

  it('受注日 in 和暦 with a time is JST', () => {
    expect(parseDateTime('令和6年11月28日 12:34', '受注日')).toEqual({ ok: true, value: Date.UTC(2024, 10, 28, 3, 34) });
    expect(parseDateTime('R6.11.28 9:03', '受注日')).toEqual({ ok: true, value: Date.UTC(2024, 10, 28, 0, 3) });
    expect(parseDateTime('平成31年4月30日 23:59', '受注日')).toEqual({ ok: true, value: Date.UTC(2019, 3, 30, 14, 59) });
  });

  it('a whole file: 和暦 受注日 and 生年月日 become orders', () => {
    const header = ['注文番号', '受注日', '支払方法', 'お名前', '郵便番号', '住所', '電話番号', '生年月日', '商品名', '単価', '数量'];
    const rows = [header, ['W-1', '令和元年5月1日 10:00', 'NP後払い', '山田 太郎', '1070052', '東京都港区赤坂1-2-3', '0312345678', '昭和55年4月1日', '緑茶', '1000', '1'], ['W-2', 'R6.11.28', 'NP後払い', '令和 花子', '1070052', '東京都港区赤坂1-2-3', '0312345678', '令和元年4月30日', '緑茶', '1000', '1']];
    const parsed = parseOrderCsv(cp932(csvText(rows)));
    expect(parsed.orders.map((o) => [o.orderNo, o.input.orderedAt, o.input.customer.birthDate])).toEqual([['W-1', Date.UTC(2019, 4, 1, 1, 0), '1980-04-01']]);
    expect(parsed.rejected).toEqual([{ line: 3, orderNo: 'W-2', reasons: ['生年月日「令和元年4月30日」は令和が始まる2019/05/01より前の日付です'] }]);
  });
});

describe('和暦 for display (生年月日)', () => {
  it('writes the era, 元年 for the first year, across the boundaries', () => {
    expect(formatWareki('2024-11-28')).toBe('令和6年11月28日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
    expect(formatWareki('1989-01-07')).toBe('昭和64年1月7日');
    expect(formatWareki('1980-04-01')).toBe('昭和55年4月1日');
    expect(formatWareki('1926-12-24')).toBe('大正15年12月24日');
    expect(formatWareki(null)).toBe('');
    expect(formatWareki('2024-02-30')).toBe('');
    expect(readEraYear('2024/11/28')).toBeNull();
  });
});
