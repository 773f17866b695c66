import { z } from 'zod';
import {
  type CsfCoverageRow,
  csfCoverage,
  type NeedConcentrationRow,
  type NeedMunicipalitySupplyRow,
  type NeedRegionSupplyRow,
  type NeedSectorSupplyRow,
  type NeedSupplyRow,
  type Nis2CoverageRow,
  needConcentration,
  nis2Coverage,
  type RoleScarcityRow,
  roleScarcity,
  roleScarcityByRegion,
  type SupplyFilter,
  supplyByNeed,
  supplyByNeedAndMunicipality,
  supplyByNeedAndRegion,
  supplyByNeedAndSector,
  thinOf,
  unknownFilterCodes,
} from '../../graph/analytics/supply';
import type { Executor } from '../../graph/executor';
import { isStaff, type Viewer } from '../auth/viewer';
import { ForbiddenError, ValidationError } from './errors';

/**
 * Reading the supply measures (graph/analytics/supply.ts, where each figure is defined): NCC-DK
 * staff (reviewers, admins) and analysts' API tokens, for the GraphQL analytics API, the dashboard
 * pages and the daily snapshot alike. Every measure for one filter, as plain typed rows.
 */

export interface SupplyAnalyticsInput {
  /** Region code ('1084'); blank or absent: all of Denmark. */
  region?: string | null;
  /** Sector code ('SEC-HEALTH'); blank or absent: every sector. */
  sector?: string | null;
}

export interface SupplyAnalytics {
  filter: Required<SupplyFilter>;
  byNeed: NeedSupplyRow[];
  byNeedAndRegion: NeedRegionSupplyRow[];
  byNeedAndMunicipality: NeedMunicipalitySupplyRow[];
  byNeedAndSector: NeedSectorSupplyRow[];
  scarcity: RoleScarcityRow[];
  scarcityByRegion: RoleScarcityRow[];
  csfCoverage: CsfCoverageRow[];
  nis2Coverage: Nis2CoverageRow[];
  concentration: NeedConcentrationRow[];
  /** The concentration rows of the needs served by two or fewer providers, fewest first. */
  thinNeeds: NeedConcentrationRow[];
}

/** Who may read the analytics: reviewers, admins and analyst tokens. */
export const mayReadAnalytics = (viewer: Viewer): boolean =>
  isStaff(viewer, 'reviewer') ||
  isStaff(viewer, 'admin') ||
  (viewer.kind === 'token' && viewer.roles.includes('analyst'));

const blankToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);
const code = (pattern: RegExp, message: string) =>
  z.preprocess(blankToNull, z.string().trim().max(100).regex(pattern, message).nullish());

const filterSchema = z.object({
  region: code(/^\d{4}$/, 'is not a region code'),
  sector: code(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'is not a sector code'),
});

/** The filter checked: shapes first, then that the codes name a region and a sector in the graph. */
export async function supplyFilterOf(executor: Executor, input: SupplyAnalyticsInput): Promise<Required<SupplyFilter>> {
  const parsed = filterSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        code: issue.code,
        message: issue.message,
      })),
    );
  }
  const filter = { region: parsed.data.region ?? null, sector: parsed.data.sector ?? null };
  const unknown = await unknownFilterCodes(executor, filter);
  if (unknown.length > 0) {
    throw new ValidationError(
      unknown.map((path) => ({ path, code: 'unknown_reference', message: `is not a known ${path}` })),
    );
  }
  return filter;
}

/** Every supply measure for the filter; ForbiddenError for anyone but staff and analysts, ValidationError for a bad filter. */
export async function readSupplyAnalytics(
  executor: Executor,
  viewer: Viewer,
  input: SupplyAnalyticsInput,
): Promise<SupplyAnalytics> {
  if (!mayReadAnalytics(viewer)) throw new ForbiddenError('Only NCC-DK staff and analysts may read the analytics.');
  const filter = await supplyFilterOf(executor, input);
  const [
    byNeed,
    byNeedAndRegion,
    byNeedAndMunicipality,
    byNeedAndSector,
    scarcity,
    scarcityByRegion,
    csf,
    nis2,
    concentration,
  ] = await Promise.all([
    supplyByNeed(executor, filter),
    supplyByNeedAndRegion(executor, filter),
    supplyByNeedAndMunicipality(executor, filter),
    supplyByNeedAndSector(executor, filter),
    roleScarcity(executor, filter),
    roleScarcityByRegion(executor, filter),
    csfCoverage(executor, filter),
    nis2Coverage(executor, filter),
    needConcentration(executor, filter),
  ]);
  return {
    filter,
    byNeed,
    byNeedAndRegion,
    byNeedAndMunicipality,
    byNeedAndSector,
    scarcity,
    scarcityByRegion,
    csfCoverage: csf,
    nis2Coverage: nis2,
    concentration,
    thinNeeds: thinOf(concentration),
  };
}
