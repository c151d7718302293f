/**
 * Calendar dates in Japan time. Japan has no daylight saving time, so a JST day is always the UTC day
 * shifted by nine hours. Stored times are epoch milliseconds; the search form speaks 'YYYY-MM-DD'.
 */

export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

const pad = (n: number): string => String(n).padStart(2, '0');

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** The first millisecond of a JST calendar day. */
export function jstDayStart(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m || !isIsoDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - JST_OFFSET_MS;
}

/** The last millisecond of a JST calendar day (for inclusive ranges). */
export function jstDayEnd(date: string): number {
  return jstDayStart(date) + DAY_MS - 1;
}

/** The JST calendar date of an instant, 'YYYY-MM-DD'. */
export function toJstDate(epochMs: number): string {
  return new Date(epochMs + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** ISO 8601 with +09:00 at seconds precision, e.g. '2018-12-12T12:00:00+09:00' (NP's authori_required_date). */
export function jstIso(epochMs: number): string {
  const d = new Date(epochMs + JST_OFFSET_MS);
  return `${toJstDate(epochMs)}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+09:00`;
}

/** 'YYYY-MM-DD' plus n days (n may be negative). The input must be a calendar date. */
export function addDays(date: string, n: number): string {
  return toJstDate(jstDayStart(date) + n * DAY_MS);
}

/** 'YYYYMMDD_HHmm' in JST, for file names ('納品書_20261128_1204.pdf'). */
export function jstFileStamp(epochMs: number): string {
  const iso = new Date(epochMs + JST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 16).replace(':', '')}`;
}
