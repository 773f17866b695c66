import { z } from 'zod';
import type { DemandFilter } from '../../graph/analytics/demand';
import type { SupplyFilter } from '../../graph/analytics/supply';
import type { Executor } from '../../graph/executor';
import { SIZE_BANDS, type SizeBand } from '../../graph/vocabulary';
import { ValidationError } from './errors';

/**
 * The one filter every analytics measure takes, from GraphQL arguments, a dashboard's URL or a
 * download link alike: period, region, sector, size band and need. Each part is optional (blank or
 * absent: no filter). Which parts a measure uses is part of its definition:
 * - demand (weekly demand, gaps, searches without results): all of them; `sizeBand` is the size of
 *   the SME that asked, `from`/`to` the days the signals were made;
 * - supply (per need, scarcity, coverage, concentration): `region`, `sector` and `sizeBand` (the
 *   provider's size); `from`/`to` choose the daily supply snapshots for series and comparisons.
 */
export interface AnalyticsFilterInput {
  /** First day, ISO date (2026-09-01), included. */
  from?: string | null;
  /** Last day, ISO date, included. */
  to?: string | null;
  /** Region code ('1084'). */
  region?: string | null;
  /** Sector code ('SEC-HEALTH'). */
  sector?: string | null;
  /** 'micro' | 'small' | 'medium' | 'large'. */
  sizeBand?: string | null;
  /** Need slug ('backup'). */
  need?: string | null;
}

export interface AnalyticsFilter {
  from: string | null;
  to: string | null;
  region: string | null;
  sector: string | null;
  sizeBand: SizeBand | null;
  need: string | null;
}

export const NO_FILTER: AnalyticsFilter = {
  from: null,
  to: null,
  region: null,
  sector: null,
  sizeBand: null,
  need: null,
};

/** The longest period one question may span: ten years of days. */
const MAX_PERIOD_DAYS = 3660;

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToNull, schema.nullish());
const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'is not a date (YYYY-MM-DD)')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'is not a date in the calendar',
  );

const filterSchema = z
  .object({
    from: optional(isoDate),
    to: optional(isoDate),
    region: optional(
      z
        .string()
        .trim()
        .max(10)
        .regex(/^\d{4}$/, 'is not a region code'),
    ),
    sector: optional(
      z
        .string()
        .trim()
        .max(100)
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'is not a sector code'),
    ),
    sizeBand: optional(z.enum(SIZE_BANDS)),
    need: optional(
      z
        .string()
        .trim()
        .max(100)
        .regex(/^[a-z0-9][a-z0-9-]*$/, 'is not a need slug'),
    ),
  })
  .superRefine((filter, context) => {
    if (!filter.from || !filter.to) return;
    const days = (Date.parse(filter.to) - Date.parse(filter.from)) / 86_400_000;
    if (days < 0) context.addIssue({ code: 'custom', path: ['to'], message: 'is before the first day' });
    else if (days > MAX_PERIOD_DAYS)
      context.addIssue({ code: 'custom', path: ['to'], message: 'is more than ten years after the first day' });
  });

const CODES_EXIST = `
RETURN ($region IS NULL OR EXISTS { MATCH (:Region {code: $region}) }) AS region,
       ($sector IS NULL OR EXISTS { MATCH (:Sector {code: $sector}) }) AS sector,
       ($need IS NULL OR EXISTS { MATCH (:Need {slug: $need}) }) AS need`;

/**
 * The filter checked: shapes first (ValidationError with one issue per field, `code` the zod
 * code), then that the region, sector and need exist in the graph (`unknown_reference`).
 */
export async function analyticsFilterOf(
  executor: Executor,
  input: AnalyticsFilterInput = {},
): Promise<AnalyticsFilter> {
  const parsed = filterSchema.safeParse(input ?? {});
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        code: issue.code,
        message: issue.message,
      })),
    );
  }
  const filter: AnalyticsFilter = {
    from: parsed.data.from ?? null,
    to: parsed.data.to ?? null,
    region: parsed.data.region ?? null,
    sector: parsed.data.sector ?? null,
    sizeBand: parsed.data.sizeBand ?? null,
    need: parsed.data.need ?? null,
  };
  if (filter.region || filter.sector || filter.need) {
    const [found] = await executor.read<{ region: boolean; sector: boolean; need: boolean }>(
      'analytics.filter.codes',
      CODES_EXIST,
      { region: filter.region, sector: filter.sector, need: filter.need },
    );
    const unknown = (['region', 'sector', 'need'] as const).filter((key) => !found?.[key]);
    if (unknown.length > 0) {
      throw new ValidationError(
        unknown.map((path) => ({ path, code: 'unknown_reference', message: `is not a known ${path}` })),
      );
    }
  }
  return filter;
}

/** The demand queries' filter (graph/analytics/demand.ts) of an analytics filter. */
export function demandFilterOf(filter: AnalyticsFilter): DemandFilter {
  const one = (value: string | null) => (value ? [value] : null);
  return {
    from: filter.from,
    to: filter.to,
    regions: one(filter.region),
    sectors: one(filter.sector),
    sizeBands: one(filter.sizeBand),
    needs: one(filter.need),
  };
}

/** The supply queries' filter (graph/analytics/supply.ts) of an analytics filter: where, which sector, which provider size. */
export function supplyFilterOfAnalytics(filter: AnalyticsFilter): SupplyFilter {
  return { region: filter.region, sector: filter.sector, sizeBand: filter.sizeBand };
}
