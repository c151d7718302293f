/** np_events rows → the order's NP history (the dialog's 履歴 tab), with one Japanese line per row. */
import { AUTHORI_RESULT_LABELS, PAYMENT_STATUS_LABELS, describeNpCode, isAppCode } from '../../../shared/np/codes';
import { NP_ACTION_LABELS, type NpAction } from '../../../shared/np/status';
import type { NpHistoryEntry, NpHistoryKind, NpHistoryOutcome } from '../../../shared/sync';
import type { EventRow } from './store';
import { SAME_HOLD } from './apply';

const HISTORY_KINDS: readonly NpHistoryKind[] = ['queued', 'superseded', 'request', 'answer', 'attached', 'refreshed', 'resolved'];
const OUTCOMES: readonly string[] = ['ok', 'refused', 'retry', 'ambiguous', 'deferred'];

function label(action: NpAction | null): string {
  return action ? NP_ACTION_LABELS[action] : 'NPへの操作';
}

function field(body: unknown, key: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const v = (body as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : undefined;
}

function summarize(ev: EventRow, body: unknown, codes: string[]): string {
  const what = label(ev.action);
  // NP's codes as NP wrote them; the app's own (LOCAL_*) as what they mean.
  const codeText = codes.length ? `（${codes.map((c) => (isAppCode(c) ? describeNpCode(c).meaning : c)).join('、')}）` : '';
  switch (ev.kind) {
    case 'queued':
      return ev.outcome === 'replaced' ? '送信待ちの取引修正を新しい内容に置き換えました' : `${what}を送信待ちにしました`;
    case 'superseded':
      return ev.outcome === 'payment_method'
        ? `支払方法がNP後払いでなくなったため、送信待ちの${what}を取り消しました`
        : `送信待ちの${what}を取り消しました（キャンセルを優先）`;
    case 'resolved':
      return ev.outcome === 'reregister' ? '応答不明の取引登録を、再登録することで解決しました' : '応答不明の取引登録を解決しました';
    case 'attached':
      return `NP取引ID ${ev.np_transaction_id ?? ''} を紐付けました`;
    case 'request':
      return `${what}をNPへ送信しました`;
    case 'answer': {
      const result = field(body, 'authori_result');
      switch (ev.outcome) {
        case 'ok':
          return `NPが${what}を受け付けました${result ? `: ${AUTHORI_RESULT_LABELS[result] ?? result}` : ''}`;
        case SAME_HOLD:
          return `NPが${what}を受け付けました: 取引修正後も審査保留（同じ理由）${codeText}`;
        case 'refused':
          return `NPが${what}を受け付けませんでした${codeText}`;
        case 'ambiguous':
          return `${what}がNPに届いたか不明です${codeText}。NP加盟店管理画面で確認してください`;
        case 'retry':
          return `NPから正常な応答がありませんでした${codeText}。再送します`;
        case 'deferred':
          return `NPに接続できないため、${what}を次の更新まで保留しました${codeText}`;
        default:
          return `${what}の応答を記録しました`;
      }
    }
    case 'refreshed': {
      const result = field(body, 'authori_result');
      if (result) return `与信結果を取得しました: ${AUTHORI_RESULT_LABELS[result] ?? result}`;
      const payment = field(body, 'payment_status');
      if (payment) {
        const date = field(body, 'customer_payment_date');
        return `入金状況を取得しました: ${PAYMENT_STATUS_LABELS[payment] ?? payment}${date ? `（${date}）` : ''}`;
      }
      return `NPの状態を取得しました${codeText}`;
    }
    default:
      return ev.kind;
  }
}

export function historyEntry(ev: EventRow): NpHistoryEntry {
  const body: unknown = ev.body ? JSON.parse(ev.body) : null;
  const codes = JSON.parse(ev.codes) as string[];
  return {
    id: ev.id,
    at: ev.at,
    kind: HISTORY_KINDS.includes(ev.kind as NpHistoryKind) ? (ev.kind as NpHistoryKind) : 'answer',
    action: ev.action,
    endpoint: ev.endpoint,
    outcome: ev.outcome === SAME_HOLD ? 'ok' : ev.outcome && OUTCOMES.includes(ev.outcome) ? (ev.outcome as NpHistoryOutcome) : null,
    httpStatus: ev.http_status,
    summary: summarize(ev, body, codes),
    codes: codes.map(describeNpCode),
    detail: body,
  };
}

/**
 * Whether NP's latest credit answer for the order was a 取引修正 put on hold again for the same reasons
 * (apply.ts records it as the answer's outcome); a later register, update, attachment or changed result ends it.
 */
export function holdRepeatedAfterUpdate(events: readonly EventRow[]): boolean {
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i]!;
    if (ev.kind === 'answer' && ev.outcome === SAME_HOLD) return true;
    const credit =
      (ev.kind === 'answer' && ev.outcome === 'ok' && (ev.action === 'register' || ev.action === 'update')) ||
      ev.kind === 'attached' ||
      (ev.kind === 'refreshed' && ev.body !== null && ev.body.includes('"authori_result"'));
    if (credit) return false;
  }
  return false;
}
