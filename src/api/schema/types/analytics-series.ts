import { NEEDS } from '../../../../graph/data/needs';
import { TAXONOMIES } from '../../../../graph/data/taxonomies';
import {
  compareSupply,
  readSupplySeries,
  SERIES_DEFAULT_DAYS,
  SUPPLY_MEASURES,
  type SupplyComparisonRow,
  type SupplyDifference,
  type SupplyFigures,
  type SupplyMeasure,
  type SupplySeriesPoint,
  seriesPeriod,
} from '../../../use-cases/analytics-snapshot';
import { builder } from '../builder';
import { answering } from './errors';

/**
 * Supply over time (src/use-cases/analytics-snapshot.ts): a supply measure's daily series and a
 * comparison of two days, read from the daily supply snapshots. Reviewers, admins and analysts'
 * API tokens only. The descriptions define every figure; they repeat graph/analytics/supply.ts.
 */

const ANALYSTS = { reviewer: true, admin: true, analyst: true } as const;

const MEASURE_DESCRIPTIONS: Record<SupplyMeasure, string> = {
  supplyByNeed:
    'Supply per need (key: need slug): providers, products, smeFriendlyProviders, danishSpeakingProviders, verifiedCertifiedProviders, onSiteProviders. With `sector` and no region: the need × sector rows of that sector.',
  roleScarcity:
    'Scarcity per ECSF role profile (key: role code): companies located in the area with a competence in the role or a finer skill of it, and their headcount in it.',
  csfCoverage:
    'Coverage per NIST CSF 2.0 category (key: category code): active products that declare it (COVERS) and their providers.',
  nis2Coverage:
    'Coverage per NIS2 Art. 21(2) measure (key: measure code): active products addressing a need that supports the measure, and their providers.',
  concentration:
    'Concentration per need (key: need slug): providers, products, the share of the three largest providers (top3Share) and whether the market is thin.',
};

const SupplyMeasureEnum = builder.enumType('SupplyMeasure', {
  description:
    'A supply measure kept in the daily supply snapshots (taken at 00:30 UTC for all of Denmark and for each region), and what its rows are keyed by.',
  values: Object.fromEntries(
    SUPPLY_MEASURES.map((measure) => [measure, { value: measure, description: MEASURE_DESCRIPTIONS[measure] }]),
  ) as Record<SupplyMeasure, { value: SupplyMeasure; description: string }>,
});

const SeriesFilterRef = builder.inputType('SeriesFilter', {
  description:
    'Which snapshots to read; each part optional (absent or blank: no filter). The snapshots keep all of Denmark and each region, providers of every size together: `sizeBand` is refused (BAD_USER_INPUT, issue code not_in_snapshots), and so is `sector` except for supplyByNeed without a region.',
  fields: (t) => ({
    from: t.string({
      description: `First day (ISO date, included). Without it: ${SERIES_DEFAULT_DAYS - 1} days before \`to\`. Not for a comparison.`,
    }),
    to: t.string({ description: 'Last day (ISO date, included). Without it: today (UTC). Not for a comparison.' }),
    region: t.string({
      description:
        "Region code ('1084'): that region's snapshot (the measures computed with the region filter). Without it: all of Denmark.",
    }),
    sector: t.string({
      description:
        "Sector code ('SEC-HEALTH'): only for supplyByNeed without a region, read from the need × sector rows.",
    }),
    sizeBand: t.string({ description: 'Not kept in the snapshots: always refused when given.' }),
    need: t.string({ description: 'Need slug: only that need’s rows (supplyByNeed and concentration only).' }),
  }),
});

// ---------------------------------------------------------------------------------------------
// The figures

type BuilderTypes = typeof builder.$inferSchemaTypes;
type Fields<T> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, T>;

const ONLY = (measures: string) => `Set for ${measures}; null for the other measures.`;

