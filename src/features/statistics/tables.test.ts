import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { demandFigure, type PublicStatistics, supplyFigure } from '../../use-cases/analytics-public';
import { statisticsCsv, statisticsJson, statisticsTables } from './tables';

/** A small answer as readPublicStatistics gives it to the public: one need, two regions, two quarters. */
function answer(): PublicStatistics {
  const supply = (value: number, companies: number) => supplyFigure(value, companies, 'public');
  return {
    filter: { quarter: null, from: '2033-02-01', to: '2033-05-31', region: null, sector: null, sizeBand: null },
    audience: 'public',
    quarters: [
      { quarter: '2033-Q1', from: '2033-02-01', to: '2033-03-31' },
      { quarter: '2033-Q2', from: '2033-04-01', to: '2033-05-31' },
    ],
    supplyByNeed: [
      {
        need: 'backup-og-gendannelse',
        providers: supply(4, 4),
        products: supply(9, 4),
        smeFriendlyProviders: supply(2, 4),
        danishSpeakingProviders: supply(4, 4),
        verifiedCertifiedProviders: supply(1, 4),
        smeFriendlyShare: 0.5,
        danishSpeakingShare: 1,
        verifiedCertifiedShare: 0.25,
      },
    ],
    supplyByNeedAndRegion: [
      { need: 'backup-og-gendannelse', region: '1081', providers: supply(2, 2), onSiteProviders: supply(1, 2) },
      { need: 'backup-og-gendannelse', region: '1084', providers: supply(3, 3), onSiteProviders: supply(3, 3) },
    ],
    regionCoverage: [
      { region: '1081', needsWithThreeProviders: 0 },
      { region: '1084', needsWithThreeProviders: 1 },
    ],
    csfCoverage: [],
    nis2Coverage: [{ code: 'NIS2-21-2-c', group: 'c', products: supply(5, 2), providers: supply(2, 2) }],
    roleScarcityByRegion: [],
    demandByNeedAndQuarter: [
      { need: 'backup-og-gendannelse', quarter: '2033-Q1', signals: demandFigure(4, 'public') },
      { need: 'backup-og-gendannelse', quarter: '2033-Q2', signals: demandFigure(6, 'public') },
    ],
    demandByNeedAndRegion: [{ need: 'backup-og-gendannelse', region: '1084', signals: demandFigure(5, 'public') }],
  };
}

describe('the statistics tables and their downloads', () => {
  const tables = statisticsTables('da', answer());
  const byId = new Map(tables.map((table) => [table.id, table]));

  it('pivot rows by region and quarter, and mark a missing cell', () => {
    expect(byId.get('supply-by-region')?.rows).toEqual([
      { code: 'backup-og-gendannelse', label: 'Backup og gendannelse', cells: ['under 3', '3'] },
    ]);
    expect(byId.get('demand-by-quarter')?.columns.map((column) => column.code)).toEqual(['2033-Q1', '2033-Q2']);
    expect(byId.get('demand-by-quarter')?.rows[0]?.cells).toEqual(['under 5', '6']);
    // No demand was read for 1081: the cell is a dash, not a number.
    expect(byId.get('demand-by-region')?.rows[0]?.cells).toEqual(['–', '5']);
    // Danish writes a percentage with a no-break space before the sign.
    expect(byId.get('supply-by-need')?.rows[0]?.cells).toEqual([
      '4',
      '9',
      '2',
      '50\u00a0%',
      '4',
      '100\u00a0%',
      '1',
      '25\u00a0%',
    ]);
    expect(byId.get('nis2-coverage')?.rows[0]?.cells).toEqual(['under 3', 'under 3']);
  });

  it('write one CSV line per cell, holding what the table shows', () => {
    const lines = parse(statisticsCsv(tables), { columns: true }) as Array<Record<string, string>>;
    const cells = tables.reduce((sum, table) => sum + table.rows.length * table.columns.length, 0);
    expect(lines).toHaveLength(cells);
    expect(lines).toContainEqual({
      table: 'demand-by-quarter',
      row_code: 'backup-og-gendannelse',
      row: 'Backup og gendannelse',
      column_code: '2033-Q1',
      column: '2033-Q1',
      value: 'under 5',
    });
    expect(lines.some((line) => line.table?.startsWith('demand') && line.value === '4')).toBe(false);
  });

  it('put the tables in the JSON as they are, with the licence', () => {
    const json = statisticsJson(answer(), tables);
    expect(json.licence.name).toBe('CC BY 4.0');
    expect(json.tables.map((table) => table.rows)).toEqual(tables.map((table) => table.rows));
  });
});
