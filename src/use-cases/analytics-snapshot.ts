import { z } from 'zod';
import {
  ALL_DENMARK,
  nearestSnapshotDays,
  readSnapshotPart,
  SNAPSHOT_PARTS,
  type SnapshotArea,
  type SnapshotMeasures,
  type SnapshotPart,
  supplySnapshotTaken,
  writeSupplySnapshot,
} from '../../graph/analytics/snapshot';
import {
  csfCoverage,
  needConcentration,
  nis2Coverage,
  roleScarcity,
  roleScarcityByRegion,
  type SupplyFilter,
  supplyByNeed,
  supplyByNeedAndMunicipality,
  supplyByNeedAndRegion,
  supplyByNeedAndSector,
} from '../../graph/analytics/supply';
import type { Executor } from '../../graph/executor';
import type { GraphWriter } from '../../graph/write';
import type { Viewer } from '../auth/viewer';
import { type AnalyticsFilter, type AnalyticsFilterInput, analyticsFilterOf } from './analytics-filter';
import { mayReadAnalytics } from './analytics-supply';
import { type FieldIssue, ForbiddenError, ValidationError } from './errors';

/**
 * Supply over time: the daily snapshot of the supply measures (stored by
 * graph/analytics/snapshot.ts), a measure's series over a period, and a comparison of two days.
 *
 * A day's snapshot holds, for all of Denmark (no filter): supply per need, per need × region,
 * per need × municipality and per need × sector, scarcity per role and per role × region, CSF
 * and NIS2 coverage and concentration per need; and for each region (the region filter): supply
 * per need, scarcity, CSF and NIS2 coverage and concentration. Sector and size band filters are
 * not kept, with one exception: supply per need in one sector for all of Denmark is the
 * need × sector breakdown, so a series or comparison of `supplyByNeed` may name a sector (without
 * a region). Every other use of `sector`, and any `sizeBand`, is refused with a ValidationError.
 */

/** The measures a series or comparison can follow; each names the rows of supply.ts it reads. */
export const SUPPLY_MEASURES = [
  'supplyByNeed',
  'roleScarcity',
  'csfCoverage',
  'nis2Coverage',
  'concentration',
] as const;
export type SupplyMeasure = (typeof SUPPLY_MEASURES)[number];

/** What each measure's `key` is. */
export const SUPPLY_MEASURE_KEYS: Record<SupplyMeasure, string> = {
  supplyByNeed: 'need slug',
  roleScarcity: 'ECSF role profile code',
  csfCoverage: 'NIST CSF 2.0 category code',
  nis2Coverage: 'NIS2 Art. 21(2) measure code',
  concentration: 'need slug',
};

/** A series without a period covers this many days, up to today (UTC). */
export const SERIES_DEFAULT_DAYS = 90;

/** The snapshot is taken daily at this time (UTC). */
export const SNAPSHOT_TIME_UTC = { hour: 0, minute: 30 } as const;

/**
 * The figures of one key on one day, as supply.ts defines them; a figure the measure does not have is null:
 * - supplyByNeed: providers, products, smeFriendlyProviders, danishSpeakingProviders,
 *   verifiedCertifiedProviders, onSiteProviders (null without a region);
 * - roleScarcity: companies, headcount;
 * - csfCoverage, nis2Coverage: products, providers;
 * - concentration: providers, products, top3Share, thin.
 */
export interface SupplyFigures {
  providers: number | null;
  products: number | null;
  smeFriendlyProviders: number | null;
  danishSpeakingProviders: number | null;
  verifiedCertifiedProviders: number | null;
  onSiteProviders: number | null;
  companies: number | null;
  headcount: number | null;
  top3Share: number | null;
  thin: boolean | null;
}

export interface SupplySeriesPoint extends SupplyFigures {
  /** The snapshot's day (ISO date). */
  day: string;
  /** What the row is about (SUPPLY_MEASURE_KEYS). */
  key: string;
}

/** The second day's figure minus the first's; null where either is null (the key or the figure is missing). */
export type SupplyDifference = Omit<SupplyFigures, 'thin'>;

export interface SupplyComparisonRow {
  key: string;
  /** Null when the first day's snapshot has no row for the key (a need added since, say). */
  first: SupplyFigures | null;
  second: SupplyFigures | null;
  difference: SupplyDifference;
}

export interface SnapshotRun {
  /** The UTC day the snapshot is of (ISO date). */
  day: string;
  /** False when the day had its snapshot already: nothing was written. */
  taken: boolean;
  /** Region snapshots written besides the all-Denmark one (0 when not taken). */
  regions: number;
  /** UTF-8 bytes of the measures written (0 when not taken). */
  bytes: number;
  ms: number;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000));

const REGION_CODES = 'MATCH (r:Region) RETURN r.code AS code ORDER BY code';

