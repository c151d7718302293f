/**
 * What the sync engine writes when NP answers (or does not): one function per outcome of one outbox row or one
 * find result. Synchronous; the engine runs each batch's outcomes in one transaction.
 *
 * Facts NP states in an error are recorded even when the action failed (the registry's npCodeFacts): E0100114 =
 * the transaction is cancelled, E0100115 = it is shipment-reported, E0100118 = the buyer paid.
 */
import type { NpAuthoriResult, NpEndpoint, NpPaymentResult, NpRegisterItem, NpUpdateItem } from '../../../shared/np/api-types';
import { LOCAL, NP_CODE, npCodeFacts, type LocalCode } from '../../../shared/np/codes';
import type { NpAction } from '../../../shared/np/status';
import { NP_ENDPOINTS } from '../../../shared/np/api-types';
import { mergeAccepted } from '../../../shared/np/mapping';
import { acceptedPayloadOf, type NpStore, type OutboxRow, type TxPatch } from './store';


export const ACTION_ENDPOINT: Record<NpAction, NpEndpoint> = {
  register: 'register',
  update: 'update',
  cancel: 'cancel',
  shipment: 'shipments',
};

export const pathOf = (endpoint: NpEndpoint): string => NP_ENDPOINTS[endpoint].path;

export interface ApplyContext {
  store: NpStore;
  now: number;
  runId: number;
}

function authoriPatch(r: Pick<NpAuthoriResult, 'authori_result' | 'authori_hold' | 'authori_ng' | 'authori_required_date'>): TxPatch {
  return {
    authori_result: r.authori_result,
    authori_hold: r.authori_result === '10' ? (r.authori_hold ?? []) : [],
    authori_ng: r.authori_result === '20' ? (r.authori_ng ?? null) : null,
    authori_required_date: r.authori_required_date ?? null,
  };
}

/** What NP's codes state about the transaction (the registry's facts, shared/np/codes.ts), as a patch. */
function factsFrom(codes: readonly string[]): TxPatch {
  const facts = npCodeFacts(codes);
  const patch: TxPatch = {};
  if (facts.has('cancelled')) patch.cancelled = true;
  if (facts.has('shipped')) patch.shipment_reported = true;
  if (facts.has('paid')) patch.payment_status = '20';
  return patch;
}

function answerEvent(ctx: ApplyContext, row: OutboxRow, outcome: string, extra: { codes?: string[]; body?: unknown; httpStatus?: number | null; npId?: string | null }): void {
  ctx.store.appendEvent(
    {
      kind: 'answer',
      run_id: ctx.runId,
      order_id: row.order_id,
      outbox_id: row.id,
      action: row.action,
      endpoint: pathOf(ACTION_ENDPOINT[row.action]),
      np_transaction_id: extra.npId ?? null,
      http_status: extra.httpStatus ?? null,
      outcome,
      codes: extra.codes ?? [],
      body: extra.body,
    },
    ctx.now,
  );
}

/** The answer outcome of a 取引修正 that NP put on hold again for exactly the reasons it had before. */
export const SAME_HOLD = 'same_hold';

/**
 * NP accepted the row's action. Returns true when it was a 取引修正 that came back 審査保留 with the same
 * reasons (「取引修正後も審査保留（同じ理由）」: recorded as the answer's outcome, counted by the sync).
 */
export function applyAccepted(ctx: ApplyContext, row: OutboxRow, result: Partial<NpAuthoriResult> & { np_transaction_id: string }, httpStatus: number): boolean {
  const { store, now } = ctx;
  const payload = JSON.parse(row.payload) as unknown;
  const cleared: TxPatch = { failed_action: null, error_codes: [] };
  const before = store.getTx(row.order_id);
  const sameHold =
    row.action === 'update' &&
    before?.authori_result === '10' &&
    result.authori_result === '10' &&
    JSON.stringify([...(JSON.parse(before.authori_hold) as string[])].sort()) === JSON.stringify([...(result.authori_hold ?? [])].sort());
  switch (row.action) {
    case 'register': {
      const item = payload as NpRegisterItem;
      store.patchTx(
        row.order_id,
        {
          ...cleared,
          np_transaction_id: result.np_transaction_id,
          shop_transaction_id: item.shop_transaction_id,
          ...authoriPatch(result as NpAuthoriResult),
          shipment_reported: false,
          cancelled: false,
          payment_status: null,
          customer_payment_date: null,
          accepted_payload: item,
        },
        now,
      );
      break;
    }
    case 'update': {
      const accepted = acceptedPayloadOf(store.getTx(row.order_id));
      store.patchTx(
        row.order_id,
        {
          ...cleared,
          ...authoriPatch(result as NpAuthoriResult),
          ...(accepted ? { accepted_payload: mergeAccepted(accepted, payload as NpUpdateItem) } : {}),
        },
        now,
      );
      break;
    }
    case 'cancel':
      store.patchTx(row.order_id, { ...cleared, cancelled: true }, now);
      break;
    case 'shipment':
      store.patchTx(row.order_id, { ...cleared, shipment_reported: true }, now);
      break;
  }
  store.patchOutbox(row.id, { state: 'done', last_error: null }, now);
  answerEvent(ctx, row, sameHold ? SAME_HOLD : 'ok', { body: result, httpStatus, npId: result.np_transaction_id, codes: sameHold ? (result.authori_hold ?? []) : [] });
  return sameHold;
}

