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
import iconv from 'iconv-lite';
import { ApiError } from '../../../shared/api-result';
import type { CsvDetectedEncoding, CsvRowProblem } from '../../../shared/csv';
import { stripControlChars } from './formula';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function startsWith(buf: Uint8Array, bytes: readonly number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** Strict UTF-8 text, or null when the bytes are not valid UTF-8. */
function strictUtf8(buf: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return null;
  }
}

/** BOM → utf8bom; bytes that are valid UTF-8 → utf8; anything else is read as CP932 (Shift_JIS/Windows-31J). */
export function detectEncoding(buf: Uint8Array): CsvDetectedEncoding {
  if (startsWith(buf, UTF8_BOM)) return 'utf8bom';
  return strictUtf8(buf) === null ? 'cp932' : 'utf8';
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
  if (startsWith(buf, [0xff, 0xfe]) || startsWith(buf, [0xfe, 0xff])) {
    throw new ApiError({
      code: 'validation',
      message: 'UTF-16のファイル（Excelの「Unicode テキスト」）には対応していません。Excelで「CSV UTF-8（コンマ区切り）」または「CSV（コンマ区切り）」で保存し直してください。',
    });
  }
  if (startsWith(buf, UTF8_BOM)) return { text: stripControlChars(new TextDecoder('utf-8').decode(buf)), encoding: 'utf8bom' }; // drops the BOM
  const utf8 = strictUtf8(buf);
  if (utf8 !== null) return { text: stripControlChars(utf8), encoding: 'utf8' };
  return { text: stripControlChars(iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), 'cp932')), encoding: 'cp932' };
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
  const n = text.length;
  let i = 0;
  let line = 1;

  /** Line breaks in text[from, to): CRLF, LF and CR each end one line. */
  const breaks = (from: number, to: number): number => {
    let count = 0;
    for (let k = from; k < to; k++) {
      const ch = text.charCodeAt(k);
      if (ch === LF || (ch === CR && text.charCodeAt(k + 1) !== LF)) count++;
    }
    return count;
  };
  /** The start of the line after the one `pos` is on. */
  const nextLine = (pos: number): number => {
    let k = pos;
    while (k < n && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
    return k < n && text.charCodeAt(k) === CR && text.charCodeAt(k + 1) === LF ? k + 2 : Math.min(k + 1, n);
  };
  /** Report the record starting at `start` on `startLine` and go on with the line after it. */
  const skip = (start: number, startLine: number, reason: string): void => {
    problems.push({ line: startLine, orderNo: '', reasons: [reason] });
    i = nextLine(start);
    line = startLine + 1;
  };

  records: while (i < n) {
    const first = text.charCodeAt(i);
    if (first === LF || first === CR) {
      i += first === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const start = i;
    const startLine = line;
    const cells: string[] = [];
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        let value = '';
        let from = i + 1;
        let close = -1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) break;
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
          skip(start, startLine, UNCLOSED_QUOTE);
          continue records;
        }
        const after = close + 1 < n ? text.charCodeAt(close + 1) : LF;
        if (after !== COMMA && after !== LF && after !== CR) {
          // A quote that ran over line ends may have swallowed the next lines: read them again.
          skip(start, startLine, BROKEN_QUOTES);
          continue records;
        }
        line += breaks(i, close);
        cells.push(value);
        i = close + 1;
      } else {
        UNQUOTED_FIELD.lastIndex = i;
        UNQUOTED_FIELD.exec(text);
        cells.push(text.slice(i, UNQUOTED_FIELD.lastIndex));
        i = UNQUOTED_FIELD.lastIndex;
      }
      const ch = text.charCodeAt(i);
      if (ch === COMMA) {
        i++;
        continue;
      }
      if (ch === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (ch === LF) i++;
      line++;
      break;
    }
    if (cells.some((c) => c.trim() !== '')) yield { line: startLine, cells }; // ,,,, rows Excel leaves behind
  }
}
