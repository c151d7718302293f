/**
 * Reading a CSV file as shops and Excel write it: the encoding detected (BOM → UTF-8, strict UTF-8, else
 * CP932), records with the line number they start on, and the lines that cannot be read (broken quotes)
 * reported without losing the rest of the file.
 *
 * csv-parse does the splitting. It is run with relax_quotes (a quote inside an unquoted field is kept as
 * text, as Excel does) and relax_column_count (the column count is checked per row by the caller), and a
 * record delimiter of CRLF, LF or CR so files with mixed line endings read line by line. Two things are
 * added on top: each record's raw text is checked against RFC 4180 quoting (a field that opens with a quote
 * must close it right before the next comma), and an unclosed quote — which would swallow the rest of the
 * file — is reported on its line and reading resumes on the next line.
 */
import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse';
import iconv from 'iconv-lite';
import { ApiError } from '../../../shared/api-result';
import type { CsvDetectedEncoding, CsvRowProblem } from '../../../shared/csv';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function startsWith(buf: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** BOM → utf8bom; bytes that are valid UTF-8 → utf8; anything else is read as CP932 (Shift_JIS/Windows-31J). */
export function detectEncoding(buf: Uint8Array): CsvDetectedEncoding {
  if (startsWith(buf, UTF8_BOM)) return 'utf8bom';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'utf8';
  } catch {
    return 'cp932';
  }
}

export interface DecodedCsv {
  text: string;
  encoding: CsvDetectedEncoding;
}

export function decodeCsv(buf: Uint8Array): DecodedCsv {
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) {
    throw new ApiError({
      code: 'validation',
      message: 'UTF-16のファイル（Excelの「Unicode テキスト」）には対応していません。Excelで「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」で保存し直してください。',
    });
  }
  const encoding = detectEncoding(buf);
  if (encoding === 'cp932') return { text: iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), 'cp932'), encoding };
  const text = new TextDecoder('utf-8').decode(buf); // drops the BOM
  return { text, encoding };
}

export interface CsvRecord {
  /** The line the record starts on (1 = the first line of the file). */
  line: number;
  cells: string[];
}

export interface CsvRecords {
  records: CsvRecord[];
  problems: CsvRowProblem[];
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTED = '"(?:[^"]|"")*"';
const UNQUOTED = '[^",\\r\\n][^,\\r\\n]*';
const FIELD = `(?:${QUOTED}|${UNQUOTED}|)`;
const STRICT_RECORD = new RegExp(`^${FIELD}(?:,${FIELD})*$`, 'u');

const BROKEN_QUOTES = '引用符（"）の使い方が正しくありません。値の中の " は "" と書き、" で始めた値は " で閉じてから , を続けてください';
const UNCLOSED_QUOTE = '引用符（"）が閉じられていないため、この行を読み飛ばしました（次の行から読み直しています）';

/** Counts lines over a buffer, CRLF, LF and CR each ending one line. */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly buf: Buffer) {}

  /** The line number at byte offset `to` (which must not go backwards). */
  at(to: number): number {
    const { buf } = this;
    for (let i = this.pos; i < to; i++) {
      const b = buf[i];
      if (b === LF) this.line++;
      else if (b === CR && buf[i + 1] !== LF) this.line++;
    }
    this.pos = Math.max(this.pos, to);
    return this.line;
  }
}

function skipLineBreaks(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length && (buf[i] === CR || buf[i] === LF)) i++;
  return i;
}

/** The offset of the line after the one `from` is on. */
function nextLine(buf: Buffer, from: number): number {
  let i = from;
  while (i < buf.length && buf[i] !== CR && buf[i] !== LF) i++;
  if (buf[i] === CR && buf[i + 1] === LF) return i + 2;
  return Math.min(i + 1, buf.length);
}

function stripDelimiter(raw: string): string {
  return raw.replace(/(\r\n|\n|\r)$/u, '');
}

/** Splits the text into records; never throws for bad content (problems are returned by line). */
export function readCsvRecords(text: string): CsvRecords {
  const buf = Buffer.from(text, 'utf8');
  const lines = new LineCounter(buf);
  const records: CsvRecord[] = [];
  const problems: CsvRowProblem[] = [];
  let offset = 0;
  while (offset < buf.length) {
    let failure: CsvError | undefined;
    const parsed = parse(buf.subarray(offset), {
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_skip: (err) => {
        failure ??= err;
        return undefined;
      },
    }) as unknown as { record: string[]; info: { bytes: number } }[];
    // Records after a failure are read again from the line after it (the failure may have eaten them).
    const good = failure && typeof failure.records === 'number' ? parsed.slice(0, failure.records) : parsed;
    let end = offset;
    let restart: number | null = null;
    for (const { record, info } of good) {
      const start = skipLineBreaks(buf, end);
      const next = offset + info.bytes;
      const line = lines.at(start);
      end = next;
      if (record.every((c) => c.trim() === '')) continue; // ,,,, rows Excel leaves behind
      const raw = stripDelimiter(buf.toString('utf8', start, next));
      if (STRICT_RECORD.test(raw)) {
        records.push({ line, cells: record });
        continue;
      }
      problems.push({ line, orderNo: '', reasons: [BROKEN_QUOTES] });
      // A broken quote that ran over line ends has swallowed the following lines: read them again.
      if (/[\r\n]/u.test(raw)) {
        restart = nextLine(buf, start);
        break;
      }
    }
    if (restart === null && failure) {
      const start = skipLineBreaks(buf, end);
      if (start < buf.length) {
        const reason = failure.code === 'CSV_QUOTE_NOT_CLOSED' ? UNCLOSED_QUOTE : `この行を読み取れません（${failure.message}）`;
        problems.push({ line: lines.at(start), orderNo: '', reasons: [reason] });
        restart = nextLine(buf, start);
      }
    }
    if (restart === null) break;
    offset = restart;
  }
  return { records, problems };
}
