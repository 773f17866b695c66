import { z } from 'zod';
import type { DemandCell, MissedSearch } from '../../../../graph/analytics/demand';
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
  type SupplyCounts,
  supplyByNeed,
  supplyByNeedAndMunicipality,
  supplyByNeedAndRegion,
  supplyByNeedAndSector,
  THIN_MARKET_PROVIDERS,
  thinOf,
} from '../../../../graph/analytics/supply';
import { NEEDS } from '../../../../graph/data/needs';
import { TAXONOMIES } from '../../../../graph/data/taxonomies';
import type { Executor } from '../../../../graph/executor';
import type { Text } from '../../../../graph/model';
import {
  type DemandGap,
  demandGaps,
  GAP_NEEDS,
  largestOf,
  searchesWithoutResults,
  weeklyDemand,
} from '../../../use-cases/analytics-demand';
import {
  type AnalyticsFilter,
  analyticsFilterOf,
  demandFilterOf,
  supplyFilterOfAnalytics,
} from '../../../use-cases/analytics-filter';
import { mayReadAnalytics } from '../../../use-cases/analytics-supply';
import { ForbiddenError } from '../../../use-cases/errors';
import { builder } from '../builder';
import { LocalizedText } from './common';
import { answering } from './errors';

/**
 * NCC-DK's analytics (issue 9) for reviewers, admins and analysts' API tokens: the supply measures
 * of graph/analytics/supply.ts and the demand measures of src/use-cases/analytics-demand.ts, every
 * count as it is (these fields are staff-only; the public statistics show demand through
 * `shownCount`). `analytics(filter)` checks who asks and the filter once and returns a question;
 * each field runs only its own query, when it is selected, so a dashboard pays for what it shows.
 * The descriptions define every figure; they repeat the doc comments of the measures.
 */

const ANALYSTS = { reviewer: true, admin: true, analyst: true } as const;

/** What `analytics` resolves to: the checked filter, and the answers already fetched for this request. */
export interface AnalyticsQuestion {
  filter: AnalyticsFilter;
  executor: Executor;
  /** Measures read once per question, so `concentration` and `thinNeeds` (or `gaps` and `largestGaps`) share a query. */
  answers: Map<string, Promise<unknown>>;
}

export function analyticsQuestion(executor: Executor, filter: AnalyticsFilter): AnalyticsQuestion {
  return { filter, executor, answers: new Map() };
}

function once<T>(question: AnalyticsQuestion, key: string, read: () => Promise<T>): Promise<T> {
  let answer = question.answers.get(key) as Promise<T> | undefined;
  if (!answer) {
    answer = read();
    question.answers.set(key, answer);
  }
  return answer;
}

const supplyOf = (question: AnalyticsQuestion) => supplyFilterOfAnalytics(question.filter);
const demandOf = (question: AnalyticsQuestion) => demandFilterOf(question.filter);

// ---------------------------------------------------------------------------------------------
// Names from the in-memory catalogues (graph/data): no query per row, none at all.

const byCode = <T>(entries: Array<[string, T]>) => new Map(entries);
const NEED_NAMES = byCode<Text>(NEEDS.map((need) => [need.slug, need.name]));
const REGION_NAMES = byCode<Text>(
  TAXONOMIES.regions.map((region) => [region.code, { da: region.name, en: region.nameEn }]),
);
const MUNICIPALITY_NAMES = byCode<string>(TAXONOMIES.municipalities.map((place) => [place.code, place.name]));
const SECTOR_NAMES = byCode<Text>(TAXONOMIES.sectors.map((sector) => [sector.code, sector.name]));
const ROLES = TAXONOMIES.skills.filter((skill) => skill.kind === 'role');
const ROLE_NAMES = byCode<Text>(ROLES.map((role) => [role.code, role.name]));

const nameIn = <T>(names: ReadonlyMap<string, T>, code: string | null) =>
  code === null ? null : (names.get(code) ?? null);
const NAME_NOTE = 'Null when the code is not in the catalogue (graph/data).';

// ---------------------------------------------------------------------------------------------
// Cost: each list costs its real size (src/api/cost.ts multiplies what is selected under it).

