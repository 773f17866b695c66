import type { Executor } from '../executor';
import { HOLDING_TRUST, VALID_HOLDING } from '../trust';
import { cachedRead } from './cache';

/**
 * Supply measures for NCC-DK's analysts: what the published directory offers per need, where,
 * in which sectors, which ECSF roles are scarce, how the NIST CSF 2.0 categories and the NIS2
 * Art. 21(2) measures are covered, and how concentrated each need's market is. Every measure is
 * computed by one Cypher read over published data, and every figure's exact definition is in the
 * doc comment of its field: the GraphQL schema descriptions and the methods page reuse them.
 *
 * Shared definitions:
 * - **Published company**: a `Company` node located in a municipality
 *   (`(:Company)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(:Region)`), as the catalog lists
 *   companies; a registration or edit awaiting review is a `Submission`, not part of the graph's
 *   companies, so it never counts.
 * - **Provider of a need**: a published company that offers at least one active product
 *   (`status: 'active'`) that `ADDRESSES` the need. Retired products never count.
 * - **Region filter** (`region`): a provider counts for a region when it is located in one of the
 *   region's municipalities ("on site") or says it `SERVES` the region. Serving is the company's own
 *   claim to take customers there (possibly remotely or by travelling); on site is where it is
 *   registered. Scarcity is the exception: it counts companies by where they are located only.
 * - **Sector filter** (`sector`): only companies `EXPERIENCED_IN` the sector count.
 * - **Size band filter** (`sizeBand`): only companies of that size band (`c.sizeBand`) count.
 */

export interface SupplyFilter {
  /** Region code ('1084'); null or absent: all of Denmark. */
  region?: string | null;
  /** Sector code ('SEC-HEALTH'); null or absent: every sector. */
  sector?: string | null;
  /** The provider's own size band ('micro', 'small', 'medium', 'large'); null or absent: every size. */
  sizeBand?: string | null;
}

/** The figures of one supply cell: one need, in one area or sector (or all of them), under the filter. */
export interface SupplyCounts {
  /** Providers of the need that count in the cell (see the module's definitions). */
  providers: number;
  /** Active products of those providers that address the need. */
  products: number;
  /** Of the providers: those with at least one active product for the need marked `smeFit` (made for SMEs). */
  smeFriendlyProviders: number;
  /**
   * Of the providers: those that work in Danish, i.e. the company's languages include 'da' or one of
   * its active products for the need is offered in 'da' (the rule matching uses for "speaks your language").
   */
  danishSpeakingProviders: number;
  /**
   * Of the providers: those holding at least one certification that has not expired (no `validUntil`,
   * or `validUntil` today or later) and that NCC-DK verified within the last year (`verifiedBy` set and
   * `verifiedAt` at most a year ago: the trust 'verified'). Unverified and stale claims do not count.
   */
  verifiedCertifiedProviders: number;
  /**
   * Of the providers: those located in a municipality of the cell's area (its municipality, its
   * region), or without an area in the cell, of the filter's region. Null when neither gives an area
   * (every company is on site somewhere in Denmark).
   */
  onSiteProviders: number | null;
}

export interface NeedSupplyRow extends SupplyCounts {
  need: string;
}

export interface NeedRegionSupplyRow extends SupplyCounts {
  need: string;
  region: string;
  onSiteProviders: number;
}

export interface NeedMunicipalitySupplyRow extends SupplyCounts {
  need: string;
  municipality: string;
  region: string;
  onSiteProviders: number;
}

export interface NeedSectorSupplyRow extends SupplyCounts {
  need: string;
  sector: string;
}

const params = (filter: SupplyFilter) => ({
  region: filter.region ?? null,
  sector: filter.sector ?? null,
  sizeBand: filter.sizeBand ?? null,
});

/** The company-side filters every measure applies to its company `c`: sector experience and the company's size band. */
const IN_SECTOR =
  '($sector IS NULL OR EXISTS { MATCH (c)-[:EXPERIENCED_IN]->(:Sector {code: $sector}) }) AND ($sizeBand IS NULL OR c.sizeBand = $sizeBand)';
