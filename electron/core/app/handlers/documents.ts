/**
 * 帳票 (issue 11): the 納品書's print data for the print view, 「帳票出力」 (Electron prints or saves a PDF through
 * a hidden window of the print view; the browser host opens the print view in a tab), 出力済み marks, and the
 * carriers' 送り状データ.
 */
import { ApiError } from '../../../../shared/api-result';
import { carrierCsvFileName } from '../../../../shared/carrier-csv';
import type { Handlers } from '../../../../shared/contract';
import { deliveryNoteOf, deliveryNotesFileName, printViewHash, PRINT_PAGE } from '../../../../shared/delivery-note';
import { toJstDate } from '../../../../shared/jst-date';
import { carrierCsvText, writeCarrierCsv } from '../../documents/carrier-csv';
import { createPrintedStore } from '../../documents/printed';
import type { CoreContext } from '../context';

type DocumentHandlers = Pick<Handlers, 'deliveryNotes' | 'outputDeliveryNotes' | 'markDeliveryNotesPrinted' | 'carrierCsvExport'>;

/** More ids than this and the renderer just reloads its list. */
const MAX_CHANGED_IDS = 200;

export function documentHandlers(ctx: CoreContext): DocumentHandlers {
  const mark = (orderIds: number[]) => {
    const s = ctx.session();
    const printedAt = ctx.clock.now();
    const count = createPrintedStore(s.db).mark(orderIds, printedAt);
    ctx.changed(orderIds.length > MAX_CHANGED_IDS ? null : orderIds);
    return { printedAt, count };
  };
  const existing = (orderIds: number[]) => {
    const orders = ctx.session().orders.getMany(orderIds);
    if (orders.length === 0) throw new ApiError({ code: 'not_found', message: '選択した受注が見つかりません。削除された可能性があります。' });
    return orders;
  };

  return {
    deliveryNotes: ({ orderIds }) => {
      const s = ctx.session();
      const orders = s.orders.getMany(orderIds);
      const found = new Set(orders.map((o) => o.id));
      const settings = s.settings.get();
      return {
        shop: settings.shop,
        greeting: settings.deliveryNoteGreeting,
        notes: orders.map(deliveryNoteOf),
        missing: orderIds.filter((id) => !found.has(id)),
      };
    },

    outputDeliveryNotes: async ({ orderIds, output }) => {
      const ids = existing(orderIds).map((o) => o.id);
      const print = ctx.ports.printDeliveryNotes;
      if (!print) return { status: 'browser', page: `${PRINT_PAGE}${printViewHash(ids, true)}` };
      const result = await print({ orderIds: ids, output, fileName: deliveryNotesFileName(ctx.clock.now()) });
      if (!result.done) return { status: 'cancelled' };
      return { status: 'done', filePath: result.filePath, ...mark(ids) };
    },

    markDeliveryNotesPrinted: ({ orderIds }) => mark(orderIds),

    carrierCsvExport: async ({ orderIds, carrier, shipDate }) => {
      const s = ctx.session();
      const orders = existing(orderIds);
      const found = new Set(orders.map((o) => o.id));
      const now = ctx.clock.now();
      const fileName = carrierCsvFileName(carrier, now);
      const csv = carrierCsvText(carrier, orders, s.settings.get().shop, shipDate ?? toJstDate(now));
      const target = await ctx.ports.exportTarget(fileName);
      const base = { carrier, fileName, rows: csv.rows, lossy: csv.lossy, overLimit: csv.overLimit, missing: orderIds.filter((id) => !found.has(id)) };
      if (!target) return { ...base, filePath: null, download: null };
      await writeCarrierCsv(target.path, csv);
      return { ...base, filePath: target.path, download: target.download };
    },
  };
}
