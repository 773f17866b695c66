import neo4j from 'neo4j-driver';
import type { Executor } from '../executor';
import type { GraphWriter } from '../write';
import { cachedRead } from './cache';
import { wordsOf } from './need-words';

/**
 * Demand analytics: the daily rollup of the anonymous demand signals (graph/demand.ts) and the
 * queries over it. Queries never scan raw signals; they read the rollup.
 *
 * The rollup, one node per day and combination:
 * `(:DemandDay {day, kind, need, region, sector, sizeBand, signals, zeroResults})`
 * - `day`: the Date the signals were written (Neo4j's `date()`, UTC); `kind`: `search` or `match`;
 * - `need`, `region`, `sector`, `sizeBand`: the signal's need slug, region code, sector code and size
 *   band; a dimension the signal did not name is `''` (so the unique key can hold it);
 * - `signals`: how many signals of that day had that combination. A signal that named several
 *   needs counts once for each of them (so summing `signals` over needs counts signal-need pairs);
 *   a signal that named no need counts once under `need: ''`;
 * - `zeroResults`: how many of those signals found nothing (no search hit, no matched provider).
 *
 * Searches that found nothing, one node per day and combination:
 * `(:DemandMiss {day, words, region, sector, sizeBand, searches})`, where `words` is the search's
 * scrubbed words (graph/demand.ts `scrubQuery`: no e-mail addresses, URLs or digits), split into words
 * as graph/analytics/need-words.ts `wordsOf` does, each once, sorted and joined by one space — so
 * "Cloud backup" and "backup, cloud" are the same `backup cloud` — and `searches` how many such
 * searches there were.
 *
 * A day is rolled up once, whole, in one transaction that also writes `(:DemandRollup {day})`.
 * Only days before "today" are rolled up: signals are stamped with the day they are written, so no
 * signal is added to a past day.
 */

export interface RollupRun {
  /** The days rolled up by this run (ISO dates, ascending). */
  days: string[];
  /** Raw signals read by this run. */
  signals: number;
}

// The days before `until` with signals and no rollup, without reading the signals of days done:
// the days done (one small node each) split the calendar into the stretches between them, and
// each stretch's signal days are found by a range seek on the DemandSignal.day index. Stretches
// between two consecutive days done are empty and skipped; the others hold only signals that are
// not rolled up yet (which the rollup reads anyway), or none.
export const DAYS_TO_ROLL_UP = `
OPTIONAL MATCH (r:DemandRollup) WHERE r.day < date($until)
WITH r.day AS done ORDER BY done
WITH [day IN collect(done) WHERE day IS NOT NULL] AS done
UNWIND range(0, size(done)) AS i
WITH CASE WHEN i = 0 THEN date('0001-01-01') ELSE done[i - 1] + duration('P1D') END AS first,
     CASE WHEN i = size(done) THEN date($until) - duration('P1D') ELSE done[i] - duration('P1D') END AS last
WHERE first <= last
CALL (first, last) {
  MATCH (s:DemandSignal) WHERE s.day >= first AND s.day <= last
  RETURN DISTINCT s.day AS day
}
RETURN toString(day) AS day ORDER BY day`;

const ALREADY_DONE = 'MATCH (r:DemandRollup {day: date($day)}) RETURN r.day AS day';

const DAY_CELLS = `
MATCH (s:DemandSignal) WHERE s.day = date($day)
WITH s, CASE WHEN size(coalesce(s.needs, [])) = 0 THEN [''] ELSE s.needs END AS needs
UNWIND needs AS need
WITH s.kind AS kind, need, coalesce(s.region, '') AS region, coalesce(s.sector, '') AS sector,
     coalesce(s.sizeBand, '') AS sizeBand, count(*) AS signals,
     sum(CASE WHEN s.zeroResults THEN 1 ELSE 0 END) AS zeroResults
MERGE (d:DemandDay {day: date($day), kind: kind, need: need, region: region, sector: sector, sizeBand: sizeBand})
SET d.signals = signals, d.zeroResults = zeroResults
RETURN sum(signals) AS pairs`;

