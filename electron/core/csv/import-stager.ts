/**
 * The app's side of the staged CSV import: one worker thread (import-worker.ts) per open database, started on
 * the first import and stopped with the session. stage() sends the file once; preview() and commit() name the
 * stage; commit() reports progress and cancel() stops it between chunks (nothing written).
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../../../shared/api-result';
import type { CsvColumnMapping, CsvImportPreview, CsvImportProgress, CsvImportReport, CsvMappingPreset } from '../../../shared/csv';
import type { ImportAnswer, ImportRequest, ImportWorkerData, ImportWorkerMessage } from './import-protocol';

export interface ImportStager {
  /** Sends the file once; onProgress hears the orders read so far ('reading'). */
  stage(file: { fileName: string; bytes: Buffer }, preset: CsvMappingPreset | null, onProgress?: (p: CsvImportProgress) => void): Promise<CsvImportPreview>;
  preview(stageId: string, opts: { mapping?: CsvColumnMapping; preset: CsvMappingPreset | null; onProgress?: (p: CsvImportProgress) => void }): Promise<CsvImportPreview>;
  commit(stageId: string, mapping: CsvColumnMapping, opts: { now: number; siteName: string; defaultCarrierCode?: string | null; onProgress?: (p: CsvImportProgress) => void }): Promise<CsvImportReport>;
  /** Stops the running commit of this stage between two chunks; false when none is running. */
  cancel(stageId: string): boolean;
  close(): Promise<void>;
}

export interface ImportStagerOptions {
  file: string;
  nativeBinding?: string;
  /** A bundled worker script to run instead of the one beside this module (the bench measures the code as it ships). */
  workerScript?: URL;
  /** The worker's old-generation limit in MB (default IMPORT_WORKER_HEAP_MB). */
  heapMb?: number;
}

/**
 * The worker's V8 old generation. What it keeps is small (the file and its orders deflated, one chunk of orders
 * at a time), but without a limit V8 lets garbage pile up to several hundred MB before collecting it: measured on
 * a 100,000-order import, peak RSS of the process 492 MiB without a limit, 370 MiB with this one, same speed.
 */
export const IMPORT_WORKER_HEAP_MB = 256;

/**
 * The worker: under tsx (npm run web, the tests) this module is TypeScript, and the worker loads
 * import-worker.ts through tsx's API; in the Electron build it is the csv-import-worker.js emitted beside the
 * main bundle (electron.vite.config.ts).
 */
function spawnWorker(workerData: ImportWorkerData, script?: URL, heapMb = IMPORT_WORKER_HEAP_MB): Worker {
  const options = { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb } };
  if (script) return new Worker(script, options);
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./csv-import-worker.js', here), options);
  const entry = new URL('./import-worker.ts', here).href;
  const boot = `import('tsx/esm/api').then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}))`;
  return new Worker(boot, { ...options, eval: true });
}

/** The error a stopped worker leaves its pending requests with (out of memory: a file too large to import). */
function workerStopped(e: Error & { code?: string }): Error {
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ApiError({ code: 'validation', message: 'ファイルが大きすぎて取り込めませんでした（作業用のメモリが足りません）。ファイルを分けて取り込んでください。' });
  }
  return e;
}

export function createImportStager(opts: ImportStagerOptions): ImportStager {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: ImportAnswer) => void; reject: (e: Error) => void }>();
  const progressListeners = new Map<string, (p: CsvImportProgress) => void>();
  const cancelFlag = new SharedArrayBuffer(4);
  let committing: string | null = null;

  function start(): Worker {
    const w = spawnWorker({ file: opts.file, nativeBinding: opts.nativeBinding, cancelFlag }, opts.workerScript, opts.heapMb);
    w.on('message', (msg: ImportWorkerMessage) => {
      if ('progress' in msg) {
        progressListeners.get(msg.progress.stageId)?.(msg.progress);
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(msg.error.code ? new ApiError({ code: msg.error.code, message: msg.error.message }) : new Error(msg.error.message));
    });
    const fail = (e: Error) => {
      for (const p of pending.values()) p.reject(e);
      pending.clear();
      if (worker === w) worker = null;
    };
    w.on('error', (e) => fail(workerStopped(e)));
    w.on('exit', (code) => fail(new Error(`CSV import worker exited (${code})`)));
    return w;
  }

  function request<T extends ImportAnswer>(req: ImportRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    worker ??= start();
    const id = nextId++;
    const w = worker;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: ImportAnswer) => void, reject });
      w.postMessage({ id, req }, transfer);
    });
  }

  /** Runs a request of this stage with its progress going to `onProgress` meanwhile. */
  async function listening<T>(stageId: string, onProgress: ((p: CsvImportProgress) => void) | undefined, run: () => Promise<T>): Promise<T> {
    if (onProgress) progressListeners.set(stageId, onProgress);
    try {
      return await run();
    } finally {
      progressListeners.delete(stageId);
    }
  }

  return {
    stage(file, preset, onProgress) {
      // The bytes move to the worker (no copy); the stage id names them from now on.
      const bytes = new Uint8Array(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
      const stageId = randomUUID();
      return listening(stageId, onProgress, () => request({ op: 'stage', stageId, fileName: file.fileName, bytes: own, preset }, [own.buffer as ArrayBuffer]));
    },
    preview: (stageId, o) => listening(stageId, o.onProgress, () => request({ op: 'preview', stageId, mapping: o.mapping, preset: o.preset })),
    async commit(stageId, mapping, o) {
      if (committing) throw new ApiError({ code: 'refused', message: '別のCSV取込を実行中です。終わってからもう一度取り込んでください。' });
      committing = stageId;
      try {
        return await listening(stageId, o.onProgress, () =>
          request<CsvImportReport>({ op: 'commit', stageId, mapping, now: o.now, siteName: o.siteName, defaultCarrierCode: o.defaultCarrierCode ?? null }),
        );
      } finally {
        committing = null;
      }
    },
    cancel(stageId) {
      if (committing !== stageId) return false;
      Atomics.store(new Int32Array(cancelFlag), 0, 1);
      return true;
    },
    async close() {
      const w = worker;
      if (!w) return;
      try {
        await request({ op: 'close' });
      } catch {
        // exiting anyway
      }
      worker = null;
      await w.terminate();
    },
  };
}
