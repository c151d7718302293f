/**
 * Folding of text the way Japanese staff expect a search to match: the same functions build the stored
 * search keys (electron/core/orders) and fold what is typed into the search form (renderer), so both
 * sides always agree.
 *
 * - 全角/半角: NFKC (ｶﾞ→ガ, ＡＢＣ１２３→abc123, the ideographic space → space) — for keys only, never for display.
 * - kana: katakana → hiragana, and ー ・ and spaces dropped (ヤマダ タロウ = やまだたろう = ﾔﾏﾀﾞﾀﾛｳ).
 * - TEL / zip: digits only (hyphens, spaces, parentheses dropped; +81 read as 0).
 * - email: case-insensitive.
 */

const WHITESPACE = /\s+/gu;
const KATAKANA = /[\u30a1-\u30f6]/gu;
const KANA_PUNCT = /[-ー・･‐]/gu;

function nfkc(s: string): string {
  return s.normalize('NFKC');
}

/** Katakana → hiragana (ァ..ヶ); other characters unchanged. */
export function katakanaToHiragana(s: string): string {
  return s.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Generic text key: NFKC, lower case, no whitespace (for goods names and other free text). */
export function foldText(s: string): string {
  return nfkc(s).toLowerCase().replace(WHITESPACE, '');
}

/** Name key (お名前): the generic fold plus katakana → hiragana, so a kana given name matches either script. */
export function foldName(s: string): string {
  return katakanaToHiragana(foldText(s));
}

/** Kana key (フリガナ): NFKC, hiragana, without spaces, ー and ・. */
export function foldKana(s: string): string {
  return katakanaToHiragana(foldText(s)).replace(KANA_PUNCT, '');
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
