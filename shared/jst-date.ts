/**
 * Calendar dates in Japan time. Japan has no daylight saving time, so a JST day is always the UTC day
 * shifted by nine hours. Stored times are epoch milliseconds; the search form speaks 'YYYY-MM-DD'.
 */

export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDate(s: string): boolean {
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
