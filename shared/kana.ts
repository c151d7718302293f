/**
 * The one kana normaliser: how half-width katakana, voiced marks, iteration marks and long-vowel variants become
 * what staff, Excel (CP932) and NP accept. Used by the search keys (shared/search-fold.ts), the CSV import
 * (electron/core/csv) and the NP mapping (shared/np/mapping.ts), so the three always agree.
 *
 * - widenKana: ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ. A voiced letter CP932 has no single character for (ｱﾞ, ﾜﾞ, ヷ, ゔ …)
 *   becomes the letter + ゛ (U+309B), never a combining mark (U+3099), which CP932 cannot hold and NP refuses.
 *   Combining marks pasted from macOS (カ + U+3099) are composed the same way. Nothing else changes.
 * - toKatakana (フリガナ): widened, hiragana → katakana, a dash or tilde after kana → ー.
 * - toHiragana (search keys): katakana → hiragana, ヽヾ → ゝゞ.
 * - expandIterationMarks (search keys): いすゞ → いすず, こゝろ → こころ.
 */

/** Anything widenKana changes: half-width katakana, combining marks, voiced letters CP932 lacks. */
const TO_WIDEN = /[\uFF61-\uFF9F\u3094\u30F7-\u30FA]|\u3099|\u309A/u;

/**
 * Voiced letters Unicode composes but CP932 has no character for: written as the letter and ゛ instead.
 * (ゔ U+3094, ヷヸヹヺ U+30F7–U+30FA; ゕゖ are not voiced and stay.)
 */
const NOT_IN_CP932: Readonly<Record<string, string>> = {
  'ゔ': 'う゛',
  'ヷ': 'ワ゛',
  'ヸ': 'ヰ゛',
  'ヹ': 'ヱ゛',
  'ヺ': 'ヲ゛',
};
const NOT_IN_CP932_RE = /[ゔヷヸヹヺ]/gu;

/** Half-width katakana → full width, voiced marks composed where CP932 can hold the result (see the module comment). */
export function widenKana(s: string): string {
  if (!TO_WIDEN.test(s)) return s;
  return s
    .replace(/[\uFF61-\uFF9F]+/gu, (run) => run.normalize('NFKC'))
    .replace(/[\u3041-\u30FF][\u3099\u309A]/gu, (pair) => pair.normalize('NFC'))
    .replace(NOT_IN_CP932_RE, (c) => NOT_IN_CP932[c] ?? c)
    .replace(/\u3099/gu, '\u309B')
    .replace(/\u309A/gu, '\u309C');
}

/**
 * The characters that stand for ー after kana (hyphens, dashes, minus signs, tildes, box-drawing lines), as the
 * inside of a RegExp character class.
 */
export const LONG_VOWEL_VARIANTS = '\\-‐‑‒–—―−─━－~〜～ｰ';
const LONG_VOWEL_AFTER_KANA = new RegExp(`(?<=[\\u3041-\\u3096\\u30A1-\\u30FAー゛゜])[${LONG_VOWEL_VARIANTS}]`, 'gu');

/** Hiragana → katakana (ぁ..ゖ → ァ..ヶ, ゝゞ → ヽヾ); everything else unchanged. */
export function hiraganaToKatakana(s: string): string {
  return s.replace(/[\u3041-\u3096\u309D\u309E]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/** Katakana → hiragana (ァ..ヶ → ぁ..ゖ, ヽヾ → ゝゞ); everything else unchanged. */
export function toHiragana(s: string): string {
  return s.replace(/[\u30A1-\u30F6\u30FD\u30FE]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** フリガナ as stored and sent: full-width katakana, a long-vowel variant after kana written ー (ﾔﾏﾀﾞ ﾀﾛ- → ヤマダ タロー). */
export function toKatakana(s: string): string {
  return widenKana(hiraganaToKatakana(s)).replace(LONG_VOWEL_AFTER_KANA, 'ー');
}

/** The letter with its voiced mark, when there is one (か → が); the letter itself otherwise. */
function voiced(c: string): string {
  const v = `${c}\u3099`.normalize('NFC');
  return v.length === 1 ? v : c;
}

/** The letter without its voiced mark (が → か). */
function unvoiced(c: string): string {
  return c.normalize('NFD').charAt(0);
}

const ITERATION_MARK = /[ゝゞヽヾ]/u;

/** Iteration marks written out: ゝ/ヽ repeat the letter before, ゞ/ヾ repeat it voiced (いすゞ → いすず). */
export function expandIterationMarks(s: string): string {
  if (!ITERATION_MARK.test(s)) return s;
  let out = '';
  for (const c of s) {
    const prev = out.slice(-1);
    if ((c === 'ゝ' || c === 'ヽ') && prev) out += unvoiced(prev);
    else if ((c === 'ゞ' || c === 'ヾ') && prev) out += voiced(unvoiced(prev));
    else out += c;
  }
  return out;
}
