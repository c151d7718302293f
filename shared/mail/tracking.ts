/**
 * The carriers' public tracking pages, by NP's carrier code (shared/np/carriers.ts). Only carriers whose page
 * takes the 配送伝票番号 in its address are listed; for the others mails point to the carrier's own site.
 */
const TRACKING_PAGES: Readonly<Record<string, string>> = {
  '50000': 'https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo={no}', // 佐川急便
  '59010': 'https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01={no}', // ヤマト運輸
  '59030': 'https://track.seino.co.jp/cgi-bin/gnpquery.pgm?GNPNO1={no}', // 西濃運輸
  '59040': 'https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={no}&searchKind=S002&locale=ja', // 日本郵便（書留）
  '59041': 'https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={no}&searchKind=S002&locale=ja', // ゆうパック
  '59042': 'https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={no}&searchKind=S002&locale=ja', // 翌朝10時郵便
  '59043': 'https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1={no}&searchKind=S002&locale=ja', // ゆうパケット
  '59060': 'https://corp.fukutsu.co.jp/situation/tracking_no_hunt/{no}', // 福山通運
};

/** The tracking page of a parcel, or null when the carrier has no such page or the slip number is empty. */
export function trackingUrl(carrierCode: string | null, slipNo: string): string | null {
  const page = carrierCode ? TRACKING_PAGES[carrierCode] : undefined;
  const no = slipNo.normalize('NFKC').replace(/[^0-9A-Za-z]/gu, '');
  if (!page || !no) return null;
  return page.replace('{no}', encodeURIComponent(no));
}

export function hasTrackingPage(carrierCode: string): boolean {
  return Object.hasOwn(TRACKING_PAGES, carrierCode);
}
