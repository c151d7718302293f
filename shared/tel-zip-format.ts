/**
 * TEL and zip for people to read (stored and sent to NP as digits), shared by the screens and the CSV export.
 * TEL gets hyphens only where Japan's numbering plan fixes the split — 0800 (4-3-4, checked before the 080
 * mobiles), mobile/IP 0X0 (3-4-4), 0120/0570/0990 (4-3-3), Tokyo 03 and Osaka 06 (2-4-4). Other fixed lines
 * have area codes of 2–5 digits that only a full area-code table can split, so they stay digits rather than
 * be split wrongly.
 */

export function formatTel(tel: string): string {
  const d = tel.replace(/\D/gu, '');
  if (/^0800\d{7}$/u.test(d)) return `${d.slice(0, 4)}-${d.slice(4, 7)}-${d.slice(7)}`;
  if (/^0[2-9]0\d{8}$/u.test(d)) return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
  if (/^0(120|570|990)\d{6}$/u.test(d)) return `${d.slice(0, 4)}-${d.slice(4, 7)}-${d.slice(7)}`;
  if (/^0[36]\d{8}$/u.test(d)) return `${d.slice(0, 2)}-${d.slice(2, 6)}-${d.slice(6)}`;
  return tel;
}

/** '1070052' → '107-0052' (in a CSV the hyphen also keeps Excel from reading 0600001 as the number 600001). */
export function formatZip(zip: string): string {
  const d = zip.replace(/\D/gu, '');
  return /^\d{7}$/u.test(d) ? `${d.slice(0, 3)}-${d.slice(3)}` : zip;
}
