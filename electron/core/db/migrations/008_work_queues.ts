import type { Migration } from '../migration';

/**
 * 008: what the 要対応 queues count (shared/work-queues.ts), each served by an index so the counts stay cheap.
 * - orders.np_paid_at: when the sync first saw NP report the buyer's payment (payment_status 20); NULL while
 *   unpaid. The NP入金 mark of the list, its filter and 「NP入金済み（前回確認以降）」 read it. Existing paid
 *   transactions are dated by their last NP update.
 * - (np_status, status): 発送済みなのに出荷報告前 and 出荷待ち combine the two.
 */
export const workQueuesMigration: Migration = {
  version: 8,
  name: 'work_queues',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN np_paid_at INTEGER NULL;
      UPDATE orders SET np_paid_at = (SELECT t.updated_at FROM np_transactions t WHERE t.order_id = orders.id AND t.payment_status = '20')
        WHERE id IN (SELECT order_id FROM np_transactions WHERE payment_status = '20');
      CREATE INDEX orders_np_paid_at ON orders (np_paid_at) WHERE np_paid_at IS NOT NULL;
      CREATE INDEX orders_np_status_status ON orders (np_status, status);
    `);
  },
};
