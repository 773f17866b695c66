import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { UnknownNeedsError } from '../../../../graph/match/match';
import { criterionRules, RANKING_RULES } from '../../../../graph/match/rules';
import type { MatchContext, MatchResult, RankedProvider, ScoreComponent } from '../../../../graph/match/types';
import type { Text } from '../../../../graph/model';
import {
  BUDGET_BANDS,
  COMPLIANCE_DRIVERS,
  DELIVERY_PREFERENCES,
  PREFERRED_LANGUAGES,
} from '../../../../graph/vocabulary';
import { matchProviders } from '../../../use-cases/match-providers';
import { pageComplexity } from '../../cost';
import { selectsOnly } from '../../selection';
import { builder } from '../builder';
import { enumValuesNamed, LocalizedText, retiredWhileRead, SizeBandEnum, slugSchema } from './common';
import { CompanyRef, type CompanyShape, companyFor } from './company';
import { ProductRef, type ProductShape } from './product';

const BudgetBandEnum = builder.enumType('BudgetBand', {
  description: 'small: up to 10,000 DKK; medium: up to 50,000; large: up to 250,000; any: no limit.',
  values: BUDGET_BANDS,
});
const DeliveryPreferenceEnum = builder.enumType('DeliveryPreference', { values: DELIVERY_PREFERENCES });
const ComplianceDriverEnum = builder.enumType('ComplianceDriver', { values: enumValuesNamed(COMPLIANCE_DRIVERS) });
const CriterionEnum = builder.enumType('MatchCriterion', { values: RANKING_RULES.order });
const PreferredLanguageEnum = builder.enumType('PreferredLanguage', { values: PREFERRED_LANGUAGES });

const MatchProfileInput = builder.inputType('MatchProfile', {
  description: "An SME's situation. Only the needs are required.",
  fields: (t) => ({
    needs: t.stringList({
      required: true,
      description: 'Need slugs (1-15).',
      validate: z.array(slugSchema).min(1, 'choose at least one need').max(15, 'choose at most 15 needs'),
    }),
    sector: t.string({
      validate: z
        .string()
        .max(50)
        .regex(/^[A-Z0-9-]+$/, 'must be a sector code')
        .nullish(),
    }),
    sizeBand: t.field({ type: SizeBandEnum }),
    municipality: t.string({
      description: 'Official municipality code, e.g. 751 (Aarhus).',
      validate: z
        .string()
        .regex(/^\d{3}$/, 'must be a three-digit municipality code')
        .nullish(),
    }),
    language: t.field({ type: PreferredLanguageEnum }),
    budget: t.field({ type: BudgetBandEnum }),
    delivery: t.field({ type: DeliveryPreferenceEnum }),
    drivers: t.field({ type: [ComplianceDriverEnum] }),
  }),
});

const NeedNameRef = builder.objectRef<{ slug: string; name: Text }>('NeedName').implement({
  authScopes: { public: true },
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.field({ type: LocalizedText, resolve: (need) => need.name }),
  }),
});

const ScoreComponentRef = builder.objectRef<ScoreComponent>('ScoreComponent').implement({
  authScopes: { public: true },
  description: 'Points for one public ranking criterion, with the facts behind them.',
  fields: (t) => ({
    criterion: t.field({ type: CriterionEnum, resolve: (c) => c.criterion }),
    points: t.exposeFloat('points'),
    max: t.exposeFloat('max'),
    reasons: t.field({ type: [LocalizedText], resolve: (c) => c.reasons }),
  }),
});

/** Company and product fields a ranked provider's candidate facts hold (graph/match/candidates.ts). */
const CANDIDATE_COMPANY_FIELDS = new Set(['slug', 'name', 'website']);
const CANDIDATE_PRODUCT_FIELDS = new Set(['slug', 'name']);

/** A ranked provider with its match's context (its explanation is written when read, so it is wrapped, not copied). */
type ProviderShape = { provider: RankedProvider; context: MatchContext };

const needNames = (context: MatchContext, slugs: string[]) =>
  slugs.flatMap((slug) => (context.needNames[slug] ? [{ slug, name: context.needNames[slug] }] : []));

