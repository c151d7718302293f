/**
 * The CSV contract methods over one open database (the session): what electron/core/app/handlers/csv.ts
 * binds. Files arrive as base64 (both transports carry JSON); nothing is kept between calls, so a preview
 * and the commit that follows each read the file they are given. The commit also attaches the NP取引IDs the
 * file carries (orders the cart registered with NP); 取引登録 of the others waits for staff (queueNpBulk).
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  type CsvImportPreview,
  type CsvImportReport,
  type CsvMappingPreset,
  type csvImportCommitInputSchema,
  type csvImportPreviewInputSchema,
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
import { importOrders, planImport, summarise } from './import-orders';
import { parseOrderCsv } from './parse-orders';
import { createPresetStore, type PresetStore } from './presets';
import { applyShipments, parseShipmentCsv, previewShipments } from './shipments';

export interface CsvSession {
  db: Database;
  orders: OrderRepository;
  np: Pick<NpService, 'queue' | 'refresh' | 'store' | 'attachTransactionId'>;
  /** 設定 (the default 配送業者 for imported orders without one). */
  settings?: { get(): { defaultCarrierCode: string | null } };
}

export interface CsvService {
  importPreview(input: z.output<typeof csvImportPreviewInputSchema>): CsvImportPreview;
  importCommit(input: z.output<typeof csvImportCommitInputSchema>, now: number): CsvImportReport;
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

/** How many orders the preview shows as a sample. */
export const PREVIEW_SAMPLE = 200;

export function fileBytes(file: CsvFilePayload): Buffer {
  const buf = Buffer.from(file.dataBase64, 'base64');
  if (buf.length === 0) throw new ApiError({ code: 'validation', message: `ファイル「${file.fileName}」が空です。` });
  return buf;
}

export function createCsvService(s: CsvSession): CsvService {
  const presets: PresetStore = createPresetStore(s.db);
  const npStatus = (orderId: number): NpStatus | null => deriveNpStatus(s.np.store.state(orderId));

  /** Link orders the cart registered with NP to their transaction (skipping ids already attached). */
  function attachAll(pairs: CsvImportReport['transactionIds']): CsvImportReport['attachProblems'] {
    const problems: CsvImportReport['attachProblems'] = [];
    for (const { orderId, npTransactionId } of pairs) {
      if (s.np.store.state(orderId).npTransactionId === npTransactionId) continue;
      try {
        s.np.attachTransactionId(orderId, npTransactionId);
      } catch (e) {
        const orderNo = s.orders.get(orderId)?.orderNo ?? '';
        problems.push({ orderId, orderNo, npTransactionId, message: e instanceof Error ? e.message : String(e) });
      }
    }
    return problems;
  }

  function presetFor(name: string | undefined): CsvMappingPreset | null {
    if (!name) return null;
    const preset = presets.get(name);
    if (!preset) throw new ApiError({ code: 'not_found', message: `プリセット「${name}」が見つかりません。` });
    return preset;
  }

  return {
    importPreview(input) {
      const parsed = parseOrderCsv(fileBytes(input.file), { mapping: input.mapping, preset: presetFor(input.presetName) });
      const plan = planImport(s.orders, parsed);
      const counts = { insert: 0, update: 0, unchanged: 0, rejected: parsed.rejected.length };
      for (const p of plan) counts[p.action]++;
      return {
        fileName: input.file.fileName,
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
    },

    importCommit(input, now) {
      const parsed = parseOrderCsv(fileBytes(input.file), { mapping: input.mapping });
      if (parsed.missingRequired.length) {
        throw new ApiError({ code: 'validation', message: '必須の項目に列が割り当てられていません。列の割り当てを確認してください。' });
      }
      const defaultCarrierCode = s.settings?.get().defaultCarrierCode ?? null;
      const report = importOrders(s.db, s.orders, parsed, now, { npStatus, onUpdated: (id) => s.np.refresh(id), defaultCarrierCode });
      report.attachProblems = attachAll(report.transactionIds);
      return report;
    },

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
