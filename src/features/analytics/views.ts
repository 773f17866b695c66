import type { Locale } from '../../i18n';
import { type MessageKey, t } from '../../i18n';
import type { DemandAnalytics } from '../../use-cases/analytics-demand';
import type { NeedSupply, SupplyAnalytics } from '../../use-cases/analytics-supply';
import type { SKILL_SHOWS, SUPPLY_SHOWS } from './measures';
import { csfCategoryName, municipalityName, needName, nis2MeasureText, regionName, roleName } from './names';
import { type Cell, type Column, type DataTable, rounded, type Section } from './tables';

/**
 * The tables of each dashboard page (see tables.ts), built from a use case's answer: which rows,
 * in which order, with which columns. The charts are drawn from these rows and the downloads are
 * these rows, so every page's figures, tables and files agree.
 */

export type SupplyShow = (typeof SUPPLY_SHOWS)[number];
export type SkillShow = (typeof SKILL_SHOWS)[number];

const column = (locale: Locale, key: string, numeric = true): Column => ({
  key,
  label: t(locale, `analytics.col.${key}` as MessageKey),
  numeric,
});
const showLabel = (locale: Locale, show: string) => t(locale, `analytics.show.${show}` as MessageKey);

/** Orders rows by a numeric cell (descending, or ascending), then by their first cell's text. */
function byValue(at: number, direction: 'desc' | 'asc', locale: Locale) {
  return (a: Cell[], b: Cell[]) => {
    const x = typeof a[at] === 'number' ? (a[at] as number) : -1;
    const y = typeof b[at] === 'number' ? (b[at] as number) : -1;
    return (direction === 'desc' ? y - x : x - y) || String(a[0]).localeCompare(String(b[0]), locale);
  };
}

const SUPPLY_COUNTS = [
  'providers',
  'products',
  'smeFriendlyProviders',
  'danishSpeakingProviders',
  'verifiedCertifiedProviders',
] as const;

/**
 * Supply: per need (the filter's need only when one is chosen), most of the chosen figure first;
 * and the map's need per region or municipality. The map's need is the filter's, or the first
 * need of the table. On-site providers are a column per need only with a region filter (without
 * one every provider is on site somewhere); the bars then show providers.
 */
export function supplySections(data: NeedSupply, locale: Locale, show: SupplyShow): Section[] {
  const withOnSite = data.filter.region !== null;
  const needColumns = [
    column(locale, 'need', false),
    column(locale, 'needCode', false),
    ...SUPPLY_COUNTS.map((key) => column(locale, key)),
    ...(withOnSite ? [column(locale, 'onSiteProviders')] : []),
  ];
  const barValue = show === 'onSiteProviders' && !withOnSite ? 'providers' : show;
  const needRows = data.byNeed
    .filter((row) => data.filter.need === null || row.need === data.filter.need)
    .map((row) => [
      needName(locale, row.need),
      row.need,
      ...SUPPLY_COUNTS.map((key) => row[key]),
      ...(withOnSite ? [row.onSiteProviders] : []),
    ])
    .sort(
      byValue(
        needColumns.findIndex((c) => c.key === barValue),
        'desc',
        locale,
      ),
    );
  const needs: DataTable = {
    id: 'needs',
    caption: t(locale, 'analytics.caption.supplyNeeds'),
    columns: needColumns,
    rows: needRows,
  };
  const sections: Section[] = [
    {
      table: needs,
      chart: {
        kind: 'bar',
        value: barValue,
        title: `${needs.caption}: ${showLabel(locale, barValue)}`,
        valueLabel: showLabel(locale, barValue),
      },
      note: null,
    },
  ];
  const mapNeed = data.filter.need ?? (needRows[0]?.[1] as string | undefined) ?? null;
  if (mapNeed === null) return sections;
  const level = data.byArea.level;
  const areaRows: Cell[][] =
    data.byArea.level === 'region'
      ? data.byArea.rows
          .filter((row) => row.need === mapNeed)
          .map((row) => [
            regionName(locale, row.region),
            row.region,
            ...SUPPLY_COUNTS.map((key) => row[key]),
            row.onSiteProviders,
          ])
      : data.byArea.rows
          .filter((row) => row.need === mapNeed)
          .map((row) => [
            municipalityName(locale, row.municipality),
            row.municipality,
            ...SUPPLY_COUNTS.map((key) => row[key]),
            row.onSiteProviders,
          ]);
  areaRows.sort((a, b) => String(a[0]).localeCompare(String(b[0]), locale));
  const name = needName(locale, mapNeed);
  const areas: DataTable = {
    id: 'areas',
    caption: t(
      locale,
      level === 'region' ? 'analytics.caption.supplyRegions' : 'analytics.caption.supplyMunicipalities',
      {
        need: name,
      },
    ),
    columns: [
      column(locale, level, false),
      column(locale, level === 'region' ? 'regionCode' : 'municipalityCode', false),
      ...SUPPLY_COUNTS.map((key) => column(locale, key)),
      column(locale, 'onSiteProviders'),
    ],
    rows: areaRows,
  };
  sections.push({
    table: areas,
    chart: {
      kind: 'map',
      level,
      code: level === 'region' ? 'regionCode' : 'municipalityCode',
      value: show,
      title: `${areas.caption}: ${showLabel(locale, show)}`,
      valueLabel: showLabel(locale, show),
    },
    note: data.filter.need === null ? t(locale, 'analytics.note.supplyMapNeed', { need: name }) : null,
  });
  return sections;
}

