/**
 * The CSV reader against csv-parse as an independent oracle: on well-formed files with every kind of value
 * (commas, quotes, CR/LF/CRLF inside values, Japanese, empty cells) and mixed line endings, both read the
 * same records; and the reader's line numbers are where each record starts.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { CsvRowProblem } from '../../../shared/csv';
import { csvRecordsOfPieces, decodeCsv, decodedPieces, readCsvRecords } from '../../../electron/core/csv/read';

/** A small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['山田', 'ｶﾅ', 'a', '1,000', '"', '""', '\r\n', '\n', '\r', ' ', '〜', '😀', 'x"y', '=SUM(A1)', ''];
const EOLS = ['\r\n', '\n', '\r'];

function randomFile(seed: number): { text: string; rows: string[][]; lines: number[] } {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const rows: string[][] = [];
  const starts: number[] = [];
  let text = '';
  const rowCount = 5 + Math.floor(r() * 40);
  for (let i = 0; i < rowCount; i++) {
    const cols = 1 + Math.floor(r() * 6);
    const cells = Array.from({ length: cols }, () => Array.from({ length: Math.floor(r() * 4) }, () => pick(PIECES)).join(''));
    if (cells.every((c) => c.trim() === '')) cells[0] = 'x';
    const quoteAll = r() < 0.5;
    const fields = cells.map((c) => (quoteAll || /[",\r\n]/u.test(c) || c === '' ? `"${c.replaceAll('"', '""')}"` : c));
    if (r() < 0.1) text += pick(EOLS); // a blank line (or, after a CR, the LF of a CRLF)
    rows.push(cells);
    starts.push(text.length);
    text += fields.join(',') + pick(EOLS);
  }
  // A record's line: 1 + the line ends before it (CRLF, LF and CR each one).
  const lines = starts.map((s) => 1 + (text.slice(0, s).match(/\r\n|\n|\r/gu) ?? []).length);
  return { text, rows, lines };
}

describe('the reader agrees with csv-parse on well-formed files', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('random file %i', (seed) => {
    const { text, rows, lines } = randomFile(seed);
    const ours = readCsvRecords(text);
    expect(ours.problems).toEqual([]);
    const oracle = parse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] }) as string[][];
    expect(ours.records.map((rec) => rec.cells)).toEqual(oracle);
    expect(ours.records.map((rec) => rec.cells)).toEqual(rows);
    expect(ours.records.map((rec) => rec.line)).toEqual(lines);
  });
});

describe('broken files', () => {
  it('keeps a quote inside an unquoted value as text, and reports a value that does not close its quote properly', () => {
    const { records, problems } = readCsvRecords('a,b\r\n5",x"y\r\n"ok"bad,1\r\n"fine","also"\r\n');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['5"', 'x"y'] },
      { line: 4, cells: ['fine', 'also'] },
    ]);
    expect(problems.map((p) => p.line)).toEqual([3]);
  });

  it('ignores rows of empty cells that Excel leaves behind', () => {
    expect(readCsvRecords('a,b\n,\n , \n1,2\n').records.map((r) => r.line)).toEqual([1, 4]);
  });
});

/** A file with damage where a piece boundary hurts most: stray, unclosed and broken quotes, lone CRs. */
function damaged(seed: number): string {
  const { text } = randomFile(seed);
  const r = rng(seed * 7919);
  const damage = ['"', '"x"y', '\r', '"\r\n', 'a"b'];
  let out = text;
  for (let k = 0; k < 3; k++) {
    const at = Math.floor(r() * out.length);
    out = out.slice(0, at) + damage[Math.floor(r() * damage.length)] + out.slice(at);
  }
  return out;
}

/** The text cut at random places (pieces of 1 to 40 characters, a CRLF cut in two now and then). */
function cut(text: string, seed: number): string[] {
  const r = rng(seed);
  const pieces: string[] = [];
  for (let i = 0; i < text.length; ) {
    const len = 1 + Math.floor(r() * 40);
    pieces.push(text.slice(i, i + len));
    i += len;
  }
  return pieces;
}

describe('reading a file in pieces (the staged import never holds the whole text)', () => {
  it.each(Array.from({ length: 60 }, (_, i) => i + 1))('file %i: the same records and problems as the whole text', (seed) => {
    for (const text of [randomFile(seed).text, damaged(seed)]) {
      const whole = readCsvRecords(text);
      const problems: CsvRowProblem[] = [];
      const records = [...csvRecordsOfPieces(cut(text, seed), problems)];
      expect(records).toEqual(whole.records);
      expect(problems).toEqual(whole.problems);
      expect([...csvRecordsOfPieces([text], [])]).toEqual(whole.records);
    }
  });

  it('a quote never closed carries the rest of the file and reports its line once', () => {
    const text = 'a,b\n1,"open\n2,x\n3,y\n';
    const problems: CsvRowProblem[] = [];
    const records = [...csvRecordsOfPieces(cut(text, 3), problems)];
    expect(records.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(problems.map((p) => p.line)).toEqual([2]);
  });

  it('decodes CP932 and UTF-8 (with BOM) files in pieces cut after line feeds: joined, the text of decodeCsv', () => {
    const text = Array.from({ length: 200 }, (_, i) => `${i},山田太郎,ﾔﾏﾀﾞ,"備考\r\n${'髙'.repeat(i % 7)}",〜\r\n`).join('');
    const files = [iconv.encode(text, 'cp932'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text + '😀\n')])];
    for (const bytes of files) {
      const { text: whole, encoding } = decodeCsv(bytes);
      for (const size of [1, 5, 64, 1000]) {
        const pieces = [...decodedPieces(bytes, encoding, size)];
        expect(pieces.join('')).toBe(whole);
        expect(pieces.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true);
      }
    }
    expect(decodeCsv(files[1]!).text.startsWith('0,')).toBe(true); // the BOM is dropped, once
  });
});
