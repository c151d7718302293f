/**
 * Writes 送り状データ: one row per order in the carrier's layout (carrier-layouts.ts), CP932 through the
 * CSV export's writer path — CP932 text with its lossy-character report (csv/cp932.ts), then the one CSV line
 * writer (csv/writer.ts: every cell neutralised against formulas, control characters dropped, quoted). A value longer than its field is written whole
 * and listed per order: the carrier's software then flags it, and staff see it here first.
 */
import { writeFile } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { CarrierCsvKind, CarrierFieldOverflow } from '../../../shared/carrier-csv';
import type { CsvLossyCell } from '../../../shared/csv';
import type { Order } from '../../../shared/order';
import type { ShopProfile } from '../../../shared/shop';
import { toCp932Text } from '../csv/cp932';
import { csvLine } from '../csv/writer';
import { sjisLength } from './address-fields';
import { CARRIER_LAYOUTS, carrierRow } from './carrier-layouts';

export interface CarrierCsvText {
  /** The file's text (every character CP932 holds); encode with encodeCarrierCsv. */
  text: string;
  rows: number;
  lossy: CsvLossyCell[];
  overLimit: CarrierFieldOverflow[];
}

export function carrierCsvText(kind: CarrierCsvKind, orders: Iterable<Order>, shop: ShopProfile, shipDate: string): CarrierCsvText {
  const columns = CARRIER_LAYOUTS[kind];
  const lossy: CsvLossyCell[] = [];
  const overLimit: CarrierFieldOverflow[] = [];
  let text = csvLine(columns.map((c) => c.header));
  let rows = 0;
  for (const order of orders) {
    const row = carrierRow(order, shop, shipDate);
    const cells = columns.map((c) => {
      const raw = c.value(row);
      if (c.limit !== undefined && sjisLength(raw) > c.limit) {
        overLimit.push({ orderNo: order.orderNo, field: c.header, value: raw, limit: c.limit, length: sjisLength(raw) });
      }
      const { text: safe, lost } = toCp932Text(raw); // csvLine neutralises every cell and drops control characters
      if (lost.length) lossy.push({ orderNo: order.orderNo, field: c.header, chars: lost });
      return safe;
    });
    text += csvLine(cells);
    rows++;
  }
  return { text, rows, lossy, overLimit };
}

export const encodeCarrierCsv = (text: string): Buffer => iconv.encode(text, 'cp932');

export async function writeCarrierCsv(path: string, csv: CarrierCsvText): Promise<void> {
  await writeFile(path, encodeCarrierCsv(csv.text));
}
