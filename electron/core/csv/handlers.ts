/**
 * The contract's CSV methods besides csvExport, ready to spread into the core's handler table:
 *   { ...csvHandlers(ctx), ...csvContractHandlers(ctx) }
 * Each call uses the current session (a demo reset opens a new one) and tells the renderer which orders
 * changed.
 */
import type { Handlers } from '../../../shared/contract';
import type { CsvPreferences } from '../../../shared/csv';
import type { CoreContext } from '../app/context';
import type { Session } from '../app/session';
import { createCsvService, type CsvService } from './service';

export type CsvContractHandlers = Pick<
  Handlers,
  'csvImportPreview' | 'csvImportCommit' | 'csvPresets' | 'csvSavePreset' | 'csvShipmentsPreview' | 'csvShipmentsApply'
>;

/** More ids than this and the renderer just reloads its list. */
const MAX_CHANGED_IDS = 200;

export function csvContractHandlers(ctx: Pick<CoreContext, 'session' | 'clock' | 'changed'>): CsvContractHandlers {
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
    csvImportPreview: (input) => service().csv.importPreview(input),
    csvImportCommit: (input) => {
      const report = service().csv.importCommit(input, ctx.clock.now());
      changed([...report.insertedOrderIds, ...report.updatedOrders.map((o) => o.orderId), ...report.transactionIds.map((p) => p.orderId)]);
      return report;
    },
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
