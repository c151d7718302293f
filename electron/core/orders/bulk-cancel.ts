/**
 * 一括キャンセル (NPの取引をキャンセルする): what staff are about to cancel (how many, which are 発送済み or
 * 入金済み, which NP cannot cancel now), then per order, in one transaction each: the NP キャンセル is queued and
 * 対応状況 becomes キャンセル (staff are reminded to put the stock back).
 */
import type { Database } from 'better-sqlite3';
import type { BulkCancelPlan } from '../../../shared/bulk';
import type { BulkActionResult } from '../../../shared/contract';
import { NP_STATUS_LABELS, NP_STATUS_NONE_LABEL, allowedNpActions, deriveNpStatus } from '../../../shared/np/status';
import { orderInputOf, type Order } from '../../../shared/order';
import type { NpService } from '../np/np-service';
import type { OrderRepository } from './repository';

export interface BulkCancelDeps {
  db: Database;
  orders: OrderRepository;
  np: NpService;
  now: number;
}

function refusal(deps: BulkCancelDeps, order: Order): string | null {
  const state = deps.np.store.state(order.id);
  const status = deriveNpStatus(state);
  if (state.pendingAction) return `${NP_STATUS_LABELS[status!]}のため、NPの応答を待ってからキャンセルしてください`;
  if (allowedNpActions(status).includes('cancel')) return null;
  if (status === 'cancelled') return 'すでにキャンセル済みです';
  return `NP後払いステータスが「${status ? NP_STATUS_LABELS[status] : NP_STATUS_NONE_LABEL}」のため、NPの取引をキャンセルできません`;
}

const isShipped = (deps: BulkCancelDeps, o: Order): boolean => o.status === 'shipped' || deps.np.store.state(o.id).shipmentReported;
const isPaid = (deps: BulkCancelDeps, o: Order): boolean => o.status === 'paid' || deps.np.store.state(o.id).paymentStatus === '20';

export function planBulkCancel(deps: BulkCancelDeps, orderIds: readonly number[]): BulkCancelPlan {
  const plan: BulkCancelPlan = { total: 0, cancellable: 0, shipped: [], paid: [], refused: [] };
  for (const id of orderIds) {
    const order = deps.orders.get(id);
    if (!order) continue;
    plan.total++;
    const why = refusal(deps, order);
    if (why) plan.refused.push({ orderNo: order.orderNo, reason: why });
    else plan.cancellable++;
    if (isShipped(deps, order)) plan.shipped.push(order.orderNo);
    if (isPaid(deps, order)) plan.paid.push(order.orderNo);
  }
  return plan;
}

export function cancelOrdersBulk(deps: BulkCancelDeps, orderIds: readonly number[]): BulkActionResult[] {
  const cancelOne = deps.db.transaction((order: Order) => {
    deps.np.queue(order.id, 'cancel');
    if (order.status !== 'cancelled') deps.orders.update(order.id, { ...orderInputOf(order), status: 'cancelled' }, deps.now);
    deps.np.refresh(order.id);
  });
  return orderIds.map((orderId) => {
    const order = deps.orders.get(orderId);
    if (!order) return { orderId, orderNo: '', ok: false, message: '受注が見つかりません。' };
    const why = refusal(deps, order);
    if (why) return { orderId, orderNo: order.orderNo, ok: false, message: `${why}。` };
    try {
      cancelOne(order);
      return { orderId, orderNo: order.orderNo, ok: true, message: 'キャンセルを送信待ちにし、対応状況をキャンセルにしました。' };
    } catch (e) {
      return { orderId, orderNo: order.orderNo, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  });
}
