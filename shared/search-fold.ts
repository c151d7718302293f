/**
 * Folding of text the way Japanese staff expect a search to match: the same functions build the stored
 * search keys (electron/core/orders) and fold what is typed into the search form (renderer), so both
 * sides always agree.
 *
 * - 全角/半角: NFKC (ｶﾞ→ガ, ＡＢＣ１２３→abc123, the ideographic space → space) — for keys only, never for display.
 * - kana (shared/kana.ts): katakana → hiragana, iteration marks written out (いすゞ = いすず), and ー, its variants,
 *   ・ and spaces dropped (ヤマダ タロウ = やまだたろう = ﾔﾏﾀﾞﾀﾛｳ).
 * - TEL / zip: digits only (hyphens, spaces, parentheses dropped; +81 read as 0).
 * - email: case-insensitive.
 */

import { LONG_VOWEL_VARIANTS, expandIterationMarks, toHiragana, widenKana } from './kana';

const WHITESPACE = /\s+/gu;
const KANA_PUNCT = new RegExp(`[ー・･${LONG_VOWEL_VARIANTS}]`, 'gu');

function nfkc(s: string): string {
  return s.normalize('NFKC');
}

/** Generic text key: NFKC, lower case, no whitespace (for goods names and other free text). */
export function foldText(s: string): string {
  return nfkc(s).toLowerCase().replace(WHITESPACE, '');
}

/** Name key (お名前): the generic fold plus katakana → hiragana, so a kana given name matches either script. */
export function foldName(s: string): string {
  // widenKana first, so ｦﾞ, ヺ and ヲ゛ (and ゔ, ヴ, う゛) end as one key; NFC joins a voiced mark to its letter.
  const key = toHiragana(foldText(widenKana(s)));
  return expandIterationMarks(VOICED_MARK.test(key) ? key.normalize('NFC') : key);
}
const VOICED_MARK = /\u3099|\u309A/u;

/** Kana key (フリガナ): NFKC, hiragana, without spaces, ー and ・. */
export function foldKana(s: string): string {
  return foldName(s).replace(KANA_PUNCT, '');
}

/** Email key: NFKC, trimmed, lower case. */
export function foldEmail(s: string): string {
  return nfkc(s).replace(WHITESPACE, '').toLowerCase();
}

/** Digits only; a leading +81 (international form) becomes 0. '０９０－１２３４－５６７８' → '09012345678'. */
export function foldTel(s: string): string {
  const t = nfkc(s).trim();
  const national = t.startsWith('+81') ? `0${t.slice(3).replace(/^[\s(-]*0?/u, '')}` : t;
  return national.replace(/\D+/gu, '');
}

/** Zip key: digits only ('〒107-0052' → '1070052'). */
export function foldZip(s: string): string {
  return nfkc(s).replace(/\D+/gu, '');
}

/** Order number as typed: NFKC and trimmed ('１００２' → '1002'). */
export function foldOrderNo(s: string): string {
  return nfkc(s).trim();
}

/** The numeric shadow of an order number, for range filters: its value when it is all digits (≤ 15), else null. */
export function orderNoNumber(orderNo: string): number | null {
  const t = foldOrderNo(orderNo);
  return /^\d{1,15}$/u.test(t) ? Number(t) : null;
}
