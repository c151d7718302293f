/**
 * Which NP buttons the dialog shows: exactly the actions the order's NP status allows (shared/np/status.ts,
 * computed by the core into NpOrderInfo.allowedActions), in the seed's order, with 取引登録 only while the
 * order is paid with NP後払い.
 */
import type { NpAction } from '../../../../shared/np/status';
import type { PaymentMethod } from '../../../../shared/order';
import type { NpOrderInfo } from '../../../../shared/sync';

const ORDER: readonly NpAction[] = ['update', 'cancel', 'shipment', 'register'];

export function npButtons(np: Pick<NpOrderInfo, 'allowedActions'> | null, paymentMethod: PaymentMethod): NpAction[] {
  if (!np) return paymentMethod === 'np_atobarai' ? ['register'] : [];
  return ORDER.filter((a) => np.allowedActions.includes(a) && (a !== 'register' || paymentMethod === 'np_atobarai'));
}