/**
 * NP refused the row's action with these codes. A repeated cancel answered E0100114 and a repeated shipment
 * report answered E0100115 mean the first attempt reached NP: done, not failed. (E0100114 on any cancel means
 * NP has the transaction cancelled, which is what staff asked for.)
 */
export function applyRefused(ctx: ApplyContext, row: OutboxRow, codes: string[], httpStatus: number): void {
  const { store, now } = ctx;
  const npId = (JSON.parse(row.payload) as { np_transaction_id?: string }).np_transaction_id ?? null;
  const alreadyDone =
    (row.action === 'cancel' && codes.includes(NP_CODE.CANCELLED)) ||
    (row.action === 'shipment' && codes.includes(NP_CODE.SHIPPED) && row.attempts > 1);
  if (alreadyDone) {
    store.patchTx(row.order_id, { failed_action: null, error_codes: [], ...factsFrom(codes) }, now);
    store.patchOutbox(row.id, { state: 'done', last_error: null }, now);
    answerEvent(ctx, row, 'ok', { codes, httpStatus, npId, body: { already: true } });
    return;
  }
  store.patchTx(row.order_id, { failed_action: row.action, error_codes: codes, ...factsFrom(codes) }, now);
  store.patchOutbox(row.id, { state: 'failed', last_error: codes.join(',') }, now);
  answerEvent(ctx, row, 'refused', { codes, httpStatus, npId });
}

/** A register that may have reached NP: never re-sent automatically; staff attach the id or register again. */
export function applyAmbiguous(ctx: ApplyContext, row: OutboxRow, cause: LocalCode | null, body?: unknown): void {
  const codes: string[] = [LOCAL.AMBIGUOUS_REGISTER, ...(cause ? [cause] : [])];
  ctx.store.patchTx(row.order_id, { failed_action: 'register', error_codes: codes }, ctx.now);
  ctx.store.patchOutbox(row.id, { state: 'ambiguous', last_error: codes.join(',') }, ctx.now);
  answerEvent(ctx, row, 'ambiguous', { codes, body });
}

/** Back to the queue: sent again by a later attempt or run. */
export function applyRequeued(ctx: ApplyContext, row: OutboxRow, outcome: 'retry' | 'deferred', cause: string | null, nextAttemptAt: number): void {
  ctx.store.patchOutbox(row.id, { state: 'pending', next_attempt_at: nextAttemptAt, last_error: cause }, ctx.now);
  answerEvent(ctx, row, outcome, { codes: cause ? [cause] : [] });
}

export interface FindTarget {
  order_id: number;
  np_transaction_id: string;
}

function refreshedEvent(ctx: ApplyContext, t: FindTarget, endpoint: NpEndpoint, body: unknown, codes: string[] = []): void {
  ctx.store.appendEvent(
    { kind: 'refreshed', run_id: ctx.runId, order_id: t.order_id, endpoint: pathOf(endpoint), np_transaction_id: t.np_transaction_id, codes, body },
    ctx.now,
  );
}

/** An /authorizations/find result; returns whether anything changed. */
export function applyAuthorization(ctx: ApplyContext, t: FindTarget, r: NpAuthoriResult): boolean {
  const tx = ctx.store.getTx(t.order_id);
  if (!tx || tx.np_transaction_id !== t.np_transaction_id) return false;
  const patch = authoriPatch(r);
  const same =
    tx.authori_result === patch.authori_result &&
    tx.authori_hold === JSON.stringify(patch.authori_hold) &&
    tx.authori_ng === patch.authori_ng &&
    tx.authori_required_date === patch.authori_required_date;
  if (same) return false;
  ctx.store.patchTx(t.order_id, patch, ctx.now);
  refreshedEvent(ctx, t, 'authorizationsFind', r);
  return true;
}

/** A /transactions/payments/find result; returns whether anything changed. */
export function applyPayment(ctx: ApplyContext, t: FindTarget, r: NpPaymentResult): boolean {
  const tx = ctx.store.getTx(t.order_id);
  if (!tx || tx.np_transaction_id !== t.np_transaction_id) return false;
  const date = r.customer_payment_date ?? null;
  if (tx.payment_status === r.payment_status && tx.customer_payment_date === date) return false;
  ctx.store.patchTx(t.order_id, { payment_status: r.payment_status, customer_payment_date: date }, ctx.now);
  refreshedEvent(ctx, t, 'paymentsFind', r);
  return true;
}

/**
 * A find answered an error for one transaction. E0100113 (NP does not know the id, e.g. a wrong id was attached)
 * makes the order 取引登録失敗 so staff can attach the right id or register again; E0100114 records NP's cancel.
 * Returns whether anything changed.
 */
export function applyFindError(ctx: ApplyContext, t: FindTarget, endpoint: NpEndpoint, codes: string[]): boolean {
  const tx = ctx.store.getTx(t.order_id);
  if (!tx || tx.np_transaction_id !== t.np_transaction_id) return false;
  const patch: TxPatch = npCodeFacts(codes).has('unknown_transaction') ? { failed_action: 'register', error_codes: codes } : factsFrom(codes);
  refreshedEvent(ctx, t, endpoint, null, codes);
  if (Object.keys(patch).length === 0) return false;
  ctx.store.patchTx(t.order_id, patch, ctx.now);
  return true;
}
