/**
 * parseOrderCsv: a shop's order CSV → the header, the detected encoding, the mapping (given, from a preset,
 * or recognised from the headers), valid orders, and every rejected line with Japanese reasons.
 * Rows of the same 注文番号 on consecutive lines are one order with several goods lines.
 */
import {
  IMPORT_FIELD_INFO,
  REQUIRED_IMPORT_FIELDS,
  type CsvColumnMapping,
  type CsvDetectedEncoding,
  type CsvMappingPreset,
  type CsvResolvedMapping,
  type CsvRowProblem,
  type ImportField,
} from '../../../shared/csv';
import { foldOrderNo } from '../../../shared/search-fold';
import { ApiError } from '../../../shared/api-result';
import { resolveMapping, suggestMapping } from './headers';
import { readOrderGroup, rejectGroup, type ParsedOrder, type RowGroup } from './order-rows';
import { csvRecordsOfPieces, decodedPieces, detectEncoding, type CsvRecord } from './read';
import { restoreFormula } from './formula';

export interface ParseOrderCsvOptions {
  /** The mapping to use (indexes or header texts). */
  mapping?: CsvColumnMapping;
  /** A saved mapping, used when `mapping` is not given. */
  preset?: CsvMappingPreset | null;
}

export interface ParsedOrderCsv {
  encoding: CsvDetectedEncoding;
  headers: string[];
  /** The first data rows as read. */
  sampleRows: string[][];
  /** Data records in the file (the header and blank lines not counted). */
  dataRows: number;
  mapping: CsvResolvedMapping;
  suggestedMapping: CsvResolvedMapping;
  presetName: string | null;
  presetMissingHeaders: string[];
  missingRequired: ImportField[];
  orders: ParsedOrder[];
  /** Rejected lines, in file order. */
  rejected: CsvRowProblem[];
}

const SAMPLE_ROWS = 5;

function columnCountProblem(row: CsvRecord, headerCount: number): string | null {
  const n = row.cells.length;
  if (n < headerCount) return `列の数が足りません（見出しは${headerCount}列、この行は${n}列）。値の途中で改行されているか、区切りの , が抜けている可能性があります`;
  if (n > headerCount && row.cells.slice(headerCount).some((c) => c.trim() !== '')) {
    return `列の数が多すぎます（見出しは${headerCount}列、この行は${n}列）。, を含む値が "" で囲まれていない可能性があります`;
  }
  return null;
}

const UNREADABLE = '読み取れない文字があります（Shift_JISでもUTF-8でもないファイルの可能性があります）。ExcelやカートでCSVを保存し直してください';

interface CheckedGroup extends RowGroup {
  /** Problems found while grouping (column count, undecodable bytes), by line. */
  problems: Map<number, string[]>;
}

/**
 * Consecutive rows with the same 注文番号 → one group (one order), yielded once complete. A row with a wrong
 * column count or undecodable bytes spoils its whole order; a row without 注文番号, or with a 注文番号 that
 * comes back after other orders, is rejected alone (into `rejected`).
 */
function* groupRows(
  rows: Iterable<CsvRecord>,
  mapping: CsvResolvedMapping,
  headerCount: number,
  encoding: CsvDetectedEncoding,
  rejected: CsvRowProblem[],
): Generator<CheckedGroup> {
  const orderCol = mapping.orderNo![0]!;
  const firstLineOf = new Map<string, number>();
  let current = null as CheckedGroup | null;
  for (const row of rows) {
    const orderNo = foldOrderNo(restoreFormula(row.cells[orderCol] ?? ''));
    const problem =
      columnCountProblem(row, headerCount) ?? (encoding === 'cp932' && row.cells.some((c) => c.includes('\uFFFD')) ? UNREADABLE : null);
    if (current && current.orderNo !== orderNo) {
      yield current;
      current = null;
    }
    if (orderNo === '') {
      rejected.push({ line: row.line, orderNo, reasons: [problem ?? `${IMPORT_FIELD_INFO.orderNo.label}が空です`] });
      continue;
    }
    if (!current) {
      const seen = firstLineOf.get(orderNo);
      if (seen !== undefined) {
        rejected.push({ line: row.line, orderNo, reasons: [`注文番号「${orderNo}」は${seen}行目の注文と重複しています（1つの注文の行は続けて並べてください）`] });
        continue;
      }
      firstLineOf.set(orderNo, row.line);
      current = { orderNo, rows: [], problems: new Map() };
    }
    current.rows.push(row);
    if (problem) current.problems.set(row.line, [problem]);
  }
  if (current) yield current;
}

