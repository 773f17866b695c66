import { z } from 'zod';
import { demandByQuarter, type QuarterDemandCell } from '../../graph/analytics/demand';
import {
  csfCoverage,
  nis2Coverage,
  roleScarcityByRegion,
  supplyByNeed,
  supplyByNeedAndRegion,
} from '../../graph/analytics/supply';
import { NEEDS } from '../../graph/data/needs';
import { TAXONOMIES } from '../../graph/data/taxonomies';
import type { Executor } from '../../graph/executor';
import type { SizeBand } from '../../graph/vocabulary';
import type { Viewer } from '../auth/viewer';
import { type Audience, audienceOf, shownCount, UNDER_K } from './analytics-demand';
import { analyticsFilterOf, demandFilterOf, supplyFilterOfAnalytics } from './analytics-filter';
import { ValidationError } from './errors';

/**
 * The public statistics: aggregate supply and demand figures for everyone (the page /statistik,
 * its CSV and JSON downloads, and the GraphQL field `statistics`), built so that no figure is a
 * person's or a single company's. Two rules decide what the public sees; NCC-DK staff and
 * analysts' tokens (`audienceOf`) see every number:
 * - **demand** (the "under 5" rule, src/use-cases/analytics-demand.ts `shownCount`): a cell built
 *   from fewer than 5 demand signals, none included, is shown as `'under 5'`, never as a number;
 * - **supply** (the "under 3" rule, `supplyFigure`): a supply cell built from 1 or 2 companies
 *   (providers of the need, or companies with the ECSF role) shows none of its figures: each is
 *   `'under 3'`, since with one or two companies in a cell its product count, its SME-friendly,
 *   Danish-speaking and verified counts would be those companies' own. A cell of 0 companies is 0.
 *   Headcounts are never public: even a cell of many companies can be one large company's figure.
 * Searches that found nothing are never public: they hold the visitors' own words.
 */

/** The fewest companies a supply cell may be built from and still show its figures to the public. */
export const SUPPLY_MIN_COMPANIES = 3;

/** What the public sees instead of the figures of a supply cell built from 1 or 2 companies. */
export const UNDER_SUPPLY = 'under 3' as const;

/** The most quarters one public question may span. */
export const MAX_PUBLIC_QUARTERS = 8;

/** A figure as shown: the number (null when hidden) and what is shown in its place ('under 5', 'under 3' or the number). */
export interface ShownFigure {
  value: number | null;
  shown: string;
}

const figure = (value: number): ShownFigure => ({ value, shown: String(value) });

/** A demand cell of `signals` signals as `audience` sees it (the "under 5" rule). */
export function demandFigure(signals: number, audience: Audience): ShownFigure {
  const shown = shownCount(signals, audience);
  return shown === UNDER_K ? { value: null, shown: UNDER_K } : figure(shown);
}

/** Whether a supply cell built from `companies` companies hides its figures from `audience` (1 or 2 companies, public). */
export function supplyHidden(companies: number, audience: Audience): boolean {
  return audience === 'public' && companies > 0 && companies < SUPPLY_MIN_COMPANIES;
}

/** One figure (`value`) of a supply cell built from `companies` companies, as `audience` sees it (the "under 3" rule). */
export function supplyFigure(value: number, companies: number, audience: Audience): ShownFigure {
  return supplyHidden(companies, audience) ? { value: null, shown: UNDER_SUPPLY } : figure(value);
}

/** `part` of `whole` as a share 0–1, or null when the cell is hidden or has no providers. */
function shareOf(part: number, whole: number, hidden: boolean): number | null {
  return hidden || whole === 0 ? null : part / whole;
}

// ---------------------------------------------------------------------------------------------
// The period: a quarter, or first and last day split into calendar quarters

