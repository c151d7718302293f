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

/** 'YYYY/MM/DD HH:MM' in Japan time, for messages to staff (a lock's holder since, a backup's time). */
export function jstDateTimeLabel(epochMs: number): string {
  const iso = jstIso(epochMs);
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 16)}`;
}

// ---------------------------------------------------------------------------------------------------------
// 和暦 (Japanese era years): how shops write dates (令和6年11月28日, R6.11.28, 令和元年) and how 生年月日 is shown.

/** The eras, newest first: name, the letter forms use (R6.11.28), and the first day. */
export const ERAS = [
  { name: '令和', letter: 'R', start: '2019-05-01' },
  { name: '平成', letter: 'H', start: '1989-01-08' },
  { name: '昭和', letter: 'S', start: '1926-12-25' },
  { name: '大正', letter: 'T', start: '1912-07-30' },
  { name: '明治', letter: 'M', start: '1868-01-25' },
] as const;
export type Era = (typeof ERAS)[number];

const ERA_YEAR = new RegExp(`^(${ERAS.map((e) => `${e.name}|${e.letter}`).join('|')})\\s*(元|\\d{1,2})\\s*[年./-]\\s*`, 'iu');

export interface EraYear {
  /** The Western year (令和6 → 2024). */
  year: number;
  era: Era;
  /** What follows the year: month, day, a time … */
  rest: string;
}

/**
 * A leading era year ('令和6年', 'R6.', 'h31/', '令和元年') as the Western year, with what follows it, for the
 * caller's date reader; null when the text does not start with one. The text must be NFKC already (Ｒ６ → R6).
 */
export function readEraYear(s: string): EraYear | null {
  const t = s.trim();
  const m = ERA_YEAR.exec(t);
  if (!m) return null;
  const era = ERAS.find((e) => e.name === m[1] || e.letter === m[1]!.toUpperCase())!;
  const year = Number(era.start.slice(0, 4)) + (m[2] === '元' ? 1 : Number(m[2])) - 1;
  return { year, era, rest: t.slice(m[0].length) };
}

/**
 * Whether a date (YYYY-MM-DD) can be written in this era: not before its first day (令和元年4月30日 cannot). A date
 * after the era's end is accepted, as Japan's offices accept 平成31年5月1日 for 2019-05-01.
 */
export function fitsEra(era: Era, isoDate: string): boolean {
  return isoDate >= era.start;
}

/** A calendar date 'YYYY-MM-DD' in 和暦: '令和6年11月28日', '令和元年5月1日', '平成31年4月30日'; '' for null. */
export function formatWareki(isoDate: string | null): string {
  if (!isoDate || !isIsoDate(isoDate)) return '';
  const era = ERAS.find((e) => isoDate >= e.start);
  if (!era) return '';
  const n = Number(isoDate.slice(0, 4)) - Number(era.start.slice(0, 4)) + 1;
  return `${era.name}${n === 1 ? '元' : n}年${Number(isoDate.slice(5, 7))}月${Number(isoDate.slice(8, 10))}日`;
}