/** The numeric figures, as a day has them (SupplyFigures) or as their difference (SupplyDifference, whose `what` says so). */
function numberFields<T extends SupplyDifference>(t: Fields<T>, what: string) {
  return {
    providers: t.int({
      nullable: true,
      resolve: (row) => row.providers,
      description: `Providers: for supplyByNeed and concentration, the published companies with at least one active product addressing the need that count in the area (all of Denmark, or located in the filter's region or serving it); for csfCoverage and nis2Coverage, the published companies in the area offering at least one of the covering products. ${ONLY('supplyByNeed, concentration, csfCoverage, nis2Coverage')}${what}`,
    }),
    products: t.int({
      nullable: true,
      resolve: (row) => row.products,
      description: `Active products of those providers that address the need (supplyByNeed, concentration) or cover the category or measure (csfCoverage, nis2Coverage). ${ONLY('supplyByNeed, concentration, csfCoverage, nis2Coverage')}${what}`,
    }),
    smeFriendlyProviders: t.int({
      nullable: true,
      resolve: (row) => row.smeFriendlyProviders,
      description: `Of the providers: those with at least one active product for the need marked smeFit (made for SMEs). ${ONLY('supplyByNeed')}${what}`,
    }),
    danishSpeakingProviders: t.int({
      nullable: true,
      resolve: (row) => row.danishSpeakingProviders,
      description: `Of the providers: those whose languages include 'da' or with an active product for the need offered in 'da'. ${ONLY('supplyByNeed')}${what}`,
    }),
    verifiedCertifiedProviders: t.int({
      nullable: true,
      resolve: (row) => row.verifiedCertifiedProviders,
      description: `Of the providers: those holding a certification that has not expired and that NCC-DK verified within the last year. ${ONLY('supplyByNeed')}${what}`,
    }),
    onSiteProviders: t.int({
      nullable: true,
      resolve: (row) => row.onSiteProviders,
      description: `Of the providers: those located in a municipality of the filter's region (the others count because they serve it). Set for supplyByNeed with a region; null without one and for the other measures.${what}`,
    }),
    companies: t.int({
      nullable: true,
      resolve: (row) => row.companies,
      description: `Published companies located in the area with a competence in the role profile or one of its finer skills. ${ONLY('roleScarcity')}${what}`,
    }),
    headcount: t.int({
      nullable: true,
      resolve: (row) => row.headcount,
      description: `The sum over those companies of each one's largest headcount among its competences in the role and its finer skills (a missing headcount counts as 0). ${ONLY('roleScarcity')}${what}`,
    }),
    top3Share: t.float({
      nullable: true,
      resolve: (row) => row.top3Share,
      description: `The share (0–1) of the need's products offered by the three providers with the most of them; null when there are no products. ${ONLY('concentration')}${what}`,
    }),
  };
}

function figureFields<T extends SupplyFigures>(t: Fields<T>) {
  return {
    ...numberFields(t, ''),
    thin: t.boolean({
      nullable: true,
      resolve: (row) => row.thin,
      description: `True when at most two providers served the need (none included). ${ONLY('concentration')}`,
    }),
  };
}

const SupplyFiguresRef = builder.objectRef<SupplyFigures>('SupplyFigures').implement({
  description:
    'The figures of one key in one day’s supply snapshot, as graph/analytics/supply.ts defines them. Which figures are set depends on the measure; the others are null.',
  authScopes: ANALYSTS,
  fields: (t) => figureFields(t),
});

const SupplyDifferenceRef = builder.objectRef<SupplyDifference>('SupplyDifference').implement({
  description:
    'The second day’s figure minus the first day’s, figure by figure; null where either day lacks the figure or the key.',
  authScopes: ANALYSTS,
  fields: (t) => numberFields(t, ' Here: the second day’s value minus the first day’s.'),
});

const SupplySeriesPointRef = builder.objectRef<SupplySeriesPoint>('SupplySeriesPoint').implement({
  description:
    'One key of a supply measure on one day: the figures of the snapshot taken that day (00:30 UTC) for the filter’s area.',
  authScopes: ANALYSTS,
  fields: (t) => ({
    day: t.exposeString('day', { description: 'The snapshot’s day (ISO date, UTC).' }),
    key: t.exposeString('key', {
      description:
        'What the row is about: a need slug (supplyByNeed, concentration), an ECSF role profile code (roleScarcity), a NIST CSF 2.0 category code (csfCoverage) or a NIS2 Art. 21(2) measure code (nis2Coverage).',
    }),
    ...figureFields(t),
  }),
});