const IN_REGION = '($region IS NULL OR r.code = $region OR EXISTS { MATCH (c)-[:SERVES]->(:Region {code: $region}) })';
const VERIFIED_HOLDING = `EXISTS { MATCH (c)-[h:HOLDS]->(:Certification) WHERE ${VALID_HOLDING} AND ${HOLDING_TRUST} = 'verified' }`;

/**
 * One row per provider and need (`n`) in the sector filter and `where` (a condition on the company
 * `c`, where it is `m`, `r`, and the regions it `served`; 'true' for all): the company, where it is,
 * the regions it serves, and its figures for the need as 0/1 flags so that sums count providers.
 * With `sectors`, also the codes of the sectors the company is experienced in.
 *
 * Companies come first and their own facts (where, served, verified, Danish) are read once each,
 * not once per need: a company is read once, then its active products and the needs they address.
 */
const PROVIDER_FACTS = (where: string, options: { sectors?: boolean } = {}) => `
  MATCH (c:Company)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
  WHERE ${IN_SECTOR}
  WITH c, m, r, [(c)-[:SERVES]->(served:Region) | served.code] AS served
  WHERE ${where}
  WITH c, m, r, served, CASE WHEN ${VERIFIED_HOLDING} THEN 1 ELSE 0 END AS verified,
       'da' IN coalesce(c.languages, []) AS companyDanish${
         options.sectors ? ',\n       [(c)-[:EXPERIENCED_IN]->(s:Sector) | s.code] AS sectors' : ''
       }
  MATCH (c)-[:OFFERS]->(p:Product {status: 'active'})-[:ADDRESSES]->(n:Need)
  WITH n, c, m, r, served, verified, companyDanish${options.sectors ? ', sectors' : ''}, count(DISTINCT p) AS products,
       max(CASE WHEN p.smeFit = true THEN 1 ELSE 0 END) AS sme,
       max(CASE WHEN 'da' IN coalesce(p.languages, []) THEN 1 ELSE 0 END) AS productDanish
  WITH n, c, m, r, served, verified${options.sectors ? ', sectors' : ''}, products, sme,
       CASE WHEN productDanish = 1 OR companyDanish THEN 1 ELSE 0 END AS danish`;

/** The company is in the region filter: on site in the region or serving it. */
const IN_REGION_OR_SERVING = '$region IS NULL OR r.code = $region OR $region IN served';

const SUMS = (weight: string) => `
  sum(${weight}) AS providers, sum(${weight} * products) AS products,
  sum(${weight} * sme) AS smeFriendlyProviders, sum(${weight} * danish) AS danishSpeakingProviders,
  sum(${weight} * verified) AS verifiedCertifiedProviders`;

/** One cell of sums (SUMS and `onSite`) as a map under `key`. */
const CELL = (key: string) =>
  `{key: ${key}, providers: providers, products: products, smeFriendlyProviders: smeFriendlyProviders,
    danishSpeakingProviders: danishSpeakingProviders, verifiedCertifiedProviders: verifiedCertifiedProviders,
    onSite: onSite}`;

const ZERO =
  '{providers: 0, products: 0, smeFriendlyProviders: 0, danishSpeakingProviders: 0, verifiedCertifiedProviders: 0, onSite: 0}';

export const SUPPLY_BY_NEED = `
CALL () {
  ${PROVIDER_FACTS(IN_REGION_OR_SERVING)}
  WITH n, ${SUMS('1')}, sum(CASE WHEN r.code = $region THEN 1 ELSE 0 END) AS onSite
  RETURN collect(${CELL('n.slug')}) AS cells
}
MATCH (n:Need)
WITH n, coalesce(head([x IN cells WHERE x.key = n.slug]), ${ZERO}) AS x
RETURN n.slug AS need, x.providers AS providers, x.products AS products,
       x.smeFriendlyProviders AS smeFriendlyProviders, x.danishSpeakingProviders AS danishSpeakingProviders,
       x.verifiedCertifiedProviders AS verifiedCertifiedProviders,
       CASE WHEN $region IS NULL THEN null ELSE x.onSite END AS onSiteProviders
ORDER BY need`;

