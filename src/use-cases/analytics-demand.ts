import {
  type DemandCell,
  type DemandFilter,
  demandByWeek,
  graphToday,
  type MissedSearch,
  missedSearches,
  type NeedRegionCounts,
  needRegionCounts,
  type RollupRun,
  rollUpDemand,
} from '../../graph/analytics/demand';
import { NEEDS } from '../../graph/data/needs';
import type { Executor } from '../../graph/executor';
import type { GraphWriter } from '../../graph/write';
import type { Viewer } from '../auth/viewer';
import { type AnalyticsFilter, type AnalyticsFilterInput, analyticsFilterOf, demandFilterOf } from './analytics-filter';
import { analyticsFilterFor, mayReadAnalytics } from './analytics-supply';
import { ForbiddenError } from './errors';

/**
 * Demand analytics for NCC: what SMEs asked for (per need, region, sector, size band and week),
 * where demand outruns supply (the gap score), and which searches found nothing. Everything reads
 * the daily rollup (graph/analytics/demand.ts), never the raw signals.
 */

/** The smallest number of demand signals a cell may be built from and still be shown as a number to non-staff. */
export const K_ANONYMITY = 5;

/** What a non-staff viewer sees instead of a count built from fewer than K_ANONYMITY signals. */
export const UNDER_K = 'under 5' as const;

/** Who sees demand figures: NCC staff and analysts' API tokens see every count; everyone else the public one. */
export type Audience = 'staff' | 'public';

export function audienceOf(viewer: Viewer): Audience {
  return viewer.kind === 'staff' || viewer.kind === 'token' ? 'staff' : 'public';
}

/**
 * k-anonymity of demand figures: a cell built from fewer than 5 demand signals (0 to 4) is
 * `'under 5'` for the public and never a number; from 5 signals on it is the number. Staff see
 * the number always. Pages, downloads and GraphQL all pass counts through this.
 */
export function shownCount(signals: number, audience: Audience): number | typeof UNDER_K {
  if (audience === 'staff') return signals;
  return signals < K_ANONYMITY ? UNDER_K : signals;
}

/** K in the gap score: the number of needs in the catalogue (graph/data/needs.json). */
export const GAP_NEEDS = NEEDS.length;

/**
 * The gap score of need n in region r: how much larger n's share of the region's demand is than its
 * share of the region's supply, both shares smoothed over the K needs (add-one, Laplace):
 *
 *   gap(n, r) = ln( ((D(n,r) + 1) / (D(r) + K)) / ((S(n,r) + 1) / (S(r) + K)) )
 *
 * - D(n,r): demand signals for need n in region r in the period (signal-need pairs from the daily
 *   rollup, searches and matches; a signal for several needs counts for each; filtered by period,
 *   sector and size band);
 * - D(r) = Σₙ D(n,r): all signal-need pairs in region r (signals without a need or region are left out);
 * - S(n,r): providers on site in region r for need n: companies located in a municipality of r that
 *   offer at least one active product addressing n (today's graph);
 * - S(r) = Σₙ S(n,r): all provider-need pairs in region r;
 * - K: the number of needs in the catalogue (34).
 * Natural logarithm. 0 means the need's share of demand equals its share of supply; above 0 it gets
 * more of the region's demand than of its supply (a gap: +0.69 is twice the share); below 0 it is
 * better supplied than asked for. In a region with no provider at all each need's supply share is
 * 1/K, so needs asked for more than average there score above 0. The smoothing keeps the score
 * finite and pulls scores built on few signals towards 0.
 */
export function gapScore(
  counts: { demand: number; supply: number },
  region: { demand: number; supply: number },
  needs: number = GAP_NEEDS,
): number {
  const demandShare = (counts.demand + 1) / (region.demand + needs);
  const supplyShare = (counts.supply + 1) / (region.supply + needs);
  return Math.log(demandShare / supplyShare);
}

export interface DemandGap extends NeedRegionCounts {
  /** D(r): all signal-need pairs in the region. */
  regionDemand: number;
  /** S(r): all provider-need pairs in the region. */
  regionSupply: number;
  /** gap(n, r), see gapScore. */
  score: number;
}

/** Gap scores of need × region pairs (see gapScore), highest first, then by region and need. */
export function gapScores(rows: readonly NeedRegionCounts[], needs: number = GAP_NEEDS): DemandGap[] {
  const totals = new Map<string, { demand: number; supply: number }>();
  for (const row of rows) {
    const total = totals.get(row.region) ?? { demand: 0, supply: 0 };
    total.demand += row.demand;
    total.supply += row.supply;
    totals.set(row.region, total);
  }
  return rows
    .map((row) => {
      const region = totals.get(row.region) ?? { demand: 0, supply: 0 };
      return {
        ...row,
        regionDemand: region.demand,
        regionSupply: region.supply,
        score: gapScore(row, region, needs),
      };
    })
    .sort((a, b) => b.score - a.score || a.region.localeCompare(b.region) || a.need.localeCompare(b.need));
}

/**
 * Every need × region pair with demand or supply, with its gap score. The regional totals D(r) and
 * S(r) are taken over all needs, so a need filter only narrows the list, not the shares.
 */