const REGIONS = TAXONOMIES.regions.length;
/**
 * Rows of each list, from the catalogues. A list's cost is 1 + rows × the fields selected in a
 * row, so every field of every municipality row costs about 43,000 of the 50,000 allowed: a
 * dashboard's selection passes, two full municipality tables in one request do not.
 */
export const ANALYTICS_ROWS = {
  needs: NEEDS.length,
  needRegions: NEEDS.length * REGIONS,
  needMunicipalities: NEEDS.length * TAXONOMIES.municipalities.length,
  needSectors: NEEDS.length * TAXONOMIES.sectors.length,
  roles: ROLES.length,
  csfCategories: TAXONOMIES.csfCategories.length,
  nis2Measures: TAXONOMIES.nis2Measures.length,
  /**
   * Weekly demand has no fixed size (weeks × needs × regions × sectors × size bands with signals);
   * estimated as a quarter (13 weeks) of every need in one region, sector and size band.
   */
  demandWeeks: 13 * NEEDS.length,
} as const;

const rows = (multiplier: number) => ({ field: 1, multiplier });

// ---------------------------------------------------------------------------------------------
// The filter

const AnalyticsFilterInputRef = builder.inputType('AnalyticsFilter', {
  description:
    'The one filter every measure takes; each part optional (absent or blank: no filter). Which parts a measure uses is in its description: supply measures use region, sector and sizeBand (the provider’s size); demand measures use all of them, sizeBand being the size of the SME that asked.',
  fields: (t) => ({
    from: t.string({ description: 'First day, ISO date (2026-09-01), included. Demand only.' }),
    to: t.string({ description: 'Last day, ISO date, included; at most ten years after `from`. Demand only.' }),
    region: t.string({ description: "Region code ('1084'); must exist." }),
    sector: t.string({ description: "Sector code ('SEC-HEALTH'); must exist." }),
    sizeBand: t.string({
      description:
        "'micro', 'small', 'medium' or 'large': supply counts providers of that size, demand counts signals from SMEs of that size.",
    }),
    need: t.string({ description: "Need slug ('backup'); must exist. Demand only." }),
  }),
});