// Each provider is counted once in every region it is on site in or serves.
export const SUPPLY_BY_NEED_AND_REGION = `
CALL () {
  ${PROVIDER_FACTS(IN_REGION_OR_SERVING)}
  UNWIND [x IN served WHERE x <> r.code] + [r.code] AS area
  WITH n, area, products, sme, danish, verified, CASE WHEN area = r.code THEN 1 ELSE 0 END AS here
  WHERE $region IS NULL OR area = $region
  WITH n, area, ${SUMS('1')}, sum(here) AS onSite
  RETURN collect(${CELL("n.slug + ' ' + area")}) AS cells
}
MATCH (n:Need), (area:Region) WHERE $region IS NULL OR area.code = $region
WITH n, area, coalesce(head([x IN cells WHERE x.key = n.slug + ' ' + area.code]), ${ZERO}) AS x
RETURN n.slug AS need, area.code AS region, x.providers AS providers, x.products AS products,
       x.smeFriendlyProviders AS smeFriendlyProviders, x.danishSpeakingProviders AS danishSpeakingProviders,
       x.verifiedCertifiedProviders AS verifiedCertifiedProviders, x.onSite AS onSiteProviders
ORDER BY need, region`;

// A municipality's providers are those serving its region plus those located in it that do not
// serve their own region: two disjoint parts, summed per municipality without listing every
// provider for each of the 98 municipalities. Keys: 'R' + region code, 'M' + municipality code.
// With a region filter only companies on site in it or serving it can be in either part.
export const SUPPLY_BY_NEED_AND_MUNICIPALITY = `
MATCH (place:Municipality)-[:IN_REGION]->(placeRegion:Region)
WHERE $region IS NULL OR placeRegion.code = $region
WITH collect({code: place.code, region: placeRegion.code}) AS places
CALL () {
  ${PROVIDER_FACTS(IN_REGION_OR_SERVING)}
  WITH n, m, products, sme, danish, verified, served, CASE WHEN r.code IN served THEN 0 ELSE 1 END AS unserved
  UNWIND [x IN served | {key: 'R' + x, reach: 1, here: 0}] + [{key: 'M' + m.code, reach: unserved, here: 1}] AS part
  WITH n, part.key AS key, part.reach AS reach, part.here AS here, products, sme, danish, verified
  WITH n, key, ${SUMS('reach')}, sum(here) AS onSite
  WITH n, collect(${CELL('key')}) AS parts
  RETURN collect({need: n.slug, parts: parts}) AS byNeed
}
MATCH (n:Need)
WITH n, places, coalesce(head([x IN byNeed WHERE x.need = n.slug]).parts, []) AS parts
UNWIND places AS place
WITH n, place,
     coalesce(head([x IN parts WHERE x.key = 'R' + place.region]), ${ZERO}) AS serving,
     coalesce(head([x IN parts WHERE x.key = 'M' + place.code]), ${ZERO}) AS located
RETURN n.slug AS need, place.code AS municipality, place.region AS region,
       serving.providers + located.providers AS providers,
       serving.products + located.products AS products,
       serving.smeFriendlyProviders + located.smeFriendlyProviders AS smeFriendlyProviders,
       serving.danishSpeakingProviders + located.danishSpeakingProviders AS danishSpeakingProviders,
       serving.verifiedCertifiedProviders + located.verifiedCertifiedProviders AS verifiedCertifiedProviders,
       located.onSite AS onSiteProviders
ORDER BY need, municipality`;

export const SUPPLY_BY_NEED_AND_SECTOR = `
CALL () {
  ${PROVIDER_FACTS(IN_REGION_OR_SERVING, { sectors: true })}
  WITH n, products, sme, danish, verified, sectors, CASE WHEN r.code = $region THEN 1 ELSE 0 END AS here
  UNWIND sectors AS sector
  WITH n, sector, products, sme, danish, verified, here
  WHERE $sector IS NULL OR sector = $sector
  WITH n, sector, ${SUMS('1')}, sum(here) AS onSite
  RETURN collect(${CELL("n.slug + ' ' + sector")}) AS cells
}
MATCH (n:Need), (sector:Sector) WHERE $sector IS NULL OR sector.code = $sector
WITH n, sector, coalesce(head([x IN cells WHERE x.key = n.slug + ' ' + sector.code]), ${ZERO}) AS x
RETURN n.slug AS need, sector.code AS sector, x.providers AS providers, x.products AS products,
       x.smeFriendlyProviders AS smeFriendlyProviders, x.danishSpeakingProviders AS danishSpeakingProviders,
       x.verifiedCertifiedProviders AS verifiedCertifiedProviders,
       CASE WHEN $region IS NULL THEN null ELSE x.onSite END AS onSiteProviders
ORDER BY need, sector`;

