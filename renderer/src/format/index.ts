/**
 * How the renderer writes times and money: `YYYY/MM/DD HH:mm` in Asia/Tokyo whatever the desktop's own time
 * zone is, and amounts as `3,685円` (the columns add `tabular-nums` in CSS so digits line up).
 */
import { JST_OFFSET_MS, toJstDate } from '../../../shared/jst-date';
import { formatZip } from '../../../shared/tel-zip-format';

export { formatTel, formatZip } from '../../../shared/tel-zip-format';

const TIME_ZONE = 'Asia/Tokyo';

const dateTimeFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const numberFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

function parts(format: Intl.DateTimeFormat, ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of format.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/** 2026/11/28 09:04 (JST). Empty for null. */
export function formatDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const p = parts(dateTimeFormat, ms);
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}`;
}

/** 2026/11/28 (JST). Empty for null. */
export function formatDate(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  return toJstDate(ms).replaceAll('-', '/');
}

/** '1990-04-01' → 1990/04/01 (dates without time, e.g. 生年月日, NP's payment dates). */
export function formatIsoDate(date: string | null | undefined): string {
  if (!date) return '';
  return date.slice(0, 10).replaceAll('-', '/');
}

/** 3685 → '3,685'. */
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}

/** 3685 → '3,685円'. */
export function formatYen(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return `${numberFormat.format(n)}円`;
}

/** '1070052' → '〒107-0052'; anything that is not a 7-digit zip is shown as it is. */
export function formatZipMark(zip: string): string {
  const f = formatZip(zip);
  return f === zip && !/^\d{3}-\d{4}$/u.test(zip) ? zip : `〒${f}`;
}

/** Epoch ms → 'YYYY-MM-DD HH:mm' as a Japan wall clock (the value format of the date-time pickers). */
export function toJstDateTimeInput(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** 'YYYY-MM-DD HH:mm' (Japan wall clock) → epoch ms; NaN when unreadable. */
export function fromJstDateTimeInput(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/u.exec(s.trim());
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])) - JST_OFFSET_MS;
}
