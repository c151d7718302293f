/**
 * 受注CSV / 配送先商品CSV export, streamed: orders are pulled from the iterator as the output drains (a piece of
 * about 16K characters is formatted, encoded and written, then the next only once the output takes more), so
 * 100,000 orders never sit in memory as one file. The CSV is formatted here rather than by csv-stringify: with
 * every field quoted there is nothing to decide per field, and one stream chunk per row cost a third of the time.
 * Every field quoted, CRLF, a Japanese header row; Shift_JIS (CP932) or UTF-8 with BOM. Lines are written by
 * writer.ts (csvLine), which neutralises formula starts and removes control characters in every cell.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { CsvEncoding, CsvExportKind, CsvExportSummary, CsvLossyCell } from '../../../shared/csv';
import type { Order } from '../../../shared/order';
import { exportColumns, type ExportRow, type NpExportInfo } from './columns';
import { toCp932Text } from './cp932';
import { csvLine } from './writer';

export interface ExportOrdersOptions {
  orders: Iterable<Order>;
  kind: CsvExportKind;
  encoding: CsvEncoding;
  /** Ended when the export is complete. */
  out: NodeJS.WritableStream;
  /** When given, the NP後払いステータス and NP取引ID columns are added. */
  np?: (order: Order) => NpExportInfo;
}

/** Characters lost per column of one order, merged over its rows. */
class LossCollector {
  readonly cells: CsvLossyCell[] = [];
  private current = new Map<string, Set<string>>();
  private orderNo = '';

  add(field: string, chars: string[]): void {
    let set = this.current.get(field);
    if (!set) this.current.set(field, (set = new Set()));
    for (const c of chars) set.add(c);
  }

  startOrder(orderNo: string): void {
    this.flush();
    this.orderNo = orderNo;
  }

  flush(): void {
    for (const [field, chars] of this.current) this.cells.push({ orderNo: this.orderNo, field, chars: [...chars] });
    this.current.clear();
  }
}

function rowsOf(order: Order, kind: CsvExportKind, np: NpExportInfo | null): ExportRow[] {
  if (kind === 'orders' || order.lines.length === 0) return [{ order, line: null, lineNo: 0, np }];
  return order.lines.map((line, i) => ({ order, line, lineNo: i + 1, np }));
}

/**
 * The file's text in pieces of about CHUNK_CHARS characters: big enough that encoding and writing cost little
 * per row, small enough that a slow disk holds back the reading of orders (a few dozen rows ahead at most).
 */
const CHUNK_CHARS = 16 * 1024;

function* textChunks(opts: ExportOrdersOptions, summary: { rows: number }, losses: LossCollector): Generator<string> {
  const columns = exportColumns(opts.kind, opts.np !== undefined);
  const cp932 = opts.encoding === 'cp932';
  let text = (opts.encoding === 'utf8bom' ? '\uFEFF' : '') + csvLine(columns.map((c) => c.header));
  const cells: string[] = new Array<string>(columns.length);
  for (const order of opts.orders) {
    losses.startOrder(order.orderNo);
    for (const row of rowsOf(order, opts.kind, opts.np ? opts.np(order) : null)) {
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i]!;
        const value = c.value(row);
        if (cp932) {
          const { text: safe, lost } = toCp932Text(value);
          if (lost.length) losses.add(c.header, lost);
          cells[i] = safe;
        } else cells[i] = value;
      }
      summary.rows++;
      text += csvLine(cells);
    }
    if (text.length >= CHUNK_CHARS) {
      yield text;
      text = '';
    }
  }
  losses.flush();
  if (text) yield text;
}

/** Every character is CP932-safe by now (see toCp932Text), so the encoder never writes '?'. */
const encoders: Record<CsvEncoding, (text: string) => Buffer> = {
  cp932: (text) => iconv.encode(text, 'cp932'),
  utf8bom: (text) => Buffer.from(text, 'utf8'),
};

export async function exportOrdersCsv(opts: ExportOrdersOptions): Promise<CsvExportSummary> {
  const summary = { rows: 0 };
  const losses = new LossCollector();
  const encode = encoders[opts.encoding];
  function* bytes(): Generator<Buffer> {
    for (const text of textChunks(opts, summary, losses)) yield encode(text);
  }
  // One piece read ahead at most; pipeline handles backpressure, errors and closing the output.
  await pipeline(Readable.from(bytes(), { objectMode: false, highWaterMark: 1 }), opts.out);
  return { rows: summary.rows, lossy: losses.cells };
}