/** Supply per need in Denmark, or in the filter's region and sector. Every need has a row (zeros included), by slug. */
export function supplyByNeed(executor: Executor, filter: SupplyFilter = {}): Promise<NeedSupplyRow[]> {
  return cachedRead<NeedSupplyRow>(executor, 'analytics.supplyByNeed', SUPPLY_BY_NEED, params(filter));
}

/**
 * Supply per need × region: a provider counts in every region it is located in or serves;
 * `onSiteProviders` are those located in the region. Every need × region (only the filter's
 * region when given) has a row, zeros included.
 */
export function supplyByNeedAndRegion(executor: Executor, filter: SupplyFilter = {}): Promise<NeedRegionSupplyRow[]> {
  return cachedRead<NeedRegionSupplyRow>(
    executor,
    'analytics.supplyByNeedAndRegion',
    SUPPLY_BY_NEED_AND_REGION,
    params(filter),
  );
}

/**
 * Supply per need × municipality: a provider counts in a municipality when it is located in it or
 * serves the municipality's region (so every municipality of a region shares the providers that
 * serve the region); `onSiteProviders` are those located in the municipality itself. Every need ×
 * municipality (of the filter's region when given) has a row, zeros included.
 */
export function supplyByNeedAndMunicipality(
  executor: Executor,
  filter: SupplyFilter = {},
): Promise<NeedMunicipalitySupplyRow[]> {
  return cachedRead<NeedMunicipalitySupplyRow>(
    executor,
    'analytics.supplyByNeedAndMunicipality',
    SUPPLY_BY_NEED_AND_MUNICIPALITY,
    params(filter),
  );
}

/**
 * Supply per need × sector: a provider counts in every sector it is experienced in (so a provider
 * with several sectors counts in each, and one with none in no row). The region filter applies as
 * everywhere; `onSiteProviders` counts those located in the filter's region (null without one).
 * Every need × sector (only the filter's sector when given) has a row, zeros included.
 */
export function supplyByNeedAndSector(executor: Executor, filter: SupplyFilter = {}): Promise<NeedSectorSupplyRow[]> {
  return cachedRead<NeedSectorSupplyRow>(
    executor,
    'analytics.supplyByNeedAndSector',
    SUPPLY_BY_NEED_AND_SECTOR,
    params(filter),
  );
}

// ---------------------------------------------------------------------------------------------
// Scarcity of ECSF role profiles

export interface RoleScarcityRow {
  /** The ECSF role profile's code (a `Skill` with kind 'role'). */
  role: string;
  /** The region companies are located in; null in the all-regions rows. */
  region: string | null;
  /**
   * Published companies (in the filter's sector, located in the row's region) with a competence
   * (`HAS_COMPETENCE`) in the role profile itself or in one of its finer skills (`PART_OF` it).
   */
  companies: number;
  /**
   * The sum over those companies of each one's headcount in the role: the largest `headcount` among
   * its competences in the role and its finer skills (the same people may hold several finer
   * skills, so they are not added up within a company; a missing headcount counts as 0).
   */
  headcount: number;
}

const ROLE_COMPANIES = `
  MATCH (c:Company)-[hc:HAS_COMPETENCE]->(:Skill)-[:PART_OF*0..3]->(role)
  MATCH (c)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(r:Region)
  WHERE ${IN_SECTOR} AND ($region IS NULL OR r.code = $region)
  WITH c, r, max(coalesce(hc.headcount, 0)) AS headcount`;

