import { NEEDS } from '../../../graph/data/needs';
import { TAXONOMIES } from '../../../graph/data/taxonomies';
import { INTL_LOCALES } from '../../../graph/format';
import { type Locale, type MessageKey, t } from '../../i18n';
import type { PublicStatistics, ShownFigure } from '../../use-cases/analytics-public';
import { csvRow } from '../../use-cases/csv';
import { LICENCE } from '../../use-cases/open-data-format';

/**
 * The public statistics as the tables the page shows, and the downloads made from exactly those
 * tables: the CSV has one line per cell, the JSON the tables themselves. Every cell is the text the
 * page shows ('under 5', 'under 3', a number, a share), so a download can never hold a number the
 * page hid. Labels are in the page's language; codes travel beside them.
 */

export type TableKind = 'supply' | 'demand';

export interface StatisticsColumn {
  code: string;
  label: string;
}

export interface StatisticsRow {
  code: string;
  label: string;
  cells: string[];
}

export interface StatisticsTable {
  /** The table's id on the page and its name in the downloads. */
  id: string;
  kind: TableKind;
  caption: string;
  /** The heading of the row-header column. */
  rowHeading: string;
  columns: StatisticsColumn[];
  rows: StatisticsRow[];
}

const byCode = <T extends { code: string }>(rows: readonly T[]) => new Map(rows.map((row) => [row.code, row]));
const NEED_NAMES = new Map(NEEDS.map((need) => [need.slug, need.name]));
const REGIONS = byCode(TAXONOMIES.regions);
const ROLES = byCode(TAXONOMIES.skills.filter((skill) => skill.kind === 'role'));
const CSF = byCode(TAXONOMIES.csfCategories);
const NIS2 = byCode(TAXONOMIES.nis2Measures);

export const needLabel = (locale: Locale, slug: string): string => NEED_NAMES.get(slug)?.[locale] ?? slug;
export function regionLabel(locale: Locale, code: string): string {
  const region = REGIONS.get(code);
  return region ? (locale === 'da' ? region.name : region.nameEn) : code;
}
const roleLabel = (locale: Locale, code: string) => ROLES.get(code)?.name[locale] ?? code;
const csfLabel = (locale: Locale, code: string) => {
  const name = CSF.get(code)?.name[locale];
  return name ? `${code} ${name}` : code;
};
const nis2Label = (locale: Locale, code: string) => {
  const measure = NIS2.get(code);
  return measure ? `(${measure.letter}) ${measure.text[locale]}` : code;
};