const AnalyticsFilterEchoRef = builder.objectRef<AnalyticsFilter>('AnalyticsFilterEcho').implement({
  description: 'The filter as checked and applied: trimmed, blanks as null.',
  authScopes: ANALYSTS,
  fields: (t) => ({
    from: t.exposeString('from', { nullable: true }),
    to: t.exposeString('to', { nullable: true }),
    region: t.exposeString('region', { nullable: true }),
    sector: t.exposeString('sector', { nullable: true }),
    sizeBand: t.exposeString('sizeBand', { nullable: true }),
    need: t.exposeString('need', { nullable: true }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Supply rows

const PROVIDER =
  'A provider of a need is a published company (located in a municipality) offering at least one active product that addresses the need; retired products never count.';
const SUPPLY_FILTER =
  'Filter: `region` (a provider counts when located in one of its municipalities or when it says it SERVES the region), `sector` (companies EXPERIENCED_IN it), `sizeBand` (the provider’s own size band). `from`, `to` and `need` do not apply: supply is today’s graph, every need has rows.';

type BuilderTypes = typeof builder.$inferSchemaTypes;
type Fields<T> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, T>;

/** The figures of one supply cell (SupplyCounts), shared by every supply row type. */
function countFields<T extends SupplyCounts>(t: Fields<T>) {
  return {
    providers: t.int({
      resolve: (row) => row.providers,
      description: `Providers of the need that count in the cell. ${PROVIDER}`,
    }),
    products: t.int({
      resolve: (row) => row.products,
      description: 'Active products of those providers that address the need.',
    }),
    smeFriendlyProviders: t.int({
      resolve: (row) => row.smeFriendlyProviders,
      description:
        'Of the providers: those with at least one active product for the need marked `smeFit` (made for SMEs).',
    }),
    danishSpeakingProviders: t.int({
      resolve: (row) => row.danishSpeakingProviders,
      description:
        "Of the providers: those that work in Danish, i.e. the company's languages include 'da' or one of its active products for the need is offered in 'da' (the rule matching uses).",
    }),
    verifiedCertifiedProviders: t.int({
      resolve: (row) => row.verifiedCertifiedProviders,
      description:
        'Of the providers: those holding at least one certification that has not expired (no `validUntil`, or `validUntil` today or later) and that NCC-DK verified within the last year. Unverified and stale claims do not count.',
    }),
  };
}

function needFields<T extends { need: string }>(t: Fields<T>) {
  return {
    need: t.string({ description: 'The need’s slug.', resolve: (row) => row.need }),
    needName: t.field({
      type: LocalizedText,
      nullable: true,
      description: `The need’s name. ${NAME_NOTE}`,
      resolve: (row) => nameIn(NEED_NAMES, row.need),
    }),
  };
}

function regionFields<T extends { region: string | null }>(t: Fields<T>, description: string) {
  return {
    region: t.string({ nullable: true, description, resolve: (row) => row.region }),
    regionName: t.field({
      type: LocalizedText,
      nullable: true,
      description: `The region’s name. ${NAME_NOTE}`,
      resolve: (row) => nameIn(REGION_NAMES, row.region),
    }),
  };
}

function sectorFields<T extends { sector: string | null }>(t: Fields<T>, description: string) {
  return {
    sector: t.string({ nullable: true, description, resolve: (row) => row.sector }),
    sectorName: t.field({
      type: LocalizedText,
      nullable: true,
      description: `The sector’s name. ${NAME_NOTE}`,
      resolve: (row) => nameIn(SECTOR_NAMES, row.sector),
    }),
  };
}

const NeedSupplyRef = builder.objectRef<NeedSupplyRow>('NeedSupply').implement({
  description: `Supply of one need in Denmark, or in the filter’s region. ${PROVIDER}`,
  authScopes: ANALYSTS,
  fields: (t) => ({
    ...needFields(t),
    ...countFields(t),
    onSiteProviders: t.exposeInt('onSiteProviders', {
      nullable: true,
      description:
        'Of the providers: those located in a municipality of the filter’s region. Null without a region filter.',
    }),
  }),
});

const NeedRegionSupplyRef = builder.objectRef<NeedRegionSupplyRow>('NeedRegionSupply').implement({
  description:
    'Supply of one need in one region: a provider counts in every region it is located in or serves, so the rows of a need do not add up to its national figure.',
  authScopes: ANALYSTS,
  fields: (t) => ({
    ...needFields(t),
    ...regionFields(t, 'The region’s code.'),
    ...countFields(t),
    onSiteProviders: t.exposeInt('onSiteProviders', {
      description: 'Of the providers: those located in a municipality of the region (the others serve it).',
    }),
  }),
});

const NeedMunicipalitySupplyRef = builder.objectRef<NeedMunicipalitySupplyRow>('NeedMunicipalitySupply').implement({
  description:
    'Supply of one need in one municipality: a provider counts when it is located in the municipality or serves the municipality’s region (so every municipality of a region shares the providers that serve the region).',
  authScopes: ANALYSTS,
  fields: (t) => ({
    ...needFields(t),
    municipality: t.exposeString('municipality', { description: "The municipality's official code ('101')." }),
    municipalityName: t.string({
      nullable: true,
      description: `The municipality’s name. ${NAME_NOTE}`,
      resolve: (row) => nameIn(MUNICIPALITY_NAMES, row.municipality),
    }),
    // No region name: it would make every field of every row cost more than one request may (src/api/cost.ts).
    region: t.exposeString('region', {
      description: 'The code of the region the municipality is in (its name: NeedRegionSupply.regionName).',
    }),
    ...countFields(t),
    onSiteProviders: t.exposeInt('onSiteProviders', {
      description: 'Of the providers: those located in the municipality itself.',
    }),
  }),
});

const NeedSectorSupplyRef = builder.objectRef<NeedSectorSupplyRow>('NeedSectorSupply').implement({
  description:
    'Supply of one need in one sector: a provider counts in every sector it is EXPERIENCED_IN (one with several sectors counts in each, one with none in no row).',
  authScopes: ANALYSTS,
  fields: (t) => ({
    ...needFields(t),
    ...sectorFields(t, 'The sector’s code.'),
    ...countFields(t),
    onSiteProviders: t.exposeInt('onSiteProviders', {
      nullable: true,
      description: 'Of the providers: those located in the filter’s region. Null without a region filter.',
    }),
  }),
});

const RoleScarcityRef = builder.objectRef<RoleScarcityRow>('RoleScarcity').implement({
  description: 'How scarce an ECSF role profile is: companies count where they are located (never where they serve).',
  authScopes: ANALYSTS,
  fields: (t) => ({
    role: t.exposeString('role', { description: "The ECSF role profile's code (a Skill with kind 'role')." }),
    roleName: t.field({
      type: LocalizedText,
      nullable: true,
      description: `The role profile’s name. ${NAME_NOTE}`,
      resolve: (row) => nameIn(ROLE_NAMES, row.role),
    }),
    ...regionFields(t, 'The region the companies are located in; null in the all-regions rows.'),
    companies: t.exposeInt('companies', {
      description:
        'Published companies (in the filter, located in the row’s region) with a competence (HAS_COMPETENCE) in the role profile itself or in one of its finer skills (PART_OF it).',
    }),
    headcount: t.exposeInt('headcount', {
      description:
        'The sum over those companies of each one’s headcount in the role: the largest `headcount` among its competences in the role and its finer skills (the same people may hold several finer skills, so they are not added up within a company; a missing headcount counts as 0).',
    }),
  }),
});

const COVERAGE_COUNTS = {
  products: 'Active products of published companies in the filter that cover it.',
  providers: 'Published companies in the filter offering at least one such product.',
};

const CsfCoverageRef = builder.objectRef<CsfCoverageRow>('CsfCoverage').implement({
  description:
    'Coverage of one NIST CSF 2.0 category: a product covers it when it says so itself, (:Product)-[:COVERS]->(:CsfCategory).',
  authScopes: ANALYSTS,
  fields: (t) => ({
    category: t.exposeString('category', { description: "The CSF 2.0 category's code ('PR.AA')." }),
    function: t.exposeString('function', { description: "The CSF 2.0 function it belongs to ('PR')." }),
    products: t.exposeInt('products', { description: COVERAGE_COUNTS.products }),
    providers: t.exposeInt('providers', { description: COVERAGE_COUNTS.providers }),
  }),
});

const Nis2CoverageRef = builder.objectRef<Nis2CoverageRow>('Nis2Coverage').implement({
  description:
    'Coverage of one NIS2 Art. 21(2) measure. Products are not linked to measures themselves: a product covers a measure when it addresses a need that supports it, (:Product)-[:ADDRESSES]->(:Need)-[:SUPPORTS_MEASURE]->(:Nis2Measure). A product that only HELPS_COMPLY with NIS2 as a whole covers no particular measure.',
  authScopes: ANALYSTS,
  fields: (t) => ({
    measure: t.exposeString('measure', { description: "The measure's code ('NIS2-21-2-a')." }),
    letter: t.exposeString('letter', { description: "Its letter in Art. 21(2) ('a')." }),
    products: t.exposeInt('products', { description: COVERAGE_COUNTS.products }),
    providers: t.exposeInt('providers', { description: COVERAGE_COUNTS.providers }),
  }),
});

const NeedConcentrationRef = builder.objectRef<NeedConcentrationRow>('NeedConcentration').implement({
  description: `How concentrated the market for one need is, in the filter. ${PROVIDER}`,
  authScopes: ANALYSTS,
  fields: (t) => ({
    ...needFields(t),
    providers: t.exposeInt('providers', { description: 'Providers of the need in the filter (as in supplyByNeed).' }),
    products: t.exposeInt('products', { description: 'Their active products that address the need.' }),
    top3Share: t.exposeFloat('top3Share', {
      nullable: true,
      description:
        'The share (0–1) of those products offered by the three providers with the most of them (all of them when there are three or fewer providers); null when there are no products. Ties do not change the share.',
    }),
    thin: t.exposeBoolean('thin', {
      description: `True when \`providers\` is at most ${THIN_MARKET_PROVIDERS}, none included.`,
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Demand rows

const DEMAND_SIGNALS =
  'Demand signals are anonymous searches and matches on the site and the API (logged-in vendors, staff and API tokens never count), rolled up per day; a signal that named several needs counts once for each (signal-need pairs).';
const DEMAND_FILTER =
  'Filter: every part. `from`/`to` the days the signals were made, `region`, `sector` and `sizeBand` those the asking SME gave (its own size band), `need` the need asked for.';
const GAP_FORMULA =
  'gap(n, r) = ln( ((D(n,r) + 1) / (D(r) + K)) / ((S(n,r) + 1) / (S(r) + K)) ), the natural logarithm, where ' +
  'D(n,r) is the demand signals for need n in region r in the period (signal-need pairs, searches and matches; filtered by period, sector and size band of the asker); ' +
  'D(r) = Σₙ D(n,r), all signal-need pairs in region r (signals without a need or region are left out); ' +
  'S(n,r) is the providers on site in region r for need n: companies located in a municipality of r that offer at least one active product addressing n (today’s graph; sector and size band do not apply); ' +
  'S(r) = Σₙ S(n,r), all provider-need pairs in region r; ' +
  `K is the number of needs in the catalogue (${GAP_NEEDS}). ` +
  '0 means the need’s share of the region’s demand equals its share of its supply; above 0 it gets more of the demand than of the supply (a gap: +0.69 is twice the share); below 0 it is better supplied than asked for. The add-one smoothing keeps the score finite and pulls scores built on few signals towards 0.';

const DemandWeekRef = builder.objectRef<DemandCell>('DemandWeek').implement({
  description: `Demand in one ISO week for one need × region × sector × size band, both kinds summed. ${DEMAND_SIGNALS}`,
  authScopes: ANALYSTS,
  fields: (t) => ({
    week: t.exposeString('week', {
      description: "The ISO week ('2026-W05'; weeks start on Monday, the year is the ISO week-year).",
    }),
    need: t.exposeString('need', { nullable: true, description: 'The need slug; null where the signals named none.' }),
    needName: t.field({
      type: LocalizedText,
      nullable: true,
      description: `The need’s name. ${NAME_NOTE}`,
      resolve: (row) => nameIn(NEED_NAMES, row.need),
    }),
    ...regionFields(t, 'The region code the asker gave; null where none.'),
    ...sectorFields(t, 'The sector code the asker gave; null where none.'),
    sizeBand: t.exposeString('sizeBand', {
      nullable: true,
      description: 'The asking SME’s size band; null where none was given.',
    }),
    signals: t.exposeInt('signals', { description: 'Signal-need pairs in the week (all counts, no rounding).' }),
    zeroResults: t.exposeInt('zeroResults', { description: 'Of them: those that found nothing.' }),
  }),
});

const DemandGapRef = builder.objectRef<DemandGap>('DemandGap').implement({
  description: `Demand against supply for one need in one region: the inputs and the gap score. ${GAP_FORMULA}`,
  authScopes: ANALYSTS,
  fields: (t) => ({
    ...needFields(t),
    ...regionFields(t, 'The region’s code.'),
    demand: t.exposeInt('demand', {
      description: 'D(n,r): signal-need pairs for the need in the region in the period.',
    }),
    supply: t.exposeInt('supply', {
      description:
        'S(n,r): providers on site in the region for the need (located in one of its municipalities, with an active product addressing it).',
    }),
    regionDemand: t.exposeInt('regionDemand', { description: 'D(r): all signal-need pairs in the region.' }),
    regionSupply: t.exposeInt('regionSupply', { description: 'S(r): all provider-need pairs in the region.' }),
    score: t.exposeFloat('score', { description: GAP_FORMULA }),
  }),
});

const MissedSearchRef = builder.objectRef<MissedSearch>('MissedSearch').implement({
  description:
    'One group of searches that found nothing: those with the same scrubbed words (no e-mail addresses, URLs or digits), each word once, sorted, so "Cloud backup" and "backup, cloud" are one group.',
  authScopes: ANALYSTS,
  fields: (t) => ({
    words: t.exposeString('words', { description: "The group's words, sorted and joined by one space." }),
    searches: t.exposeInt('searches', { description: 'Searches in the group in the period.' }),
    firstDay: t.exposeString('firstDay', { description: 'The first day with such a search in the period (ISO date).' }),
    lastDay: t.exposeString('lastDay', { description: 'The last day with such a search in the period (ISO date).' }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Analytics

/** 1–500; null or absent: the default (GraphQL fills it in; a resolver called without arguments gets none). */
const analyticsLimit = z.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').nullish();

const AnalyticsRef = builder.objectRef<AnalyticsQuestion>('Analytics').implement({
  description:
    'Every analytics measure for one filter. Each field runs its own query when it is asked for; counts are exact (staff and analysts only).',
  authScopes: ANALYSTS,
  fields: (t) => ({
    filter: t.field({
      type: AnalyticsFilterEchoRef,
      description: 'The checked filter the measures use.',
      resolve: (question) => question.filter,
    }),
    supplyByNeed: t.field({
      type: [NeedSupplyRef],
      description: `Supply per need in Denmark, or in the filter’s region: every need has a row, zeros included, by slug. ${SUPPLY_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.needs),
      resolve: (question) => supplyByNeed(question.executor, supplyOf(question)),
    }),
    supplyByNeedAndRegion: t.field({
      type: [NeedRegionSupplyRef],
      description: `Supply per need × region: a provider counts in every region it is located in or serves. Every need × region (only the filter’s region when given) has a row, zeros included. ${SUPPLY_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.needRegions),
      resolve: (question) => supplyByNeedAndRegion(question.executor, supplyOf(question)),
    }),
    supplyByNeedAndMunicipality: t.field({
      type: [NeedMunicipalitySupplyRef],
      description: `Supply per need × municipality: a provider counts in a municipality when it is located in it or serves its region. Every need × municipality (of the filter’s region when given) has a row, zeros included: ${ANALYTICS_ROWS.needMunicipalities} rows for all of Denmark. ${SUPPLY_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.needMunicipalities),
      resolve: (question) => supplyByNeedAndMunicipality(question.executor, supplyOf(question)),
    }),
    supplyByNeedAndSector: t.field({
      type: [NeedSectorSupplyRef],
      description: `Supply per need × sector: a provider counts in every sector it is experienced in. Every need × sector (only the filter’s sector when given) has a row, zeros included. ${SUPPLY_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.needSectors),
      resolve: (question) => supplyByNeedAndSector(question.executor, supplyOf(question)),
    }),
    roleScarcity: t.field({
      type: [RoleScarcityRef],
      description: `Scarcity per ECSF role profile: one row per role (region null), or with \`byRegion\` one per role × region of location; zeros included. Companies count where they are located, not where they serve. Filter: \`region\` (located in it), \`sector\`, \`sizeBand\` (the company’s); \`from\`, \`to\` and \`need\` do not apply.`,
      args: { byRegion: t.arg.boolean({ defaultValue: false, description: 'One row per role × region.' }) },
      complexity: (args) => rows(ANALYTICS_ROWS.roles * (args.byRegion ? REGIONS : 1)),
      resolve: (question, { byRegion }) =>
        byRegion
          ? roleScarcityByRegion(question.executor, supplyOf(question))
          : roleScarcity(question.executor, supplyOf(question)),
    }),
    csfCoverage: t.field({
      type: [CsfCoverageRef],
      description: `Coverage of each of the ${ANALYTICS_ROWS.csfCategories} NIST CSF 2.0 categories by active products that declare it (COVERS); zeros included. ${SUPPLY_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.csfCategories),
      resolve: (question) => csfCoverage(question.executor, supplyOf(question)),
    }),
    nis2Coverage: t.field({
      type: [Nis2CoverageRef],
      description: `Coverage of each NIS2 Art. 21(2) measure (a)–(j), derived through the needs products address; zeros included. ${SUPPLY_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.nis2Measures),
      resolve: (question) => nis2Coverage(question.executor, supplyOf(question)),
    }),
    concentration: t.field({
      type: [NeedConcentrationRef],
      description: `Concentration per need: every need has a row, by slug. ${SUPPLY_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.needs),
      resolve: (question) => concentrationOf(question),
    }),
    thinNeeds: t.field({
      type: [NeedConcentrationRef],
      description: `The needs served by at most ${THIN_MARKET_PROVIDERS} providers in the filter (none included), fewest providers first, then by slug: the concentration rows with \`thin\`. ${SUPPLY_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.needs),
      resolve: async (question) => thinOf(await concentrationOf(question)),
    }),
    weeklyDemand: t.field({
      type: [DemandWeekRef],
      description: `Demand per need × region × sector × size band × ISO week, from the daily rollup; only cells with signals have rows, by week, need, region, sector, size band. ${DEMAND_SIGNALS} ${DEMAND_FILTER}`,
      complexity: rows(ANALYTICS_ROWS.demandWeeks),
      resolve: (question) => weeklyDemand(question.executor, demandOf(question)),
    }),
    gaps: t.field({
      type: [DemandGapRef],
      description: `Every need × region pair with demand or supply, with its gap score, highest first (then by region and need). ${GAP_FORMULA} ${DEMAND_FILTER} The region and need filters narrow the pairs; D(r) and S(r) are always taken over all needs, so a need filter does not change the scores.`,
      complexity: rows(ANALYTICS_ROWS.needRegions),
      resolve: (question) => gapsOf(question),
    }),
    largestGaps: t.field({
      type: [DemandGapRef],
      description: `The largest gaps: the pairs of \`gaps\` with demand (D(n,r) > 0) and a score above 0, highest first, at most \`limit\`. ${DEMAND_FILTER}`,
      args: { limit: t.arg.int({ defaultValue: 20, validate: analyticsLimit, description: '1–500.' }) },
      complexity: (args) => rows(Math.max(1, args.limit ?? 20)),
      resolve: async (question, { limit }) => largestOf(await gapsOf(question), limit ?? 20),
    }),
    searchesWithoutResults: t.field({
      type: [MissedSearchRef],
      description:
        'Searches that found nothing, grouped by their scrubbed words, most frequent first (then by words), at most `limit`. Filter: `from`/`to`, `region`, `sector` and `sizeBand` as for demand; `need` does not apply (a search that found nothing is often one no need matched).',
      args: { limit: t.arg.int({ defaultValue: 100, validate: analyticsLimit, description: '1–500.' }) },
      complexity: (args) => rows(Math.max(1, args.limit ?? 100)),
      resolve: (question, { limit }) => searchesWithoutResults(question.executor, demandOf(question), limit ?? 100),
    }),
  }),
});

function concentrationOf(question: AnalyticsQuestion): Promise<NeedConcentrationRow[]> {
  return once(question, 'concentration', () => needConcentration(question.executor, supplyOf(question)));
}

function gapsOf(question: AnalyticsQuestion): Promise<DemandGap[]> {
  return once(question, 'gaps', () => demandGaps(question.executor, demandOf(question)));
}

builder.queryFields((t) => ({
  analytics: t.field({
    type: AnalyticsRef,
    description:
      'NCC-DK’s supply and demand analytics for one filter: reviewers, admins and analysts’ API tokens only (others: FORBIDDEN). The filter is checked first (BAD_USER_INPUT with `extensions.issues`, one per field: path, code, message); each measure then runs only when asked for.',
    authScopes: ANALYSTS,
    args: { filter: t.arg({ type: AnalyticsFilterInputRef }) },
    resolve: (_root, { filter }, context) =>
      answering(async () => {
        if (!mayReadAnalytics(context.viewer))
          throw new ForbiddenError('Only NCC-DK staff and analysts may read the analytics.');
        const executor = context.services.executor;
        return analyticsQuestion(executor, await analyticsFilterOf(executor, filter ?? {}));
      }),
  }),
}));
