/**
 * The CSV import worker (a worker thread; import-stager.ts starts it). It holds the staged files — each read
 * ONCE: decoded and split into records — validates them under a mapping for the preview, and commits on its
 * own SQLite connection in one transaction written in chunks (import-commit.ts), posting progress. The app's
 * main thread stays free: its connection keeps answering searches from the last committed state (WAL).
 */
import { parentPort, workerData } from 'node:worker_threads';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { ApiError } from '../../../shared/api-result';
import { messageOf } from '../../../shared/error-message';
import { createNpService } from '../np/np-service';
import { createOrderRepository } from '../orders';
import { commitImport } from './import-commit';
import { planImport, summarise } from './import-orders';
import { resolveMapping, sameMapping } from './headers';
import { mapStagedCsv, stageCsv, type ParsedOrderCsv, type StagedCsv } from './parse-orders';
import type { ImportAnswer, ImportRequest, ImportWorkerData, ImportWorkerMessage } from './import-protocol';
import type { CsvImportPreview, CsvMappingPreset, CsvColumnMapping } from '../../../shared/csv';

/** How many orders the preview shows as a sample. */
export const PREVIEW_SAMPLE = 200;
/** Staged files kept (the dialog's current one and the one before); older ones are dropped. */
const MAX_STAGES = 2;

interface Stage {
  fileName: string;
  staged: StagedCsv;
  /** The file validated under the last mapping asked for (reused by the commit when the mapping is the same). */
  last: ParsedOrderCsv | null;
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

function parsedFor(s: Stage, opts: { mapping?: CsvColumnMapping; preset: CsvMappingPreset | null }): ParsedOrderCsv {
  if (s.last && opts.mapping && sameMapping(resolveMapping(s.staged.headers, opts.mapping).mapping, s.last.mapping)) return s.last;
  s.last = null; // the orders of the old mapping go before the new ones are read (never both held)
  s.last = mapStagedCsv(s.staged, opts);
  return s.last;
}

function preview(stageId: string, s: Stage, parsed: ParsedOrderCsv): CsvImportPreview {
  const plan = parsed.missingRequired.length ? [] : planImport(createOrderRepository(connection()), parsed);
  const counts = { insert: 0, update: 0, unchanged: 0, rejected: parsed.rejected.length };
  for (const p of plan) counts[p.action]++;
  return {
    stageId,
    fileName: s.fileName,
    encoding: parsed.encoding,
    headers: parsed.headers,
    sampleRows: parsed.sampleRows,
    mapping: parsed.mapping,
    suggestedMapping: parsed.suggestedMapping,
    presetName: parsed.presetName,
    presetMissingHeaders: parsed.presetMissingHeaders,
    missingRequired: parsed.missingRequired,
    dataRows: parsed.dataRows,
    counts,
    rejected: parsed.rejected,
    sample: plan.slice(0, PREVIEW_SAMPLE).map(summarise),
  };
}

function handle(req: ImportRequest): ImportAnswer {
  switch (req.op) {
    case 'stage': {
      const s: Stage = { fileName: req.fileName, staged: stageCsv(req.bytes), last: null };
      stages.set(req.stageId, s);
      while (stages.size > MAX_STAGES) stages.delete(stages.keys().next().value!);
      return preview(req.stageId, s, parsedFor(s, { preset: req.preset }));
    }
    case 'preview': {
      const s = stage(req.stageId);
      return preview(req.stageId, s, parsedFor(s, { mapping: req.mapping, preset: req.preset }));
    }
    case 'commit': {
      const s = stage(req.stageId);
      const parsed = parsedFor(s, { mapping: req.mapping, preset: null });
      if (parsed.missingRequired.length) {
        throw new ApiError({ code: 'validation', message: '必須の項目に列が割り当てられていません。列の割り当てを確認してください。' });
      }
      const conn = connection();
      const orders = createOrderRepository(conn);
      const np = createNpService(conn, { clock: { now: () => req.now }, mapping: () => ({ siteName: req.siteName || undefined }) });
      Atomics.store(cancelFlag, 0, 0);
      const report = commitImport(conn, orders, np, parsed, req.now, {
        onProgress: (step) => post({ progress: { stageId: req.stageId, ...step } }),
        cancelled: () => Atomics.load(cancelFlag, 0) === 1,
        defaultCarrierCode: req.defaultCarrierCode,
      });
      if (!report.cancelled) stages.delete(req.stageId); // imported: the stage is done
      return report;
    }
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