export async function demandGaps(executor: Executor, filter: DemandFilter = {}): Promise<DemandGap[]> {
  const { needs, ...rest } = filter;
  const gaps = gapScores(await needRegionCounts(executor, rest));
  const wanted = needs && needs.length > 0 ? new Set(needs) : null;
  return wanted ? gaps.filter((gap) => wanted.has(gap.need)) : gaps;
}

/** Of gap scores (highest first), the largest gaps: pairs with demand (D(n,r) > 0) and a positive score, at most `limit`. */
export function largestOf(gaps: readonly DemandGap[], limit = 20): DemandGap[] {
  return gaps.filter((gap) => gap.demand > 0 && gap.score > 0).slice(0, limit);
}

/** The largest gaps: pairs with demand (D(n,r) > 0) and a positive score, highest first, at most `limit`. */
export async function largestGaps(executor: Executor, filter: DemandFilter = {}, limit = 20): Promise<DemandGap[]> {
  return largestOf(await demandGaps(executor, filter), limit);
}

/** Demand per need × region × sector × size band × ISO week (see DemandCell). */
export function weeklyDemand(executor: Executor, filter: DemandFilter = {}): Promise<DemandCell[]> {
  return demandByWeek(executor, filter);
}

/** Searches that found nothing, grouped by their scrubbed words, most frequent first. */
export function searchesWithoutResults(
  executor: Executor,
  filter: DemandFilter = {},
  limit = 100,
): Promise<MissedSearch[]> {
  return missedSearches(executor, filter, limit);
}

/**
 * The daily rollup as the server's schedule and `npm run rollup` run it: every day before today
 * not rolled up yet. Today is Neo4j's `date()` (the day it stamps new signals with, UTC unless the
 * server is configured otherwise), or the UTC day of `now` when given (the CLI's `--now`).
 */
export async function rollUpPastDays(writer: GraphWriter, now?: Date): Promise<RollupRun> {
  const until = now ? now.toISOString().slice(0, 10) : await graphToday(writer.executor);
  return rollUpDemand(writer, until);
}

export interface DemandAnalytics {
  filter: AnalyticsFilter;
  /** Demand per need × region × sector × size band × week (weeklyDemand). */
  weekly: DemandCell[];
  /** Every need × region pair with demand or supply and its gap score, highest first (demandGaps). */
  gaps: DemandGap[];
  /** The largest gaps: positive score and some demand, at most `gapLimit` (largestGaps). */
  largestGaps: DemandGap[];
  /** Searches that found nothing, grouped by their scrubbed words, at most `missLimit`. */
  searchesWithoutResults: MissedSearch[];
}

/**
 * Every demand measure for the filter (period, region, sector, the asker's size band, need), with
 * every count as it is: for NCC-DK staff and analysts' tokens only (ForbiddenError otherwise;
 * ValidationError for a bad filter). The public statistics show demand through shownCount instead.
 */
export async function readDemandAnalytics(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
  limits: { gaps?: number; misses?: number } = {},
): Promise<DemandAnalytics> {
  if (!mayReadAnalytics(viewer)) throw new ForbiddenError('Only NCC-DK staff and analysts may read the analytics.');
  const filter = await analyticsFilterOf(executor, input);
  const demandFilter = demandFilterOf(filter);
  const gapLimit = Math.min(Math.max(limits.gaps ?? 20, 1), 500);
  const missLimit = Math.min(Math.max(limits.misses ?? 100, 1), 500);
  const [weekly, gaps, misses] = await Promise.all([
    weeklyDemand(executor, demandFilter),
    demandGaps(executor, demandFilter),
    searchesWithoutResults(executor, demandFilter, missLimit),
  ]);
  return {
    filter,
    weekly,
    gaps,
    largestGaps: largestOf(gaps, gapLimit),
    searchesWithoutResults: misses,
  };
}

/** Demand per need × region × sector × size band × week for the filter; who may read as readDemandAnalytics. */
export async function readWeeklyDemand(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
): Promise<Pick<DemandAnalytics, 'filter' | 'weekly'>> {
  const filter = await analyticsFilterFor(executor, viewer, input);
  return { filter, weekly: await weeklyDemand(executor, demandFilterOf(filter)) };
}

/** Gap scores and the largest gaps (at most `limit`, 1–500) for the filter; who may read as readDemandAnalytics. */
export async function readDemandGaps(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
  limit = 20,
): Promise<Pick<DemandAnalytics, 'filter' | 'gaps' | 'largestGaps'>> {
  const filter = await analyticsFilterFor(executor, viewer, input);
  const gaps = await demandGaps(executor, demandFilterOf(filter));
  return { filter, gaps, largestGaps: largestOf(gaps, Math.min(Math.max(limit, 1), 500)) };
}

/** Searches that found nothing (at most `limit`, 1–500) for the filter; who may read as readDemandAnalytics. */
export async function readSearchesWithoutResults(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
  limit = 100,
): Promise<Pick<DemandAnalytics, 'filter' | 'searchesWithoutResults'>> {
  const filter = await analyticsFilterFor(executor, viewer, input);
  const limited = Math.min(Math.max(limit, 1), 500);
  return { filter, searchesWithoutResults: await searchesWithoutResults(executor, demandFilterOf(filter), limited) };
}
