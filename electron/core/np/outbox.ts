/**
 * The outbox rules: which NP action may be queued for an order now, and how it enters np_outbox.
 *
 * - The order's NP後払いステータス decides (allowedNpActions, product.md's table); a refused action throws an
 *   NpActionError with a Japanese message and nothing is queued.
 * - At most one open (pending or sending) action per order; the sync sends it, then the next one may be queued.
 *   The store enforces this too (unique partial index).
 * - While a 取引修正 has not been sent yet: another 取引修正 replaces its payload, and a キャンセル supersedes it
 *   (the update is marked superseded, the cancel queued). Both are judged on the status beneath the unsent update.
 * - Every payload is checked locally with NP's own rules (shared/np/validation.ts) before it is queued.
 */
import type { NpRegisterItem } from '../../../shared/np/api-types';
import { HOLD_SETTLED_OUTSIDE_DATA, LOCAL } from '../../../shared/np/codes';
import {
  NP_ACTION_LABELS,
  NP_STATUS_LABELS,
  NP_STATUS_NONE_LABEL,
  allowedNpActions,
  deriveNpStatus,
  type NpAction,
  type NpState,
  type NpStatus,
} from '../../../shared/np/status';
import { validateRegisterItem, validateShipmentItem, validateUpdateItem, zipAddressNotes, type NpValidationOptions } from '../../../shared/np/validation';
import { toJstDate } from '../../../shared/jst-date';
import type { Order } from '../../../shared/order';
import type { NpUpdatePreview } from '../../../shared/sync';
import { NpActionError, invalidForNp } from './errors';
import { diffForUpdate, toRegisterItem, toShipmentItem, type MappingOptions, type ShipmentParams } from '../../../shared/np/mapping';
import { acceptedPayloadOf, type Clock, type NpStore, type OutboxRow } from './store';
import type { NpClock } from './server-clock';

export type QueueParams = ShipmentParams;

export interface OutboxContext {
  store: NpStore;
  getOrder: (id: number) => Order | undefined;
  clock: Clock;
  mapping: () => MappingOptions;
  validation: () => NpValidationOptions;
  /** NP's clock for the dates NP judges by its own day (請求書発行日); default the local clock. */
  npClock?: NpClock;
}

const statusLabel = (s: NpStatus | null): string => (s ? NP_STATUS_LABELS[s] : NP_STATUS_NONE_LABEL);

export function mustGetOrder(ctx: OutboxContext, orderId: number): Order {
  const order = ctx.getOrder(orderId);
  if (!order) throw new NpActionError('not_found', `受注（ID ${orderId}）が見つかりません。`);
  return order;
}

/** The update NP would receive now, or null when the order has no live NP transaction. */
export function currentUpdatePreview(ctx: OutboxContext, order: Order): NpUpdatePreview | null {
  const tx = ctx.store.getTx(order.id);
  const accepted = acceptedPayloadOf(tx);
  if (!tx?.np_transaction_id || !accepted) return null;
  return diffForUpdate(tx.np_transaction_id, toRegisterItem(order, ctx.mapping()), accepted);
}

/**
 * A hold whose every reason can be settled outside the data (shared/np/codes.ts): NP may review it again.
 * Judged beneath an unsent 取引修正 (which a new one replaces).
 */
export function reReviewable(state: NpState): boolean {
  return (
    deriveNpStatus({ ...state, pendingAction: state.pendingAction === 'update' ? null : state.pendingAction }) === 'hold' && state.authoriHold.length > 0 && state.authoriHold.every((c) => HOLD_SETTLED_OUTSIDE_DATA.has(c))
  );
}

/**
 * What 取引修正 sends for this order: the changed sections, or — for a hold settled outside the data and nothing
 * changed — the buyer (and ship-to) as NP has them, so NP reviews the unchanged transaction again (reReview).
 * Null when the order has no live NP transaction.
 */