export const ROLE_SCARCITY = `
MATCH (role:Skill {kind: 'role'})
CALL (role) {
  ${ROLE_COMPANIES}
  RETURN count(c) AS companies, sum(headcount) AS headcount
}
RETURN role.code AS role, null AS region, companies, headcount
ORDER BY role`;

export const ROLE_SCARCITY_BY_REGION = `
MATCH (role:Skill {kind: 'role'})
CALL (role) {
  ${ROLE_COMPANIES}
  RETURN collect({region: r.code, headcount: headcount}) AS cells
}
MATCH (area:Region) WHERE $region IS NULL OR area.code = $region
WITH role, area, [x IN cells WHERE x.region = area.code] AS here
RETURN role.code AS role, area.code AS region, size(here) AS companies,
       reduce(s = 0, x IN here | s + x.headcount) AS headcount
ORDER BY role, region`;

/**
 * Scarcity per ECSF role profile in Denmark (or the filter's region and sector): one row per role,
 * `region` null, zeros included. Companies count where they are located, not where they serve.
 */
export function roleScarcity(executor: Executor, filter: SupplyFilter = {}): Promise<RoleScarcityRow[]> {
  return cachedRead<RoleScarcityRow>(executor, 'analytics.roleScarcity', ROLE_SCARCITY, params(filter));
}

/** Scarcity per ECSF role profile × region of location: every role × region has a row, zeros included. */
export function roleScarcityByRegion(executor: Executor, filter: SupplyFilter = {}): Promise<RoleScarcityRow[]> {
  return cachedRead<RoleScarcityRow>(
    executor,
    'analytics.roleScarcityByRegion',
    ROLE_SCARCITY_BY_REGION,
    params(filter),
  );
}

// ---------------------------------------------------------------------------------------------
// Coverage of NIST CSF 2.0 categories and NIS2 Art. 21(2) measures

export interface CoverageCounts {
  /** Active products of published companies in the filter that cover it (CSF: `COVERS`; NIS2: through their needs). */
  products: number;
  /** Published companies in the filter offering at least one such product. */
  providers: number;
}

export interface CsfCoverageRow extends CoverageCounts {
  /** The CSF 2.0 category's code ('PR.AA'). */
  category: string;
  /** The CSF 2.0 function it belongs to ('PR'). */
  function: string;
}

export interface Nis2CoverageRow extends CoverageCounts {
  /** The measure's code ('NIS2-21-2-a'). */
  measure: string;
  /** Its letter in Art. 21(2) ('a'). */
  letter: string;
}

/** The published companies in the filter (sector, size band, region), each once. */
const COMPANIES_IN_FILTER = `
  MATCH (c:Company)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(r:Region)
  WHERE ${IN_SECTOR} AND ${IN_REGION}
  WITH DISTINCT c`;

/**
 * Coverage counts of the nodes `x` that products reach by `path` (from `p`), as one list of cells
 * `{key: x.code, products, providers}` named `cells`: companies in the filter first, then their
 * active products, so each company and product is read once, not once per node covered.
 */
const COVERAGE_CELLS = (path: string) => `
CALL () {
  ${COMPANIES_IN_FILTER}
  MATCH (c)-[:OFFERS]->(p:Product {status: 'active'})${path}
  WITH x, count(DISTINCT p) AS products, count(DISTINCT c) AS providers
  RETURN collect({key: x.code, products: products, providers: providers}) AS cells
}`;

const NO_COVERAGE = '{products: 0, providers: 0}';

/** A product covers a CSF category when it says so itself: `(:Product)-[:COVERS]->(:CsfCategory)`. */
export const CSF_COVERAGE = `
${COVERAGE_CELLS('-[:COVERS]->(x:CsfCategory)')}
MATCH (x:CsfCategory)-[:IN_FUNCTION]->(f:CsfFunction)
WITH x, f, coalesce(head([y IN cells WHERE y.key = x.code]), ${NO_COVERAGE}) AS y
RETURN x.code AS category, f.code AS \`function\`, y.products AS products, y.providers AS providers
ORDER BY category`;

/**
 * Products are not linked to NIS2 measures themselves: a product covers a measure when it
 * addresses a need that supports it, `(:Product)-[:ADDRESSES]->(:Need)-[:SUPPORTS_MEASURE]->(:Nis2Measure)`.
 * A product that only says it `HELPS_COMPLY` with NIS2 as a whole covers no particular measure.
 */
