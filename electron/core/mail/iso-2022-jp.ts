/**
 * ISO-2022-JP (RFC 1468), the charset older Japanese mail software expects. iconv-lite has no ISO-2022-JP, but
 * its EUC-JP encoder carries the same JIS X 0208 table: a two-byte EUC-JP character with both bytes ≥ 0xA1 is
 * the JIS X 0208 code + 0x80 in each byte. Half-width katakana (not allowed in ISO-2022-JP) become full-width
 * first; characters outside JIS X 0208 become 〓 (geta, the customary replacement) and are reported.
 */
import iconv from 'iconv-lite';
import { widenKana } from '../../../shared/kana';

const ESC_JIS = Buffer.from([0x1b, 0x24, 0x42]); // ESC $ B: JIS X 0208
const ESC_ASCII = Buffer.from([0x1b, 0x28, 0x42]); // ESC ( B: ASCII
const GETA = [0x22, 0x2e];
const FOLD = new Map([
  ['¥', '￥'],
  ['‾', '￣'],
  ['〜', '～'],
]);

export interface Iso2022JpText {
  bytes: Buffer;
  /** Characters that could not be written (sent as 〓). */
  lossy: string[];
}

export function encodeIso2022Jp(text: string): Iso2022JpText {
  const normalized = widenKana(text); // the one kana normaliser: ｱﾞ → ア゛, never a combining mark JIS lacks
  const out: number[] = [];
  const lossy = new Set<string>();
  let jis = false;
  const mode = (wantJis: boolean) => {
    if (wantJis === jis) return;
    out.push(...(wantJis ? ESC_JIS : ESC_ASCII));
    jis = wantJis;
  };
  for (const raw of normalized) {
    const ch = FOLD.get(raw) ?? raw;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      mode(false);
      out.push(cp === 0x1b || cp === 0x0e || cp === 0x0f ? 0x3f : cp);
      continue;
    }
    const euc = iconv.encode(ch, 'euc-jp');
    mode(true);
    if (euc.length === 2 && euc[0]! >= 0xa1 && euc[1]! >= 0xa1) {
      out.push(euc[0]! - 0x80, euc[1]! - 0x80);
    } else {
      out.push(...GETA);
      lossy.add(raw);
    }
  }
  mode(false);
  return { bytes: Buffer.from(out), lossy: [...lossy] };
}

/**
 * A header value as RFC 2047 encoded-words in ISO-2022-JP (each word a whole escape sequence, ≤ 75 characters),
 * folded onto continuation lines. Plain ASCII is returned as it is.
 */
export function encodeHeaderIso2022Jp(value: string): string {
   
  if (/^[\x20-\x7e]*$/u.test(value)) return value;
  const chars = [...value];
  const words: string[] = [];
  for (let i = 0; i < chars.length; i += 12) {
    const b64 = encodeIso2022Jp(chars.slice(i, i + 12).join('')).bytes.toString('base64');
    words.push(`=?ISO-2022-JP?B?${b64}?=`);
  }
  return words.join('\r\n ');
}