/**
 * Takes the supply snapshot of `now`'s UTC day (default: the current moment): every measure for all
 * of Denmark and for each region, written in one transaction. Idempotent: a day that has its
 * snapshot is not computed again, and when two runs compute the same day at once only one is
 * kept (`taken` false for the other).
 */
export async function takeSupplySnapshot(writer: GraphWriter, now: Date = new Date()): Promise<SnapshotRun> {
  const started = Date.now();
  const day = isoDay(now);
  const executor = writer.executor;
  const skipped = () => ({ day, taken: false, regions: 0, bytes: 0, ms: Date.now() - started });
  if (await supplySnapshotTaken(executor, day)) return skipped();

  const areas: SnapshotArea[] = [
    { region: ALL_DENMARK, measures: await measuresOf(executor, ALL_DENMARK_MEASURES, {}) },
  ];
  const regions = await executor.read<{ code: string }>('analytics.snapshot.regions', REGION_CODES);
  for (const { code } of regions) {
    areas.push({ region: code, measures: await measuresOf(executor, REGION_MEASURES, { region: code }) });
  }

  const written = await writeSupplySnapshot(writer, day, areas);
  if (!written.taken) return skipped();
  return { day, taken: true, regions: regions.length, bytes: written.bytes, ms: Date.now() - started };
}

/**
 * How each stored measure is computed: the queries readSupplyAnalytics (supplyAnalyticsOf) runs,
 * with the same filter. All of Denmark keeps every measure; a region leaves out the breakdowns by
 * area and sector (its need × region rows would repeat its rows per need, and the municipality and
 * sector breakdowns are kept once, for all of Denmark).
 */
const MEASURE_QUERIES: {
  [K in SnapshotPart]: (executor: Executor, filter: SupplyFilter) => Promise<SnapshotMeasures[K]>;
} = {
  byNeed: supplyByNeed,
  byNeedAndRegion: supplyByNeedAndRegion,
  byNeedAndMunicipality: supplyByNeedAndMunicipality,
  byNeedAndSector: supplyByNeedAndSector,
  scarcity: roleScarcity,
  scarcityByRegion: roleScarcityByRegion,
  csfCoverage,
  nis2Coverage,
  concentration: needConcentration,
};
const ALL_DENMARK_MEASURES = SNAPSHOT_PARTS;
const REGION_MEASURES = ['byNeed', 'scarcity', 'csfCoverage', 'nis2Coverage', 'concentration'] as const;

/**
 * The measures of one area, one query after the other: they are the heaviest reads the graph
 * serves, and run side by side on a busy server each could outlast the transaction timeout; the
 * snapshot is not urgent.
 */
async function measuresOf(
  executor: Executor,
  parts: readonly SnapshotPart[],
  filter: SupplyFilter,
): Promise<Partial<SnapshotMeasures>> {
  const measures: Partial<Record<SnapshotPart, unknown>> = {};
  for (const part of parts) measures[part] = await MEASURE_QUERIES[part](executor, filter);
  return measures as Partial<SnapshotMeasures>;
}

/** How long after a run that failed (Neo4j away, a timeout) the next one is tried. */
export const SNAPSHOT_RETRY_MS = 15 * 60_000;

/**
 * Milliseconds from `now` until the next run of the in-process schedule: the next daily snapshot
 * time after a run that took or found the day's snapshot; after one that failed, SNAPSHOT_RETRY_MS
 * (or the daily time, if sooner), so that a failure at 00:30 does not lose the day's snapshot.
 */
export function msUntilNextSnapshotRun(now: Date, lastRunFailed: boolean): number {
  const daily = msUntilDailySnapshot(now);
  return lastRunFailed ? Math.min(SNAPSHOT_RETRY_MS, daily) : daily;
}

/** Milliseconds from `now` until the next daily snapshot time (00:30 UTC). */
export function msUntilDailySnapshot(now: Date): number {
  const next = new Date(
    Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate(),
      SNAPSHOT_TIME_UTC.hour,
      SNAPSHOT_TIME_UTC.minute,
    ),
  );
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

// ---------------------------------------------------------------------------------------------
// Reading: where a measure's rows are kept, and its figures

interface Source {
  region: string;
  part: SnapshotPart;
  /** The rows of the part that belong to the question (the sector's, for supply per need in a sector). */
  keep: (row: Record<string, unknown>) => boolean;
  keyOf: (row: Record<string, unknown>) => string;
}

const NUMBER_FIGURES = [
  'providers',
  'products',
  'smeFriendlyProviders',
  'danishSpeakingProviders',
  'verifiedCertifiedProviders',
  'onSiteProviders',
  'companies',
  'headcount',
  'top3Share',
] as const satisfies ReadonlyArray<keyof SupplyDifference>;

