/** 帳票 出力済み: when each order's 納品書 was last output (orders.printed_at, migration 005). */
import type { Database } from 'better-sqlite3';

export interface PrintedStore {
  /** Marks the orders printed at `now`; returns how many exist. */
  mark(orderIds: readonly number[], now: number): number;
}

export function createPrintedStore(db: Database): PrintedStore {
  const update = db.prepare<[number, string]>('UPDATE orders SET printed_at = ? WHERE id IN (SELECT value FROM json_each(?))');
  return { mark: (orderIds, now) => update.run(now, JSON.stringify(orderIds)).changes };
}
