/**
 * 要対応: the work queues of the day. Each queue is a search (shared/search.ts criteria), so the count the core
 * shows and the list one click opens always agree; the core counts them from the store (electron/core/orders/
 * work-queues.ts) and the renderer re-reads the counts on ordersChanged / syncFinished.
 */
import { z } from 'zod';
import { ORDER_STATUSES } from './order';
import { OrderSearchCriteriaSchema, type OrderSearchCriteria } from './search';

export const WORK_QUEUES = ['hold', 'ng', 'registerFailed', 'shippedNotReported', 'awaitingShipment', 'npDirty', 'npPaid'] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

export const WORK_QUEUE_LABELS: Record<WorkQueue, string> = {
  hold: '審査保留',
  ng: '審査NG',
  registerFailed: '取引登録失敗・送信結果不明',
  shippedNotReported: '発送済みなのに出荷報告前',
  awaitingShipment: '出荷待ち',
  npDirty: 'NP未反映の変更',
  npPaid: 'NP入金済み（前回確認以降）',
};

/** The search filters of a queue (no sort or paging). */
export type QueueFilters = Omit<OrderSearchCriteria, 'sort' | 'offset' | 'limit'>;

/** 対応状況 still to ship: neither 発送済み nor キャンセル. */
const NOT_SHIPPED = ORDER_STATUSES.filter((s) => s !== 'shipped' && s !== 'cancelled');

/**
 * What each queue lists. `paidSeenAt` is when staff last opened 「NP入金済み」 (null = never: every NP payment).
 * 取引登録失敗 includes the registers whose result is unknown (送信結果不明 is a register failure with the app's
 * own code), so one queue holds both.
 */
export function workQueueFilters(queue: WorkQueue, paidSeenAt: number | null): QueueFilters {
  switch (queue) {
    case 'hold':
      return { npStatuses: ['hold'] };
    case 'ng':
      return { npStatuses: ['ng'] };
    case 'registerFailed':
      return { npStatuses: ['register_failed'] };
    case 'shippedNotReported':
      return { statuses: ['shipped'], npStatuses: ['ok'] };
    case 'awaitingShipment':
      return { statuses: [...NOT_SHIPPED], npStatuses: ['ok'] };
    case 'npDirty':
      return { npDirty: true };
    case 'npPaid':
      return paidSeenAt === null ? { npPayment: 'paid' } : { npPaidSince: paidSeenAt + 1 };
  }
}

export interface WorkQueueCount {
  queue: WorkQueue;
  count: number;
  filters: QueueFilters;
}

export interface WorkQueuesState {
  queues: WorkQueueCount[];
  /** When 「NP入金済み」 was last opened (epoch ms), null = never. */
  paidSeenAt: number | null;
}

// 名前を付けて保存: saved searches, kept by the core in the settings table.
export const SAVED_SEARCH_MAX = 30;
const filtersSchema = z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
  const r = OrderSearchCriteriaSchema.safeParse(v);
  if (!r.success) ctx.addIssue({ code: 'custom', message: `保存する検索条件に誤りがあります（${r.error.issues[0]?.message ?? ''}）` });
});
export const SavedSearchSchema = z.object({
  name: z.string().trim().min(1, { error: '検索条件の名前を入力してください' }).max(30, { error: '検索条件の名前は30文字以内です' }),
  filters: filtersSchema,
});
export interface SavedSearch {
  name: string;
  filters: QueueFilters;
}
