/**
 * Types of the NP sync shared by the core (electron/core/np) and the renderer: progress and summaries of a
 * sync run, the sync state shown in the status bar, and the NP part of one order for the edit dialog.
 * Pure TypeScript: no Node, no Electron.
 */
import type { NpAction, NpState, NpStatus, PaymentStatus, AuthoriResult } from './np/status';
import type { NpRegisterItem, NpUpdateItem } from './np/api-types';
import type { NpCodeInfo } from './np/codes';

export type { NpCodeInfo } from './np/codes';

/** What a sync run is doing right now. */
export const SYNC_PHASES = ['outbox', 'authorizations', 'payments', 'done'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];
export const SYNC_PHASE_LABELS: Record<SyncPhase, string> = {
  outbox: '送信待ちの操作をNPへ送信中',
  authorizations: '与信結果を取得中',
  payments: '入金状況を取得中',
  done: '完了',
};

/** Progress of the current phase: done of total items (orders), for a progress bar. */
export interface SyncProgress {
  phase: SyncPhase;
  done: number;
  total: number;
}

/** Why a run stopped early. `code` is one of the local codes of shared/np/codes.ts (LOCAL_AUTH, …). */
export interface SyncRunError {
  code: string;
  message: string; // Japanese, for staff
}

/** What one sync run did and what changed. */
export interface SyncSummary {
  runId: number;
  trigger: SyncTrigger;
  startedAt: number; // epoch ms
  finishedAt: number; // epoch ms
  /** Orders whose NP後払いステータス changed, counted by the status they have now (e.g. { ok: 3, hold: 1 }). */
  statusChanges: Partial<Record<NpStatus, number>>;
  /** Orders that now have no NP status (未登録) after a change, e.g. an attached id NP does not know. */
  changedToNone: number;
  /** Outbox actions NP accepted in this run. */
  sent: number;
  /** Outbox actions NP refused (the codes are on the order). */
  failed: number;
  /** Registers that may or may not have reached NP (LOCAL_AMBIGUOUS_REGISTER): staff must decide. */
  ambiguous: number;
  /** Outbox actions left queued for a later run (NP unreachable or busy). Nothing is lost. */
  deferred: number;
  /** 取引修正 that came back 審査保留 with the same reasons (「取引修正後も審査保留（同じ理由）」); absent in older runs. */
  holdRepeated?: number;
  /** HTTP requests made to NP in this run (every attempt counts). */
  requests: number;
  /** False when NP could not be reached in this run (network error, timeout, 5xx after retries). */
  online: boolean;
  /** Set when the run stopped early (credentials refused, NP unreachable). */
  error: SyncRunError | null;
}

export type SyncTrigger = 'launch' | 'manual' | 'timer';

/** What the status bar shows. */
export interface SyncState {
  running: boolean;
  progress: SyncProgress | null;
  lastRun: SyncSummary | null;
  /** End of the last run that reached NP without a stopping error. */
  lastSuccessAt: number | null;
  /** Whether NP answered in the last run (true before the first run). */
  online: boolean;
  /** Outbox actions waiting to be sent (queued or in flight). */
  pendingActions: number;
}

/** The NP part of one order, for the edit dialog. */
export interface NpOrderInfo {
  orderId: number;
  state: NpState;
  /** NP後払いステータス, null = 未登録. */
  status: NpStatus | null;
  statusLabel: string;
  allowedActions: NpAction[];
  /** The order's エラー情報: the codes of the last failure with their meaning. */
  errors: NpCodeInfo[];
  authori: {
    result: AuthoriResult | null;
    /** authori_required_date as NP sent it (ISO 8601, +09:00). */
    requiredDate: string | null;
    hold: NpCodeInfo[];
    ng: NpCodeInfo | null;
    /** 「取引修正後も審査保留（同じ理由）」: the last 取引修正 came back on hold for the same reasons. */
    holdRepeated: boolean;
  };
  payment: {
    status: PaymentStatus | null;
    customerPaymentDate: string | null;
  };
  /** The action queued or in flight, if any. */
  pending: {
    action: NpAction;
    sending: boolean;
    attempts: number;
    queuedAt: number;
    lastError: string | null;
  } | null;
  /** What NP last accepted for this transaction (register payload merged with accepted updates). */
  acceptedPayload: NpRegisterItem | null;
  /** Local data differs from what NP has (「NP未反映の変更あり」). */
  dirty: boolean;
}

/** What NP will receive on 取引修正, and which fields differ from what NP last accepted. */
export interface NpUpdatePreview {
  payload: NpUpdateItem;
  /** Dotted paths of the changed fields, e.g. 'billed_amount', 'goods', 'customer.address', 'dest_customer'. */
  changedFields: string[];
}

export type NpHistoryKind = 'queued' | 'superseded' | 'request' | 'answer' | 'attached' | 'refreshed' | 'resolved';
export type NpHistoryOutcome = 'ok' | 'refused' | 'retry' | 'ambiguous' | 'deferred' | null;

/** One row of the order's NP history (the event log), newest last. */
export interface NpHistoryEntry {
  id: number;
  at: number; // epoch ms
  kind: NpHistoryKind;
  action: NpAction | null;
  /** NP endpoint path for requests and answers, e.g. '/transactions/update'. */
  endpoint: string | null;
  outcome: NpHistoryOutcome;
  httpStatus: number | null;
  /** One Japanese line for the list, e.g. 「取引修正を送信しました」. */
  summary: string;
  codes: NpCodeInfo[];
  /** The item sent or received (JSON, never credentials). */
  detail: unknown;
}