const RankedProviderRef = builder.objectRef<ProviderShape>('RankedProvider').implement({
  authScopes: { public: true },
  fields: (t) => ({
    rank: t.int({ resolve: (p) => p.provider.rank }),
    score: t.float({ resolve: (p) => p.provider.score }),
    maxScore: t.float({ resolve: () => RANKING_RULES.totalMax }),
    company: t.field({
      type: CompanyRef,
      resolve: async (p, _a, context, info) => {
        const { candidate } = p.provider;
        // The match already holds these: a query asking only for them reads no profile.
        if (selectsOnly(info, CANDIDATE_COMPANY_FIELDS)) {
          const held: CompanyShape = { slug: candidate.slug, name: candidate.name, website: candidate.website };
          return held;
        }
        const company = await companyFor(context, candidate.slug, info);
        if (!company) throw retiredWhileRead('company', candidate.slug);
        return company;
      },
    }),
    breakdown: t.field({ type: [ScoreComponentRef], resolve: (p) => p.provider.breakdown }),
    coveredNeeds: t.field({ type: [NeedNameRef], resolve: (p) => needNames(p.context, p.provider.coveredNeeds) }),
    products: t.field({
      type: [ProductRef],
      description: 'The products that matter for the chosen needs, best first.',
      resolve: async (p, _a, { loaders }, info) => {
        const { products } = p.provider;
        if (selectsOnly(info, CANDIDATE_PRODUCT_FIELDS)) {
          return products.map(({ slug, name }) => ({ slug, name }) as ProductShape);
        }
        return (await loaders.productProfile.loadMany(products.map((product) => product.slug))).flatMap((product) =>
          product && !(product instanceof Error) ? [product] : [],
        );
      },
    }),
  }),
});

type ResultShape = MatchResult & { context: MatchContext };
const withContext = (result: ResultShape, providers: RankedProvider[]): ProviderShape[] =>
  providers.map((provider) => ({ provider, context: result.context }));

const FewestRef = builder.objectRef<ResultShape>('FewestProviders').implement({
  authScopes: { public: true },
  description: 'The smallest set of providers that together cover every need someone covers.',
  fields: (t) => ({
    providers: t.field({ type: [RankedProviderRef], resolve: (r) => withContext(r, r.fewest.providers) }),
    complete: t.boolean({ resolve: (r) => r.fewest.complete }),
    uncoveredNeeds: t.field({ type: [NeedNameRef], resolve: (r) => needNames(r.context, r.fewest.uncoveredNeeds) }),
  }),
});

const MatchResultRef = builder.objectRef<ResultShape>('MatchResult').implement({
  authScopes: { public: true },
  fields: (t) => ({
    total: t.int({ resolve: (r) => r.providers.length }),
    providers: t.field({
      type: [RankedProviderRef],
      complexity: pageComplexity,
      args: {
        limit: t.arg.int({ required: true, defaultValue: 10, validate: z.number().int().min(1).max(50) }),
        offset: t.arg.int({ required: true, defaultValue: 0, validate: z.number().int().min(0).max(10_000) }),
      },
      resolve: (r, { limit, offset }) => withContext(r, r.providers.slice(offset, offset + limit)),
    }),
    uncoveredNeeds: t.field({ type: [NeedNameRef], resolve: (r) => needNames(r.context, r.uncoveredNeeds) }),
    fewest: t.field({ type: FewestRef, resolve: (r) => r }),
    day: t.string({
      description: 'The day equal scores are rotated for (Europe/Copenhagen).',
      resolve: (r) => r.context.day,
    }),
  }),
});

const RankingRuleRef = builder.objectRef<ReturnType<typeof criterionRules>[number]>('RankingRule').implement({
  authScopes: { public: true },
  fields: (t) => ({
    criterion: t.field({ type: CriterionEnum, resolve: (r) => r.criterion }),
    max: t.exposeFloat('max'),
    title: t.field({ type: LocalizedText, resolve: (r) => r.title }),
    description: t.field({ type: LocalizedText, resolve: (r) => r.description }),
  }),
});

builder.queryFields((t) => ({
  match: t.field({
    authScopes: { public: true },
    type: MatchResultRef,
    description: 'Providers ranked for an SME profile by the public rules (rankingRules), each explained.',
    args: { profile: t.arg({ type: MatchProfileInput, required: true }) },
    resolve: async (_root, { profile }, { services, visitor }) => {
      try {
        return await matchProviders(
          services,
          {
            needs: [...profile.needs],
            sector: profile.sector ?? null,
            sizeBand: profile.sizeBand ?? null,
            municipality: profile.municipality ?? null,
            language: profile.language ?? null,
            budget: profile.budget ?? null,
            delivery: profile.delivery ?? null,
            drivers: profile.drivers ? [...profile.drivers] : [],
          },
          visitor,
        );
      } catch (error) {
        if (error instanceof UnknownNeedsError) {
          throw new GraphQLError(`Unknown needs: ${error.slugs.join(', ')}`, {
            extensions: { code: 'BAD_USER_INPUT', unknownNeeds: error.slugs },
          });
        }
        throw error;
      }
    },
  }),
  rankingRules: t.field({
    authScopes: { public: true },
    type: [RankingRuleRef],
    description: 'The public ranking criteria match uses, in the order results show them.',
    resolve: () => criterionRules(),
  }),
}));
