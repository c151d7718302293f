/**
 * The CSV import worker (a worker thread; import-stager.ts starts it). It holds the staged files — each sent
 * ONCE and kept deflated — reads and validates their orders ONCE per mapping, a chunk at a time, for the
 * preview (counts, sample, rejected lines), keeping them packed (packed-orders.ts); the commit writes them on
 * the worker's own SQLite connection in one transaction, unpacking a chunk at a time (import-commit.ts), and
 * posts progress. A 100,000-order file is never held as text or as orders. The app's
 * main thread stays free: its connection keeps answering searches from the last committed state (WAL).
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api-result';
import { messageOf } from '../../../shared/error-message';
import { createNpService } from '../np/np-service';
import { createOrderRepository } from '../orders';
import { commitImport } from './import-commit';
import { IMPORT_CHUNK, inChunks, planImport, summarise } from './import-orders';
import { resolveMapping, sameMapping } from './headers';
import { PackedOrders, packFile, unpackFile } from './packed-orders';
import { readStagedOrders, stageCsv, type StagedCsv } from './parse-orders';
import type { ImportAnswer, ImportRequest, ImportWorkerData, ImportWorkerMessage } from './import-protocol';
import type { CsvColumnMapping, CsvImportOrderSummary, CsvImportPreview, CsvImportReport, CsvMappingPreset, CsvResolvedMapping, CsvRowProblem } from '../../../shared/csv';

/** How many orders the preview shows as a sample. */
export const PREVIEW_SAMPLE = 200;
/** Staged files kept (the dialog's current one and the one before); older ones are dropped. */
const MAX_STAGES = 2;

interface Stage {
  fileName: string;
  encoding: StagedCsv['encoding'];
  headers: string[];
  /** The file, deflated (packed-orders.ts): read again only for a re-mapping. */
  file: Buffer;
  /** The orders read under the last mapping previewed, packed, for the commit. */
  last: {
    mapping: CsvResolvedMapping;
    missingRequired: readonly string[];
    orders: PackedOrders;
    inserts: number;
    rejected: CsvRowProblem[];
  } | null;
}

const data = workerData as ImportWorkerData;
const cancelFlag = new Int32Array(data.cancelFlag);
const stages = new Map<string, Stage>();
let db: Database | null = null;

function connection(): Database {
  if (!db) {
    db = new BetterSqlite3(data.file, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
    db.pragma('busy_timeout = 10000'); // a short write of the app's connection may be finishing
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // As the app's connection (db/open.ts): 100,000 inserts touch every index; a small page cache would spill
    // the open transaction's pages to the WAL and read them back again and again.
    db.pragma('cache_size = -65536');
  }
  return db;
}

function stage(stageId: string): Stage {
  const s = stages.get(stageId);
  if (!s) throw new ApiError({ code: 'not_found', message: '取り込み中のファイルが見つかりません。もう一度ファイルを選んでください。' });
  return s;
}

/**
 * The preview of a stage under a mapping: the file's orders read and validated ONCE, a chunk at a time, each
 * chunk checked against the store (counts per action, the first PREVIEW_SAMPLE as the sample) and packed for
 * the commit — a 100,000-order file is never held as orders.
 */
function preview(stageId: string, s: Stage, bytes: Uint8Array, opts: { mapping?: CsvColumnMapping; preset: CsvMappingPreset | null }): CsvImportPreview {
  s.last = null; // the orders of the old mapping go before the new ones are read
  const reading = readStagedOrders({ encoding: s.encoding, headers: s.headers, bytes }, opts);
  const repo = createOrderRepository(connection());
  const counts = { insert: 0, update: 0, unchanged: 0, rejected: 0 };
  const sample: CsvImportOrderSummary[] = [];
  const packed = new PackedOrders();
  for (const chunk of inChunks(reading.orders, IMPORT_CHUNK)) {
    for (const p of planImport(repo, chunk, reading.mapping)) {
      counts[p.action]++;
      if (sample.length < PREVIEW_SAMPLE) sample.push(summarise(p));
    }
    packed.push(chunk);
    post({ progress: { stageId, phase: 'reading', done: packed.count, total: 0 } });
  }
  counts.rejected = reading.rejected.length;
  s.last = { mapping: reading.mapping, missingRequired: reading.missingRequired, orders: packed, inserts: counts.insert, rejected: reading.rejected };
  return {
    stageId,
    fileName: s.fileName,
    encoding: reading.encoding,
    headers: reading.headers,
    sampleRows: reading.sampleRows,
    mapping: reading.mapping,
    suggestedMapping: reading.suggestedMapping,
    presetName: reading.presetName,
    presetMissingHeaders: reading.presetMissingHeaders,
    missingRequired: reading.missingRequired,
    dataRows: reading.dataRows,
    counts,
    rejected: reading.rejected,
    sample,
  };
}

function commit(req: Extract<ImportRequest, { op: 'commit' }>): CsvImportReport {
  const s = stage(req.stageId);
  if (!s.last || !sameMapping(s.last.mapping, resolveMapping(s.headers, req.mapping).mapping)) {
    preview(req.stageId, s, unpackFile(s.file), { mapping: req.mapping, preset: null });
  }
  const last = s.last!;
  if (last.missingRequired.length) {
    throw new ApiError({ code: 'validation', message: '必須の項目に列が割り当てられていません。列の割り当てを確認してください。' });
  }
  const conn = connection();
  const orders = createOrderRepository(conn);
  const np = createNpService(conn, { clock: { now: () => req.now }, mapping: () => ({ siteName: req.siteName || undefined }) });
  Atomics.store(cancelFlag, 0, 0);
  const source = { mapping: last.mapping, orders: last.orders.orders(), total: last.orders.count, rejected: last.rejected };
  const report = commitImport(conn, orders, np, source, req.now, {
    onProgress: (step) => post({ progress: { stageId: req.stageId, ...step } }),
    cancelled: () => Atomics.load(cancelFlag, 0) === 1,
    defaultCarrierCode: req.defaultCarrierCode,
    expectedInserts: last.inserts,
  });
  if (!report.cancelled) stages.delete(req.stageId); // imported: the stage is done
  return report;
}

function handle(req: ImportRequest): ImportAnswer {
  switch (req.op) {
    case 'stage': {
      const staged = stageCsv(req.bytes);
      const s: Stage = { fileName: req.fileName, encoding: staged.encoding, headers: staged.headers, file: packFile(req.bytes), last: null };
      stages.set(req.stageId, s);
      while (stages.size > MAX_STAGES) stages.delete(stages.keys().next().value!);
      return preview(req.stageId, s, req.bytes, { preset: req.preset });
    }
    case 'preview': {
      const s = stage(req.stageId);
      return preview(req.stageId, s, unpackFile(s.file), { mapping: req.mapping, preset: req.preset });
    }
    case 'commit':
      return commit(req);
    case 'close':
      db?.close();
      db = null;
      stages.clear();
      return null;
  }
}

function post(message: ImportWorkerMessage): void {
  parentPort!.postMessage(message);
}

parentPort!.on('message', (msg: { id: number; req: ImportRequest }) => {
  try {
    post({ id: msg.id, ok: true, value: handle(msg.req) });
  } catch (e) {
    const code = e instanceof ApiError ? e.code : null;
    post({ id: msg.id, ok: false, error: { code, message: messageOf(e) } });
  }
});
