/**
 * What a finished sync tells staff, one short line each: 「3件が審査OKになりました」, then what was sent,
 * refused, left unclear or deferred. The order of statuses follows NP_STATUSES (review results first).
 */
import { NP_STATUSES } from '../../../../shared/np/status';
import type { SyncSummary } from '../../../../shared/sync';

export type Translate = (key: string, named?: Record<string, unknown>) => string;

export interface SummaryLine {
  text: string;
  tone: 'ok' | 'action' | 'ng' | 'info';
}

const TONE_OF_STATUS: Partial<Record<string, SummaryLine['tone']>> = {
  ok: 'ok',
  ng: 'ng',
  hold: 'action',
  register_failed: 'ng',
  update_failed: 'action',
  shipment_failed: 'action',
  cancel_failed: 'action',
  paid_cancel_refused: 'action',
};

export function summaryLines(s: SyncSummary, t: Translate): SummaryLine[] {
  const lines: SummaryLine[] = [];
  for (const status of NP_STATUSES) {
    const n = s.statusChanges[status];
    if (n) lines.push({ text: t('sync.changedTo', { n, status: t(`labels.npStatus.${status}`) }), tone: TONE_OF_STATUS[status] ?? 'info' });
  }
  if (s.changedToNone) lines.push({ text: t('sync.changedToNone', { n: s.changedToNone }), tone: 'info' });
  if (s.sent) lines.push({ text: t('sync.sent', { n: s.sent }), tone: 'info' });
  if (s.failed) lines.push({ text: t('sync.failed', { n: s.failed }), tone: 'ng' });
  if (s.ambiguous) lines.push({ text: t('sync.ambiguous', { n: s.ambiguous }), tone: 'action' });
  if (s.deferred) lines.push({ text: t('sync.deferred', { n: s.deferred }), tone: 'info' });
  if (s.holdRepeated) lines.push({ text: t('savePlan.holdRepeatedCount', { n: s.holdRepeated }), tone: 'action' });
  return lines;
}