const DAY_MISSES = `
MATCH (s:DemandSignal) WHERE s.day = date($day) AND s.zeroResults AND s.query IS NOT NULL
RETURN s.query AS query, coalesce(s.region, '') AS region, coalesce(s.sector, '') AS sector,
       coalesce(s.sizeBand, '') AS sizeBand`;

const WRITE_MISSES = `
UNWIND $misses AS m
MERGE (x:DemandMiss {day: date($day), words: m.words, region: m.region, sector: m.sector, sizeBand: m.sizeBand})
SET x.searches = m.searches`;

const MARK_DONE = `
MATCH (s:DemandSignal) WHERE s.day = date($day)
WITH count(s) AS signals
MERGE (r:DemandRollup {day: date($day)})
ON CREATE SET r.rolledUpAt = datetime(), r.signals = signals
RETURN signals`;

/** Today as Neo4j's `date()` has it: the day new signals are stamped with (the rollup's usual `until`). */
export async function graphToday(executor: Executor): Promise<string> {
  const [row] = await executor.read<{ today: string }>('analytics.demand.today', 'RETURN toString(date()) AS today');
  if (!row) throw new Error('Neo4j did not say what day it is');
  return row.today;
}

/** The grouping key of a search that found nothing: its words, each once, sorted, one space apart. */
export function missWords(scrubbedQuery: string): string {
  return [...new Set(wordsOf(scrubbedQuery))].sort().join(' ');
}

/**
 * Rolls up every day before `until` (an ISO date, normally today) that has signals and is not
 * rolled up yet, oldest first, each day in one transaction. Idempotent: a day already rolled up is
 * skipped (also when two processes run at once: the rows are written with MERGE on their unique
 * key and absolute counts), so running it again changes nothing.
 */
export async function rollUpDemand(writer: GraphWriter, until: string): Promise<RollupRun> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) throw new Error(`until must be an ISO date (YYYY-MM-DD): ${until}`);
  const pending = await writer.executor.read<{ day: string }>('analytics.demand.rollup-days', DAYS_TO_ROLL_UP, {
    until,
  });
  const run: RollupRun = { days: [], signals: 0 };
  for (const { day } of pending) {
    const signals = await writer.change('analytics.demand.rollup', async (tx) => {
      if ((await tx.run(ALREADY_DONE, { day })).length > 0) return null;
      await tx.run(DAY_CELLS, { day });
      const misses = new Map<
        string,
        { words: string; region: string; sector: string; sizeBand: string; searches: number }
      >();
      for (const row of await tx.run<{ query: string; region: string; sector: string; sizeBand: string }>(DAY_MISSES, {
        day,
      })) {
        const words = missWords(row.query);
        if (!words) continue;
        const key = JSON.stringify([words, row.region, row.sector, row.sizeBand]);
        const seen = misses.get(key);
        if (seen) seen.searches += 1;
        else misses.set(key, { words, region: row.region, sector: row.sector, sizeBand: row.sizeBand, searches: 1 });
      }
      if (misses.size > 0) {
        await tx.run(WRITE_MISSES, {
          day,
          misses: [...misses.values()].map((miss) => ({ ...miss, searches: neo4j.int(miss.searches) })),
        });
      }
      const [done] = await tx.run<{ signals: number }>(MARK_DONE, { day });
      return done?.signals ?? 0;
    });
    if (signals === null) continue;
    run.days.push(day);
    run.signals += signals;
  }
  return run;
}

/** Filters shared by the demand queries; every one is optional (absent or null: no filter). */
export interface DemandFilter {
  /** First and last day (ISO dates, both included). */
  from?: string | null;
  to?: string | null;
  regions?: readonly string[] | null;
  sectors?: readonly string[] | null;
  sizeBands?: readonly string[] | null;
  needs?: readonly string[] | null;
  kinds?: ReadonlyArray<'search' | 'match'> | null;
}

type FilterParams = ReturnType<typeof filterParams>;

/**
 * The conditions of a demand filter on `d` (a DemandDay or DemandMiss), naming only the filters
 * given (their values stay parameters): the period is one range on `d.day` (an open end is the
 * first or last day Neo4j has) and a region list one IN on `d.region`, so the (region, day) and day
 * indexes seek the cells asked for instead of every cell being read. `also` adds the need and kind
 * filters (DemandMiss has neither).
 */
