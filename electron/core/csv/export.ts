/**
 * 受注CSV / 配送先商品CSV export, streamed: orders are pulled from the iterator one at a time as the output
 * drains (stream.pipeline handles backpressure), so 100,000 orders never sit in memory as one file.
 * Every field quoted, CRLF, a Japanese header row; Shift_JIS (CP932) or UTF-8 with BOM.
 */
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { stringify } from 'csv-stringify';
import iconv from 'iconv-lite';
import type { CsvEncoding, CsvExportKind, CsvExportSummary, CsvLossyCell } from '../../../shared/csv';
import type { Order } from '../../../shared/order';
import { exportColumns, type ExportRow, type NpExportInfo } from './columns';
import { toCp932Text } from './cp932';
import { neutraliseFormula } from './formula';

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

function* records(opts: ExportOrdersOptions, summary: { rows: number }, losses: LossCollector): Generator<string[]> {
  const columns = exportColumns(opts.kind, opts.np !== undefined);
  const cp932 = opts.encoding === 'cp932';
  yield columns.map((c) => c.header);
  for (const order of opts.orders) {
    losses.startOrder(order.orderNo);
    for (const row of rowsOf(order, opts.kind, opts.np ? opts.np(order) : null)) {
      const cells = columns.map((c) => {
        const raw = c.value(row);
        const value = c.text ? neutraliseFormula(raw) : raw;
        if (!cp932) return value;
        const { text, lost } = toCp932Text(value);
        if (lost.length) losses.add(c.header, lost);
        return text;
      });
      summary.rows++;
      yield cells;
    }
  }
  losses.flush();
}

/** Text chunks → CP932 bytes (every character is CP932-safe by now: see toCp932Text). */
function cp932Encoder(): Transform {
  const utf8 = new StringDecoder('utf8'); // a chunk may end inside a character
  return new Transform({
    decodeStrings: false,
    transform(chunk: string | Buffer, _enc, done) {
      done(null, iconv.encode(typeof chunk === 'string' ? chunk : utf8.write(chunk), 'cp932'));
    },
    flush(done) {
      done(null, iconv.encode(utf8.end(), 'cp932'));
    },
  });
}

export async function exportOrdersCsv(opts: ExportOrdersOptions): Promise<CsvExportSummary> {
  const summary = { rows: 0 };
  const losses = new LossCollector();
  const source = Readable.from(records(opts, summary, losses));
  const writer = stringify({
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'windows',
    bom: opts.encoding === 'utf8bom',
  });
  if (opts.encoding === 'cp932') await pipeline(source, writer, cp932Encoder(), opts.out);
  else await pipeline(source, writer, opts.out);
  return { rows: summary.rows, lossy: losses.cells };
}
