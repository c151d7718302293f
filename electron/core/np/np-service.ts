/**
 * The NP side of orders for the rest of the app: queue actions (outbox.ts), keep orders.np_status / np_dirty
 * current, attach a transaction id found in NP's merchant screen, and read what the edit dialog shows.
 * Every method is synchronous so callers can run it inside the same db.transaction as the order change.
 */
import type { Database } from 'better-sqlite3';
import { LOCAL, describeNpCode } from '../../../shared/np/codes';
import { npIdCodes, normalizeTel, type NpValidationOptions } from '../../../shared/np/validation';
import {
  NP_STATUS_LABELS,
  NP_STATUS_NONE_LABEL,
  allowedNpActions,
  deriveNpStatus,
  type NpAction,
} from '../../../shared/np/status';
import type { NpHistoryEntry, NpOrderInfo, NpUpdatePreview } from '../../../shared/sync';
import { createOrderRepository } from '../orders';
import { NpActionError } from './errors';
import { historyEntry, holdRepeatedAfterUpdate } from './history';
import { toRegisterItem, type MappingOptions } from '../../../shared/np/mapping';
import { zipLookup } from '../zip/lookup';
import {
  currentUpdatePreview,
  mustGetOrder,
  queueAction,
  refreshUnsentRegister,
  type OutboxContext,
  type QueueParams,
} from './outbox';
import { planSave } from './save-plan';
import type { OrderInput } from '../../../shared/order';
import type { SaveAction, SavePlan } from '../../../shared/save-plan';
import { acceptedPayloadOf, createNpStore, systemClock, type Clock, type NpStore } from './store';

import type { NpClock } from './server-clock';

export interface NpServiceOptions {
  clock?: Clock;
  /** site_name / site_url etc. sent with registers (read at each call, so settings changes apply). */
  mapping?: () => MappingOptions;
  /** The merchant's NP rules (e.g. email required), read at each call; zipAddress is Japan Post's data unless replaced. */
  validation?: () => NpValidationOptions;
  /** NP's clock (server-clock.ts): the day NP judges 請求書発行日 by. Default: the local clock. */
  npClock?: NpClock;
}

export interface NpService {
  /** Queue an NP action (refused with NpActionError when the status does not allow it). Returns the outbox id. */
  queue(orderId: number, action: NpAction, params?: QueueParams): number;
  /** Recompute orders.np_status and orders.np_dirty; call after any order edit. */
  refresh(orderId: number): void;
  /** Recompute np_status / np_dirty of every order (after an import or a migration). Returns how many changed. */
  recomputeAll(): number;
  /** Link the order to an NP transaction staff found in NP's merchant screen (after an ambiguous register). */
  attachTransactionId(orderId: number, npTransactionId: string): void;
  info(orderId: number): NpOrderInfo;
  previewUpdate(orderId: number): NpUpdatePreview;
  /** What saving `edited` means at NP (save-plan.ts), computed without writing; `creditLimit` from the settings. */
  planSave(orderId: number, edited: OrderInput, action: SaveAction | undefined, creditLimit: number): SavePlan;
  history(orderId: number): NpHistoryEntry[];
  /** Outbox actions queued or in flight. */
  pendingCount(): number;
  /**
   * The buyer's NP total not yet paid: registered transactions (not cancelled, not NG, not paid) plus registers
   * waiting in the outbox, keyed by normalised TEL (for the 55,000円 warning). `excludeOrderId` leaves one order out.
   */
  outstandingTotalForBuyer(tel: string, excludeOrderId?: number): number;
  /** The store underneath, for the sync engine. */
  readonly store: NpStore;
  readonly clock: Clock;
}