function filterOf(
  params: Omit<FilterParams, 'needs' | 'kinds'> & Partial<FilterParams>,
  also: ReadonlyArray<'needs' | 'kinds'> = [],
): string {
  const conditions = [
    "d.day >= coalesce(date($from), date('-999999999-01-01')) AND d.day <= coalesce(date($to), date('+999999999-12-31'))",
  ];
  if (params.regions) conditions.push('d.region IN $regions');
  if (params.sectors) conditions.push('d.sector IN $sectors');
  if (params.sizeBands) conditions.push('d.sizeBand IN $sizeBands');
  if (also.includes('needs') && params.needs) conditions.push('d.need IN $needs');
  if (also.includes('kinds') && params.kinds) conditions.push('d.kind IN $kinds');
  return conditions.join(' AND ');
}

function filterParams(filter: DemandFilter) {
  const list = (values: readonly string[] | null | undefined) => (values && values.length > 0 ? [...values] : null);
  return {
    from: filter.from ?? null,
    to: filter.to ?? null,
    regions: list(filter.regions),
    sectors: list(filter.sectors),
    sizeBands: list(filter.sizeBands),
    needs: list(filter.needs),
    kinds: list(filter.kinds),
  };
}

/**
 * One cell of demand: the signals of one ISO week (`2026-W05`, weeks start on Monday; the year is
 * the ISO week-year) for one need × region × sector × size band, summed over both kinds unless
 * filtered. `need`, `region`, `sector`, `sizeBand` are null where the signals did not name one.
 * `signals` counts signal-need pairs (a signal for several needs counts for each); `zeroResults`
 * how many of them found nothing.
 */
export interface DemandCell {
  week: string;
  need: string | null;
  region: string | null;
  sector: string | null;
  sizeBand: string | null;
  signals: number;
  zeroResults: number;
}

const DEMAND_BY_WEEK = (params: FilterParams) => `
MATCH (d:DemandDay)
WHERE ${filterOf(params, ['needs', 'kinds'])}
WITH toString(d.day.weekYear) + '-W' + right('0' + toString(d.day.week), 2) AS week,
     d.need AS need, d.region AS region, d.sector AS sector, d.sizeBand AS sizeBand,
     sum(d.signals) AS signals, sum(d.zeroResults) AS zeroResults
RETURN week, nullif(need, '') AS need, nullif(region, '') AS region, nullif(sector, '') AS sector,
       nullif(sizeBand, '') AS sizeBand, signals, zeroResults
ORDER BY week, need, region, sector, sizeBand`;

/** Demand per need × region × sector × size band × ISO week, from the rollup. */
export function demandByWeek(executor: Executor, filter: DemandFilter = {}): Promise<DemandCell[]> {
  const params = filterParams(filter);
  return cachedRead<DemandCell & Record<string, unknown>>(
    executor,
    'analytics.demand.by-week',
    DEMAND_BY_WEEK(params),
    params,
  );
}

/** Signals of one need in one calendar quarter (`2033-Q1`) from one region (null: no region known). */
export interface QuarterDemandCell {
  quarter: string;
  need: string;
  region: string | null;
  signals: number;
}

const DEMAND_BY_QUARTER = (params: FilterParams) => `
MATCH (d:DemandDay)
WHERE ${filterOf(params, ['needs', 'kinds'])} AND d.need <> ''
WITH toString(d.day.year) + '-Q' + toString(d.day.quarter) AS quarter, d.need AS need, d.region AS region,
     sum(d.signals) AS signals
RETURN quarter, need, nullif(region, '') AS region, signals
ORDER BY quarter, need, region`;

/**
 * Demand per calendar quarter × need × region over the whole period, in one read of the rollup (the public
 * statistics' demand tables: a period of eight quarters is one query, not eight).
 */
