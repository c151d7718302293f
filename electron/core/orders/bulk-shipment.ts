/**
 * 一括出荷報告: one row per order (配送業者, 配送伝票番号, 発送日), checked with NP's own rules before anything is
 * queued. Either every row is valid and all orders become 発送済み with their 出荷報告 queued, in one
 * transaction, or nothing is written and each row says what is wrong.
 */
import type { Database } from 'better-sqlite3';
import type { BulkShipmentDraftRow, BulkShipmentField, BulkShipmentResult, BulkShipmentRowInput, BulkShipmentRowResult } from '../../../shared/bulk';
import { describeNpCode } from '../../../shared/np/codes';
import { toShipmentItem } from '../../../shared/np/mapping';
import { NP_STATUS_LABELS, NP_STATUS_NONE_LABEL, allowedNpActions, deriveNpStatus } from '../../../shared/np/status';
import { validateShipmentItem } from '../../../shared/np/validation';
import { isIsoDate, jstDayStart, toJstDate } from '../../../shared/jst-date';
import type { Order } from '../../../shared/order';
import type { NpService } from '../np/np-service';
import type { OrderRepository } from './repository';
import { shippedInput } from './ship';

export interface BulkShipmentDeps {
  db: Database;
  orders: OrderRepository;
  np: NpService;
  /** 設定's 配送業者, used when an order has none. */
  defaultCarrierCode: string | null;
  now: number;
}

/** Which field an NP shipment code is about. */
const FIELD_OF_CODE: Record<string, BulkShipmentField> = {
  E0100105: 'carrierCode',
  E0100106: 'carrierCode',
  E0100107: 'carrierCode',
  E0100108: 'carrierCode',
  E0100109: 'slipNo',
  E0100110: 'slipNo',
};

function notEligible(deps: BulkShipmentDeps, order: Order): string | null {
  if (order.paymentMethod !== 'np_atobarai') return '支払方法がNP後払いではありません';
  const state = deps.np.store.state(order.id);
  const status = deriveNpStatus(state);
  if (state.pendingAction) return `${NP_STATUS_LABELS[status!]}のため、NPの応答を待ってください`;
  if (allowedNpActions(status).includes('shipment')) return null;
  if (status === 'shipped') return 'すでに出荷報告済みです';
  return `NP後払いステータスが「${status ? NP_STATUS_LABELS[status] : NP_STATUS_NONE_LABEL}」のため、出荷報告できません`;
}

/** The dialog's rows: each order's own 配送業者 / 配送伝票番号 / 発送日, else 設定's carrier and today. */
export function planBulkShipment(deps: BulkShipmentDeps, orderIds: readonly number[]): BulkShipmentDraftRow[] {
  const today = toJstDate(deps.now);
  return orderIds.flatMap((orderId) => {
    const order = deps.orders.get(orderId);
    if (!order) return [];
    return [
      {
        orderId,
        orderNo: order.orderNo,
        customerName: order.customer.name,
        carrierCode: order.carrierCode ?? deps.defaultCarrierCode,
        slipNo: order.slipNo,
        shippedOn: order.shippedAt === null ? today : toJstDate(order.shippedAt),
        notEligible: notEligible(deps, order),
      },
    ];
  });
}

/** The row's problems before queueing: NP's shipment rules (carrier, slip, 請求書発行日) and the 発送日. */
function rowErrors(deps: BulkShipmentDeps, order: Order, row: BulkShipmentRowInput, slipNo: string): BulkShipmentRowResult['errors'] {
  const errors: BulkShipmentRowResult['errors'] = [];
  const why = notEligible(deps, order);
  if (why) errors.push({ field: 'order', message: why });
  const npId = deps.np.store.getTx(order.id)?.np_transaction_id ?? 'A0000000000';
  const item = toShipmentItem(npId, order, { carrierCode: row.carrierCode ?? '', slipNo }, deps.now);
  const codes = validateShipmentItem(item, { settlementType: order.invoiceType === 'bundled' ? '03' : '02', today: toJstDate(deps.now) });
  for (const code of codes) {
    const field = FIELD_OF_CODE[code];
    if (field) errors.push({ field, message: describeNpCode(code).meaning });
  }
  const today = toJstDate(deps.now);
  if (!isIsoDate(row.shippedOn)) errors.push({ field: 'shippedOn', message: '発送日を日付（YYYY-MM-DD）で入力してください' });
  else if (row.shippedOn > today) errors.push({ field: 'shippedOn', message: '発送日に未来の日付は指定できません' });
  else if (row.shippedOn < toJstDate(order.orderedAt)) errors.push({ field: 'shippedOn', message: '発送日が受注日より前になっています' });
  return errors;
}

class Rollback extends Error {}

/**
 * Validates every row, then — only when all are valid — sets 対応状況 発送済み, 発送日, 配送業者 and 配送伝票番号
 * and queues each 出荷報告, in one transaction. A refusal by the NP layer rolls everything back too.
 */
export function shipOrdersBulk(deps: BulkShipmentDeps, rows: readonly BulkShipmentRowInput[]): BulkShipmentResult {
  const results: BulkShipmentRowResult[] = [];
  const seen = new Set<number>();
  try {
    deps.db.transaction(() => {
      for (const row of rows) {
        const order = deps.orders.get(row.orderId);
        if (!order) {
          results.push({ orderId: row.orderId, orderNo: '', errors: [{ field: 'order', message: '受注が見つかりません（削除された可能性があります）' }] });
          continue;
        }
        const slipNo = row.slipNo.normalize('NFKC').trim();
        const errors = seen.has(order.id) ? [{ field: 'order' as const, message: '同じ受注が2回含まれています' }] : rowErrors(deps, order, row, slipNo);
        seen.add(order.id);
        results.push({ orderId: order.id, orderNo: order.orderNo, errors });
        if (errors.length > 0 || results.some((r) => r.errors.length > 0)) continue;
        const shippedAt = order.shippedAt !== null && toJstDate(order.shippedAt) === row.shippedOn ? order.shippedAt : row.shippedOn === toJstDate(deps.now) ? deps.now : jstDayStart(row.shippedOn);
        deps.orders.update(order.id, shippedInput(order, { carrierCode: row.carrierCode!, slipNo, shippedAt }, deps.now), deps.now);
        deps.np.refresh(order.id);
        try {
          deps.np.queue(order.id, 'shipment', { carrierCode: row.carrierCode!, slipNo });
        } catch (e) {
          results[results.length - 1]!.errors.push({ field: 'order', message: e instanceof Error ? e.message : String(e) });
        }
      }
      if (results.some((r) => r.errors.length > 0)) throw new Rollback();
    })();
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
    return { queued: false, rows: results };
  }
  return { queued: true, rows: results };
}