/** Which figures each measure has (the rest are null). */
const FIGURES: Record<SupplyMeasure, ReadonlyArray<keyof SupplyFigures>> = {
  supplyByNeed: [
    'providers',
    'products',
    'smeFriendlyProviders',
    'danishSpeakingProviders',
    'verifiedCertifiedProviders',
    'onSiteProviders',
  ],
  roleScarcity: ['companies', 'headcount'],
  csfCoverage: ['products', 'providers'],
  nis2Coverage: ['products', 'providers'],
  concentration: ['providers', 'products', 'top3Share', 'thin'],
};

function figuresOf(measure: SupplyMeasure, row: Record<string, unknown>): SupplyFigures {
  const figures: SupplyFigures = {
    providers: null,
    products: null,
    smeFriendlyProviders: null,
    danishSpeakingProviders: null,
    verifiedCertifiedProviders: null,
    onSiteProviders: null,
    companies: null,
    headcount: null,
    top3Share: null,
    thin: null,
  };
  for (const name of FIGURES[measure]) (figures as unknown as Record<string, unknown>)[name] = row[name] ?? null;
  return figures;
}

const NEED_KEYED: ReadonlySet<SupplyMeasure> = new Set(['supplyByNeed', 'concentration']);

/** Where the measure's rows for the filter are kept, or a ValidationError naming what snapshots cannot answer. */
function sourceOf(measure: SupplyMeasure, filter: AnalyticsFilter): Source {
  const issues: FieldIssue[] = [];
  if (filter.sizeBand) {
    issues.push({
      path: 'sizeBand',
      code: 'not_in_snapshots',
      message: 'cannot be followed over time: the daily snapshots count providers of every size together',
    });
  }
  const bySector = measure === 'supplyByNeed' && filter.sector !== null && filter.region === null;
  if (filter.sector && !bySector) {
    issues.push({
      path: 'sector',
      code: 'not_in_snapshots',
      message:
        'can be followed over time only for supplyByNeed in all of Denmark (no region): the daily snapshots keep no other measure by sector',
    });
  }
  if (filter.need && !NEED_KEYED.has(measure)) {
    issues.push({
      path: 'need',
      code: 'not_applicable',
      message: `does not apply to ${measure}, whose rows are per ${SUPPLY_MEASURE_KEYS[measure]}`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const region = filter.region ?? ALL_DENMARK;
  const byKey = (field: string) => (row: Record<string, unknown>) => String(row[field]);
  const needOk = (row: Record<string, unknown>) => filter.need === null || row.need === filter.need;
  switch (measure) {
    case 'supplyByNeed':
      return bySector
        ? {
            region,
            part: 'byNeedAndSector',
            keep: (row) => row.sector === filter.sector && needOk(row),
            keyOf: byKey('need'),
          }
        : { region, part: 'byNeed', keep: needOk, keyOf: byKey('need') };
    case 'roleScarcity':
      return { region, part: 'scarcity', keep: () => true, keyOf: byKey('role') };
    case 'csfCoverage':
      return { region, part: 'csfCoverage', keep: () => true, keyOf: byKey('category') };
    case 'nis2Coverage':
      return { region, part: 'nis2Coverage', keep: () => true, keyOf: byKey('measure') };
    case 'concentration':
      return { region, part: 'concentration', keep: needOk, keyOf: byKey('need') };
  }
}

const measureSchema = z.enum(SUPPLY_MEASURES);

function measureOf(value: unknown): SupplyMeasure {
  const parsed = measureSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError([
    { path: 'measure', code: 'invalid_value', message: `is not one of ${SUPPLY_MEASURES.join(', ')}` },
  ]);
}

function mayRead(viewer: Viewer) {
  if (!mayReadAnalytics(viewer)) throw new ForbiddenError('Only NCC-DK staff and analysts may read the analytics.');
}

/** The first day a date (YYYY-MM-DD) can name: a period running back past it starts there. */
const FIRST_DAY = '0000-01-01';

/**
 * The days a series covers: the filter's, else the SERIES_DEFAULT_DAYS days up to today (UTC), or
 * from FIRST_DAY when `to` is nearer to it than that.
 */
export function seriesPeriod(filter: Pick<AnalyticsFilter, 'from' | 'to'>, today: Date): { from: string; to: string } {
  const to = filter.to ?? isoDay(today);
  const back = Date.parse(`${to}T00:00:00Z`) - (SERIES_DEFAULT_DAYS - 1) * 86_400_000;
  const from = filter.from ?? (back < Date.parse(`${FIRST_DAY}T00:00:00Z`) ? FIRST_DAY : isoDay(new Date(back)));
  return { from, to };
}

/**
 * A measure's series: for each day with a snapshot in the filter's period (default: the last 90
 * days, today included), one point per key with that day's figures, for the filter's region (all of
 * Denmark without one), oldest day first, keys in the measure's order. A need in the filter keeps
 * only that need (need-keyed measures only). ForbiddenError for anyone but staff and analysts;
 * ValidationError for a bad filter or one the snapshots cannot answer.
 */
export async function readSupplySeries(
  executor: Executor,
  viewer: Viewer,
  input: { measure: SupplyMeasure; filter?: AnalyticsFilterInput | null },
): Promise<SupplySeriesPoint[]> {
  mayRead(viewer);
  const measure = measureOf(input.measure);
  const filter = await analyticsFilterOf(executor, input.filter ?? {});
  const source = sourceOf(measure, filter);
  const { from, to } = seriesPeriod(filter, new Date());
  const days = await readSnapshotPart(executor, { region: source.region, part: source.part, from, to });
  return days.flatMap(({ day, rows }) =>
    (rows as unknown as Array<Record<string, unknown>>)
      .filter(source.keep)
      .map((row) => ({ day, key: source.keyOf(row), ...figuresOf(measure, row) })),
  );
}

const calendarDay = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'is not a date (YYYY-MM-DD)', abort: true })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && addDays(value, 0) === value, {
    message: 'is not a date in the calendar',
  });

