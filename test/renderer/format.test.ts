/** Dates in Asia/Tokyo whatever the machine's zone, amounts as 3,685円, and the sync summary lines. */
import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTel, formatYen, formatZip, formatZipMark, fromJstDateTimeInput, toJstDateTimeInput } from '../../renderer/src/format';
import { summaryLines } from '../../renderer/src/features/sync/summary';
import { createAppI18n } from '../../renderer/src/i18n';
import type { SyncSummary } from '../../shared/sync';

describe('format', () => {
  it('writes times as YYYY/MM/DD HH:mm in Japan time', () => {
    expect(formatDateTime(Date.UTC(2026, 10, 28, 3, 4))).toBe('2026/11/28 12:04');
    // 23:30 UTC on the 31st is already the 1st in Japan
    expect(formatDateTime(Date.UTC(2026, 11, 31, 23, 30))).toBe('2027/01/01 08:30');
    expect(formatDate(Date.UTC(2026, 11, 31, 23, 30))).toBe('2027/01/01');
    expect(formatDateTime(null)).toBe('');
  });

  it('round-trips the date-time pickers through the Japan wall clock', () => {
    const t = Date.UTC(2026, 0, 31, 15, 45); // 2026-02-01 00:45 JST
    expect(toJstDateTimeInput(t)).toBe('2026-02-01 00:45');
    expect(fromJstDateTimeInput('2026-02-01 00:45')).toBe(t);
    expect(Number.isNaN(fromJstDateTimeInput('あした'))).toBe(true);
  });

  it('writes amounts with thousands separators and 円', () => {
    expect(formatYen(3685)).toBe('3,685円');
    expect(formatYen(1234567)).toBe('1,234,567円');
    expect(formatYen(0)).toBe('0円');
    expect(formatYen(-500)).toBe('-500円');
  });

  it('hyphenates TEL and zip for display only', () => {
    expect(formatTel('09012345678')).toBe('090-1234-5678');
    expect(formatTel('0312345678')).toBe('03-1234-5678');
    expect(formatTel('0120123456')).toBe('0120-123-456');
    expect(formatTel('08001234567')).toBe('0800-123-4567');
    expect(formatTel('050-1234-5678')).toBe('050-1234-5678');
    // Area codes of 2–5 digits by Japan's numbering plan (libphonenumber-js metadata).
    expect(formatTel('0466123456')).toBe('0466-12-3456');
    expect(formatTel('0197123456')).toBe('0197-12-3456');
    expect(formatTel('12345')).toBe('12345');
    expect(formatZip('1070052')).toBe('107-0052');
    expect(formatZip('10700')).toBe('10700');
    expect(formatZipMark('1070052')).toBe('〒107-0052');
    expect(formatZipMark('107-0052')).toBe('〒107-0052');
    expect(formatZipMark('10700')).toBe('10700');
    expect(formatZipMark('')).toBe('');
  });
});

describe('sync summary lines', () => {
  const { t } = createAppI18n('ja').global;
  const base: SyncSummary = {
    runId: 1,
    trigger: 'manual',
    startedAt: 0,
    finishedAt: 1,
    statusChanges: {},
    changedToNone: 0,
    sent: 0,
    failed: 0,
    ambiguous: 0,
    deferred: 0,
    requests: 0,
    online: true,
    error: null,
  };

  it('says what changed, per status, in Japanese', () => {
    const lines = summaryLines({ ...base, statusChanges: { hold: 1, ok: 3 }, sent: 4, failed: 2, deferred: 5 }, (k, n) => t(k, n ?? {}));
    expect(lines.map((l) => l.text)).toEqual([
      '3件が審査OKになりました',
      '1件が審査保留になりました',
      '4件をNPへ送信しました',
      '2件がNPに受け付けられませんでした',
      '5件は次回の更新で送信します',
    ]);
    expect(lines.map((l) => l.tone)).toEqual(['ok', 'action', 'info', 'ng', 'info']);
  });

  it('is empty when nothing happened', () => {
    expect(summaryLines(base, (k, n) => t(k, n ?? {}))).toEqual([]);
  });

  it('says when a 取引修正 came back on hold for the same reasons (no status changed)', () => {
    const lines = summaryLines({ ...base, sent: 2, holdRepeated: 2 }, (k, n) => t(k, n ?? {}));
    expect(lines.map((l) => l.text)).toEqual(['2件をNPへ送信しました', '2件: 取引修正後も審査保留（同じ理由）']);
    expect(lines[1]!.tone).toBe('action');
  });
});
