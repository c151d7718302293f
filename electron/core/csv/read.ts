/**
 * Reading a CSV file as shops and Excel write it: the encoding detected (BOM → UTF-8, strict UTF-8, else
 * CP932), records with the line number they start on, and the lines that cannot be read (broken quotes)
 * reported without losing the rest of the file.
 *
 * The reader is a small RFC 4180 tokenizer rather than csv-parse, for two measured reasons: csv-parse's
 * recovery after a broken quote drops the rest of the file (and its per-record byte offsets, needed for line
 * numbers, cost twice its parse time), and it read a 100,000-row export about five times slower. What it
 * accepts: CRLF, LF or CR line ends, mixed in one file; quoted fields with "" and line breaks inside; a quote
 * inside an unquoted field kept as text (as Excel does). What it reports: a field that opens with a quote and
 * does not close right before a comma or the line end, and a quote never closed — the line is reported and
 * reading resumes on the next line, so one bad line never hides the rest. The tests check it against
 * csv-parse on well-formed files.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { ApiError } from '../../../shared/api-result';
import type { CsvDetectedEncoding, CsvRowProblem } from '../../../shared/csv';
import { stripControlChars } from './formula';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function startsWith(buf: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** BOM → utf8bom; bytes that are valid UTF-8 → utf8; anything else is read as CP932 (Shift_JIS/Windows-31J). */
export function detectEncoding(buf: Uint8Array): CsvDetectedEncoding {
  if (startsWith(buf, UTF8_BOM)) return 'utf8bom';
  return isUtf8(buf) ? 'utf8' : 'cp932';
}

function refuseUtf16(buf: Uint8Array): void {
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) {
    throw new ApiError({
      code: 'validation',
      message: 'UTF-16のファイル（Excelの「Unicode テキスト」）には対応していません。Excelで「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」で保存し直してください。',
    });
  }
}

export interface DecodedCsv {
  text: string;
  encoding: CsvDetectedEncoding;
}

/**
 * The file's text and encoding (detectEncoding's rules); the bytes are decoded once. Control characters (NUL …;
 * tab and line breaks stay) are removed: no field of an order may hold them and NP refuses them.
 */
export function decodeCsv(buf: Uint8Array): DecodedCsv {
  const encoding = detectEncoding(buf);
  return { text: [...decodedPieces(buf, encoding, Infinity)].join(''), encoding };
}

/** How many bytes decodedPieces decodes at a time (a 100,000-order file is ~85 MB; its text twice that; measured:
 * 4 MB pieces left ~60 MB more of decoded buffers waiting for the collector than 1 MB pieces, at the same speed). */
export const PIECE_BYTES = 1024 * 1024;

/**
 * The text of a file in pieces of about `pieceBytes` bytes (decodeCsv's text = the pieces joined), for reading
 * a large file without holding all of its text (csvRecordsOfPieces). Pieces end after a line feed byte, which
 * neither CP932 nor UTF-8 uses inside a character, so each piece decodes on its own.
 */
export function* decodedPieces(buf: Uint8Array, encoding: CsvDetectedEncoding, pieceBytes = PIECE_BYTES): Generator<string> {
  refuseUtf16(buf);
  const utf8 = encoding === 'cp932' ? null : new TextDecoder('utf-8'); // drops the BOM at the start only
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let from = 0; from < bytes.length; ) {
    let to = Math.min(bytes.length, from + pieceBytes);
    if (to < bytes.length) {
      const lf = bytes.indexOf(LF, to);
      to = lf < 0 ? bytes.length : lf + 1;
    }
    const part = bytes.subarray(from, to);
    yield stripControlChars(utf8 ? utf8.decode(part, { stream: to < bytes.length }) : iconv.decode(part, 'cp932'));
    from = to;
  }
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

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const UNQUOTED_FIELD = /[^,\r\n]*/y;

const BROKEN_QUOTES = '引用符（"）の使い方が正しくありません。値の中の " は "" と書き、" で始めた値は " で閉じてから , を続けてください';
const UNCLOSED_QUOTE = '引用符（"）が閉じられていないため、この行を読み飛ばしました（次の行から読み直しています）';

/** Splits the text into records; never throws for bad content (problems are returned by line). */
export function readCsvRecords(text: string): CsvRecords {
  const problems: CsvRowProblem[] = [];
  return { records: [...csvRecords(text, problems)], problems };
}

