/**
 * Spreadsheet formula injection (CSV injection): Excel and LibreOffice run a cell that starts with = + - @ as a
 * formula, and (per OWASP) a leading tab or carriage return hides such a start; Japanese Excel also reads the
 * full-width ＝ ＋ － ＠ as formula starts. A cell that starts so is written with a leading apostrophe, which the
 * spreadsheet shows as text. A cell that already starts with apostrophes before such a character gets one more,
 * so the import, which removes one apostrophe again (restoreFormula), gives back exactly what was exported.
 * A plain number (-500, 12.5) is a number to the spreadsheet, not a formula, and is left as it is.
 */
const LEADERS = '=+\\-@\\t\\r＝＋－＠';
const GUARDED = new RegExp(`^'*[${LEADERS}]`, 'u');
const RESTORABLE = new RegExp(`^'+[${LEADERS}]`, 'u');
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/u;
/** The first characters that may need a look (the leaders and the apostrophe): most cells are passed at once. */
const FIRST = new Set([...'=+-@\t\r＝＋－＠\''].map((c) => c.charCodeAt(0)));

export function neutraliseFormula(value: string): string {
  if (!FIRST.has(value.charCodeAt(0))) return value;
  return GUARDED.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function restoreFormula(value: string): string {
  return value.charCodeAt(0) === 0x27 && RESTORABLE.test(value) ? value.slice(1) : value;
}

/**
 * Control characters no cell should carry: C0 except tab, LF and CR (which text such as 備考 may hold), DEL, and
 * C1. NUL in particular ends the string for many readers. Removed from what is written and from what is read.
 */
const CONTROL_RANGES = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';
const CONTROL = new RegExp(`[${CONTROL_RANGES}]`, 'gu');
const HAS_CONTROL = new RegExp(`[${CONTROL_RANGES}]`);

export function stripControlChars(value: string): string {
  return HAS_CONTROL.test(value) ? value.replace(CONTROL, '') : value;
}
