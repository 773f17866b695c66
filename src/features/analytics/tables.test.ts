import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '../../use-cases/analytics-filter';
import { areaValuesOf, barsOf, cellText, type DataTable, rounded, tableCsv, tableJson } from './tables';

const table: DataTable = {
  id: 'needs',
  caption: 'Udbud pr. behov',
  columns: [
    { key: 'need', label: 'Behov', numeric: false },
    { key: 'needCode', label: 'Behovets kode', numeric: false },
    { key: 'providers', label: 'Udbydere', numeric: true },
    { key: 'share', label: 'Andel, "top 3" (%)', numeric: true },
  ],
  rows: [
    ['Backup og gendannelse', 'backup', 12, 41.7],
    ['=HYPERLINK("x")', 'formel', 0, null],
  ],
};

describe('a dashboard table as one view model', () => {
  it('writes the CSV from the same cells as the page: header labels, formula cells made text, empty for none', () => {
    const csv = tableCsv(table);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toEqual([
      'Behov,Behovets kode,Udbydere,"Andel, ""top 3"" (%)"',
      'Backup og gendannelse,backup,12,41.7',
      `"'=HYPERLINK(""x"")",formel,0,`,
      '',
    ]);
    expect(table.rows[0]?.map(cellText)).toEqual(['Backup og gendannelse', 'backup', '12', '41.7']);
  });

  it('writes the JSON as rows keyed by column, with the columns, caption and filter', () => {
    const json = tableJson(table, { ...NO_FILTER, region: '1084' });
    expect(json.table).toBe('needs');
    expect(json.caption).toBe('Udbud pr. behov');
    expect(json.filter.region).toBe('1084');
    expect(json.columns.map((column) => column.key)).toEqual(['need', 'needCode', 'providers', 'share']);
    expect(json.rows[1]).toEqual({ need: '=HYPERLINK("x")', needCode: 'formel', providers: 0, share: null });
  });

  it('draws bars and map values from the table’s own cells, leaving empty cells out', () => {
    expect(barsOf(table, 'providers')).toEqual([
      { label: 'Backup og gendannelse', value: 12 },
      { label: '=HYPERLINK("x")', value: 0 },
    ]);
    expect(barsOf(table, 'share', ['need', 'needCode'])).toEqual([
      { label: 'Backup og gendannelse – backup', value: 41.7 },
    ]);
    expect([...areaValuesOf(table, 'needCode', 'share')]).toEqual([['backup', 41.7]]);
    expect(() => barsOf(table, 'missing')).toThrow(/no column missing/);
  });

  it('rounds for display without a negative zero', () => {
    expect(rounded(0.4166, 2)).toBe(0.42);
    expect(Object.is(rounded(-0.001, 2), 0)).toBe(true);
    expect(rounded(-1.236, 2)).toBe(-1.24);
  });
});
