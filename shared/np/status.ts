/**
 * The NP後払いステータス model: the 15 statuses of the seed guide (product.md), derived from the
 * order's NP transaction and its outbox — never typed in, never stored as free text.
 * The list query and the edit dialog both call deriveNpStatus / allowedNpActions.
 */
import { NP_CODE } from './codes';

/** What staff can ask NP to do for one order. */
export const NP_ACTIONS = ['register', 'update', 'cancel', 'shipment'] as const;
export type NpAction = (typeof NP_ACTIONS)[number];
export const NP_ACTION_LABELS: Record<NpAction, string> = {
  register: '取引登録',
  update: '取引修正',
  cancel: 'キャンセル',
  shipment: '出荷報告',
};

/** authori_result (np-api.md §7.1). 50 is read as 40 (審査中). */
export const AUTHORI_RESULTS = ['00', '10', '20', '40', '50'] as const;
export type AuthoriResult = (typeof AUTHORI_RESULTS)[number];

/** payment_status (np-api.md §7.4). */
export type PaymentStatus = '10' | '20' | '30';

export const NP_STATUSES = [
  'registering',
  'updating',
  'reviewing',
  'ok',
  'ng',
  'hold',
  'shipping',
  'shipped',
  'cancelling',
  'cancelled',
  'register_failed',
  'update_failed',
  'shipment_failed',
  'cancel_failed',
  'paid_cancel_refused',
] as const;
export type NpStatus = (typeof NP_STATUSES)[number];

export const NP_STATUS_LABELS: Record<NpStatus, string> = {
  registering: '取引登録中',
  updating: '取引修正中',
  reviewing: '与信審査中',
  ok: '審査OK',
  ng: '審査NG',
  hold: '審査保留',
  shipping: '出荷報告依頼中',
  shipped: '出荷報告済',
  cancelling: 'キャンセル依頼中',
  cancelled: 'キャンセル済',
  register_failed: '取引登録失敗',
  update_failed: '取引修正失敗',
  shipment_failed: '出荷報告失敗',
  cancel_failed: 'キャンセル失敗',
  paid_cancel_refused: '入金済キャンセル不可',
};

/** An NP後払い order that has no NP transaction and nothing queued (e.g. imported, not yet confirmed). */
export const NP_STATUS_NONE_LABEL = '未登録';

/** What a status means to staff: drives the colour and the icon (never colour alone). */
export type NpStatusTone = 'ok' | 'action' | 'ng' | 'pending' | 'done';
export const NP_STATUS_TONES: Record<NpStatus, NpStatusTone> = {
  registering: 'pending',
  updating: 'pending',
  reviewing: 'pending',
  ok: 'ok',
  ng: 'ng',
  hold: 'action',
  shipping: 'pending',
  shipped: 'done',
  cancelling: 'pending',
  cancelled: 'done',
  register_failed: 'ng',
  update_failed: 'action',
  shipment_failed: 'action',
  cancel_failed: 'action',
  paid_cancel_refused: 'action',
};


/** The NP side of one order as the local store knows it (np_transactions + outbox). */
export interface NpState {
  npTransactionId: string | null;
  authoriResult: AuthoriResult | null;
  authoriHold: string[]; // RE codes when authoriResult is 10
  authoriNg: string | null; // NG code when authoriResult is 20
  shipmentReported: boolean;
  cancelled: boolean;
  paymentStatus: PaymentStatus | null;
  customerPaymentDate: string | null; // 'YYYY-MM-DD'
  /** The action queued or in flight (the outbox head), if any. */
  pendingAction: NpAction | null;
  /** The last action NP refused, or that may or may not have reached NP; cleared when a later action succeeds. */
  failedAction: NpAction | null;
  /** The codes of that failure: NP's codes, or the app's own (shared/np/codes.ts). */
  errorCodes: string[];
}

export const EMPTY_NP_STATE: NpState = {
  npTransactionId: null,
  authoriResult: null,
  authoriHold: [],
  authoriNg: null,
  shipmentReported: false,
  cancelled: false,
  paymentStatus: null,
  customerPaymentDate: null,
  pendingAction: null,
  failedAction: null,
  errorCodes: [],
};

const PENDING: Record<NpAction, NpStatus> = {
  register: 'registering',
  update: 'updating',
  cancel: 'cancelling',
  shipment: 'shipping',
};
const FAILED: Record<NpAction, NpStatus> = {
  register: 'register_failed',
  update: 'update_failed',
  cancel: 'cancel_failed',
  shipment: 'shipment_failed',
};

/** The NP後払いステータス of an order, or null when it has no NP transaction and nothing queued (未登録). */
export function deriveNpStatus(s: NpState): NpStatus | null {
  if (s.pendingAction) return PENDING[s.pendingAction];
  if (s.failedAction === 'cancel' && s.errorCodes.includes(NP_CODE.PAID)) return 'paid_cancel_refused';
  if (s.failedAction) return FAILED[s.failedAction];
  if (s.cancelled) return 'cancelled';
  if (s.shipmentReported) return 'shipped';
  if (!s.npTransactionId) return null;
  switch (s.authoriResult) {
    case '00':
      return 'ok';
    case '10':
      return 'hold';
    case '20':
      return 'ng';
    default:
      return 'reviewing';
  }
}

/** Which actions each status allows (product.md's table; 取引登録 again after a failed register or a cancel). */
export const NP_STATUS_ACTIONS: Record<NpStatus, readonly NpAction[]> = {
  registering: [],
  updating: [],
  reviewing: ['update', 'cancel'],
  ok: ['update', 'cancel', 'shipment'],
  ng: ['update', 'cancel'],
  hold: ['update', 'cancel'],
  shipping: [],
  shipped: ['cancel'],
  cancelling: [],
  cancelled: ['register'],
  register_failed: ['register'],
  update_failed: ['update', 'cancel'],
  shipment_failed: ['update', 'cancel', 'shipment'],
  cancel_failed: ['cancel'],
  paid_cancel_refused: [],
};

/** The actions allowed for an order in this NP status; null (未登録) allows only 取引登録. */
export function allowedNpActions(status: NpStatus | null): readonly NpAction[] {
  return status === null ? ['register'] : NP_STATUS_ACTIONS[status];
}

export function isNpActionAllowed(status: NpStatus | null, action: NpAction): boolean {
  return allowedNpActions(status).includes(action);
}
