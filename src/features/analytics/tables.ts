import type { AnalyticsFilter } from '../../use-cases/analytics-filter';
import type { AreaLevel } from '../../use-cases/analytics-supply';
import { csvRow } from '../../use-cases/csv';

/**
 * A dashboard table as one view model: the page's HTML table, its chart, its CSV and its JSON are
 * all made from the same rows, so what is downloaded is exactly what the page shows. A cell is the
 * value as shown: names in the page's language, numbers already rounded as the page shows them
 * (scores to two decimals, shares as percentages to one), written the same way everywhere (a
 * decimal point, no digit grouping), so the files read the same as the page.
 */

export type Cell = string | number | null;

export interface Column {
  /** The column's key in the JSON rows. */
  key: string;
  /** Its heading in the page's language (the CSV header too). */
  label: string;
  numeric: boolean;
}

export interface DataTable {
  /** The table's id on its page and in its downloads (`table=`). */
  id: string;
  caption: string;
  columns: Column[];
  /** One array of cells per row, in the columns' order; the first column names the row (its header cell). */
  rows: Cell[][];
}

/** A chart drawn from a table's own rows: bars labelled by the first column, or a map keyed by an area-code column. */
export type ChartSpec =
  | { kind: 'bar'; value: string; title: string; valueLabel: string; label?: readonly string[] }
  | { kind: 'map'; level: AreaLevel; code: string; value: string; title: string; valueLabel: string };

/** One chart with its table (and a note on what it shows, if any). */
export interface Section {
  table: DataTable;
  chart: ChartSpec | null;
  note: string | null;
}

/** A cell as text: the same in the HTML table and the CSV. */
export const cellText = (cell: Cell): string => (cell === null ? '' : String(cell));

/** Rounds for display: `digits` decimals, and -0 as 0. */
export function rounded(value: number, digits: number): number {
  const factor = 10 ** digits;
  const result = Math.round(value * factor) / factor;
  return result === 0 ? 0 : result;
}

/** The index of the column `key`; an error for a key the table has not (a programming error). */
export function columnIndex(table: DataTable, key: string): number {
  const index = table.columns.findIndex((column) => column.key === key);
  if (index < 0) throw new Error(`table ${table.id} has no column ${key}`);
  return index;
}

/** The table as CSV (RFC 4180, formula-like cells made text; src/use-cases/csv.ts), with a byte-order mark for spreadsheets. */
export function tableCsv(table: DataTable): string {
  return `\uFEFF${csvRow(table.columns.map((column) => column.label))}${table.rows.map((row) => csvRow(row)).join('')}`;
}

/** The table as JSON: what it is (caption, filter, columns) and its rows as objects keyed by column. */
export function tableJson(table: DataTable, filter: AnalyticsFilter) {
  return {
    table: table.id,
    caption: table.caption,
    filter,
    columns: table.columns.map(({ key, label }) => ({ key, label })),
    rows: table.rows.map((row) => Object.fromEntries(table.columns.map((column, index) => [column.key, row[index]]))),
  };
}

/**
 * Bars of a table: the value the column `key` (an empty cell is no bar), the label the first
 * column's cell or, when a row is named by several columns, those joined with a dash.
 */
export function barsOf(
  table: DataTable,
  key: string,
  labelKeys: readonly string[] = [],
): Array<{ label: string; value: number }> {
  const at = columnIndex(table, key);
  const labelAt = labelKeys.length > 0 ? labelKeys.map((label) => columnIndex(table, label)) : [0];
  return table.rows.flatMap((row) =>
    typeof row[at] === 'number'
      ? [{ label: labelAt.map((index) => cellText(row[index] ?? null)).join(' – '), value: row[at] as number }]
      : [],
  );
}

/** A map's values of a table: area code column → value column (an empty cell leaves the area grey). */
export function areaValuesOf(table: DataTable, code: string, key: string): Map<string, number> {
  const codeAt = columnIndex(table, code);
  const at = columnIndex(table, key);
  return new Map(
    table.rows.flatMap((row) =>
      typeof row[at] === 'number' ? [[cellText(row[codeAt] ?? null), row[at] as number]] : [],
    ),
  );
}
