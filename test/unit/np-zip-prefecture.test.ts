import { describe, expect, it } from 'vitest';
import { addressPrefecture, zipMatchesAddress, zipPrefectures } from '../../shared/np/zip-prefecture';

describe('zip ↔ prefecture', () => {
  it('maps zip prefixes to prefectures, including border prefixes', () => {
    expect(zipPrefectures('1070052')).toEqual(['東京都']);
    expect(zipPrefectures('530-0001')).toEqual(['大阪府']);
    expect(zipPrefectures('0600001')).toEqual(['北海道']);
    expect(zipPrefectures('9000001')).toEqual(['沖縄県']);
    expect(zipPrefectures('4980801')).toEqual(['愛知県', '三重県']);
    expect(zipPrefectures('8171712')).toContain('長崎県');
    expect(zipPrefectures('123')).toEqual([]);
  });

  it('flags only a clear contradiction', () => {
    expect(zipMatchesAddress('107-0052', '東京都港区赤坂1-2-3')).toBe(true);
    expect(zipMatchesAddress('107-0052', '大阪府大阪市北区梅田1-1')).toBe(false);
    expect(zipMatchesAddress('107-0052', '港区赤坂1-2-3')).toBe(true); // no prefecture written: not judged
    expect(zipMatchesAddress('6180001', '大阪府三島郡島本町山崎1-1')).toBe(true);
    expect(addressPrefecture('　京都府京都市')).toBe('京都府');
    expect(addressPrefecture('東京都')).toBe('東京都');
  });
});
