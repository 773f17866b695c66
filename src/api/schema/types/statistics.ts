import {
  type CoverageStatistic,
  MAX_PUBLIC_QUARTERS,
  type NeedQuarterDemandStatistic,
  type NeedRegionDemandStatistic,
  type NeedRegionSupplyStatistic,
  type NeedSupplyStatistic,
  type PublicStatistics,
  type QuarterSpan,
  type RegionCoverageStatistic,
  type RoleRegionStatistic,
  readPublicStatistics,
  type ShownFigure,
  type StatisticsFilter,
  SUPPLY_MIN_COMPANIES,
} from '../../../use-cases/analytics-public';
import { builder } from '../builder';
import { answering } from './errors';

/**
 * The public statistics (src/use-cases/analytics-public.ts) for everyone: the same figures as the
 * page /statistik and its downloads, under the same rules. Anonymous callers, vendors and staff
 * alike may ask; who asks decides only whether small cells are shown as numbers.
 */

const PUBLIC = { public: true } as const;

const DemandCountRef = builder.objectRef<ShownFigure>('DemandCount').implement({
  description:
    'A count of demand signals under the "under 5" rule: for anyone but NCC-DK staff and analyst tokens, a cell built from fewer than 5 signals (0 to 4) is hidden.',
  authScopes: PUBLIC,
  fields: (t) => ({
    value: t.exposeInt('value', {
      nullable: true,
      description: 'The number of signals; null when the cell is hidden (fewer than 5 signals, for the public).',
    }),
    shown: t.exposeString('shown', {
      description: "What the page shows: the number, or 'under 5' when the cell is hidden.",
    }),
  }),
});

const SupplyCountRef = builder.objectRef<ShownFigure>('SupplyCount').implement({
  description: `A supply figure under the "under ${SUPPLY_MIN_COMPANIES}" rule: for anyone but NCC-DK staff and analyst tokens, every figure of a cell built from 1 or 2 companies is hidden, since it would be those companies' own. A cell of 0 companies is 0.`,
  authScopes: PUBLIC,
  fields: (t) => ({
    value: t.exposeInt('value', {
      nullable: true,
      description: `The figure; null when its cell is hidden (built from 1 to ${SUPPLY_MIN_COMPANIES - 1} companies, for the public).`,
    }),
    shown: t.exposeString('shown', {
      description: `What the page shows: the number, or 'under ${SUPPLY_MIN_COMPANIES}' when the cell is hidden.`,
    }),
  }),
});

const StatisticsPeriodRef = builder.objectRef<QuarterSpan>('StatisticsQuarter').implement({
  description: 'One calendar quarter of the period, clipped to the period.',
  authScopes: PUBLIC,
  fields: (t) => ({
    quarter: t.exposeString('quarter', { description: "The quarter, '2033-Q1'." }),
    from: t.exposeString('from', { description: 'Its first day in the period (ISO date).' }),
    to: t.exposeString('to', { description: 'Its last day in the period (ISO date).' }),
  }),
});

const StatisticsFilterEchoRef = builder.objectRef<StatisticsFilter>('StatisticsFilterApplied').implement({
  description: 'The question as it was answered, after checking and defaults.',
  authScopes: PUBLIC,
  fields: (t) => ({
    quarter: t.exposeString('quarter', { nullable: true, description: 'The quarter asked for, if one was.' }),
    from: t.exposeString('from', { description: 'First day of the period (ISO date).' }),
    to: t.exposeString('to', { description: 'Last day of the period (ISO date).' }),
    region: t.exposeString('region', { nullable: true, description: 'Region code, or null for all of Denmark.' }),
    sector: t.exposeString('sector', { nullable: true, description: 'Sector code, or null for every sector.' }),
    sizeBand: t.exposeString('sizeBand', { nullable: true, description: 'Size band, or null for every size.' }),
  }),
});

