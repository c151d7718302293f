/**
 * Writing text as CP932 (Windows-31J, what Excel on Japanese Windows reads as "Shift_JIS") without losing
 * characters silently. iconv-lite follows the WHATWG table, which writes '?' for characters macOS and the web
 * produce every day (〜 U+301C, − U+2212 …). So:
 * 1. the standard mapping below replaces them with the CP932 character Windows shows for them;
 * 2. any other character CP932 cannot hold is written as 〓 and reported (one report per cell);
 * 3. variation selectors (emoji style, 異体字 IVS) are dropped after a character CP932 can hold — reported too.
 */
import iconv from 'iconv-lite';
import { CSV_UNENCODABLE_MARK } from '../../../shared/csv';

/** Characters with a well-known CP932 counterpart (what Windows' own conversion does). */
export const CP932_STANDARD_MAP: Readonly<Record<string, string>> = {
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～ FULLWIDTH TILDE
  '\u2212': '\uFF0D', // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
  '\u2016': '\u2225', // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
  '\u2014': '\u2015', // — EM DASH → ― HORIZONTAL BAR
  '\u00A5': '\uFFE5', // ¥ → ￥ (iconv writes 0x5C, which reads back as a backslash)
  '\u203E': '\uFFE3', // ‾ OVERLINE → ￣ (iconv writes 0x7E, which reads back as ~)
  '\u00A0': ' ', // NO-BREAK SPACE → space
};
const STANDARD_MAP_RE = new RegExp(`[${Object.keys(CP932_STANDARD_MAP).join('')}]`, 'gu');

const VARIATION_SELECTOR = /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;
/** ASCII without control characters other than tab/CR/LF: always encodable. */
const SAFE_ASCII = /^[\t\n\r\x20-\x7E]*$/u;

/** Per BMP code unit: 0 = not checked yet, 1 = survives CP932, 2 = does not. (CP932 has nothing outside the BMP.) */
const encodable = new Uint8Array(0x10000);

/** True when the code point survives CP932 unchanged (encode then decode). */
export function isCp932Encodable(codePoint: number): boolean {
  if (codePoint > 0xffff) return false;
  let state = encodable[codePoint]!;
  if (state === 0) {
    const ch = String.fromCharCode(codePoint);
    state = iconv.decode(iconv.encode(ch, 'cp932'), 'cp932') === ch ? 1 : 2;
    encodable[codePoint] = state;
  }
  return state === 1;
}

/** Lone surrogates and astral characters fail too: their code units are not CP932 characters. */
function allEncodable(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isCp932Encodable(s.charCodeAt(i))) return false;
  return true;
}

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

export interface Cp932Text {
  /** Text every character of which CP932 holds. */
  text: string;
  /** Grapheme clusters that were replaced by 〓 or lost a variation selector, each once. */
  lost: string[];
}

/** Map, then make the text CP932-safe and say what could not be kept. */
export function toCp932Text(input: string): Cp932Text {
  if (SAFE_ASCII.test(input)) return { text: input, lost: [] };
  const mapped = input.replace(STANDARD_MAP_RE, (c) => CP932_STANDARD_MAP[c] ?? c);
  if (allEncodable(mapped)) return { text: mapped, lost: [] };
  const lost = new Set<string>();
  let text = '';
  for (const { segment } of graphemes.segment(mapped)) {
    if (allEncodable(segment)) {
      text += segment;
      continue;
    }
    lost.add(segment);
    const base = segment.replace(VARIATION_SELECTOR, '');
    text += base !== '' && allEncodable(base) ? base : CSV_UNENCODABLE_MARK;
  }
  return { text, lost: [...lost] };
}
