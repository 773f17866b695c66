import type { NeedSummary, NeedView } from '../../../../graph/views';
import { builder } from '../builder';
import { CodeNameRef, LocalizedText, slugSchema } from './common';

export const NeedSummaryRef = builder.objectRef<NeedSummary>('NeedSummary').implement({
  authScopes: { public: true },
  description: 'An SME need in plain language (short form).',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.field({ type: LocalizedText, resolve: (n) => n.name }),
    summary: t.field({ type: LocalizedText, resolve: (n) => n.summary }),
  }),
});

const KeywordsRef = builder.objectRef<NeedView['keywords']>('NeedKeywords').implement({
  authScopes: { public: true },
  fields: (t) => ({ da: t.exposeStringList('da'), en: t.exposeStringList('en') }),
});

export const NeedRef = builder.objectRef<NeedView>('Need').implement({
  authScopes: { public: true },
  description: 'An SME need in plain language, linked to the taxonomies behind it.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.field({ type: LocalizedText, resolve: (n) => n.name }),
    summary: t.field({ type: LocalizedText, resolve: (n) => n.summary }),
    question: t.field({ type: LocalizedText, resolve: (n) => n.question }),
    keywords: t.field({ type: KeywordsRef, resolve: (n) => n.keywords }),
    csfCategories: t.field({ type: [CodeNameRef], resolve: (n) => n.csfCategories }),
    nis2Measures: t.field({ type: [CodeNameRef], resolve: (n) => n.nis2Measures }),
    dMaerketCriteria: t.field({ type: [CodeNameRef], resolve: (n) => n.dMaerketCriteria }),
    skills: t.field({ type: [CodeNameRef], resolve: (n) => n.skills }),
    regulations: t.field({ type: [CodeNameRef], resolve: (n) => n.regulations }),
    categories: t.field({ type: [CodeNameRef], resolve: (n) => n.categories }),
    providerCount: t.exposeInt('providerCount', { description: 'Companies with an active product for this need.' }),
  }),
});

builder.queryFields((t) => ({
  needs: t.field({
    authScopes: { public: true },
    type: [NeedRef],
    description: 'The SME needs catalogue.',
    resolve: (_root, _args, { services }) => services.catalog.needs(),
  }),
  need: t.field({
    authScopes: { public: true },
    type: NeedRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true, validate: slugSchema }) },
    resolve: async (_root, { slug }, { services }) => (await services.catalog.needs()).find((n) => n.slug === slug),
  }),
}));