/** Demand: per ISO week in order, and per need most asked for first (signals without a need as one row). */
export function demandSections(data: Pick<DemandAnalytics, 'weekly'>, locale: Locale): Section[] {
  const weeks = new Map<string, { signals: number; zeroResults: number }>();
  const needs = new Map<string, { signals: number; zeroResults: number }>();
  for (const cell of data.weekly) {
    for (const [totals, key] of [
      [weeks, cell.week],
      [needs, cell.need ?? ''],
    ] as const) {
      const total = totals.get(key) ?? { signals: 0, zeroResults: 0 };
      total.signals += cell.signals;
      total.zeroResults += cell.zeroResults;
      totals.set(key, total);
    }
  }
  const weekTable: DataTable = {
    id: 'weeks',
    caption: t(locale, 'analytics.caption.demandWeeks'),
    columns: [column(locale, 'week', false), column(locale, 'signals'), column(locale, 'zeroResults')],
    rows: [...weeks]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([week, total]) => [week, total.signals, total.zeroResults]),
  };
  const needTable: DataTable = {
    id: 'needs',
    caption: t(locale, 'analytics.caption.demandNeeds'),
    columns: [
      column(locale, 'need', false),
      column(locale, 'needCode', false),
      column(locale, 'signals'),
      column(locale, 'zeroResults'),
    ],
    rows: [...needs]
      .map(([need, total]): Cell[] => [
        need ? needName(locale, need) : t(locale, 'analytics.noNeed'),
        need,
        total.signals,
        total.zeroResults,
      ])
      .sort(byValue(2, 'desc', locale)),
  };
  const signals = t(locale, 'analytics.col.signals');
  return [
    {
      table: weekTable,
      chart: { kind: 'bar', value: 'signals', title: weekTable.caption, valueLabel: signals },
      note: null,
    },
    {
      table: needTable,
      chart: { kind: 'bar', value: 'signals', title: needTable.caption, valueLabel: signals },
      note: null,
    },
  ];
}

const GAP_COUNTS = ['demand', 'supply', 'regionDemand', 'regionSupply'] as const;

/**
 * Gaps: the largest (as the use case ranks them), and the map's need by region: the filter's need,
 * or the need of the largest gap. Scores to two decimals.
 */
