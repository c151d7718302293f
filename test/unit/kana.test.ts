import { describe, expect, it } from 'vitest';
import { expandIterationMarks, toHiragana, toKatakana, widenKana } from '../../shared/kana';
import { findProhibitedChars } from '../../shared/np/text';
import { toNpPerson } from '../../shared/np/mapping';
import { foldKana, foldName } from '../../shared/search-fold';

/** Every half-width katakana letter (ｦ..ﾝ, U+FF66–U+FF9D) with its full-width form. */
const LETTERS = 'ｦｧｨｩｪｫｬｭｮｯｰｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝ';
const WIDE = 'ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン';
/** Letters whose voiced form CP932 holds as one character. */
const VOICED: Record<string, string> = {
  ｶ: 'ガ', ｷ: 'ギ', ｸ: 'グ', ｹ: 'ゲ', ｺ: 'ゴ', ｻ: 'ザ', ｼ: 'ジ', ｽ: 'ズ', ｾ: 'ゼ', ｿ: 'ゾ',
  ﾀ: 'ダ', ﾁ: 'ヂ', ﾂ: 'ヅ', ﾃ: 'デ', ﾄ: 'ド', ﾊ: 'バ', ﾋ: 'ビ', ﾌ: 'ブ', ﾍ: 'ベ', ﾎ: 'ボ', ｳ: 'ヴ',
};
const SEMI_VOICED: Record<string, string> = { ﾊ: 'パ', ﾋ: 'ピ', ﾌ: 'プ', ﾍ: 'ペ', ﾎ: 'ポ' };

/** The three users of the normaliser: NP mapping, CSV import (フリガナ) and search keys. */
function paths(s: string) {
  return {
    np: toNpPerson({ name: s, kana: s, companyName: '', departmentName: '', zip: '', address: s, tel: '' }).customer_name,
    csvKana: toKatakana(s),
    search: foldName(s),
  };
}

describe('one kana normaliser (shared/kana.ts)', () => {
  it('widens every half-width katakana letter, alone and with ﾞ and ﾟ, into characters CP932 and NP accept', () => {
    expect([...LETTERS]).toHaveLength(56);
    [...LETTERS].forEach((h, i) => {
      const w = WIDE[i]!;
      expect(widenKana(h), h).toBe(w);
      expect(widenKana(`${h}ﾞ`), `${h}ﾞ`).toBe(VOICED[h] ?? `${w}゛`);
      expect(widenKana(`${h}ﾟ`), `${h}ﾟ`).toBe(SEMI_VOICED[h] ?? `${w}゜`);
      for (const s of [h, `${h}ﾞ`, `${h}ﾟ`]) {
        const p = paths(s);
        expect(findProhibitedChars(p.np), s).toEqual([]);
        expect(findProhibitedChars(p.csvKana), s).toEqual([]);
        expect(p.np).toBe(widenKana(s));
        expect(p.csvKana).toBe(widenKana(s));
        expect(p.search, s).toBe(foldName(widenKana(s))); // half-width and full-width find each other
        expect(/[\u3099\u309A\uFF61-\uFF9F]/u.test(p.np + p.csvKana), s).toBe(false);
      }
    });
    expect(widenKana('ｱﾞ')).toBe('ア゛'); // not ア + U+3099
    expect(widenKana('ﾜﾞｦﾞ')).toBe('ワ゛ヲ゛'); // not ヷ ヺ (no CP932 character)
    expect(widenKana('｡｢｣､･ﾞﾟ')).toBe('。「」、・゛゜');
    expect(widenKana('ABC１２３ ①㈱髙')).toBe('ABC１２３ ①㈱髙');
  });

  it('composes combining marks pasted from macOS (NFD) the same way', () => {
    expect(widenKana('カ\u3099ハ\u309A')).toBe('ガパ');
    expect(widenKana('ア\u3099ヷゔ')).toBe('ア゛ワ゛う゛');
    expect(toKatakana('ゔぁいおりん')).toBe('ヴァイオリン');
  });

  it('フリガナ: hiragana to katakana, long-vowel variants after kana become ー', () => {
    for (const dash of ['-', '‐', '‑', '–', '—', '―', '−', '─', '－', '~', '〜', '～', 'ｰ', 'ー']) {
      expect(toKatakana(`ｺ${dash}ﾋ${dash}`), dash).toBe('コーヒー');
      expect(toKatakana(`こ${dash}ひ${dash}`), dash).toBe('コーヒー');
      expect(foldKana(`コ${dash}ヒ${dash}`), dash).toBe('こひ');
    }
    expect(toKatakana('やまだ ﾀﾛｳ')).toBe('ヤマダ タロウ');
    expect(toKatakana('ABC-123')).toBe('ABC-123'); // a hyphen after a digit is not ー
  });

  it('ゝゞヽヾ: kept as written, folded out for search', () => {
    expect(widenKana('いすゞ ミスヾ')).toBe('いすゞ ミスヾ');
    expect(toKatakana('いすゞ')).toBe('イスヾ');
    expect(toHiragana('ヽヾ')).toBe('ゝゞ');
    expect(expandIterationMarks('こゝろ')).toBe('こころ');
    expect(expandIterationMarks('いすゞ')).toBe('いすず');
    expect(expandIterationMarks('ミスヾ')).toBe('ミスズ');
    expect(expandIterationMarks('ぶゝ')).toBe('ぶふ');
    expect(foldKana('イスヾ')).toBe(foldKana('いすず'));
    expect(foldName('いすゞ')).toBe(foldName('イスズ'));
    expect(foldKana('ﾐｽｽﾞ')).toBe(foldKana('みすゞ'));
    expect(new Set(['ヴァ', 'ゔぁ', 'ｳﾞｧ', 'ウ゛ァ', 'う\u3099ぁ'].map(foldKana)).size).toBe(1);
    expect(new Set(['ヺ', 'ｦﾞ', 'ヲ゛', 'を゛'].map(foldName)).size).toBe(1);
  });
});
