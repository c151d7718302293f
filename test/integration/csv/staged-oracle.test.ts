/**
 * The staged import (worker thread: the file read once, orders packed between preview and commit, written chunk
 * by chunk, a bulk insert without the indexes) against the plain import of the same file in one step
 * (parseOrderCsv + commitImport on one chunk, indexes kept): same report, same orders with the same ids, the
 * same search answers, every index back. The file mixes new, changed and unchanged orders over several chunks,
 * NP取引IDs, and rejected lines (a short row, a 注文番号 that comes back later).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db';
import { createOrderRepository } from '../../../electron/core/orders';
import { createNpService } from '../../../electron/core/np/np-service';
import { commitImport } from '../../../electron/core/csv/import-commit';
import { sourceOf } from '../../../electron/core/csv/import-orders';
import { parseOrderCsv } from '../../../electron/core/csv/parse-orders';
import { exportOrdersCsv } from '../../../electron/core/csv/export';
import { createImportStager } from '../../../electron/core/csv/import-stager';
import type { Database } from 'better-sqlite3';
import { Sink, tempDir, variedOrder } from './helpers';

const tmp = tempDir('atobarai-csv-oracle-');
afterAll(() => tmp.cleanup());

const ORDERS = 6_000; // three chunks of 2,000; 5,400 new orders against 600 stored: a bulk insert
const NOW = Date.UTC(2026, 10, 29);

async function theFile(): Promise<Buffer> {
  const db = openDatabase(tmp.file('source.sqlite'));
  const repo = createOrderRepository(db);
  repo.insertMany(Array.from({ length: ORDERS }, (_, i) => variedOrder(i)), NOW - 1000);
  const sink = new Sink();
  await exportOrdersCsv({ orders: repo.iterate({ sort: { key: 'orderNo', dir: 'asc' } }), kind: 'shipto_goods', encoding: 'utf8bom', out: sink });
  db.close();
  // Records end with CRLF (a note's own line break is a bare LF inside its quotes). An NP取引ID column is added:
  // every seventh order was registered by the cart.
  const records = sink.bytes().toString('utf8').split('\r\n').filter((l) => l !== '');
  const body = records.map((l, i) => {
    if (i === 0) return `${l},"NP取引ID"`;
    const orderNo = Number(/^\uFEFF?"(\d+)"/u.exec(l)?.[1]);
    return `${l},"${orderNo % 7 === 0 ? `AB${String(100_000_000 + orderNo).slice(-9)}` : ''}"`;
  });
  // At the end, two lines of early orders again: a short one and a whole one.
  body.push(body[5]!.split(',').slice(0, 6).join(','), body[1]!);
  return Buffer.from(body.join('\r\n') + '\r\n', 'utf8');
}

/** A store holding orders 0–599 already: 0–299 as in the file, 300–599 with another address (→ updated). */
function storeWithSome(name: string): { file: string; db: Database } {
  const file = tmp.file(name);
  const db = openDatabase(file);
  const repo = createOrderRepository(db);
  repo.insertMany(
    Array.from({ length: 600 }, (_, i) => {
      const o = variedOrder(i);
      return i < 300 ? o : { ...o, customer: { ...o.customer, address: `${o.customer.address} 旧住所` } };
    }),
    NOW - 1000,
  );
  return { file, db };
}

function facts(db: Database) {
  const repo = createOrderRepository(db);
  const ids = db.prepare('SELECT id FROM orders ORDER BY id').pluck().all() as number[];
  return {
    orders: repo.getMany(ids),
    np: db.prepare('SELECT * FROM np_transactions ORDER BY order_id').all(),
    indexes: db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all(),
    searches: [{ name: '山田' }, { kana: 'サトウ' }, { tel: '0901000' }, { goods: '緑茶' }, { email: 'buyer12' }].map((c) => repo.search({ ...c, limit: 20 })),
    integrity: db.pragma('integrity_check', { simple: true }),
  };
}

describe('the staged import against the import in one step', () => {
  it('gives the same report, the same orders (same ids), the same searches and every index back', { timeout: 120_000 }, async () => {
    const bytes = await theFile();

    const a = storeWithSome('plain.sqlite');
    const parsed = parseOrderCsv(bytes);
    const npA = createNpService(a.db, { clock: { now: () => NOW } });
    const plain = commitImport(a.db, createOrderRepository(a.db), npA, sourceOf(parsed), NOW, { chunkSize: ORDERS * 2, bulkInsertMin: Infinity });

    const b = storeWithSome('staged.sqlite');
    const stager = createImportStager({ file: b.file });
    try {
      const preview = await stager.stage({ fileName: 'orders.csv', bytes }, null);
      expect(preview.counts).toEqual({ insert: 5_400, update: 300, unchanged: 300, rejected: plain.rejected.length });
      const staged = await stager.commit(preview.stageId, preview.mapping, { now: NOW, siteName: '' });

      expect(plain).toMatchObject({ inserted: 5_400, updated: 300, unchanged: 300 });
      // The two lines appended at the end: an early 注文番号 again (one of them a short row).
      expect(plain.rejected.map((r) => [r.orderNo, r.reasons.join()])).toEqual([
        ['20002', expect.stringMatching(/重複/u)],
        ['20000', expect.stringMatching(/重複/u)],
      ]);
      expect(plain.transactionIds.length).toBeGreaterThan(10);
      expect(staged).toEqual(plain);
      expect(facts(b.db)).toEqual(facts(a.db));
    } finally {
      await stager.close();
      a.db.close();
      b.db.close();
    }
  });
});
