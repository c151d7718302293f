/**
 * Spreadsheet formula injection (CSV injection): Excel and LibreOffice run a cell that starts with
 * = + - @ (and, per OWASP, tab or carriage return) as a formula. Free-text cells (names, addresses, goods,
 * notes) that start so are written with a leading apostrophe, which the spreadsheet shows as text. The
 * import removes that apostrophe again from free-text fields, so an export → import round trip is exact.
 */
const TRIGGER = /^[=+\-@\t\r]/u;
const NEUTRALISED = /^'[=+\-@\t\r]/u;

export function neutraliseFormula(value: string): string {
  return TRIGGER.test(value) ? `'${value}` : value;
}

export function restoreFormula(value: string): string {
  return value.charCodeAt(0) === 0x27 && NEUTRALISED.test(value) ? value.slice(1) : value;
}