export function updatePlan(ctx: OutboxContext, order: Order, state: NpState): (NpUpdatePreview & { reReview: boolean }) | null {
  const preview = currentUpdatePreview(ctx, order);
  if (!preview) return null;
  if (preview.changedFields.length > 0 || !reReviewable(state)) return { ...preview, reReview: false };
  const current = toRegisterItem(order, ctx.mapping());
  const payload = { ...preview.payload, customer: current.customer, ...(current.dest_customer ? { dest_customer: current.dest_customer } : {}) };
  return { payload, changedFields: [], reReview: true };
}

/** Why an action cannot be queued now (Japanese, with what the status allows). */
export function refusal(action: NpAction, status: NpStatus | null, open: OutboxRow | undefined): NpActionError {
  const label = NP_ACTION_LABELS[action];
  if (open) {
    const what = NP_ACTION_LABELS[open.action];
    const when = open.state === 'sending' ? '送信中' : '送信待ち';
    return new NpActionError('refused', `${what}が${when}のため、${label}はできません。NPの応答を待ってからもう一度操作してください。`);
  }
  const allowed = allowedNpActions(status).map((a) => NP_ACTION_LABELS[a]);
  const hint = allowed.length ? `（この状態でできる操作: ${allowed.join('・')}）` : '（この状態ではNPへの操作はできません）';
  return new NpActionError('refused', `NP後払いステータスが「${statusLabel(status)}」のため、${label}はできません${hint}。`);
}

function buildPayload(ctx: OutboxContext, order: Order, action: NpAction, params: QueueParams): unknown {
  const label = NP_ACTION_LABELS[action];
  const tx = ctx.store.getTx(order.id);
  const now = ctx.clock.now();
  switch (action) {
    case 'register': {
      if (order.paymentMethod !== 'np_atobarai') {
        throw new NpActionError('refused', '支払方法がNP後払いではないため、取引登録できません。先に支払方法をNP後払いに変更してください。');
      }
      const item = toRegisterItem(order, ctx.mapping());
      const opts = ctx.validation();
      const codes = validateRegisterItem(item, opts);
      if (codes.length) throw invalidForNp(label, codes, opts.zipAddress ? zipAddressNotes(item, opts.zipAddress).map((n) => n.message) : []);
      return item;
    }
    case 'update': {
      const preview = updatePlan(ctx, order, ctx.store.state(order.id));
      if (!preview) throw new NpActionError('refused', 'NPに登録済みの取引がないため、取引修正できません。');
      if (preview.changedFields.length === 0 && !preview.reReview) {
        throw new NpActionError('refused', 'NPに登録済みの内容から変更がないため、取引修正は不要です。受注情報を変更してから取引修正してください。');
      }
      const opts = ctx.validation();
      const codes = validateUpdateItem(preview.payload, opts);
      if (codes.length) throw invalidForNp(label, codes, opts.zipAddress ? zipAddressNotes(preview.payload, opts.zipAddress).map((n) => n.message) : []);
      return preview.payload;
    }
    case 'cancel': {
      if (!tx?.np_transaction_id) throw new NpActionError('refused', 'NPに登録済みの取引がないため、キャンセルできません。');
      return { np_transaction_id: tx.np_transaction_id };
    }
    case 'shipment': {
      if (!tx?.np_transaction_id) throw new NpActionError('refused', 'NPに登録済みの取引がないため、出荷報告できません。');
      // 請求書発行日 defaults to today on NP's clock: a desktop clock off around midnight would give another day.
      const npNow = ctx.npClock?.now() ?? now;
      const item = toShipmentItem(tx.np_transaction_id, order, params, npNow);
      const accepted = acceptedPayloadOf(tx);
      const codes = validateShipmentItem(item, {
        settlementType: accepted?.settlement_type ?? (order.invoiceType === 'bundled' ? '03' : '02'),
        today: toJstDate(npNow),
      });
      if (codes.length) throw invalidForNp(label, codes, [], codes.some((c) => c === 'E0100124' || c === 'E0100126') ? ctx.npClock?.skewNote() : null);
      return item;
    }
  }
}

