/**
 * The contract's CSV methods besides csvExport (handlers/csv.ts spreads them into the core's handler table). Each call uses the current session (a demo reset opens a new one) and tells the renderer
 * which orders changed.
 */
import type { Handlers } from '../../../../shared/contract';
import type { CsvImportProgress, CsvPreferences } from '../../../../shared/csv';
import type { CoreContext } from '../context';
import type { Session } from '../session';
import { createCsvService, type CsvService } from '../../csv/service';

export type CsvContractHandlers = Pick<
  Handlers,
  'csvImportStage' | 'csvImportPreview' | 'csvImportCommit' | 'csvImportCancel' | 'csvPresets' | 'csvSavePreset' | 'csvShipmentsPreview' | 'csvShipmentsApply'
>;

export interface CsvHandlerContext extends Pick<CoreContext, 'session' | 'clock' | 'changed'> {
  /** A running import's progress (the core emits it as the csvImportProgress event). */
  importProgress?: (progress: CsvImportProgress) => void;
}

/**
 * While an import writes (on the worker's connection), a write of the app's connection waits this long and
 * then fails with a clear message (errors.ts) instead of freezing the app until the import commits.
 */
const BUSY_TIMEOUT_DURING_IMPORT_MS = 250;

/** More ids than this and the renderer just reloads its list. */
const MAX_CHANGED_IDS = 200;

export function csvContractHandlers(ctx: CsvHandlerContext): CsvContractHandlers {
  const services = new WeakMap<Session, CsvService>();
  const service = (): { s: Session; csv: CsvService } => {
    const s = ctx.session();
    let csv = services.get(s);
    if (!csv) services.set(s, (csv = createCsvService(s)));
    return { s, csv };
  };
  const changed = (ids: number[]) => {
    if (ids.length) ctx.changed(ids.length > MAX_CHANGED_IDS ? null : ids);
  };
  const preferences = (s: Session, presets: CsvPreferences['presets']): CsvPreferences => ({ presets, exportEncoding: s.settings.get().csvEncoding });

  return {
    csvImportStage: (input) => service().csv.importStage(input, { onProgress: ctx.importProgress }),
    csvImportPreview: (input) => service().csv.importPreview(input, { onProgress: ctx.importProgress }),
    csvImportCommit: async (input) => {
      const { s, csv } = service();
      // No sync overlaps the import's transaction: a sync asked for meanwhile starts after it.
      const report = await s.sync.exclusive(async () => {
        const busyTimeout = s.db.pragma('busy_timeout', { simple: true }) as number;
        s.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_DURING_IMPORT_MS}`);
        try {
          return await csv.importCommit(input, { now: ctx.clock.now(), siteName: s.settings.get().siteName, defaultCarrierCode: s.settings.get().defaultCarrierCode, onProgress: ctx.importProgress });
        } finally {
          s.db.pragma(`busy_timeout = ${busyTimeout}`);
        }
      });
      // Statistics the import made stale (a bulk insert's rebuilt indexes have none): in the background, here —
      // on the worker's connection the analysis raised the import's peak memory by ~35 MiB.
      if (!report.cancelled) void s.refreshStatistics();
      changed([...report.insertedOrderIds, ...report.updatedOrders.map((o) => o.orderId), ...report.transactionIds.map((p) => p.orderId)]);
      return report;
    },
    csvImportCancel: ({ stageId }) => ({ cancelled: service().csv.importCancel(stageId) }),
    csvPresets: () => {
      const { s, csv } = service();
      return preferences(s, csv.presets());
    },
    csvSavePreset: (input) => {
      const { s, csv } = service();
      return preferences(s, csv.savePreset(input));
    },
    csvShipmentsPreview: (input) => service().csv.shipmentsPreview(input),
    csvShipmentsApply: (input) => {
      const result = service().csv.shipmentsApply(input, ctx.clock.now());
      changed(result.rows.filter((r) => r.outcome === 'queued' && r.orderId !== null).map((r) => r.orderId!));
      return result;
    },
  };
}
