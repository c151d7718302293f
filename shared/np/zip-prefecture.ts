/**
 * A coarse zip ↔ address check (E0100059 / E0100083): the first three digits of a Japanese zip code fix the
 * prefecture, with a few border areas that belong to two. Only a clear contradiction counts as a mismatch
 * (the address starts with a prefecture the zip cannot have); NP's own, finer check is not public.
 */

/** [first 3-digit prefix, last 3-digit prefix, prefecture], Japan Post's allocation by prefecture. */
const RANGES: readonly (readonly [number, number, string])[] = [
  [1, 9, '北海道'],
  [10, 19, '秋田県'],
  [20, 29, '岩手県'],
  [30, 39, '青森県'],
  [40, 99, '北海道'],
  [100, 209, '東京都'],
  [210, 259, '神奈川県'],
  [260, 299, '千葉県'],
  [300, 319, '茨城県'],
  [320, 329, '栃木県'],
  [330, 369, '埼玉県'],
  [370, 379, '群馬県'],
  [380, 399, '長野県'],
  [400, 409, '山梨県'],
  [410, 439, '静岡県'],
  [440, 499, '愛知県'],
  [500, 509, '岐阜県'],
  [510, 519, '三重県'],
  [520, 529, '滋賀県'],
  [530, 599, '大阪府'],
  [600, 629, '京都府'],
  [630, 639, '奈良県'],
  [640, 649, '和歌山県'],
  [650, 679, '兵庫県'],
  [680, 689, '鳥取県'],
  [690, 699, '島根県'],
  [700, 719, '岡山県'],
  [720, 739, '広島県'],
  [740, 759, '山口県'],
  [760, 769, '香川県'],
  [770, 779, '徳島県'],
  [780, 789, '高知県'],
  [790, 799, '愛媛県'],
  [800, 839, '福岡県'],
  [840, 849, '佐賀県'],
  [850, 859, '長崎県'],
  [860, 869, '熊本県'],
  [870, 879, '大分県'],
  [880, 889, '宮崎県'],
  [890, 899, '鹿児島県'],
  [900, 909, '沖縄県'],
  [910, 919, '福井県'],
  [920, 929, '石川県'],
  [930, 939, '富山県'],
  [940, 959, '新潟県'],
  [960, 979, '福島県'],
  [980, 989, '宮城県'],
  [990, 999, '山形県'],
];

/** Prefixes shared across a prefecture border (e.g. 木曽岬町 三重 498-08, 島本町 大阪 618-00, 吉富町 福岡 871-08, 対馬 長崎 817). */
const SHARED: Readonly<Record<number, readonly string[]>> = {
  498: ['三重県'],
  618: ['大阪府'],
  871: ['福岡県'],
  811: ['長崎県'], // 壱岐 811-5
  817: ['長崎県'], // 対馬 817
  399: ['岐阜県'],
  349: ['茨城県', '栃木県'],
  369: ['群馬県'],
  519: ['奈良県', '和歌山県'],
  639: ['三重県'],
  649: ['三重県'],
};

export const PREFECTURES: readonly string[] = [...new Set(RANGES.map((r) => r[2]))];

/** The prefectures a zip code (7 digits, hyphen allowed) can belong to; empty when the zip is malformed. */
export function zipPrefectures(zip: string): string[] {
  const digits = zip.replace('-', '');
  if (!/^\d{7}$/.test(digits)) return [];
  const prefix = Number(digits.slice(0, 3));
  const main = RANGES.find(([lo, hi]) => prefix >= lo && prefix <= hi)?.[2];
  return main ? [main, ...(SHARED[prefix] ?? [])] : [];
}

/** The prefecture an address starts with (NFKC, leading spaces ignored), or null. */
export function addressPrefecture(address: string): string | null {
  const a = address.normalize('NFKC').trimStart();
  return PREFECTURES.find((p) => a.startsWith(p)) ?? null;
}

/** False only when the address names a prefecture that the zip code cannot belong to. */
export function zipMatchesAddress(zip: string, address: string): boolean {
  const pref = addressPrefecture(address);
  const candidates = zipPrefectures(zip);
  if (!pref || candidates.length === 0) return true;
  return candidates.includes(pref);
}