export const NIS2_COVERAGE = `
${COVERAGE_CELLS('-[:ADDRESSES]->(:Need)-[:SUPPORTS_MEASURE]->(x:Nis2Measure)')}
MATCH (x:Nis2Measure)
WITH x, coalesce(head([y IN cells WHERE y.key = x.code]), ${NO_COVERAGE}) AS y
RETURN x.code AS measure, x.letter AS letter, y.products AS products, y.providers AS providers
ORDER BY measure`;

/** Coverage of each of the 22 NIST CSF 2.0 categories by products that declare it (`COVERS`); zeros included. */
export function csfCoverage(executor: Executor, filter: SupplyFilter = {}): Promise<CsfCoverageRow[]> {
  return cachedRead<CsfCoverageRow>(executor, 'analytics.csfCoverage', CSF_COVERAGE, params(filter));
}

/** Coverage of each NIS2 Art. 21(2) measure (a)–(j), derived through the needs products address; zeros included. */
export function nis2Coverage(executor: Executor, filter: SupplyFilter = {}): Promise<Nis2CoverageRow[]> {
  return cachedRead<Nis2CoverageRow>(executor, 'analytics.nis2Coverage', NIS2_COVERAGE, params(filter));
}

// ---------------------------------------------------------------------------------------------
// Concentration per need

/** A market is thin when this many providers or fewer serve the need. */
export const THIN_MARKET_PROVIDERS = 2;

export interface NeedConcentrationRow {
  need: string;
  /** Providers of the need in the filter (as in supply per need). */
  providers: number;
  /** Their active products that address the need. */
  products: number;
  /**
   * The share (0–1) of those products offered by the three providers with the most of them (all of
   * them when there are three or fewer providers); null when there are no products. Ties do not
   * change the share: the three largest counts are the same whichever tied provider is taken.
   */
  top3Share: number | null;
  /** True when `providers` is at most THIN_MARKET_PROVIDERS (2), none included. */
  thin: boolean;
}

export const NEED_CONCENTRATION = `
CALL () {
  ${COMPANIES_IN_FILTER}
  MATCH (c)-[:OFFERS]->(p:Product {status: 'active'})-[:ADDRESSES]->(n:Need)
  WITH n, c, count(DISTINCT p) AS products
  ORDER BY products DESC
  WITH n, collect(products) AS counts
  RETURN collect({key: n.slug, providers: size(counts), products: reduce(s = 0, x IN counts | s + x),
                  top3: reduce(s = 0, x IN counts[0..3] | s + x)}) AS cells
}
MATCH (n:Need)
WITH n, coalesce(head([x IN cells WHERE x.key = n.slug]), {providers: 0, products: 0, top3: 0}) AS x
RETURN n.slug AS need, x.providers AS providers, x.products AS products,
       CASE WHEN x.products = 0 THEN null ELSE toFloat(x.top3) / x.products END AS top3Share,
       x.providers <= $thin AS thin
ORDER BY need`;

/** Concentration per need in the filter: every need has a row, by slug. */
export function needConcentration(executor: Executor, filter: SupplyFilter = {}): Promise<NeedConcentrationRow[]> {
  return cachedRead<NeedConcentrationRow>(executor, 'analytics.needConcentration', NEED_CONCENTRATION, {
    ...params(filter),
    thin: THIN_MARKET_PROVIDERS,
  });
}

/** Of concentration rows, the thin ones (at most two providers, none included): fewest providers first, then by slug. */
export function thinOf(rows: readonly NeedConcentrationRow[]): NeedConcentrationRow[] {
  return rows.filter((row) => row.thin).sort((a, b) => a.providers - b.providers || a.need.localeCompare(b.need));
}

/** The needs served by at most two providers in the filter (none included), fewest providers first, then by slug. */
export async function thinlyServedNeeds(
  executor: Executor,
  filter: SupplyFilter = {},
): Promise<NeedConcentrationRow[]> {
  return thinOf(await needConcentration(executor, filter));
}