/**
 * Queue an NP action for an order (synchronous; run it inside the transaction of the order change that causes it).
 * Returns the outbox row id. Throws NpActionError (nothing written) when the action is not allowed or invalid.
 */
export function queueAction(ctx: OutboxContext, orderId: number, action: NpAction, params: QueueParams = {}): number {
  const { store } = ctx;
  const order = mustGetOrder(ctx, orderId);
  const now = ctx.clock.now();
  const open = store.openAction(orderId);
  const replaceable = open?.state === 'pending' && open.action === 'update' && (action === 'update' || action === 'cancel');
  const state = store.state(orderId);
  const status = deriveNpStatus(replaceable ? { ...state, pendingAction: null } : state);
  if ((open && !replaceable) || !allowedNpActions(status).includes(action)) throw refusal(action, status, replaceable ? undefined : open);

  const payload = buildPayload(ctx, order, action, params);
  const tx = store.getTx(orderId);
  const npId = tx?.np_transaction_id ?? null;
  if (open && replaceable && action === 'update') {
    store.patchOutbox(open.id, { payload, last_error: null }, now);
    store.appendEvent({ kind: 'queued', order_id: orderId, outbox_id: open.id, action, np_transaction_id: npId, outcome: 'replaced', body: payload }, now);
    return open.id;
  }
  if (open && replaceable) {
    store.patchOutbox(open.id, { state: 'superseded' }, now);
    store.appendEvent({ kind: 'superseded', order_id: orderId, outbox_id: open.id, action: open.action, np_transaction_id: npId }, now);
  }
  if (action === 'register') {
    // A deliberate new register settles an earlier ambiguous one (staff decided it did not reach NP).
    const ambiguous = store.latestOutbox(orderId, 'ambiguous');
    if (ambiguous && tx?.failed_action === 'register' && tx.error_codes.includes(LOCAL.AMBIGUOUS_REGISTER)) {
      store.patchOutbox(ambiguous.id, { state: 'resolved' }, now);
      store.appendEvent({ kind: 'resolved', order_id: orderId, outbox_id: ambiguous.id, action: 'register', outcome: 'reregister' }, now);
    } else if (tx?.failed_action === 'register') {
      // NP refused the earlier register: its error is about the data staff have now fixed; the retry replaces it.
      store.patchTx(orderId, { failed_action: null, error_codes: [] }, now);
    }
  }
  const id = store.insertOutbox(orderId, action, payload, now);
  store.appendEvent({ kind: 'queued', order_id: orderId, outbox_id: id, action, np_transaction_id: npId, body: payload }, now);
  return id;
}

/**
 * After an order edit: an unsent register carries the order as it is now (a register always sends the whole
 * order). A payload that no longer passes NP's rules is left as it was; the register will show NP's answer.
 * An order switched away from NP後払い before its register was sent has the register withdrawn.
 */
export function refreshUnsentRegister(ctx: OutboxContext, order: Order): void {
  const open = ctx.store.openAction(order.id);
  if (!open || open.state !== 'pending' || open.action !== 'register') return;
  if (order.paymentMethod !== 'np_atobarai') {
    const now = ctx.clock.now();
    ctx.store.patchOutbox(open.id, { state: 'superseded' }, now);
    ctx.store.appendEvent({ kind: 'superseded', order_id: order.id, outbox_id: open.id, action: 'register', outcome: 'payment_method' }, now);
    return;
  }
  const item: NpRegisterItem = toRegisterItem(order, ctx.mapping());
  if (open.payload === JSON.stringify(item) || validateRegisterItem(item, ctx.validation()).length) return;
  ctx.store.patchOutbox(open.id, { payload: item }, ctx.clock.now());
}
