/**
 * The process import-crash.test.ts kills: imports an order file (with NP取引IDs) through commitImport — the
 * one-transaction import the worker runs — and SIGKILLs itself at the first progress of the given phase.
 * With a bulk minimum of 0 the orders are written without the indexes (built again before the links).
 * Usage: node --import tsx import-crash-child.ts <db file> <csv file> <phase|none> <chunk size> <bulk insert minimum>
 */
import { readFileSync } from 'node:fs';
import { openDatabase } from '../../../electron/core/db';
import { commitImport } from '../../../electron/core/csv/import-commit';
import { sourceOf } from '../../../electron/core/csv/import-orders';
import { parseOrderCsv } from '../../../electron/core/csv/parse-orders';
import { createNpService } from '../../../electron/core/np/np-service';
import { createOrderRepository } from '../../../electron/core/orders';

const [file, csv, killAt, chunk, bulkMin] = process.argv.slice(2);
if (!file || !csv || !killAt || !chunk || !bulkMin) throw new Error('usage: import-crash-child.ts <db> <csv> <phase|none> <chunk> <bulk min>');
const db = openDatabase(file);
const parsed = parseOrderCsv(readFileSync(csv));
let seen = 0;
const report = commitImport(db, createOrderRepository(db), createNpService(db), sourceOf(parsed), Date.UTC(2026, 10, 28), {
  chunkSize: Number(chunk),
  bulkInsertMin: Number(bulkMin),
  onProgress: (step) => {
    // The second report of the phase: some of its work is written (inside the open transaction).
    if (step.phase === killAt && ++seen === 2) process.kill(process.pid, 'SIGKILL');
  },
});
db.close();
process.stdout.write(`${JSON.stringify({ inserted: report.inserted, attached: report.transactionIds.length })}\n`);