export function gapSections(data: Pick<DemandAnalytics, 'filter' | 'gaps' | 'largestGaps'>, locale: Locale): Section[] {
  const score = t(locale, 'analytics.col.score');
  const largest: DataTable = {
    id: 'gaps',
    caption: t(locale, 'analytics.caption.gaps'),
    columns: [
      column(locale, 'need', false),
      column(locale, 'region', false),
      column(locale, 'needCode', false),
      column(locale, 'regionCode', false),
      ...GAP_COUNTS.map((key) => column(locale, key)),
      column(locale, 'score'),
    ],
    rows: data.largestGaps.map((gap) => [
      needName(locale, gap.need),
      regionName(locale, gap.region),
      gap.need,
      gap.region,
      ...GAP_COUNTS.map((key) => gap[key]),
      rounded(gap.score, 2),
    ]),
  };
  const sections: Section[] = [
    {
      table: largest,
      chart: { kind: 'bar', value: 'score', title: largest.caption, valueLabel: score, label: ['need', 'region'] },
      note: largest.rows.length === 0 ? t(locale, 'analytics.note.noGaps') : null,
    },
  ];
  const mapNeed = data.filter.need ?? data.largestGaps[0]?.need ?? null;
  if (mapNeed === null) return sections;
  const name = needName(locale, mapNeed);
  const regions: DataTable = {
    id: 'regions',
    caption: t(locale, 'analytics.caption.gapRegions', { need: name }),
    columns: [
      column(locale, 'region', false),
      column(locale, 'regionCode', false),
      ...GAP_COUNTS.map((key) => column(locale, key)),
      column(locale, 'score'),
    ],
    rows: data.gaps
      .filter((gap) => gap.need === mapNeed)
      .map((gap): Cell[] => [
        regionName(locale, gap.region),
        gap.region,
        ...GAP_COUNTS.map((key) => gap[key]),
        rounded(gap.score, 2),
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]), locale)),
  };
  sections.push({
    table: regions,
    chart: {
      kind: 'map',
      level: 'region',
      code: 'regionCode',
      value: 'score',
      title: regions.caption,
      valueLabel: score,
    },
    note: data.filter.need === null ? t(locale, 'analytics.note.gapMapNeed', { need: name }) : null,
  });
  return sections;
}

/**
 * Scarcity: per ECSF role profile, scarcest (fewest of the chosen figure) first, and the map's
 * role by region: the chosen role, or the first of the table.
 */
export function skillSections(
  data: Pick<SupplyAnalytics, 'scarcity' | 'scarcityByRegion'>,
  locale: Locale,
  choice: { show: SkillShow; role: string | null },
): Section[] {
  const columns = [
    column(locale, 'role', false),
    column(locale, 'roleCode', false),
    column(locale, 'companies'),
    column(locale, 'headcount'),
  ];
  const roles: DataTable = {
    id: 'roles',
    caption: t(locale, 'analytics.caption.roles'),
    columns,
    rows: data.scarcity
      .map((row): Cell[] => [roleName(locale, row.role), row.role, row.companies, row.headcount])
      .sort(byValue(choice.show === 'companies' ? 2 : 3, 'asc', locale)),
  };
  const label = showLabel(locale, choice.show);
  const sections: Section[] = [
    {
      table: roles,
      chart: { kind: 'bar', value: choice.show, title: `${roles.caption}: ${label}`, valueLabel: label },
      note: null,
    },
  ];
  const mapRole = choice.role ?? (roles.rows[0]?.[1] as string | undefined) ?? null;
  if (mapRole === null) return sections;
  const name = roleName(locale, mapRole);
  const regions: DataTable = {
    id: 'regions',
    caption: t(locale, 'analytics.caption.roleRegions', { role: name }),
    columns: [
      column(locale, 'region', false),
      column(locale, 'regionCode', false),
      column(locale, 'companies'),
      column(locale, 'headcount'),
    ],
    rows: data.scarcityByRegion
      .filter((row) => row.role === mapRole && row.region !== null)
      .map((row): Cell[] => [regionName(locale, row.region ?? ''), row.region, row.companies, row.headcount])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]), locale)),
  };
  sections.push({
    table: regions,
    chart: {
      kind: 'map',
      level: 'region',
      code: 'regionCode',
      value: choice.show,
      title: `${regions.caption}: ${label}`,
      valueLabel: label,
    },
    note: choice.role === null ? t(locale, 'analytics.note.roleMapRole', { role: name }) : null,
  });
  return sections;
}

