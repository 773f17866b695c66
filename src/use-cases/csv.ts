/**
 * CSV for every export (the audit log, the dashboards, the statistics, open data; RFC 4180: comma-separated, CRLF lines, quotes doubled inside
 * quoted cells). Written here rather than with a library because the one rule that matters is the
 * spreadsheet one no CSV library applies by default: a cell a spreadsheet would read as a formula
 * (starting with = + - @, or a tab or carriage return that hides one) gets a leading apostrophe,
 * so opening the export cannot run what a vendor typed into a listing (CSV injection, OWASP).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PHONE = /^\+?[\d ()-]+$/;

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /**
   * Leave a phone number such as "+45 12 34 56 78" as it is: data, never a formula (open data,
   * whose users need the numbers as published). Elsewhere it is guarded like any other text.
   */
  phoneNumbers?: boolean;
}

export function csvCell(value: CsvValue, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return '';
  // A number or boolean is written by our code, not typed by anyone: -0.5 stays a number a
  // spreadsheet can add up.
  if (typeof value !== 'string') return String(value);
  let text = value;
  if (FORMULA_START.test(text) && !(options.phoneNumbers && PHONE.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvRow = (cells: readonly CsvValue[], options: CsvOptions = {}): string =>
  `${cells.map((cell) => csvCell(cell, options)).join(',')}\r\n`;
