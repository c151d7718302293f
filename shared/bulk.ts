/**
 * Bulk actions of the order list (issue 17): 一括出荷報告 with one editable row per order, 一括キャンセル with its
 * warnings, and a bulk 対応状況 change. The rules live in the core (electron/core/orders/bulk-*.ts); these are
 * the shapes both sides share.
 */
import { z } from 'zod';
import { ORDER_STATUSES, type OrderStatus } from './order';

const orderId = z.number({ error: '受注IDは数値で指定してください' }).int().positive();
const orderIds = z.array(orderId).min(1, { error: '受注を選択してください' }).max(10_000, { error: '一度に操作できるのは10,000件までです' });

export const BulkOrderIdsSchema = z.object({ orderIds });

/** One row of the 一括出荷報告 dialog as staff typed it. */
export const BulkShipmentRowSchema = z.object({
  orderId,
  carrierCode: z.string().max(10).nullable(),
  slipNo: z.string().max(40, { error: '配送伝票番号が長すぎます' }),
  /** 発送日 'YYYY-MM-DD' (Japan). */
  shippedOn: z.string().max(10),
});
export type BulkShipmentRowInput = z.infer<typeof BulkShipmentRowSchema>;
export const BulkShipmentInputSchema = z.object({ rows: z.array(BulkShipmentRowSchema).min(1, { error: '出荷報告する受注がありません' }).max(10_000) });

/** A row as the dialog opens it: the order's own values, else the defaults (設定's 配送業者, today). */
export interface BulkShipmentDraftRow extends BulkShipmentRowInput {
  orderNo: string;
  customerName: string;
  /** Why this order cannot be reported now (Japanese); null = it can. Such rows are shown, not sent. */
  notEligible: string | null;
}

export type BulkShipmentField = 'carrierCode' | 'slipNo' | 'shippedOn' | 'order';
export interface BulkShipmentRowResult {
  orderId: number;
  orderNo: string;
  /** What is wrong with the row (Japanese), per field; empty = fine. */
  errors: { field: BulkShipmentField; message: string }[];
}
export interface BulkShipmentResult {
  /** True when every row was valid and all were queued (one transaction); false = nothing was written. */
  queued: boolean;
  rows: BulkShipmentRowResult[];
}

/** What staff are about to cancel: the count and what deserves a second look. */
export interface BulkCancelPlan {
  total: number;
  /** Orders NP can cancel now. */
  cancellable: number;
  /** 発送済み (対応状況) or 出荷報告済 (NP): the parcel has left; NP still bills the buyer unless cancelled. */
  shipped: string[];
  /** NP reported the buyer's payment, or 対応状況 is 入金済み: NP refuses to cancel a paid transaction. */
  paid: string[];
  /** Orders NP cannot cancel in their state, with why (Japanese). */
  refused: { orderNo: string; reason: string }[];
}

export const BulkStatusInputSchema = z.object({ orderIds, status: z.enum(ORDER_STATUSES, { error: '対応状況を選択してください' }) });
export interface BulkStatusResult {
  changed: number;
  unchanged: number;
  status: OrderStatus;
}