/** A share 0–1 as a whole percentage in the page's number format; '–' when there is none. */
export function formatShare(locale: Locale, share: number | null): string {
  if (share === null) return t(locale, 'statistics.notShown');
  return new Intl.NumberFormat(INTL_LOCALES[locale], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

const shown = (figure: ShownFigure) => figure.shown;

/** Rows × columns of one figure, from rows keyed by (row code, column code); a missing cell is `missing`. */
function pivot<T>(
  items: readonly T[],
  rowCode: (item: T) => string,
  columnCode: (item: T) => string,
  cell: (item: T) => string,
  rows: readonly string[],
  columns: readonly string[],
  missing: string,
): string[][] {
  const cells = new Map(items.map((item) => [`${rowCode(item)}\n${columnCode(item)}`, cell(item)]));
  return rows.map((row) => columns.map((column) => cells.get(`${row}\n${column}`) ?? missing));
}

const distinct = (values: readonly string[]) => [...new Set(values)];

/** The page's tables, in the page's order: supply first, then demand. */
export function statisticsTables(locale: Locale, stats: PublicStatistics): StatisticsTable[] {
  const col = (key: string): string => t(locale, `statistics.col.${key}` as MessageKey);
  const caption = (key: string): string => t(locale, `statistics.table.${key}` as MessageKey);
  const regions = stats.regionCoverage.map((row) => row.region);
  const regionColumns = regions.map((code) => ({ code, label: regionLabel(locale, code) }));
  const needs = distinct(stats.supplyByNeed.map((row) => row.need));
  const demandNeeds = distinct(stats.demandByNeedAndQuarter.map((row) => row.need));
  const roles = distinct(stats.roleScarcityByRegion.map((row) => row.role));
  const dash = t(locale, 'statistics.notShown');

  const supplyByRegion = pivot(
    stats.supplyByNeedAndRegion,
    (row) => row.need,
    (row) => row.region,
    (row) => row.providers.shown,
    needs,
    regions,
    dash,
  );
  const rolesByRegion = pivot(
    stats.roleScarcityByRegion,
    (row) => row.role,
    (row) => row.region,
    (row) => row.companies.shown,
    roles,
    regions,
    dash,
  );
  const demandByQuarter = pivot(
    stats.demandByNeedAndQuarter,
    (row) => row.need,
    (row) => row.quarter,
    (row) => row.signals.shown,
    demandNeeds,
    stats.quarters.map((span) => span.quarter),
    dash,
  );
  const demandByRegion = pivot(
    stats.demandByNeedAndRegion,
    (row) => row.need,
    (row) => row.region,
    (row) => row.signals.shown,
    demandNeeds,
    regions,
    dash,
  );

  return [
    {
      id: 'supply-by-need',
      kind: 'supply',
      caption: caption('supplyByNeed'),
      rowHeading: col('need'),
      columns: [
        'providers',
        'products',
        'smeFriendly',
        'smeFriendlyShare',
        'danish',
        'danishShare',
        'verified',
        'verifiedShare',
      ].map((code) => ({ code, label: col(code) })),
      rows: stats.supplyByNeed.map((row) => ({
        code: row.need,
        label: needLabel(locale, row.need),
        cells: [
          shown(row.providers),
          shown(row.products),
          shown(row.smeFriendlyProviders),
          formatShare(locale, row.smeFriendlyShare),
          shown(row.danishSpeakingProviders),
          formatShare(locale, row.danishSpeakingShare),
          shown(row.verifiedCertifiedProviders),
          formatShare(locale, row.verifiedCertifiedShare),
        ],
      })),
    },
    {
      id: 'supply-by-region',
      kind: 'supply',
      caption: caption('supplyByRegion'),
      rowHeading: col('need'),
      columns: regionColumns,
      rows: needs.map((need, index) => ({
        code: need,
        label: needLabel(locale, need),
        cells: supplyByRegion[index] ?? [],
      })),
    },
    {
      id: 'region-coverage',
      kind: 'supply',
      caption: caption('regionCoverage'),
      rowHeading: col('region'),
      columns: [{ code: 'needsWithThreeProviders', label: col('needsWithThree') }],
      rows: stats.regionCoverage.map((row) => ({
        code: row.region,
        label: regionLabel(locale, row.region),
        cells: [String(row.needsWithThreeProviders)],
      })),
    },
    {
      id: 'nis2-coverage',
      kind: 'supply',
      caption: caption('nis2'),
      rowHeading: col('measure'),
      columns: ['providers', 'products'].map((code) => ({ code, label: col(code) })),
      rows: stats.nis2Coverage.map((row) => ({
        code: row.code,
        label: nis2Label(locale, row.code),
        cells: [shown(row.providers), shown(row.products)],
      })),
    },
    {
      id: 'csf-coverage',
      kind: 'supply',
      caption: caption('csf'),
      rowHeading: col('category'),
      columns: ['function', 'providers', 'products'].map((code) => ({ code, label: col(code) })),
      rows: stats.csfCoverage.map((row) => ({
        code: row.code,
        label: csfLabel(locale, row.code),
        cells: [row.group, shown(row.providers), shown(row.products)],
      })),
    },
    {
      id: 'roles-by-region',
      kind: 'supply',
      caption: caption('roles'),
      rowHeading: col('role'),
      columns: regionColumns,
      rows: roles.map((role, index) => ({
        code: role,
        label: roleLabel(locale, role),
        cells: rolesByRegion[index] ?? [],
      })),
    },
    {
      id: 'demand-by-quarter',
      kind: 'demand',
      caption: caption('demandByQuarter'),
      rowHeading: col('need'),
      columns: stats.quarters.map((span) => ({ code: span.quarter, label: span.quarter })),
      rows: demandNeeds.map((need, index) => ({
        code: need,
        label: needLabel(locale, need),
        cells: demandByQuarter[index] ?? [],
      })),
    },
    {
      id: 'demand-by-region',
      kind: 'demand',
      caption: caption('demandByRegion'),
      rowHeading: col('need'),
      columns: regionColumns,
      rows: demandNeeds.map((need, index) => ({
        code: need,
        label: needLabel(locale, need),
        cells: demandByRegion[index] ?? [],
      })),
    },
  ];
}

export const CSV_COLUMNS = ['table', 'row_code', 'row', 'column_code', 'column', 'value'] as const;

/** The CSV download: one line per cell of every table, in the page's order. */
export function statisticsCsv(tables: readonly StatisticsTable[]): string {
  const lines = [csvRow([...CSV_COLUMNS])];
  for (const table of tables) {
    for (const row of table.rows) {
      table.columns.forEach((column, index) => {
        lines.push(csvRow([table.id, row.code, row.label, column.code, column.label, row.cells[index] ?? '']));
      });
    }
  }
  return lines.join('');
}

/** The JSON download: the question as answered, the licence and the tables as the page shows them. */
export function statisticsJson(stats: PublicStatistics, tables: readonly StatisticsTable[]) {
  return {
    licence: { name: LICENCE.name, url: LICENCE.url, attribution: LICENCE.attribution },
    filter: stats.filter,
    audience: stats.audience,
    tables: tables.map((table) => ({
      id: table.id,
      kind: table.kind,
      caption: table.caption,
      rowHeading: table.rowHeading,
      columns: table.columns,
      rows: table.rows,
    })),
  };
}
