/**
 * NP's carrier master for shipment reports (pd_company_code, np-api.md §9).
 * Japanese names are the project's mapping of Saleor's English names (the codes are NP's).
 */

export interface NpCarrier {
  code: string; // 5 digits
  name: string; // Japanese display name
  /** Other ways shops write this carrier (CSV imports, cart exports). */
  aliases: readonly string[];
}

export const NP_CARRIERS: readonly NpCarrier[] = [
  { code: '50000', name: '佐川急便', aliases: ['佐川', 'さがわ', 'サガワ', 'sagawa', 'sagawa express', '飛脚宅配便'] },
  { code: '59010', name: 'ヤマト運輸', aliases: ['ヤマト', 'やまと', 'クロネコ', 'クロネコヤマト', '宅急便', 'yamato', 'yamato transport', 'kuroneko'] },
  { code: '59020', name: '日本通運', aliases: ['日通', 'nittsu', 'japan transport', 'nippon express'] },
  { code: '59030', name: '西濃運輸', aliases: ['西濃', 'セイノー', 'カンガルー便', 'seino', 'seino transport'] },
  { code: '59040', name: '日本郵便（書留）', aliases: ['書留', '郵便書留', 'japan post registered mail'] },
  { code: '59041', name: '日本郵便（ゆうパック）', aliases: ['ゆうパック', '日本郵便', '郵便', '郵便局', 'yupack', 'yu-pack', 'japan post', 'japan post yu-pack'] },
  { code: '59042', name: '日本郵便（翌朝10時郵便）', aliases: ['翌朝10時郵便', '新特急郵便'] },
  { code: '59043', name: '日本郵便（ゆうパケット）', aliases: ['ゆうパケット', 'yupacket', 'yu-packet'] },
  { code: '59050', name: 'セイノースーパーエクスプレス', aliases: ['セイノーsuperexpress', 'seino express', 'seino super express'] },
  { code: '59060', name: '福山通運', aliases: ['福山', 'fukuyama', 'fukuyama transport'] },
  { code: '59080', name: '新潟運輸', aliases: ['新潟', 'niigata transport'] },
  { code: '59090', name: '名鉄運輸', aliases: ['名鉄', 'meitetsu', 'meitetsu transport'] },
  { code: '59100', name: 'トナミ運輸', aliases: ['トナミ', 'tonami', 'tonami transport'] },
  { code: '59110', name: '信州名鉄運輸', aliases: ['信州名鉄', 'shinshu meitetsu'] },
  { code: '59140', name: 'トールエクスプレスジャパン', aliases: ['トール', 'toll express', 'toll express japan'] },
  { code: '59150', name: 'エコ配', aliases: ['エコハイ', 'ecohai', 'eco distribution'] },
  { code: '59160', name: 'JADクーリエ', aliases: ['jad', 'jad courier'] },
  { code: '55555', name: 'ご契約運送会社', aliases: ['契約運送会社', 'メール便', 'その他'] },
];

const BY_CODE = new Map(NP_CARRIERS.map((c) => [c.code, c]));

/** Lower-case, NFKC, without spaces, 株式会社 and brackets, so that 'ヤマト運輸（株）' finds ヤマト運輸. */
function key(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/株式会社|\(株\)|㈱/g, '')
    .replace(/[\s()（）「」・]/g, '');
}

const BY_NAME = new Map<string, NpCarrier>();
for (const c of NP_CARRIERS) {
  for (const n of [c.name, ...c.aliases]) {
    const k = key(n);
    if (!BY_NAME.has(k)) BY_NAME.set(k, c);
  }
}

export function carrierByCode(code: string): NpCarrier | undefined {
  return BY_CODE.get(String(code ?? '').trim());
}

export function isNpCarrierCode(code: string): boolean {
  return BY_CODE.has(code);
}

/** Finds a carrier by its code or by a name shops commonly write (ヤマト, クロネコ, 佐川急便, ゆうパック…). */
export function findCarrier(codeOrName: string): NpCarrier | undefined {
  const raw = String(codeOrName ?? '').trim();
  if (!raw) return undefined;
  const byCode = carrierByCode(raw.normalize('NFKC'));
  if (byCode) return byCode;
  return BY_NAME.get(key(raw));
}

/** Japanese name of a carrier code, or the code itself when unknown. */
export function carrierName(code: string): string {
  return carrierByCode(code)?.name ?? code;
}
