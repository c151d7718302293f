/**
 * The one way the app writes a CSV line, for every CSV it writes (受注CSV, 配送先商品CSV, carrier CSVs …): each
 * cell goes through csvCell — control characters (NUL …) removed, a formula start neutralised (formula.ts) —
 * then quoted ("" inside), fields joined by commas, CRLF. A writer builds its cells and calls csvLine; it never
 * quotes or neutralises on its own.
 */
import { neutraliseFormula, stripControlChars } from './formula';

/** A cell as it may be written: no control characters except tab / line breaks, no formula start. */
export function csvCell(value: string): string {
  return neutraliseFormula(stripControlChars(value));
}

/** One CSV line: every cell through csvCell, quoted, CRLF. */
export function csvLine(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const c = csvCell(cells[i]!);
    line += `${i ? ',' : ''}"${c.includes('"') ? c.replaceAll('"', '""') : c}"`;
  }
  return `${line}\r\n`;
}
