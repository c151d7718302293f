/**
 * The characters NP accepts in text fields, and small normalisers the client applies before sending.
 *
 * NP's "prohibited characters" (使用不可文字) are not published. This project refuses (docs/sandbox.md):
 *  - anything CP932 (Windows-31J) cannot encode: emoji and other non-BMP characters, 〜 (U+301C), − (U+2212),
 *    — (U+2014), ‖ (U+2016), ¥ (U+00A5), accented Latin letters, most of Unicode;
 *  - control characters (C0, DEL, C1), including tab and newline;
 *  - half-width katakana (U+FF61–U+FF9F): CP932 can encode them, but NP's own guidance and integrators convert
 *    them to full-width, and NP flags them as garbled (RE003/RE013). Refusing them is the stricter reading;
 *    the client converts them with widenKana() (shared/kana.ts) before sending.
 * NEC/IBM extension characters that CP932 encodes (①, ㈱, 髙, 﨑) are accepted here; the sandbox may put such
 * orders on hold (RE003/RE013), as NP does for platform-dependent characters.
 */
import { CP932_BMP_BITMAP_BASE64 } from './cp932-table';

let bitmap: Uint8Array | null = null;

function decodeBase64(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const c of clean) {
    acc = (acc << 6) | alphabet.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function table(): Uint8Array {
  if (!bitmap) bitmap = decodeBase64(CP932_BMP_BITMAP_BASE64);
  return bitmap;
}

/** True when this one character (a code point) survives a CP932 round trip. */
function encodableCodePoint(cp: number): boolean {
  if (cp > 0xffff) return false;
  return ((table()[cp >> 3] ?? 0) & (1 << (cp & 7))) !== 0;
}

/** True when every character of s can be encoded in CP932 (Windows-31J) and decoded back unchanged. */
export function cp932Encodable(s: string): boolean {
  for (const ch of s) if (!encodableCodePoint(ch.codePointAt(0) ?? 0)) return false;
  return true;
}

function isControl(cp: number): boolean {
  return cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

function isHalfWidthKana(cp: number): boolean {
  return cp >= 0xff61 && cp <= 0xff9f;
}

/** True when NP refuses this character in a text field (see the module comment). */
export function isProhibitedChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return isControl(cp) || isHalfWidthKana(cp) || !encodableCodePoint(cp);
}

/** The distinct prohibited characters of s, in order of appearance (empty when s is acceptable). */
export function findProhibitedChars(s: string): string[] {
  const found: string[] = [];
  for (const ch of s) if (isProhibitedChar(ch) && !found.includes(ch)) found.push(ch);
  return found;
}

/**
 * NEC special and IBM extension characters (CP932 lead bytes 0x87, 0xED–0xEE, 0xFA–0xFC): encodable, but
 * "platform-dependent" (機種依存文字). Ranges are approximate but cover ①–⑳, Ⅰ–Ⅹ, ㈱, ㍻, 髙, 﨑 and the like.
 */
export function isPlatformDependentChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (
    (cp >= 0x2460 && cp <= 0x2473) || // ①–⑳
    (cp >= 0x2160 && cp <= 0x217f) || // Ⅰ–ⅿ roman numerals
    (cp >= 0x3231 && cp <= 0x3239) || // ㈱㈲…
    (cp >= 0x32a4 && cp <= 0x32a8) || // ㊤㊥㊦㊧㊨
    (cp >= 0x3300 && cp <= 0x33ff) || // ㌔㍻… squared words
    cp === 0x2116 || // №
    cp === 0x2121 || // ℡
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs (﨑, 髙's relatives)
    cp === 0x9ad9 // 髙 (IBM extension)
  );
}

export function hasPlatformDependentChars(s: string): boolean {
  for (const ch of s) if (isPlatformDependentChar(ch)) return true;
  return false;
}

/** Number of characters as NP counts them: each character (code point) counts as one full-width character. */
export function npLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Phone number as digits only: NFKC (full-width digits), '+81' → '0', everything but digits removed. */
export function normalizeTel(s: string): string {
  let t = String(s ?? '').normalize('NFKC').trim();
  t = t.replace(/[^\d+]/g, '');
  if (t.startsWith('+81')) {
    const rest = t.slice(3).replace(/^0+/, '');
    return `0${rest}`;
  }
  return t.replace(/\D/g, '');
}

/** Zip code as digits only (NFKC, '〒' and hyphens dropped): 7 digits for a valid Japanese zip. */
export function normalizeZip(s: string): string {
  return String(s ?? '')
    .normalize('NFKC')
    .replace(/\D/g, '');
}
