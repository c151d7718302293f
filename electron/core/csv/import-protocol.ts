/** The messages between the app and the CSV import worker (import-stager.ts ⇄ import-worker.ts). */
import type { CsvColumnMapping, CsvImportPreview, CsvImportProgress, CsvImportReport, CsvMappingPreset } from '../../../shared/csv';
import type { ApiErrorCode } from '../../../shared/api-result';

export interface ImportWorkerData {
  /** The database file the worker opens its own connection on. */
  file: string;
  nativeBinding?: string;
  /** Int32[0] = 1 asks the running commit to stop between chunks. */
  cancelFlag: SharedArrayBuffer;
}

export type ImportRequest =
  | { op: 'stage'; stageId: string; fileName: string; bytes: Uint8Array; preset: CsvMappingPreset | null }
  | { op: 'preview'; stageId: string; mapping?: CsvColumnMapping; preset: CsvMappingPreset | null }
  | { op: 'commit'; stageId: string; mapping: CsvColumnMapping; now: number; siteName: string; defaultCarrierCode: string | null }
  | { op: 'close' };

export type ImportAnswer = CsvImportPreview | CsvImportReport | null;

export type ImportWorkerMessage =
  | { id: number; ok: true; value: ImportAnswer }
  | { id: number; ok: false; error: { code: ApiErrorCode | null; message: string } }
  | { progress: CsvImportProgress };
