import { describe, expect, it } from 'vitest';
import {
  EMPTY_NP_STATE,
  NP_ACTIONS,
  NP_STATUSES,
  NP_STATUS_LABELS,
  allowedNpActions,
  deriveNpStatus,
  type NpAction,
  type NpState,
  type NpStatus,
} from '../../shared/np/status';

/**
 * product.md's table, transcribed independently of the implementation:
 * status label → [取引修正, キャンセル, 出荷報告] (and 取引登録 again where the guide allows it).
 */
const TABLE: Record<string, { update: boolean; cancel: boolean; shipment: boolean; register: boolean }> = {
  取引登録中: { update: false, cancel: false, shipment: false, register: false },
  取引修正中: { update: false, cancel: false, shipment: false, register: false },
  与信審査中: { update: true, cancel: true, shipment: false, register: false },
  審査OK: { update: true, cancel: true, shipment: true, register: false },
  審査NG: { update: true, cancel: true, shipment: false, register: false },
  審査保留: { update: true, cancel: true, shipment: false, register: false },
  出荷報告依頼中: { update: false, cancel: false, shipment: false, register: false },
  出荷報告済: { update: false, cancel: true, shipment: false, register: false },
  キャンセル依頼中: { update: false, cancel: false, shipment: false, register: false },
  キャンセル済: { update: false, cancel: false, shipment: false, register: true },
  取引登録失敗: { update: false, cancel: false, shipment: false, register: true },
  取引修正失敗: { update: true, cancel: true, shipment: false, register: false },
  出荷報告失敗: { update: true, cancel: true, shipment: true, register: false },
  キャンセル失敗: { update: false, cancel: true, shipment: false, register: false },
  入金済キャンセル不可: { update: false, cancel: false, shipment: false, register: false },
};

const registered = (over: Partial<NpState>): NpState => ({ ...EMPTY_NP_STATE, npTransactionId: '26112800001', ...over });

/** One NP state per status, built from the API facts product.md names for it. */
const EXAMPLES: Record<string, NpState> = {
  取引登録中: { ...EMPTY_NP_STATE, pendingAction: 'register' },
  取引修正中: registered({ authoriResult: '00', pendingAction: 'update' }),
  与信審査中: registered({ authoriResult: '40' }),
  審査OK: registered({ authoriResult: '00' }),
  審査NG: registered({ authoriResult: '20', authoriNg: 'NG001' }),
  審査保留: registered({ authoriResult: '10', authoriHold: ['RE009', 'RE015'] }),
  出荷報告依頼中: registered({ authoriResult: '00', pendingAction: 'shipment' }),
  出荷報告済: registered({ authoriResult: '00', shipmentReported: true }),
  キャンセル依頼中: registered({ authoriResult: '00', pendingAction: 'cancel' }),
  キャンセル済: registered({ authoriResult: '00', cancelled: true }),
  取引登録失敗: { ...EMPTY_NP_STATE, failedAction: 'register', errorCodes: ['E0100048'] },
  取引修正失敗: registered({ authoriResult: '00', shipmentReported: true, failedAction: 'update', errorCodes: ['E0100115'] }),
  出荷報告失敗: registered({ authoriResult: '00', failedAction: 'shipment', errorCodes: ['E0100110'] }),
  キャンセル失敗: registered({ authoriResult: '00', failedAction: 'cancel', errorCodes: ['E0100131'] }),
  入金済キャンセル不可: registered({ authoriResult: '00', shipmentReported: true, paymentStatus: '20', failedAction: 'cancel', errorCodes: ['E0100118'] }),
};

describe('NP status model', () => {
  it('has exactly the 15 statuses of the guide', () => {
    expect(NP_STATUSES).toHaveLength(15);
    expect(new Set(Object.values(NP_STATUS_LABELS))).toEqual(new Set(Object.keys(TABLE)));
  });

  for (const [label, state] of Object.entries(EXAMPLES)) {
    it(`derives ${label} and allows exactly the table's actions`, () => {
      const status = deriveNpStatus(state);
      expect(status && NP_STATUS_LABELS[status]).toBe(label);
      const row = TABLE[label]!;
      const allowed = allowedNpActions(status);
      for (const action of NP_ACTIONS) expect({ action, allowed: allowed.includes(action) }).toEqual({ action, allowed: row[action] });
    });
  }

  it('gives no status to an order with no NP transaction and nothing queued, which may only be registered', () => {
    expect(deriveNpStatus(EMPTY_NP_STATE)).toBeNull();
    expect(allowedNpActions(null)).toEqual(['register']);
  });

  it('lets a queued action win over everything NP said before', () => {
    const pendings: [NpAction, NpStatus][] = [
      ['register', 'registering'],
      ['update', 'updating'],
      ['cancel', 'cancelling'],
      ['shipment', 'shipping'],
    ];
    for (const [action, status] of pendings) {
      expect(deriveNpStatus(registered({ authoriResult: '20', failedAction: 'update', cancelled: true, pendingAction: action }))).toBe(status);
    }
  });

  it('reads 50 as under review and a registered transaction without a result as under review', () => {
    expect(deriveNpStatus(registered({ authoriResult: '50' }))).toBe('reviewing');
    expect(deriveNpStatus(registered({ authoriResult: null }))).toBe('reviewing');
  });

  it('reports a refused cancel as 入金済キャンセル不可 only for E0100118', () => {
    expect(deriveNpStatus(registered({ failedAction: 'cancel', errorCodes: ['E0100118', 'E0100131'] }))).toBe('paid_cancel_refused');
    expect(deriveNpStatus(registered({ failedAction: 'cancel', errorCodes: ['E0100114'] }))).toBe('cancel_failed');
  });
});
