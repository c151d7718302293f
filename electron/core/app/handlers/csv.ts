/** CSV: 受注CSV / 配送先商品CSV export, order import, mapping presets, bulk shipment reports. */
import type { Handlers } from '../../../../shared/contract';
import { csvExportFileName } from '../../../../shared/csv';
import { exportOrdersCsv } from '../../csv/export';
import { csvContractHandlers } from './csv-contract';
import { npExportInfo } from '../../csv/service';
import type { CoreContext } from '../context';
import { writeWhole } from '../file-output';

type CsvHandlers = Pick<
  Handlers,
  'csvExport' | 'csvImportStage' | 'csvImportPreview' | 'csvImportCommit' | 'csvImportCancel' | 'csvPresets' | 'csvSavePreset' | 'csvShipmentsPreview' | 'csvShipmentsApply'
>;

export function csvHandlers(ctx: CoreContext): CsvHandlers {
  return {
    ...csvContractHandlers({ ...ctx, importProgress: (p) => ctx.bus.emit('csvImportProgress', p) }),
    csvExport: async ({ criteria, kind, encoding }) => {
      const s = ctx.session();
      const fileName = csvExportFileName(kind, ctx.clock.now());
      const target = await ctx.ports.exportTarget(fileName);
      s.settings.set({ csvEncoding: encoding });
      if (!target) return { kind, encoding, fileName, filePath: null, download: null, rows: 0, lossy: [] };
      const summary = await writeWhole(target.path, (out) =>
        exportOrdersCsv({ orders: s.orders.iterateNormalized(criteria), kind, encoding, out, np: npExportInfo(s.np) }),
      );
      return { kind, encoding, fileName, filePath: target.path, download: target.download, ...summary };
    },
  };
}