/**
 * A measure on two days side by side: one row per key found on either day, with each day's
 * figures and the difference (second minus first), ordered by key (code point order). `first` and
 * `second` are ISO dates with a snapshot for the filter's region; a day without one is a
 * ValidationError (code 'no_snapshot') naming the nearest days that have one. The filter's
 * period does not apply (the two days are the period); region, sector and need apply as in a series.
 */
export async function compareSupply(
  executor: Executor,
  viewer: Viewer,
  input: { measure: SupplyMeasure; first: string; second: string; filter?: AnalyticsFilterInput | null },
): Promise<SupplyComparisonRow[]> {
  mayRead(viewer);
  const measure = measureOf(input.measure);
  const issues: FieldIssue[] = [];
  const days: Record<'first' | 'second', string> = { first: '', second: '' };
  for (const path of ['first', 'second'] as const) {
    const parsed = calendarDay.safeParse(input[path]);
    if (parsed.success) days[path] = parsed.data;
    else issues.push(...parsed.error.issues.map((issue) => ({ path, code: issue.code, message: issue.message })));
  }
  for (const path of ['from', 'to'] as const) {
    if (input.filter?.[path]?.trim()) {
      issues.push({ path, code: 'not_applicable', message: 'does not apply: a comparison is of `first` and `second`' });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  const filter = await analyticsFilterOf(executor, { ...input.filter, from: null, to: null });
  const source = sourceOf(measure, filter);

  const read = (day: string) =>
    readSnapshotPart(executor, { region: source.region, part: source.part, from: day, to: day });
  const [first, second] = await Promise.all([read(days.first), read(days.second)]);
  const missing: FieldIssue[] = [];
  for (const [path, found] of [
    ['first', first],
    ['second', second],
  ] as const) {
    if (found.length > 0) continue;
    const near = await nearestSnapshotDays(executor, source.region, days[path]);
    const nearest = [near.before, near.after].filter((day): day is string => day !== null);
    const area = source.region === ALL_DENMARK ? 'all of Denmark' : `region ${source.region}`;
    missing.push({
      path,
      code: 'no_snapshot',
      message: `${days[path]} has no supply snapshot for ${area}; ${
        nearest.length > 0 ? `the nearest days with one are ${nearest.join(' and ')}` : 'there is none yet'
      }`,
    });
  }
  if (missing.length > 0) throw new ValidationError(missing);

  const byKey = (found: typeof first) => {
    const rows = (found[0]?.rows ?? []) as unknown as Array<Record<string, unknown>>;
    return new Map(rows.filter(source.keep).map((row) => [source.keyOf(row), figuresOf(measure, row)]));
  };
  const before = byKey(first);
  const after = byKey(second);
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((key) => {
    const one = before.get(key) ?? null;
    const two = after.get(key) ?? null;
    return { key, first: one, second: two, difference: differenceOf(one, two) };
  });
}

function differenceOf(first: SupplyFigures | null, second: SupplyFigures | null): SupplyDifference {
  const difference = {} as Record<keyof SupplyDifference, number | null>;
  for (const name of NUMBER_FIGURES) {
    const a = first?.[name] ?? null;
    const b = second?.[name] ?? null;
    // Shares are fractions: their difference is rounded so 5/6 − 1 reads as −0.166666666667, not with float noise.
    difference[name] =
      a === null || b === null ? null : name === 'top3Share' ? Math.round((b - a) * 1e12) / 1e12 : b - a;
  }
  return difference;
}