/**
 * The records of the text one at a time (so a 100,000-row file is never held as cells all at once);
 * unreadable lines are appended to `problems` as they are met.
 */
export function* csvRecords(text: string, problems: CsvRowProblem[]): Generator<CsvRecord> {
  yield* recordsOf(text, problems, 1, true);
}

/**
 * The records of a text given in pieces (decodedPieces), the same records and problems as csvRecords over the
 * pieces joined — without ever holding the whole text: a record cut by a piece's end is read again with the next
 * piece (only a quote never closed makes the carried part grow, up to the rest of the file).
 */
export function* csvRecordsOfPieces(pieces: Iterable<string>, problems: CsvRowProblem[]): Generator<CsvRecord> {
  const it = pieces[Symbol.iterator]();
  let carry = '';
  let line = 1;
  for (let piece = it.next(); !piece.done; ) {
    const next = it.next();
    const text = carry + piece.value;
    const stop = yield* recordsOf(text, problems, line, next.done === true);
    carry = text.slice(stop.rest);
    line = stop.line;
    piece = next;
  }
}

/** Where reading stopped: the record (or line break) that needs more text, and its line. */
interface ReadStop {
  rest: number;
  line: number;
}

/**
 * The records of `text`, its first line being `firstLine`. With `final` false the text is a part of the file:
 * a record that may go on past its end is not read (nor reported) — the returned stop says where to go on.
 */
function* recordsOf(text: string, problems: CsvRowProblem[], firstLine: number, final: boolean): Generator<CsvRecord, ReadStop> {
  const n = text.length;
  let i = 0;
  let line = firstLine;
  /** More text could change what the characters up to `pos` mean. */
  const cut = (pos: number): boolean => !final && pos >= n;

  /** Line breaks in text[from, to): CRLF, LF and CR each end one line. */
  const breaks = (from: number, to: number): number => {
    let count = 0;
    for (let k = from; k < to; k++) {
      const ch = text.charCodeAt(k);
      if (ch === LF || (ch === CR && text.charCodeAt(k + 1) !== LF)) count++;
    }
    return count;
  };
  /** Where the line `pos` is on ends (its line break, or n). */
  const lineEnd = (pos: number): number => {
    let k = pos;
    while (k < n && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
    return k;
  };
  /** The start of the line after the one ending at `end`. */
  const afterBreak = (end: number): number => (end < n && text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? end + 2 : Math.min(end + 1, n));

  records: while (i < n) {
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      if (first === CR && cut(i + 1)) return { rest: i, line };
      i += first === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const start = i;
    const startLine = line;
    const more = { rest: start, line: startLine };
    /** Report the record starting at `start` and go on with the line after it. */
    const skip = (reason: string): boolean => {
      const end = lineEnd(start);
      if (cut(end + 1)) return false;
      problems.push({ line: startLine, orderNo: '', reasons: [reason] });
      i = afterBreak(end);
      line = startLine + 1;
      return true;
    };
    const cells: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        let close = -1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) break;
          if (cut(q + 1)) return more;
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(from, q + 1);
            from = q + 2;
            continue;
          }
          value += text.slice(from, q);
          close = q;
          break;
        }
        if (close < 0) {
          if (!final || !skip(UNCLOSED_QUOTE)) return more;
          continue records;
        }
        const after = close + 1 < n ? text.charCodeAt(close + 1) : LF;
        if (after !== COMMA && after !== LF && after !== CR) {
          // A quote that ran over line ends may have swallowed the next lines: read them again.
          if (!skip(BROKEN_QUOTES)) return more;
          continue records;
        }
        if (value.includes('\n') || value.includes('\r')) line += breaks(i, close); // most values have none
        cells.push(value);
        i = close + 1;
      } else {
        UNQUOTED_FIELD.lastIndex = i;
        UNQUOTED_FIELD.exec(text);
        if (cut(UNQUOTED_FIELD.lastIndex)) return more;
        cells.push(text.slice(i, UNQUOTED_FIELD.lastIndex));
        i = UNQUOTED_FIELD.lastIndex;
      }
      const ch = text.charCodeAt(i);
      if (ch === COMMA) {
        i++;
        continue;
      }
      if (ch === CR) {
        if (cut(i + 1)) return more;
        i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      } else if (ch === LF) i++;
      line++;
      break;
    }
    if (cells.some((c) => c.trim() !== '')) yield { line: startLine, cells }; // ,,,, rows Excel leaves behind
  }
  return { rest: n, line };
}