const SupplyComparisonRowRef = builder.objectRef<SupplyComparisonRow>('SupplyComparisonRow').implement({
  description: 'One key of a supply measure on two days, and how it changed.',
  authScopes: ANALYSTS,
  fields: (t) => ({
    key: t.exposeString('key', {
      description:
        'A need slug, ECSF role profile code, NIST CSF 2.0 category code or NIS2 measure code, as in SupplySeriesPoint.key.',
    }),
    first: t.field({
      type: SupplyFiguresRef,
      nullable: true,
      resolve: (row) => row.first,
      description: 'The figures on the first day; null when that day’s snapshot has no row for the key.',
    }),
    second: t.field({
      type: SupplyFiguresRef,
      nullable: true,
      resolve: (row) => row.second,
      description: 'The figures on the second day; null when that day’s snapshot has no row for the key.',
    }),
    difference: t.field({
      type: SupplyDifferenceRef,
      resolve: (row) => row.difference,
      description: 'Second minus first, figure by figure.',
    }),
  }),
});

// ---------------------------------------------------------------------------------------------
// Cost: a series costs its points (days × keys), a comparison its rows.

const ROLES = TAXONOMIES.skills.filter((skill) => skill.kind === 'role').length;
/** Keys per day of each measure, from the catalogues (graph/data). */
export const SERIES_KEYS: Record<SupplyMeasure, number> = {
  supplyByNeed: NEEDS.length,
  roleScarcity: ROLES,
  csfCoverage: TAXONOMIES.csfCategories.length,
  nis2Coverage: TAXONOMIES.nis2Measures.length,
  concentration: NEEDS.length,
};

const DAY = 86_400_000;

/** Days a series reads: its period (default 90), 1 for a period that is not valid (refused before anything is read). */
function seriesDays(filter: { from?: string | null; to?: string | null } | null | undefined): number {
  // The cost is reckoned before the filter is checked: a day that is not one counts as absent
  // here, and the resolver answers it with BAD_USER_INPUT.
  const day = (value: string | null | undefined) => {
    const trimmed = value?.trim() ?? '';
    return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) && Number.isFinite(Date.parse(`${trimmed}T00:00:00Z`)) ? trimmed : null;
  };
  const { from, to } = seriesPeriod({ from: day(filter?.from), to: day(filter?.to) }, new Date());
  const days = Math.floor((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;
  return Number.isFinite(days) && days > 0 ? days : 1;
}

const filterOf = (filter: Record<string, string | null | undefined> | null | undefined) => filter ?? {};

builder.queryFields((t) => ({
  supplySeries: t.field({
    type: [SupplySeriesPointRef],
    description: `A supply measure over time: for each day in the filter's period (default: the last ${SERIES_DEFAULT_DAYS} days, today included) that has a snapshot, one point per key with that day's figures, oldest day first. Read from the daily supply snapshots of the filter's region (all of Denmark without one). Reviewers, admins and analysts. Costs its points: days × the measure's keys.`,
    authScopes: ANALYSTS,
    args: {
      measure: t.arg({ type: SupplyMeasureEnum, required: true, description: 'The measure to follow.' }),
      filter: t.arg({
        type: SeriesFilterRef,
        description: 'Period, area and need; absent: the last 90 days of all of Denmark.',
      }),
    },
    complexity: (args) => ({ field: 1, multiplier: seriesDays(args.filter) * SERIES_KEYS[args.measure] }),
    resolve: (_root, { measure, filter }, context) =>
      answering(() =>
        readSupplySeries(context.services.executor, context.viewer, { measure, filter: filterOf(filter) }),
      ),
  }),
  supplyComparison: t.field({
    type: [SupplyComparisonRowRef],
    description:
      "A supply measure on two days side by side: one row per key found on either day, with each day's figures and the difference (second minus first). Both days must have a snapshot for the filter's region (else BAD_USER_INPUT with issue code no_snapshot, naming the nearest days that have one). The filter's from and to do not apply. Reviewers, admins and analysts.",
    authScopes: ANALYSTS,
    args: {
      measure: t.arg({ type: SupplyMeasureEnum, required: true, description: 'The measure to compare.' }),
      first: t.arg.string({ required: true, description: 'The first day (ISO date).' }),
      second: t.arg.string({ required: true, description: 'The second day (ISO date).' }),
      filter: t.arg({
        type: SeriesFilterRef,
        description: 'Area and need (from and to do not apply); absent: all of Denmark.',
      }),
    },
    complexity: (args) => ({ field: 1, multiplier: SERIES_KEYS[args.measure] }),
    resolve: (_root, { measure, first, second, filter }, context) =>
      answering(() =>
        compareSupply(context.services.executor, context.viewer, {
          measure,
          first,
          second,
          filter: filterOf(filter),
        }),
      ),
  }),
}));
