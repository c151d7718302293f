/**
 * The CSV contract methods over one open database (the session): what electron/core/csv/handlers.ts binds.
 * Files arrive as base64 (both transports carry JSON). An order file is staged once (import-stager.ts: read
 * in a worker thread, kept there) and then previewed and committed by its stage id; the commit also links
 * the NP取引IDs the file carries in the same transaction; 取引登録 of the others waits for staff (queueNpBulk).
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  type CsvImportPreview,
  type CsvImportReport,
  type CsvMappingPreset,
  type csvImportCommitInputSchema,
  type csvImportPreviewInputSchema,
  type csvImportStageInputSchema,
  type CsvImportProgress,
  type CsvFilePayload,
  type csvSavePresetInputSchema,
  type ShipmentPreview,
  type shipmentCsvInputSchema,
} from '../../../shared/csv';
import { ApiError } from '../../../shared/api-result';
import { deriveNpStatus, type NpStatus } from '../../../shared/np/status';
import type { NpService } from '../np/np-service';
import type { OrderRepository } from '../orders';
import type { Order } from '../../../shared/order';
import type { NpExportInfo } from './columns';
import { mappingToHeaders } from './headers';
import type { ImportStager } from './import-stager';
import { createPresetStore, type PresetStore } from './presets';
import { applyShipments, parseShipmentCsv, previewShipments } from './shipments';

export interface CsvSession {
  db: Database;
  orders: OrderRepository;
  np: Pick<NpService, 'queue' | 'refresh' | 'store' | 'attachTransactionId'>;
  csvImport: ImportStager;
}

/** How far a preview has read the file (phase 'reading'). */
export interface ReadingProgress {
  onProgress?: (p: CsvImportProgress) => void;
}

export interface CsvService {
  /** Sends the file to the import worker once; the preview (suggested mapping, or the named preset's). */
  importStage(input: z.output<typeof csvImportStageInputSchema>, opts?: ReadingProgress): Promise<CsvImportPreview>;
  importPreview(input: z.output<typeof csvImportPreviewInputSchema>, opts?: ReadingProgress): Promise<CsvImportPreview>;
  importCommit(
    input: z.output<typeof csvImportCommitInputSchema>,
    opts: { now: number; siteName: string; defaultCarrierCode?: string | null; onProgress?: (p: CsvImportProgress) => void },
  ): Promise<CsvImportReport>;
  importCancel(stageId: string): boolean;
  presets(): CsvMappingPreset[];
  /** Save, or with mapping null delete, a preset; returns the list. */
  savePreset(input: z.output<typeof csvSavePresetInputSchema>): CsvMappingPreset[];
  shipmentsPreview(input: z.output<typeof shipmentCsvInputSchema>): ShipmentPreview;
  shipmentsApply(input: z.output<typeof shipmentCsvInputSchema>, now: number): ShipmentPreview;
}

/**
 * The NP columns of an export (exportOrdersCsv's `np` option) from the NP store: about 5 µs an order, where
 * NpService.info (which also builds the edit dialog's error texts) takes about 40 µs.
 */
export function npExportInfo(np: Pick<NpService, 'store'>): (order: Order) => NpExportInfo {
  return (order) => {
    const state = np.store.state(order.id);
    return { status: deriveNpStatus(state), transactionId: state.npTransactionId };
  };
}

export function fileBytes(file: CsvFilePayload): Buffer {
  const buf = Buffer.from(file.dataBase64, 'base64');
  if (buf.length === 0) throw new ApiError({ code: 'validation', message: `ファイル「${file.fileName}」が空です。` });
  return buf;
}

export function createCsvService(s: CsvSession): CsvService {
  const presets: PresetStore = createPresetStore(s.db);
  const npStatus = (orderId: number): NpStatus | null => deriveNpStatus(s.np.store.state(orderId));

  function presetFor(name: string | undefined): CsvMappingPreset | null {
    if (!name) return null;
    const preset = presets.get(name);
    if (!preset) throw new ApiError({ code: 'not_found', message: `プリセット「${name}」が見つかりません。` });
    return preset;
  }

  return {
    importStage: async ({ file, presetName }, opts) => s.csvImport.stage({ fileName: file.fileName, bytes: fileBytes(file) }, presetFor(presetName), opts?.onProgress),
    importPreview: async ({ stageId, mapping, presetName }, opts) =>
      s.csvImport.preview(stageId, { mapping, preset: mapping ? null : presetFor(presetName), onProgress: opts?.onProgress }),
    importCommit: ({ stageId, mapping }, opts) => s.csvImport.commit(stageId, mapping, opts),
    importCancel: (stageId) => s.csvImport.cancel(stageId),

    presets: () => presets.list(),

    savePreset({ name, mapping }) {
      return mapping === null ? presets.remove(name) : presets.save({ name, mapping });
    },

    shipmentsPreview(input) {
      const parsed = parseShipmentCsv(fileBytes(input.file), { defaultCarrierCode: input.defaultCarrierCode ?? null });
      return previewShipments(s.db, s.orders, parsed, npStatus, input.file.fileName);
    },

    shipmentsApply(input, now) {
      const parsed = parseShipmentCsv(fileBytes(input.file), { defaultCarrierCode: input.defaultCarrierCode ?? null });
      return applyShipments(s.db, s.orders, parsed, {
        queue: (orderId, action, params) => s.np.queue(orderId, action, params),
        npStatus,
        now,
        onWritten: (id) => s.np.refresh(id),
        fileName: input.file.fileName,
      });
    },
  };
}

/** For the mapping screen's "save as preset": the mapping of this file as header texts. */
export { mappingToHeaders };