const NeedSupplyStatisticRef = builder.objectRef<NeedSupplyStatistic>('NeedSupplyStatistic').implement({
  description:
    "Supply of one need in Denmark, or in the filter's region (providers located there or serving it), sector and size band.",
  authScopes: PUBLIC,
  fields: (t) => ({
    need: t.exposeString('need', { description: "The need's slug." }),
    providers: t.expose('providers', {
      type: SupplyCountRef,
      description:
        'Published companies with at least one active product that addresses the need (retired products never count).',
    }),
    products: t.expose('products', {
      type: SupplyCountRef,
      description: "Those providers' active products that address the need.",
    }),
    smeFriendlyProviders: t.expose('smeFriendlyProviders', {
      type: SupplyCountRef,
      description: 'Of the providers: those with at least one such product marked as made for SMEs.',
    }),
    danishSpeakingProviders: t.expose('danishSpeakingProviders', {
      type: SupplyCountRef,
      description: 'Of the providers: those whose languages include Danish, or with such a product offered in Danish.',
    }),
    verifiedCertifiedProviders: t.expose('verifiedCertifiedProviders', {
      type: SupplyCountRef,
      description:
        'Of the providers: those holding a certification that has not expired and that NCC-DK verified within the last year.',
    }),
    smeFriendlyShare: t.exposeFloat('smeFriendlyShare', {
      nullable: true,
      description: 'smeFriendlyProviders / providers (0–1); null when the cell is hidden or has no providers.',
    }),
    danishSpeakingShare: t.exposeFloat('danishSpeakingShare', {
      nullable: true,
      description: 'danishSpeakingProviders / providers (0–1); null when the cell is hidden or has no providers.',
    }),
    verifiedCertifiedShare: t.exposeFloat('verifiedCertifiedShare', {
      nullable: true,
      description: 'verifiedCertifiedProviders / providers (0–1); null when the cell is hidden or has no providers.',
    }),
  }),
});

const NeedRegionSupplyStatisticRef = builder
  .objectRef<NeedRegionSupplyStatistic>('NeedRegionSupplyStatistic')
  .implement({
    description: 'Providers of one need in one region.',
    authScopes: PUBLIC,
    fields: (t) => ({
      need: t.exposeString('need', { description: "The need's slug." }),
      region: t.exposeString('region', { description: "The region's code." }),
      providers: t.expose('providers', {
        type: SupplyCountRef,
        description:
          'Providers of the need located in one of the region’s municipalities or saying they serve the region (a provider counts in each region it is in or serves).',
      }),
      onSiteProviders: t.expose('onSiteProviders', {
        type: SupplyCountRef,
        description: 'Of those, the providers located in the region. Hidden with the cell’s providers.',
      }),
    }),
  });

const RegionCoverageStatisticRef = builder.objectRef<RegionCoverageStatistic>('RegionNeedCoverageStatistic').implement({
  description: `How well one region is served: the needs with at least ${SUPPLY_MIN_COMPANIES} providers there.`,
  authScopes: PUBLIC,
  fields: (t) => ({
    region: t.exposeString('region', { description: "The region's code." }),
    needsWithThreeProviders: t.exposeInt('needsWithThreeProviders', {
      description: `Needs of the catalogue with at least ${SUPPLY_MIN_COMPANIES} providers located in or serving the region.`,
    }),
  }),
});

const CoverageStatisticRef = builder.objectRef<CoverageStatistic>('CoverageStatistic').implement({
  description:
    'Coverage of one NIST CSF 2.0 category (by products that declare it) or one NIS2 Art. 21(2) measure (by products addressing a need that supports it).',
  authScopes: PUBLIC,
  fields: (t) => ({
    code: t.exposeString('code', { description: "The category's code ('PR.AA') or the measure's ('NIS2-21-2-a')." }),
    group: t.exposeString('group', { description: "The CSF function ('PR') or the measure's letter ('a')." }),
    products: t.expose('products', {
      type: SupplyCountRef,
      description: 'Active products of published companies in the filter that cover it.',
    }),
    providers: t.expose('providers', {
      type: SupplyCountRef,
      description: 'Published companies in the filter offering at least one such product.',
    }),
  }),
});

const RoleRegionStatisticRef = builder.objectRef<RoleRegionStatistic>('RoleRegionStatistic').implement({
  description: 'Scarcity of one ECSF role profile in one region. Headcounts are not public.',
  authScopes: PUBLIC,
  fields: (t) => ({
    role: t.exposeString('role', { description: "The ECSF role profile's code." }),
    region: t.exposeString('region', { description: "The region's code (where the companies are located)." }),
    companies: t.expose('companies', {
      type: SupplyCountRef,
      description:
        'Published companies located in the region with a competence in the role profile or one of its finer skills.',
    }),
  }),
});

const NeedQuarterDemandStatisticRef = builder
  .objectRef<NeedQuarterDemandStatistic>('NeedQuarterDemandStatistic')
  .implement({
    description:
      "Demand for one need in one quarter, in Denmark or the filter's region: searches and matches by anonymous visitors that named or pointed at the need (a signal for several needs counts for each).",
    authScopes: PUBLIC,
    fields: (t) => ({
      need: t.exposeString('need', { description: "The need's slug." }),
      quarter: t.exposeString('quarter', { description: "The quarter, '2033-Q1' (clipped to the period)." }),
      signals: t.expose('signals', { type: DemandCountRef, description: 'Demand signals for the need.' }),
    }),
  });

