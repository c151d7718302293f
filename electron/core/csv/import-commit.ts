/**
 * commitImport: an order file (read all at once, or one order at a time from the staged file) into the store in ONE transaction held open across chunks — orders
 * inserted and updated, NP後払いステータス recomputed, NP取引IDs linked — reporting progress after every
 * chunk and stopping cleanly (ROLLBACK, nothing written) when asked. A crash anywhere before COMMIT leaves the
 * store as it was (test/integration/csv/import-crash.test.ts).
 *
 * It runs on its own connection in the import worker (import-worker.ts), so the app's connection keeps
 * answering searches from the last committed state (WAL) while it writes.
 */
import type { Database } from 'better-sqlite3';
import type { CsvImportProgressStep, CsvImportReport } from '../../../shared/csv';
import { deriveNpStatus } from '../../../shared/np/status';
import { messageOf } from '../../../shared/error-message';
import { isBulkInsert, suspendIndexes } from '../db/bulk-indexes';
import type { NpService } from '../np/np-service';
import type { OrderRepository } from '../orders';
import { emptyImportReport, importSteps, type ImportSource } from './import-orders';

export interface CommitImportOptions {
  onProgress?: (step: CsvImportProgressStep) => void;
  /** Checked between chunks: true stops the import and rolls it back. */
  cancelled?: () => boolean;
  chunkSize?: number;
  /** 設定's 配送業者 for imported orders that name none. */
  defaultCarrierCode?: string | null;
  /** The fewest new orders written without the indexes (isBulkInsert; default BULK_INSERT_MIN). */
  bulkInsertMin?: number;
  /** How many new orders the preview counted (default: every order of the file); decides isBulkInsert. */
  expectedInserts?: number;
}

export type CommitImportResult = CsvImportReport;

export function commitImport(
  db: Database,
  orders: OrderRepository,
  np: Pick<NpService, 'refresh' | 'store' | 'attachTransactionId'>,
  source: ImportSource,
  now: number,
  opts: CommitImportOptions = {},
): CommitImportResult {
  const steps = importSteps(orders, source, now, {
    npStatus: (orderId) => deriveNpStatus(np.store.state(orderId)),
    onUpdated: (orderId) => np.refresh(orderId),
    attach: (orderId, npTransactionId) => {
      if (np.store.state(orderId).npTransactionId === npTransactionId) return null;
      try {
        np.attachTransactionId(orderId, npTransactionId);
        return null;
      } catch (e) {
        return messageOf(e);
      }
    },
    chunkSize: opts.chunkSize,
    defaultCarrierCode: opts.defaultCarrierCode,
    aroundInserts: (fileOrders) => (isBulkInsert(opts.expectedInserts ?? fileOrders, () => orders.count(), opts.bulkInsertMin) ? suspendIndexes(db, ['orders', 'order_lines']) : null),
  });
  db.exec('BEGIN IMMEDIATE');
  try {
    for (;;) {
      const step = steps.next();
      if (step.done) {
        db.exec('COMMIT');
        return step.value;
      }
      opts.onProgress?.(step.value);
      if (opts.cancelled?.()) {
        db.exec('ROLLBACK');
        return { ...emptyImportReport(), cancelled: true };
      }
    }
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