export function createNpService(db: Database, opts: NpServiceOptions = {}): NpService {
  const store = createNpStore(db);
  const orders = createOrderRepository(db);
  const clock = opts.clock ?? systemClock;
  const ctx: OutboxContext = {
    store,
    getOrder: (id) => orders.get(id),
    clock,
    mapping: opts.mapping ?? (() => ({})),
    // Zip ↔ address (Japan Post's data) is checked locally, so a mismatch shows before anything is sent.
    validation: () => ({ zipAddress: zipLookup, ...opts.validation?.() }),
    npClock: opts.npClock,
  };

  const allOrderIds = db.prepare<[], number>('SELECT id FROM orders ORDER BY id').pluck();
  const outstandingRegistered = db
    .prepare<[string, number], number>(
      `SELECT coalesce(sum(billed_amount), 0) FROM np_transactions
        WHERE buyer_tel = ? AND order_id <> ? AND cancelled = 0 AND np_transaction_id IS NOT NULL
          AND coalesce(authori_result, '') <> '20' AND coalesce(payment_status, '') <> '20'`,
    )
    .pluck();
  const outstandingQueued = db
    .prepare<[{ tel: string; exclude: number }], number>(
      `SELECT coalesce(sum(json_extract(payload, '$.billed_amount')), 0) FROM np_outbox
        WHERE action = 'register' AND state IN ('pending', 'sending') AND order_id <> @exclude
          AND json_extract(payload, '$.customer.tel') = @tel`,
    )
    .pluck();

  /** Status and dirty flag; returns whether anything changed. */
  function refreshOne(orderId: number): boolean {
    const order = ctx.getOrder(orderId);
    if (!order) return false;
    refreshUnsentRegister(ctx, order);
    const tx = store.getTx(orderId);
    const status = deriveNpStatus(store.state(orderId));
    const live = tx?.np_transaction_id && tx.cancelled === 0 && acceptedPayloadOf(tx);
    const dirty = live ? (currentUpdatePreview(ctx, order)?.changedFields.length ?? 0) > 0 : false;
    const changed = store.storedStatus(orderId) !== status;
    store.writeOrderNp(orderId, status, dirty, tx?.payment_status === '20', clock.now());
    return changed;
  }

  const queueTx = db.transaction((orderId: number, action: NpAction, params: QueueParams) => {
    const id = queueAction(ctx, orderId, action, params);
    refreshOne(orderId);
    return id;
  });
  const refreshTx = db.transaction((orderId: number) => void refreshOne(orderId));
  const recomputeAllTx = db.transaction(() => allOrderIds.all().filter((id) => refreshOne(id)).length);

  const attachTx = db.transaction((orderId: number, rawId: string) => {
    const npId = rawId.normalize('NFKC').trim();
    const codes = npIdCodes(npId);
    if (codes.length) {
      throw new NpActionError('validation', `NP取引IDが正しくありません（${codes.map((c) => describeNpCode(c).meaning).join(' / ')}）。`, codes);
    }
    const order = mustGetOrder(ctx, orderId);
    const status = deriveNpStatus(store.state(orderId));
    if (!allowedNpActions(status).includes('register')) {
      const label = status ? NP_STATUS_LABELS[status] : NP_STATUS_NONE_LABEL;
      throw new NpActionError('refused', `NP後払いステータスが「${label}」のため、NP取引IDを紐付けできません（取引登録失敗・未登録・キャンセル済の受注のみ）。`);
    }
    const other = store.getTxByNpId(npId);
    if (other && other.order_id !== orderId) {
      const otherNo = ctx.getOrder(other.order_id)?.orderNo ?? String(other.order_id);
      throw new NpActionError('conflict', `NP取引ID ${npId} はすでに別の受注（注文番号 ${otherNo}）に紐付いています。`);
    }
    const now = clock.now();
    const ambiguous = store.latestOutbox(orderId, 'ambiguous');
    const tx = store.getTx(orderId);
    const settlesAmbiguous = ambiguous && tx?.error_codes.includes(LOCAL.AMBIGUOUS_REGISTER);
    const accepted = settlesAmbiguous ? (JSON.parse(ambiguous.payload) as ReturnType<typeof toRegisterItem>) : toRegisterItem(order, ctx.mapping());
    if (settlesAmbiguous) store.patchOutbox(ambiguous.id, { state: 'resolved' }, now);
    // The credit result is not known yet (shown as 与信審査中): the next sync's /authorizations/find reads it.
    store.patchTx(
      orderId,
      {
        np_transaction_id: npId,
        shop_transaction_id: accepted.shop_transaction_id,
        authori_result: null,
        authori_hold: [],
        authori_ng: null,
        authori_required_date: null,
        shipment_reported: false,
        cancelled: false,
        payment_status: null,
        customer_payment_date: null,
        failed_action: null,
        error_codes: [],
        accepted_payload: accepted,
      },
      now,
    );
    store.appendEvent({ kind: 'attached', order_id: orderId, outbox_id: settlesAmbiguous ? ambiguous.id : null, action: 'register', np_transaction_id: npId, body: accepted }, now);
    refreshOne(orderId);
  });

  function outstandingTotalForBuyer(tel: string, excludeOrderId = -1): number {
    const key = normalizeTel(tel);
    if (!key) return 0;
    return (outstandingRegistered.get(key, excludeOrderId) as number) + (outstandingQueued.get({ tel: key, exclude: excludeOrderId }) as number);
  }

  return {
    store,
    clock,
    queue: (orderId, action, params = {}) => queueTx(orderId, action, params),
    refresh: (orderId) => refreshTx(orderId),
    recomputeAll: () => recomputeAllTx(),
    attachTransactionId: (orderId, npTransactionId) => attachTx(orderId, npTransactionId),

    info(orderId) {
      const order = mustGetOrder(ctx, orderId);
      const tx = store.getTx(orderId);
      const state = store.state(orderId);
      const status = deriveNpStatus(state);
      const open = store.openAction(orderId);
      const preview = tx?.np_transaction_id && tx.cancelled === 0 ? currentUpdatePreview(ctx, order) : null;
      return {
        orderId,
        state,
        status,
        statusLabel: status ? NP_STATUS_LABELS[status] : NP_STATUS_NONE_LABEL,
        allowedActions: [...allowedNpActions(status)],
        errors: state.failedAction ? state.errorCodes.map(describeNpCode) : [],
        authori: {
          result: state.authoriResult,
          requiredDate: tx?.authori_required_date ?? null,
          hold: state.authoriResult === '10' ? state.authoriHold.map(describeNpCode) : [],
          ng: state.authoriResult === '20' && state.authoriNg ? describeNpCode(state.authoriNg) : null,
          holdRepeated: status === 'hold' && holdRepeatedAfterUpdate(store.events(orderId)),
        },
        payment: { status: state.paymentStatus, customerPaymentDate: state.customerPaymentDate },
        pending: open
          ? { action: open.action, sending: open.state === 'sending', attempts: open.attempts, queuedAt: open.created_at, lastError: open.last_error }
          : null,
        acceptedPayload: acceptedPayloadOf(tx),
        dirty: (preview?.changedFields.length ?? 0) > 0,
      };
    },

    previewUpdate(orderId) {
      const order = mustGetOrder(ctx, orderId);
      const preview = currentUpdatePreview(ctx, order);
      if (!preview) throw new NpActionError('refused', 'NPに登録済みの取引がないため、取引修正の内容はありません。');
      return preview;
    },

    history: (orderId) => store.events(orderId).map(historyEntry),
    pendingCount: () => store.openCount(),
    outstandingTotalForBuyer,
    planSave: (orderId, edited, action, creditLimit) =>
      planSave({ ...ctx, credit: (tel, exclude) => ({ outstanding: outstandingTotalForBuyer(tel, exclude), limit: creditLimit }) }, orderId, edited, action),
  };
}