const NeedRegionDemandStatisticRef = builder
  .objectRef<NeedRegionDemandStatistic>('NeedRegionDemandStatistic')
  .implement({
    description: 'Demand for one need from one region over the whole period (signals that named a region).',
    authScopes: PUBLIC,
    fields: (t) => ({
      need: t.exposeString('need', { description: "The need's slug." }),
      region: t.exposeString('region', { description: "The region's code." }),
      signals: t.expose('signals', {
        type: DemandCountRef,
        description: 'Demand signals for the need from the region.',
      }),
    }),
  });

const PublicStatisticsRef = builder.objectRef<PublicStatistics>('PublicStatistics').implement({
  description:
    'Aggregate supply and demand that identify no person and no single company: the public statistics page in data.',
  authScopes: PUBLIC,
  fields: (t) => ({
    filter: t.expose('filter', {
      type: StatisticsFilterEchoRef,
      description: 'The question as it was answered, after checking and defaults.',
    }),
    audience: t.exposeString('audience', {
      description: "'public' (the rules apply) or 'staff' (NCC-DK staff and analyst tokens see every number).",
    }),
    quarters: t.expose('quarters', { type: [StatisticsPeriodRef], description: "The period's quarters." }),
    supplyByNeed: t.expose('supplyByNeed', { type: [NeedSupplyStatisticRef], description: 'One row per need.' }),
    supplyByNeedAndRegion: t.expose('supplyByNeedAndRegion', {
      type: [NeedRegionSupplyStatisticRef],
      description: "One row per need × region (only the filter's region when given).",
    }),
    regionCoverage: t.expose('regionCoverage', {
      type: [RegionCoverageStatisticRef],
      description: "One row per region (only the filter's region when given).",
    }),
    csfCoverage: t.expose('csfCoverage', {
      type: [CoverageStatisticRef],
      description: 'One row per NIST CSF 2.0 category.',
    }),
    nis2Coverage: t.expose('nis2Coverage', {
      type: [CoverageStatisticRef],
      description: 'One row per NIS2 Art. 21(2) measure.',
    }),
    roleScarcityByRegion: t.expose('roleScarcityByRegion', {
      type: [RoleRegionStatisticRef],
      description: 'One row per ECSF role profile × region.',
    }),
    demandByNeedAndQuarter: t.expose('demandByNeedAndQuarter', {
      type: [NeedQuarterDemandStatisticRef],
      description: "One row per need of the catalogue × quarter of the period, zeros included (shown as 'under 5').",
    }),
    demandByNeedAndRegion: t.expose('demandByNeedAndRegion', {
      type: [NeedRegionDemandStatisticRef],
      description: "One row per need of the catalogue × region over the period, zeros included (shown as 'under 5').",
    }),
  }),
});

const StatisticsFilterRef = builder.inputType('StatisticsFilter', {
  description: `The period (a quarter, or a first and last day; at most ${MAX_PUBLIC_QUARTERS} quarters; without one the current quarter and the three before it), and where, which sector and which size band. Blank is absent.`,
  fields: (t) => ({
    quarter: t.string({ description: "A calendar quarter, '2033-Q1'; not together with from/to." }),
    from: t.string({ description: 'First day, YYYY-MM-DD, included.' }),
    to: t.string({ description: 'Last day, YYYY-MM-DD, included.' }),
    region: t.string({ description: "Region code ('1084'): supply located in or serving it, demand from it." }),
    sector: t.string({ description: 'Sector code: providers experienced in it, demand from SMEs in it.' }),
    sizeBand: t.string({
      description: "micro, small, medium or large: the providers' own size for supply, the asking SME's for demand.",
    }),
  }),
});

builder.queryFields((t) => ({
  statistics: t.field({
    type: PublicStatisticsRef,
    description:
      "The public statistics, for everyone. For anyone but NCC-DK staff and analyst tokens, a demand cell built from fewer than 5 signals is 'under 5' and a supply cell built from 1 or 2 companies is 'under 3'. BAD_USER_INPUT for a bad filter.",
    authScopes: PUBLIC,
    args: { filter: t.arg({ type: StatisticsFilterRef }) },
    resolve: (_root, { filter }, context) =>
      answering(() => readPublicStatistics(context.services.executor, context.viewer, filter ?? {})),
  }),
}));
