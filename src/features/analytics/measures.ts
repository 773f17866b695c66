import type { Locale } from '../../i18n';
import { type PageName, pagePath, type QueryValues, queryString } from '../../i18n/routes';

/**
 * The staff dashboards: an overview and one page per measure, each at a Danish and an English
 * path (src/i18n/routes.ts, so the language switch keeps the filters), with the table downloads
 * at the page's path plus `.csv` or `.json` and the same query.
 */

export const MEASURES = ['supply', 'demand', 'gaps', 'skills', 'coverage', 'concentration', 'zero-results'] as const;
export type Measure = (typeof MEASURES)[number];

const PAGE_OF: Record<Measure, PageName> = {
  supply: 'analyticsSupply',
  demand: 'analyticsDemand',
  gaps: 'analyticsGaps',
  skills: 'analyticsSkills',
  coverage: 'analyticsCoverage',
  concentration: 'analyticsConcentration',
  'zero-results': 'analyticsZeroResults',
};

/** The filter fields in the URL; which a page offers is FIELDS_OF. */
export const FILTER_FIELDS = ['from', 'to', 'region', 'sector', 'sizeBand', 'need'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** A page's own choices beside the filter: what the bar chart and the map are coloured by, the map's areas, the map's role. */
export const VIEW_FIELDS = ['show', 'level', 'role'] as const;
export type ViewField = (typeof VIEW_FIELDS)[number];
export type Field = FilterField | ViewField;

/**
 * The fields each page offers. Supply measures are today's catalogue, so they take no period; the
 * demand measures take all of the filter. The overview offers every filter field, so that its
 * links carry them to the measure pages.
 */
export const FIELDS_OF: Record<Measure | 'overview', readonly Field[]> = {
  overview: FILTER_FIELDS,
  supply: ['region', 'sector', 'sizeBand', 'need', 'show', 'level'],
  demand: FILTER_FIELDS,
  gaps: FILTER_FIELDS,
  skills: ['region', 'sector', 'sizeBand', 'role', 'show'],
  coverage: ['region', 'sector', 'sizeBand'],
  concentration: ['region', 'sector', 'sizeBand'],
  'zero-results': ['from', 'to', 'region', 'sector', 'sizeBand'],
};

/** Whether a page's size band is the provider's (supply) or the asking SME's (demand). */
export const isDemandMeasure = (measure: Measure | 'overview'): boolean =>
  measure === 'demand' || measure === 'gaps' || measure === 'zero-results';

/** What the supply page's bar chart and map can show; the first is the default. */
export const SUPPLY_SHOWS = [
  'providers',
  'products',
  'smeFriendlyProviders',
  'danishSpeakingProviders',
  'verifiedCertifiedProviders',
  'onSiteProviders',
] as const;
/** What the skills page's bar chart and map can show; the first is the default. */
export const SKILL_SHOWS = ['companies', 'headcount'] as const;
export const LEVELS = ['region', 'municipality'] as const;

/** The overview (measure null) or a measure's page, with a query. */
export const analyticsPath = (locale: Locale, measure: Measure | null, query: QueryValues = {}): string =>
  pagePath(locale, measure ? PAGE_OF[measure] : 'analytics', query);

/** The measure whose page is `slug` (the last segment of its path) in `locale`; null for none. */
export function measureOfSlug(locale: Locale, slug: string | undefined): Measure | null {
  return MEASURES.find((measure) => pagePath(locale, PAGE_OF[measure]).split('/').at(-1) === slug) ?? null;
}

/** A table's download: the page's path plus `.csv` or `.json`, the same query and the table's id. */
export const downloadPath = (
  locale: Locale,
  measure: Measure,
  format: 'csv' | 'json',
  query: QueryValues,
  table: string,
): string => `${pagePath(locale, PAGE_OF[measure])}.${format}${queryString({ ...query, table })}`;
