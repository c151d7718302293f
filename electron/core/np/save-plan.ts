/**
 * planSave: what saving an edited order means at NP, decided here and nowhere else (the edit dialog shows it,
 * saveOrder takes staff's answer). Nothing is written: the edited order is planned as if stored.
 *
 *   対応状況 → キャンセル on a live transaction      → cancelOnStatus (offer the NP cancel, stock reminder)
 *   お支払方法 NP後払い → other, live transaction    → cancelOnPayment
 *   お支払方法 other → NP後払い                       → registerOnPayment (NP rules and the credit limit checked)
 *   取引登録失敗 (NP's codes) and the order changed   → retryRegister (the stale error clears when it is queued)
 *   NP has different data                            → update (the 取引修正 preview)
 *   a hold settled outside the data, nothing changed → nothing on a plain save; reReview from the 取引修正 button
 */
import { describeNpCode, LOCAL } from '../../../shared/np/codes';
import { allowedNpActions, deriveNpStatus } from '../../../shared/np/status';
import { validateRegisterItem, validateUpdateItem } from '../../../shared/np/validation';
import { toRegisterItem } from '../../../shared/np/mapping';
import { orderTotal, sameOrderInput, type Order, type OrderInput } from '../../../shared/order';
import type { SaveAction, SavePlan, SaveQuestion } from '../../../shared/save-plan';
import { mustGetOrder, refusal, updatePlan, type OutboxContext } from './outbox';

export interface SavePlanDeps extends OutboxContext {
  /** The buyer's open NP total (excluding this order) and the shop's limit, for the 取引登録 warning. */
  credit(tel: string, excludeOrderId: number): { outstanding: number; limit: number };
}

const NONE: SavePlan = { action: null, question: null, stockReminder: false, preview: null, blocked: [], credit: null };

/**
 * The plan for saving `edited` over stored order `orderId`. With `action`, the plan for exactly that NP action
 * (the NP panel's buttons): refused with NpActionError when the status does not allow it.
 */
export function planSave(deps: SavePlanDeps, orderId: number, edited: OrderInput, action?: SaveAction): SavePlan {
  const before = mustGetOrder(deps, orderId);
  const after: Order = { ...before, ...edited, total: orderTotal(edited) };
  const state = deps.store.state(orderId);
  const allowed = allowedNpActions(deriveNpStatus(state));
  const wasNp = before.paymentMethod === 'np_atobarai';
  const isNp = after.paymentMethod === 'np_atobarai';

  const register = (question: SaveQuestion | null): SavePlan => {
    const item = toRegisterItem(after, deps.mapping());
    const { outstanding, limit } = deps.credit(after.customer.tel, orderId);
    const amount = Math.max(0, after.total);
    return {
      ...NONE,
      action: 'register',
      question,
      blocked: validateRegisterItem(item, deps.validation()).map(describeNpCode),
      credit: { outstanding, amount, limit, wouldExceed: outstanding + amount > limit },
    };
  };
  const update = (offerOnly: boolean): SavePlan => {
    const plan = updatePlan(deps, after, state);
    if (!plan) return NONE;
    if (offerOnly && plan.changedFields.length === 0) return NONE;
    const { reReview, ...preview } = plan;
    const blocked = validateUpdateItem(preview.payload, deps.validation()).map(describeNpCode);
    return { ...NONE, action: 'update', question: reReview && !offerOnly ? 'reReview' : 'update', preview, blocked };
  };

  if (action) {
    if (!allowed.includes(action)) throw refusal(action, deriveNpStatus(state), deps.store.openAction(orderId));
    if (action === 'update') return update(false);
    if (action === 'register') return register(null);
    return { ...NONE, action: 'cancel', stockReminder: true };
  }
  if (before.status !== 'cancelled' && after.status === 'cancelled' && allowed.includes('cancel')) {
    return { ...NONE, action: 'cancel', question: 'cancelOnStatus', stockReminder: true };
  }
  if (wasNp && !isNp && allowed.includes('cancel')) return { ...NONE, action: 'cancel', question: 'cancelOnPayment' };
  if (!wasNp && isNp && allowed.includes('register')) return register('registerOnPayment');
  if (!isNp) return NONE;
  const refusedRegister = state.failedAction === 'register' && !state.errorCodes.includes(LOCAL.AMBIGUOUS_REGISTER);
  if (refusedRegister && allowed.includes('register') && !sameOrderInput(edited, before)) return register('retryRegister');
  if (allowed.includes('update')) return update(true);
  return NONE;
}
