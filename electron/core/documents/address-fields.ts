/**
 * Fitting a Japanese address into a carrier's fixed-size fields without cutting it: split off the building
 * (建物名・部屋番号) where a layout has a field for it, and spread the rest over the layout's address fields on
 * character boundaries. Field sizes are in Shift_JIS bytes (半角 = 1, 全角 = 2), as the carriers count them.
 */

/** Shift_JIS (CP932) length: ASCII and 半角カナ are 1 byte, everything else 2. */
export function sjisLength(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c <= 0x7f || (c >= 0xff61 && c <= 0xff9f) ? 1 : 2;
  }
  return n;
}

export interface SplitAddress {
  /** 都道府県から番地まで */
  street: string;
  /** 建物名・部屋番号 ('' when the address has none) */
  building: string;
}

/**
 * The building is what follows the space (全角 or 半角) after the last word with a digit that a space follows —
 * the house number, as shops type it: '東京都港区南青山1-2-3 青山ビル 101' → street '東京都港区南青山1-2-3',
 * building '青山ビル 101'. Without such a space the whole address is the street.
 */
export function splitBuilding(address: string): SplitAddress {
  const trimmed = address.trim();
  const m = /^(.*\d[^\s\u3000]*)[\s\u3000]+(\S.*)$/u.exec(trimmed);
  if (!m) return { street: trimmed, building: '' };
  return { street: m[1]!.trim(), building: m[2]!.trim() };
}

/**
 * Spreads text over fields of the given sizes, on character boundaries. What does not fit stays in the last
 * field (never dropped): the caller's length check then reports that field.
 */
export function spreadOver(text: string, sizes: readonly number[]): string[] {
  const parts: string[] = [];
  const chars = [...text];
  let i = 0;
  sizes.forEach((size, k) => {
    if (k === sizes.length - 1) {
      parts.push(chars.slice(i).join(''));
      return;
    }
    let part = '';
    while (i < chars.length && sjisLength(part + chars[i]!) <= size) part += chars[i++]!;
    parts.push(part);
  });
  return parts;
}
