/**
 * CSV for the audit log export (RFC 4180: comma-separated, CRLF lines, quotes doubled inside
 * quoted cells). Written here rather than with a library because the one rule that matters is the
 * spreadsheet one no CSV library applies by default: a cell a spreadsheet would read as a formula
 * (starting with = + - @, or a tab or carriage return that hides one) gets a leading apostrophe,
 * so opening the export cannot run what a vendor typed into a listing (CSV injection, OWASP).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  // A number is written by our code, not typed by anyone: -0.5 stays a number a spreadsheet can add up.
  if (typeof value === 'number') return String(value);
  let text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: ReadonlyArray<string | number | null | undefined>): string =>
  `${cells.map(csvCell).join(',')}\r\n`;