function chooseMapping(headers: string[], opts: ParseOrderCsvOptions, suggested: CsvResolvedMapping) {
  if (opts.mapping) return { ...resolveMapping(headers, opts.mapping), presetName: null };
  if (opts.preset) return { ...resolveMapping(headers, opts.preset.mapping), presetName: opts.preset.name };
  return { mapping: suggested, missingHeaders: [], badIndexes: [], presetName: null };
}

/**
 * A staged file (the staged import, import-worker.ts): its bytes, encoding and header row. Each mapping reads its
 * records from the bytes a piece at a time (decodedPieces), so neither the file's whole text nor every cell of a
 * 100,000-order file is ever held at once, and the file is never sent again.
 */
export interface StagedCsv {
  encoding: CsvDetectedEncoding;
  headers: string[];
  bytes: Uint8Array;
}

function recordsOf(staged: Pick<StagedCsv, 'bytes' | 'encoding'>, problems: CsvRowProblem[]): Generator<CsvRecord> {
  return csvRecordsOfPieces(decodedPieces(staged.bytes, staged.encoding), problems);
}

export function stageCsv(bytes: Uint8Array): StagedCsv {
  const encoding = detectEncoding(bytes);
  const header = recordsOf({ bytes, encoding }, []).next();
  if (header.done) throw new ApiError({ code: 'validation', message: 'CSVファイルが空です（見出し行がありません）。' });
  return { encoding, headers: header.value.cells.map((h) => h.trim()), bytes };
}

export function parseOrderCsv(buf: Uint8Array, opts: ParseOrderCsvOptions = {}): ParsedOrderCsv {
  return mapStagedCsv(stageCsv(buf), opts);
}

/** The orders of a staged file under one mapping, all read (the file is not sent again). */
export function mapStagedCsv(staged: StagedCsv, opts: ParseOrderCsvOptions = {}): ParsedOrderCsv {
  const reading = readStagedOrders(staged, opts);
  const orders = [...reading.orders];
  return { ...reading, orders };
}

/**
 * A staged file's orders under one mapping, read and validated one at a time as `orders` is iterated (once):
 * the staged import previews and commits a 100,000-order file without holding its orders. `dataRows`,
 * `sampleRows` and `rejected` are complete once `orders` has been read to its end.
 */
export interface OrderReading extends Omit<ParsedOrderCsv, 'orders'> {
  orders: Generator<ParsedOrder, void, undefined>;
}

export function readStagedOrders(staged: StagedCsv, opts: ParseOrderCsvOptions = {}): OrderReading {
  const problems: CsvRowProblem[] = [];
  const records = recordsOf(staged, problems);
  records.next(); // the header
  return readRecords({ encoding: staged.encoding, headers: staged.headers, records, problems }, opts);
}

function readRecords(
  src: { encoding: CsvDetectedEncoding; headers: string[]; records: Iterable<CsvRecord>; problems: CsvRowProblem[] },
  opts: ParseOrderCsvOptions,
): OrderReading {
  const { encoding, headers, records, problems } = src;
  const suggestedMapping = suggestMapping(headers);
  const chosen = chooseMapping(headers, opts, suggestedMapping);
  const mapping = chosen.mapping;
  const missingRequired = REQUIRED_IMPORT_FIELDS.filter((f) => !mapping[f]?.length);
  const reading: OrderReading = {
    encoding,
    headers,
    sampleRows: [],
    dataRows: 0,
    mapping,
    suggestedMapping,
    presetName: chosen.presetName,
    presetMissingHeaders: chosen.missingHeaders,
    missingRequired,
    rejected: [],
    orders: read(),
  };
  /** The data rows, counted and sampled on the way. */
  function* data(): Generator<CsvRecord> {
    for (const row of records) {
      reading.dataRows++;
      if (reading.sampleRows.length < SAMPLE_ROWS) reading.sampleRows.push(row.cells);
      yield row;
    }
  }
  function* read(): Generator<ParsedOrder, void, undefined> {
    const rejected = reading.rejected;
    if (missingRequired.length === 0) {
      for (const group of groupRows(data(), mapping, headers.length, encoding, rejected)) {
        if (group.problems.size) {
          rejected.push(...rejectGroup(group, group.problems));
          continue;
        }
        const result = readOrderGroup(group, mapping);
        if (result.ok) yield result.order;
        else rejected.push(...result.problems);
      }
    } else {
      for (const _row of data()); // counted and sampled for the mapping screen
    }
    rejected.push(...problems);
    rejected.sort((a, b) => a.line - b.line);
  }
  return reading;
}
