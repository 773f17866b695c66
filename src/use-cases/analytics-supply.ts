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
  supplyByNeed,
  supplyByNeedAndMunicipality,
  supplyByNeedAndRegion,
  supplyByNeedAndSector,
  thinOf,
} from '../../graph/analytics/supply';
import type { Executor } from '../../graph/executor';
import { isStaff, type Viewer } from '../auth/viewer';
import {
  type AnalyticsFilter,
  type AnalyticsFilterInput,
  analyticsFilterOf,
  supplyFilterOfAnalytics,
} from './analytics-filter';
import { ForbiddenError } from './errors';

/**
 * Reading the supply measures (graph/analytics/supply.ts, where each figure is defined): NCC-DK
 * staff (reviewers, admins) and analysts' API tokens, for the GraphQL analytics API, the dashboard
 * pages and the daily snapshot alike. Every measure for one filter, as plain typed rows.
 */

export interface SupplyAnalytics {
  filter: AnalyticsFilter;
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

/** Every supply measure for the filter; ForbiddenError for anyone but staff and analysts, ValidationError for a bad filter. */
export async function readSupplyAnalytics(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
): Promise<SupplyAnalytics> {
  if (!mayReadAnalytics(viewer)) throw new ForbiddenError('Only NCC-DK staff and analysts may read the analytics.');
  const filter = await analyticsFilterOf(executor, input);
  return supplyAnalyticsOf(executor, filter);
}

/**
 * Every supply measure for a checked filter, without asking who reads: for the daily snapshot and
 * the public statistics, which choose their own filters. Only `region`, `sector` and `sizeBand` apply.
 */
export async function supplyAnalyticsOf(executor: Executor, filter: AnalyticsFilter): Promise<SupplyAnalytics> {
  const supplyFilter = supplyFilterOfAnalytics(filter);
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
    supplyByNeed(executor, supplyFilter),
    supplyByNeedAndRegion(executor, supplyFilter),
    supplyByNeedAndMunicipality(executor, supplyFilter),
    supplyByNeedAndSector(executor, supplyFilter),
    roleScarcity(executor, supplyFilter),
    roleScarcityByRegion(executor, supplyFilter),
    csfCoverage(executor, supplyFilter),
    nis2Coverage(executor, supplyFilter),
    needConcentration(executor, supplyFilter),
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

/**
 * The checked filter for a reader of the analytics: ForbiddenError for anyone but staff and
 * analysts, ValidationError for a bad filter. The narrow readers below (one per dashboard page)
 * start with it, so each reads only the measures it shows under the same rule as readSupplyAnalytics.
 */
export async function analyticsFilterFor(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
): Promise<AnalyticsFilter> {
  if (!mayReadAnalytics(viewer)) throw new ForbiddenError('Only NCC-DK staff and analysts may read the analytics.');
  return analyticsFilterOf(executor, input);
}

export type AreaLevel = 'region' | 'municipality';

export interface NeedSupply {
  filter: AnalyticsFilter;
  byNeed: NeedSupplyRow[];
  /** Supply per need × area: per region (`level` 'region') or per municipality, as supplyByNeedAndRegion / …Municipality. */
  byArea:
    | { level: 'region'; rows: NeedRegionSupplyRow[] }
    | { level: 'municipality'; rows: NeedMunicipalitySupplyRow[] };
}

/** Supply per need and per need × area (regions or municipalities) for the filter; who may read as readSupplyAnalytics. */
export async function readNeedSupply(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
  level: AreaLevel,
): Promise<NeedSupply> {
  const filter = await analyticsFilterFor(executor, viewer, input);
  const supplyFilter = supplyFilterOfAnalytics(filter);
  const [byNeed, byArea] = await Promise.all([
    supplyByNeed(executor, supplyFilter),
    level === 'region'
      ? supplyByNeedAndRegion(executor, supplyFilter).then((rows) => ({ level, rows }))
      : supplyByNeedAndMunicipality(executor, supplyFilter).then((rows) => ({ level, rows })),
  ]);
  return { filter, byNeed, byArea } as NeedSupply;
}

/** Scarcity per ECSF role profile, in all and per region, for the filter; who may read as readSupplyAnalytics. */
export async function readRoleScarcity(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
): Promise<Pick<SupplyAnalytics, 'filter' | 'scarcity' | 'scarcityByRegion'>> {
  const filter = await analyticsFilterFor(executor, viewer, input);
  const supplyFilter = supplyFilterOfAnalytics(filter);
  const [scarcity, scarcityByRegion] = await Promise.all([
    roleScarcity(executor, supplyFilter),
    roleScarcityByRegion(executor, supplyFilter),
  ]);
  return { filter, scarcity, scarcityByRegion };
}

/** Coverage of the NIST CSF 2.0 categories and the NIS2 Art. 21(2) measures for the filter; who may read as readSupplyAnalytics. */
export async function readCoverage(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
): Promise<Pick<SupplyAnalytics, 'filter' | 'csfCoverage' | 'nis2Coverage'>> {
  const filter = await analyticsFilterFor(executor, viewer, input);
  const supplyFilter = supplyFilterOfAnalytics(filter);
  const [csf, nis2] = await Promise.all([csfCoverage(executor, supplyFilter), nis2Coverage(executor, supplyFilter)]);
  return { filter, csfCoverage: csf, nis2Coverage: nis2 };
}

/** Concentration per need and the thin needs for the filter; who may read as readSupplyAnalytics. */
export async function readConcentration(
  executor: Executor,
  viewer: Viewer,
  input: AnalyticsFilterInput,
): Promise<Pick<SupplyAnalytics, 'filter' | 'concentration' | 'thinNeeds'>> {
  const filter = await analyticsFilterFor(executor, viewer, input);
  const concentration = await needConcentration(executor, supplyFilterOfAnalytics(filter));
  return { filter, concentration, thinNeeds: thinOf(concentration) };
}