/** A calendar quarter, `2033-Q1`, with its first and last day inside the asked period. */
export interface QuarterSpan {
  quarter: string;
  from: string;
  to: string;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The first and last day of a quarter ('2033-Q1' → 2033-01-01 … 2033-03-31). */
export function quarterDays(quarter: string): { from: string; to: string } {
  const match = QUARTER.exec(quarter);
  if (!match) throw new Error(`not a quarter: ${quarter}`);
  const year = Number(match[1]);
  const first = (Number(match[2]) - 1) * 3;
  const from = new Date(Date.UTC(year, first, 1));
  const to = new Date(Date.UTC(year, first + 3, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** The quarter an ISO date is in ('2033-02-14' → '2033-Q1'). */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The calendar quarters from `from` to `to` (ISO dates, both included), each clipped to the period. */
export function quartersBetween(from: string, to: string): QuarterSpan[] {
  const spans: QuarterSpan[] = [];
  let quarter = quarterOf(from);
  for (;;) {
    const days = quarterDays(quarter);
    spans.push({ quarter, from: days.from < from ? from : days.from, to: days.to > to ? to : days.to });
    if (days.to >= to) return spans;
    const next = new Date(`${days.to}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    quarter = quarterOf(next.toISOString().slice(0, 10));
  }
}

/** The public statistics' question. Every part is optional; blank is absent. */
export interface StatisticsInput {
  /** A calendar quarter, '2033-Q1'; not together with `from`/`to`. */
  quarter?: string | null;
  /** First and last day, ISO dates; without any period: the current quarter and the three before it. */
  from?: string | null;
  to?: string | null;
  /** Region code ('1084'): supply in the region (located or serving), demand from the region. */
  region?: string | null;
  /** Sector code: providers experienced in it, demand from SMEs in it. */
  sector?: string | null;
  /** Size band: the providers' own size for supply, the asking SME's for demand. */
  sizeBand?: string | null;
}

export interface StatisticsFilter {
  quarter: string | null;
  from: string;
  to: string;
  region: string | null;
  sector: string | null;
  sizeBand: SizeBand | null;
}

const quarterSchema = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
  z.string().trim().regex(QUARTER, 'is not a quarter (YYYY-Q1 to YYYY-Q4)').nullish(),
);

const blank = (value: string | null | undefined) => !value || value.trim() === '';

/**
 * The question checked: the quarter's shape, the rest by analyticsFilterOf (dates, codes that
 * exist), then that the period spans at most MAX_PUBLIC_QUARTERS quarters. ValidationError with
 * one issue per field otherwise. `now` decides the default period.
 */
export async function statisticsFilterOf(
  executor: Executor,
  input: StatisticsInput = {},
  now: Date = new Date(),
): Promise<StatisticsFilter> {
  const quarter = quarterSchema.safeParse(input.quarter);
  if (!quarter.success) {
    throw new ValidationError(
      quarter.error.issues.map((issue) => ({ path: 'quarter', code: issue.code, message: issue.message })),
    );
  }
  if (quarter.data && (!blank(input.from) || !blank(input.to))) {
    throw new ValidationError([
      { path: 'quarter', code: 'custom', message: 'give a quarter or a first and last day, not both' },
    ]);
  }
  const period = quarter.data ? quarterDays(quarter.data) : { from: input.from, to: input.to };
  const checked = await analyticsFilterOf(executor, {
    from: period.from,
    to: period.to,
    region: input.region,
    sector: input.sector,
    sizeBand: input.sizeBand,
  });
  const today = now.toISOString().slice(0, 10);
  const to = checked.to ?? (checked.from && checked.from > today ? quarterDays(quarterOf(checked.from)).to : today);
  const from = checked.from ?? quarterDays(quarterOf(shiftQuarters(to, -(4 - 1)))).from;
  if (from > to) throw new ValidationError([{ path: 'from', code: 'custom', message: 'is after the last day' }]);
  if (quartersBetween(from, to).length > MAX_PUBLIC_QUARTERS) {
    throw new ValidationError([
      { path: 'to', code: 'too_big', message: `the period spans more than ${MAX_PUBLIC_QUARTERS} quarters` },
    ]);
  }
  return {
    quarter: quarter.data ?? null,
    from,
    to,
    region: checked.region,
    sector: checked.sector,
    sizeBand: checked.sizeBand,
  };
}

/** A day in the quarter `by` quarters after (or before) the quarter of `day`: its first day. */
function shiftQuarters(day: string, by: number): string {
  const date = new Date(`${quarterDays(quarterOf(day)).from}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + by * 3);
  return date.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// The rows

/** Supply of one need in Denmark (or the filter's region). */
export interface NeedSupplyStatistic {
  need: string;
  providers: ShownFigure;
  products: ShownFigure;
  smeFriendlyProviders: ShownFigure;
  danishSpeakingProviders: ShownFigure;
  verifiedCertifiedProviders: ShownFigure;
  /** smeFriendlyProviders / providers, 0–1; null when hidden or without providers. */
  smeFriendlyShare: number | null;
  danishSpeakingShare: number | null;
  verifiedCertifiedShare: number | null;
}

/** Providers of one need in one region: located there or serving it, and of those located there. */
export interface NeedRegionSupplyStatistic {
  need: string;
  region: string;
  providers: ShownFigure;
  onSiteProviders: ShownFigure;
}

/** Per region: how many needs have at least SUPPLY_MIN_COMPANIES providers there (the map). */
export interface RegionCoverageStatistic {
  region: string;
  needsWithThreeProviders: number;
}

/** Coverage of one NIST CSF 2.0 category or NIS2 Art. 21(2) measure. */
export interface CoverageStatistic {
  /** 'PR.AA' or 'NIS2-21-2-a'. */
  code: string;
  /** The CSF function ('PR') or the measure's letter ('a'). */
  group: string;
  products: ShownFigure;
  providers: ShownFigure;
}

/** Companies with one ECSF role profile located in one region. */
export interface RoleRegionStatistic {
  role: string;
  region: string;
  companies: ShownFigure;
}

/** Demand signals for one need in one quarter, all of Denmark or the filter's region. */
export interface NeedQuarterDemandStatistic {
  need: string;
  quarter: string;
  signals: ShownFigure;
}

/** Demand signals for one need from one region over the whole period. */
export interface NeedRegionDemandStatistic {
  need: string;
  region: string;
  signals: ShownFigure;
}

export interface PublicStatistics {
  filter: StatisticsFilter;
  audience: Audience;
  /** The period's quarters, clipped to it. */
  quarters: QuarterSpan[];
  supplyByNeed: NeedSupplyStatistic[];
  supplyByNeedAndRegion: NeedRegionSupplyStatistic[];
  regionCoverage: RegionCoverageStatistic[];
  csfCoverage: CoverageStatistic[];
  nis2Coverage: CoverageStatistic[];
  roleScarcityByRegion: RoleRegionStatistic[];
  demandByNeedAndQuarter: NeedQuarterDemandStatistic[];
  demandByNeedAndRegion: NeedRegionDemandStatistic[];
}

/** The catalogue's needs and Denmark's regions: every demand row is one of these, zeros included. */
const NEED_SLUGS = NEEDS.map((need) => need.slug);
const REGION_CODES = TAXONOMIES.regions.map((region) => region.code);

/** Signals per need (all regions and none) and per need × region, summed over a quarter's weekly cells. */
/** Signals per need and per need × region, of each quarter of the period (in `quarters` order). */
function demandSumsByQuarter(cells: readonly QuarterDemandCell[], quarters: readonly QuarterSpan[]) {
  const sums = quarters.map(() => ({ byNeed: new Map<string, number>(), byNeedRegion: new Map<string, number>() }));
  const index = new Map(quarters.map((span, i) => [span.quarter, i]));
  for (const cell of cells) {
    const quarter = sums[index.get(cell.quarter) ?? -1];
    if (quarter === undefined) continue;
    quarter.byNeed.set(cell.need, (quarter.byNeed.get(cell.need) ?? 0) + cell.signals);
    if (cell.region) {
      const key = `${cell.need}\n${cell.region}`;
      quarter.byNeedRegion.set(key, (quarter.byNeedRegion.get(key) ?? 0) + cell.signals);
    }
  }
  return sums;
}

/**
 * The public statistics for `input`, as `viewer` may see them: everyone gets them, the public
 * under the "under 5" and "under 3" rules, staff and analysts with every number. ValidationError
 * for a bad question. Demand is read from the daily rollup, grouped by quarter of the period; supply is
 * today's directory.
 */
export async function readPublicStatistics(
  executor: Executor,
  viewer: Viewer,
  input: StatisticsInput = {},
  now: Date = new Date(),
): Promise<PublicStatistics> {
  const audience = audienceOf(viewer);
  const filter = await statisticsFilterOf(executor, input, now);
  const analytics = { ...filter, need: null };
  const supplyFilter = supplyFilterOfAnalytics(analytics);
  const quarters = quartersBetween(filter.from, filter.to);
  const [byNeed, byNeedAndRegion, csf, nis2, roles, quarterCells] = await Promise.all([
    supplyByNeed(executor, supplyFilter),
    supplyByNeedAndRegion(executor, supplyFilter),
    csfCoverage(executor, supplyFilter),
    nis2Coverage(executor, supplyFilter),
    roleScarcityByRegion(executor, supplyFilter),
    // One read for the whole period, grouped by quarter in Cypher (the quarters are clipped to the period by the
    // period filter itself).
    demandByQuarter(executor, demandFilterOf(analytics)),
  ]);
  const perQuarter = demandSumsByQuarter(quarterCells, quarters);

  const supply = (value: number, companies: number) => supplyFigure(value, companies, audience);
  const regions = filter.region ? [filter.region] : REGION_CODES;
  const coverage = (code: string, group: string, row: { products: number; providers: number }) => ({
    code,
    group,
    products: supply(row.products, row.providers),
    providers: supply(row.providers, row.providers),
  });

  const periodByNeedRegion = new Map<string, number>();
  for (const sums of perQuarter) {
    for (const [key, signals] of sums.byNeedRegion) {
      periodByNeedRegion.set(key, (periodByNeedRegion.get(key) ?? 0) + signals);
    }
  }

  return {
    filter,
    audience,
    quarters,
    supplyByNeed: byNeed.map((row) => {
      const hidden = supplyHidden(row.providers, audience);
      return {
        need: row.need,
        providers: supply(row.providers, row.providers),
        products: supply(row.products, row.providers),
        smeFriendlyProviders: supply(row.smeFriendlyProviders, row.providers),
        danishSpeakingProviders: supply(row.danishSpeakingProviders, row.providers),
        verifiedCertifiedProviders: supply(row.verifiedCertifiedProviders, row.providers),
        smeFriendlyShare: shareOf(row.smeFriendlyProviders, row.providers, hidden),
        danishSpeakingShare: shareOf(row.danishSpeakingProviders, row.providers, hidden),
        verifiedCertifiedShare: shareOf(row.verifiedCertifiedProviders, row.providers, hidden),
      };
    }),
    supplyByNeedAndRegion: byNeedAndRegion.map((row) => ({
      need: row.need,
      region: row.region,
      providers: supply(row.providers, row.providers),
      onSiteProviders: supply(row.onSiteProviders, row.providers),
    })),
    regionCoverage: regions.map((region) => ({
      region,
      needsWithThreeProviders: byNeedAndRegion.filter(
        (row) => row.region === region && row.providers >= SUPPLY_MIN_COMPANIES,
      ).length,
    })),
    csfCoverage: csf.map((row) => coverage(row.category, row.function, row)),
    nis2Coverage: nis2.map((row) => coverage(row.measure, row.letter, row)),
    roleScarcityByRegion: roles.map((row) => ({
      role: row.role,
      region: row.region ?? '',
      companies: supply(row.companies, row.companies),
    })),
    demandByNeedAndQuarter: NEED_SLUGS.flatMap((need) =>
      quarters.map((span, index) => ({
        need,
        quarter: span.quarter,
        signals: demandFigure(perQuarter[index]?.byNeed.get(need) ?? 0, audience),
      })),
    ),
    demandByNeedAndRegion: NEED_SLUGS.flatMap((need) =>
      regions.map((region) => ({
        need,
        region,
        signals: demandFigure(periodByNeedRegion.get(`${need}\n${region}`) ?? 0, audience),
      })),
    ),
  };
}
