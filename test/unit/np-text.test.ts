import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  cp932Encodable,
  findProhibitedChars,
  hasPlatformDependentChars,
  isProhibitedChar,
  normalizeTel,
  normalizeZip,
  npLength,
} from '../../shared/np/text';
import { widenKana } from '../../shared/kana';

describe('cp932Encodable', () => {
  it('matches an iconv-lite CP932 round trip for every BMP code point (the committed table is current)', () => {
    const mismatches: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCharCode(cp);
      const expected = iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') === ch;
      if (cp932Encodable(ch) !== expected) mismatches.push(cp.toString(16));
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses characters outside the BMP (emoji) and the usual look-alikes', () => {
    expect(cp932Encodable('山田太郎ｱ①㈱髙～－')).toBe(true);
    for (const ch of ['😀', '𠮷', '〜', '−', '—', '‖', '¥', 'é']) expect(cp932Encodable(ch), ch).toBe(false);
  });
});

describe('prohibited characters', () => {
  it('lists control characters, half-width kana and non-CP932 characters once each, in order', () => {
    expect(findProhibitedChars('山田 太郎')).toEqual([]);
    expect(findProhibitedChars('ﾔﾏﾀﾞ😀a😀\n〜')).toEqual(['ﾔ', 'ﾏ', 'ﾀ', 'ﾞ', '😀', '\n', '〜']);
    expect(isProhibitedChar('\u0085')).toBe(true);
    expect(isProhibitedChar('～')).toBe(false);
  });

  it('recognises platform-dependent characters', () => {
    expect(hasPlatformDependentChars('髙橋')).toBe(true);
    expect(hasPlatformDependentChars('①号室')).toBe(true);
    expect(hasPlatformDependentChars('㈱テスト')).toBe(true);
    expect(hasPlatformDependentChars('高橋 101号室')).toBe(false);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(npLength('𠮷野家')).toBe(3);
    expect(npLength('abc')).toBe(3);
  });
});

describe('normalisers', () => {
  it('widenKana (shared/kana.ts) converts half-width kana (with voiced marks) and leaves the rest', () => {
    expect(widenKana('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe('ヤマダ タロウ');
    expect(widenKana('ﾊﾟﾝ｡ｰ')).toBe('パン。ー');
    expect(widenKana('ABC１２３ ①')).toBe('ABC１２３ ①');
    expect(widenKana('ﾞ')).toBe('゛');
    expect(findProhibitedChars(widenKana('ｶﾞｷﾞｸﾞｹﾞｺﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟｳﾞﾞﾟ'))).toEqual([]);
  });

  it('normalizeTel keeps digits, converts full-width digits and +81', () => {
    expect(normalizeTel('090-1234-5678')).toBe('09012345678');
    expect(normalizeTel('０３（１２３４）５６７８')).toBe('0312345678');
    expect(normalizeTel('+81 90-1234-5678')).toBe('09012345678');
    expect(normalizeTel('+81-(0)3-1234-5678')).toBe('0312345678');
    expect(normalizeTel('')).toBe('');
  });

  it('normalizeZip keeps the 7 digits', () => {
    expect(normalizeZip('〒107-0052')).toBe('1070052');
    expect(normalizeZip('１０７－００５２')).toBe('1070052');
  });
});
