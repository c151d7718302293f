/** Builds NpOrderInfo values the way the core does (status and allowed actions from shared/np/status.ts). */
import { allowedNpActions, EMPTY_NP_STATE, NP_STATUS_LABELS, NP_STATUS_NONE_LABEL, type NpState, type NpStatus } from '../../shared/np/status';
import { describeNpCode } from '../../shared/np/codes';
import type { NpOrderInfo } from '../../shared/sync';

export function npInfo(status: NpStatus | null, over: Partial<NpOrderInfo> = {}, state: Partial<NpState> = {}): NpOrderInfo {
  const registered = status !== null && status !== 'registering';
  return {
    orderId: 1,
    state: { ...EMPTY_NP_STATE, npTransactionId: registered ? '26112900001' : null, ...state },
    status,
    statusLabel: status ? NP_STATUS_LABELS[status] : NP_STATUS_NONE_LABEL,
    allowedActions: [...allowedNpActions(status)],
    errors: [],
    authori: { result: null, requiredDate: null, hold: [], ng: null, holdRepeated: false },
    payment: { status: null, customerPaymentDate: null },
    pending: null,
    acceptedPayload: null,
    dirty: false,
    ...over,
  };
}

export const codes = (...c: string[]) => c.map(describeNpCode);