/** Coverage: every NIST CSF 2.0 category and every NIS2 Art. 21(2) measure, in code order. */
export function coverageSections(
  data: Pick<SupplyAnalytics, 'csfCoverage' | 'nis2Coverage'>,
  locale: Locale,
): Section[] {
  const products = t(locale, 'analytics.col.products');
  const csf: DataTable = {
    id: 'csf',
    caption: t(locale, 'analytics.caption.csf'),
    columns: [
      column(locale, 'category', false),
      column(locale, 'categoryCode', false),
      column(locale, 'function', false),
      column(locale, 'products'),
      column(locale, 'providers'),
    ],
    rows: data.csfCoverage.map((row) => [
      `${row.category} ${csfCategoryName(locale, row.category)}`,
      row.category,
      row.function,
      row.products,
      row.providers,
    ]),
  };
  const nis2: DataTable = {
    id: 'nis2',
    caption: t(locale, 'analytics.caption.nis2'),
    columns: [
      column(locale, 'letter', false),
      column(locale, 'measureText', false),
      column(locale, 'measureCode', false),
      column(locale, 'products'),
      column(locale, 'providers'),
    ],
    rows: data.nis2Coverage.map((row) => [
      `(${row.letter})`,
      nis2MeasureText(locale, row.measure),
      row.measure,
      row.products,
      row.providers,
    ]),
  };
  return [
    { table: csf, chart: { kind: 'bar', value: 'products', title: csf.caption, valueLabel: products }, note: null },
    { table: nis2, chart: { kind: 'bar', value: 'products', title: nis2.caption, valueLabel: products }, note: null },
  ];
}

/** Concentration per need, fewest providers first, and the thin needs (as the use case orders them). */
export function concentrationSections(
  data: Pick<SupplyAnalytics, 'concentration' | 'thinNeeds'>,
  locale: Locale,
): Section[] {
  const yesNo = (value: boolean) => t(locale, value ? 'analytics.yes' : 'analytics.no');
  const all: DataTable = {
    id: 'concentration',
    caption: t(locale, 'analytics.caption.concentration'),
    columns: [
      column(locale, 'need', false),
      column(locale, 'needCode', false),
      column(locale, 'providers'),
      column(locale, 'products'),
      column(locale, 'top3Share'),
      column(locale, 'thin', false),
    ],
    rows: data.concentration
      .map((row): Cell[] => [
        needName(locale, row.need),
        row.need,
        row.providers,
        row.products,
        row.top3Share === null ? null : rounded(row.top3Share * 100, 1),
        yesNo(row.thin),
      ])
      .sort(byValue(2, 'asc', locale)),
  };
  const thin: DataTable = {
    id: 'thin',
    caption: t(locale, 'analytics.caption.thin'),
    columns: [
      column(locale, 'need', false),
      column(locale, 'needCode', false),
      column(locale, 'providers'),
      column(locale, 'products'),
    ],
    rows: data.thinNeeds.map((row) => [needName(locale, row.need), row.need, row.providers, row.products]),
  };
  return [
    {
      table: all,
      chart: {
        kind: 'bar',
        value: 'top3Share',
        title: `${all.caption}: ${t(locale, 'analytics.col.top3Share')}`,
        valueLabel: t(locale, 'analytics.col.top3Share'),
      },
      note: null,
    },
    {
      table: thin,
      chart: {
        kind: 'bar',
        value: 'providers',
        title: thin.caption,
        valueLabel: t(locale, 'analytics.col.providers'),
      },
      note: thin.rows.length === 0 ? t(locale, 'analytics.note.noThin') : null,
    },
  ];
}

/** Searches that found nothing, most frequent first (as the use case ranks them). */
export function zeroResultSections(data: Pick<DemandAnalytics, 'searchesWithoutResults'>, locale: Locale): Section[] {
  const searches: DataTable = {
    id: 'searches',
    caption: t(locale, 'analytics.caption.searches'),
    columns: [
      column(locale, 'words', false),
      column(locale, 'searches'),
      column(locale, 'firstDay', false),
      column(locale, 'lastDay', false),
    ],
    rows: data.searchesWithoutResults.map((row) => [row.words, row.searches, row.firstDay, row.lastDay]),
  };
  return [
    {
      table: searches,
      chart: {
        kind: 'bar',
        value: 'searches',
        title: searches.caption,
        valueLabel: t(locale, 'analytics.col.searches'),
      },
      note: null,
    },
  ];
}