export function demandByQuarter(executor: Executor, filter: DemandFilter = {}): Promise<QuarterDemandCell[]> {
  const params = filterParams(filter);
  return cachedRead<QuarterDemandCell & Record<string, unknown>>(
    executor,
    'analytics.demand.by-quarter',
    DEMAND_BY_QUARTER(params),
    params,
  );
}

/** Demand and supply of one need in one region, the inputs of the gap score. */
export interface NeedRegionCounts {
  need: string;
  region: string;
  /** D: signal-need pairs for this need and region in the period (rollup `signals`, both kinds). */
  demand: number;
  /**
   * S: providers on site in the region for the need: companies located in a municipality of the
   * region (`LOCATED_IN`/`IN_REGION`) that offer at least one active product addressing the need.
   */
  supply: number;
}

const DEMAND_BY_NEED_REGION = (params: FilterParams) => `
MATCH (d:DemandDay)
WHERE ${filterOf(params, ['needs', 'kinds'])} AND d.need <> '' AND d.region <> ''
RETURN d.need AS need, d.region AS region, sum(d.signals) AS demand`;

const SUPPLY_BY_NEED_REGION = `
MATCH (r:Region)<-[:IN_REGION]-(:Municipality)<-[:LOCATED_IN]-(c:Company)-[:OFFERS]->(:Product {status: 'active'})-[:ADDRESSES]->(n:Need)
WHERE ($regions IS NULL OR r.code IN $regions) AND ($needs IS NULL OR n.slug IN $needs)
RETURN n.slug AS need, r.code AS region, count(DISTINCT c) AS supply`;

/**
 * Demand (D) and supply (S) per need × region, for every pair with either. Period, region, sector,
 * size band, need and kind filters apply to demand; the region and need filters also to supply
 * (supply is today's, and has no sector or size band of the asker).
 */
export async function needRegionCounts(executor: Executor, filter: DemandFilter = {}): Promise<NeedRegionCounts[]> {
  const params = filterParams(filter);
  const [demand, supply] = await Promise.all([
    cachedRead<{ need: string; region: string; demand: number }>(
      executor,
      'analytics.demand.need-region',
      DEMAND_BY_NEED_REGION(params),
      params,
    ),
    cachedRead<{ need: string; region: string; supply: number }>(
      executor,
      'analytics.supply.need-region',
      SUPPLY_BY_NEED_REGION,
      { regions: params.regions, needs: params.needs },
    ),
  ]);
  const byPair = new Map<string, NeedRegionCounts>();
  const cell = (need: string, region: string) => {
    const key = `${need}\n${region}`;
    let found = byPair.get(key);
    if (!found) {
      found = { need, region, demand: 0, supply: 0 };
      byPair.set(key, found);
    }
    return found;
  };
  for (const row of demand) cell(row.need, row.region).demand = row.demand;
  for (const row of supply) cell(row.need, row.region).supply = row.supply;
  return [...byPair.values()].sort((a, b) => a.region.localeCompare(b.region) || a.need.localeCompare(b.need));
}

/** One group of searches that found nothing (see DemandMiss above). */
export interface MissedSearch {
  words: string;
  searches: number;
  /** First and last day with such a search in the period. */
  firstDay: string;
  lastDay: string;
}

const MISSED_SEARCHES = (params: Omit<FilterParams, 'needs' | 'kinds'>) => `
MATCH (d:DemandMiss)
WHERE ${filterOf(params)}
WITH d.words AS words, sum(d.searches) AS searches, min(d.day) AS firstDay, max(d.day) AS lastDay
RETURN words, searches, toString(firstDay) AS firstDay, toString(lastDay) AS lastDay
ORDER BY searches DESC, words
LIMIT $limit`;

/** Searches that found nothing, grouped by their scrubbed words, most frequent first (then by words). */
export function missedSearches(executor: Executor, filter: DemandFilter = {}, limit = 100): Promise<MissedSearch[]> {
  const { needs: _needs, kinds: _kinds, ...params } = filterParams(filter);
  return cachedRead<MissedSearch & Record<string, unknown>>(
    executor,
    'analytics.demand.missed',
    MISSED_SEARCHES(params),
    {
      ...params,
      limit: neo4j.int(Math.max(0, Math.floor(limit))),
    },
  );
}
