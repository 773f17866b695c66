import { z } from 'zod';
import type { Taxonomy } from '../../../../graph/catalog';
import type { Text } from '../../../../graph/model';
import {
  DOCUMENT_KINDS,
  FACETS,
  type FacetName,
  SEARCH_SORTS,
  type SearchFilters,
  type SearchHit,
} from '../../../../search/types';
import { searchListings } from '../../../use-cases/search-listings';
import { FACET_VALUES, PAGE_ITEMS, pageComplexity } from '../../cost';
import { builder } from '../builder';
import { codeListSchema, LocalizedText, limitSchema, offsetSchema, SizeBandEnum } from './common';
import { CompanyRef, companyFor } from './company';
import { ProductRef } from './product';

const SearchSortEnum = builder.enumType('SearchSort', { values: SEARCH_SORTS });
const ListingKindEnum = builder.enumType('ListingKind', { values: DOCUMENT_KINDS });
const FacetNameEnum = builder.enumType('FacetName', { values: FACETS });

const SearchFilterInput = builder.inputType('SearchFilter', {
  description: 'Within one field the values are OR-ed; across fields they are AND-ed.',
  fields: (t) => {
    // Keyed by FacetName: a facet added to the search contract fails the type check until it can be filtered on here.
    const facets = {
      kind: t.field({ type: [ListingKindEnum] }),
      needs: t.stringList({ validate: codeListSchema }),
      categories: t.stringList({ validate: codeListSchema }),
      csfFunctions: t.stringList({ validate: codeListSchema }),
      certifications: t.stringList({ validate: codeListSchema }),
      regions: t.stringList({ validate: codeListSchema }),
      municipalities: t.stringList({ validate: codeListSchema }),
      sizeBand: t.field({ type: [SizeBandEnum] }),
      languages: t.stringList({ validate: codeListSchema }),
    } satisfies Record<FacetName, unknown>;
    return {
      ...facets,
      smeFit: t.boolean({ description: 'Only listings packaged for SMEs.' }),
      maxPrice: t.int({
        description: 'Highest acceptable starting price in DKK.',
        validate: z.number().int().min(0, 'must not be negative').nullable().optional(),
      }),
    };
  },
});

const SearchHitRef = builder.objectRef<SearchHit>('SearchHit').implement({
  authScopes: { public: true },
  fields: (t) => ({
    kind: t.field({ type: ListingKindEnum, resolve: (hit) => hit.document.kind }),
    slug: t.string({ resolve: (hit) => hit.document.slug }),
    name: t.string({ resolve: (hit) => hit.document.name }),
    companySlug: t.string({ resolve: (hit) => hit.document.companySlug }),
    companyName: t.string({ resolve: (hit) => hit.document.companyName }),
    description: t.field({
      type: LocalizedText,
      resolve: (hit) => ({ da: hit.document.descriptionDa, en: hit.document.descriptionEn }),
    }),
    priceFromDkk: t.int({ nullable: true, resolve: (hit) => hit.document.priceFrom }),
    score: t.float({ resolve: (hit) => hit.score }),
    company: t.field({
      type: CompanyRef,
      nullable: true,
      resolve: (hit, _a, context, info) => companyFor(context, hit.document.companySlug, info),
    }),
    product: t.field({
      type: ProductRef,
      nullable: true,
      resolve: (hit, _a, { loaders }) =>
        hit.document.kind === 'product' ? loaders.productProfile.load(hit.document.slug) : null,
    }),
  }),
});

/** A facet value with what its label is looked up from, only when a client asks for the label. */
interface FacetValue {
  value: string;
  count: number;
  facet: FacetName;
  taxonomy: Taxonomy;
}

const FacetValueRef = builder.objectRef<FacetValue>('FacetValue').implement({
  authScopes: { public: true },
  fields: (t) => ({
    value: t.exposeString('value'),
    count: t.exposeInt('count'),
    label: t.field({
      type: LocalizedText,
      nullable: true,
      resolve: (v) => facetLabel(v.taxonomy, v.facet, v.value),
    }),
  }),
});

const FacetRef = builder.objectRef<{ name: FacetName; values: FacetValue[] }>('Facet').implement({
  authScopes: { public: true },
  fields: (t) => ({
    name: t.field({ type: FacetNameEnum, resolve: (f) => f.name }),
    values: t.field({ type: [FacetValueRef], complexity: FACET_VALUES, resolve: (f) => f.values }),
  }),
});

const SearchResultRef = builder
  .objectRef<{
    total: number;
    hits: SearchHit[];
    facets: Array<{ name: FacetName; values: FacetValue[] }>;
    tookMs: number;
  }>('SearchResult')
  .implement({
    authScopes: { public: true },
    fields: (t) => ({
      total: t.exposeInt('total'),
      tookMs: t.exposeFloat('tookMs'),
      hits: t.field({ type: [SearchHitRef], complexity: PAGE_ITEMS, resolve: (r) => r.hits }),
      facets: t.field({
        type: [FacetRef],
        complexity: { field: 1, multiplier: FACETS.length },
        resolve: (r) => r.facets,
      }),
    }),
  });

/** Facet values carry their label so clients need not look codes up themselves. */
export function facetLabel(taxonomy: Taxonomy, facet: FacetName, value: string): Text | null {
  const labels = taxonomy.labels;
  const table: Partial<Record<FacetName, Record<string, Text>>> = {
    needs: labels.needs,
    categories: labels.categories,
    csfFunctions: labels.csfFunctions,
    certifications: labels.certifications,
    regions: labels.regions,
    municipalities: labels.municipalities,
  };
  return table[facet]?.[value] ?? null;
}

builder.queryFields((t) => ({
  search: t.field({
    authScopes: { public: true },
    type: SearchResultRef,
    description: 'Full-text search over companies and products, with facet counts over the filtered result.',
    complexity: pageComplexity,
    args: {
      query: t.arg.string({
        required: true,
        validate: z.string().max(200, 'must be at most 200 characters'),
      }),
      filters: t.arg({ type: SearchFilterInput }),
      sort: t.arg({ type: SearchSortEnum, required: true, defaultValue: 'relevance' }),
      limit: t.arg.int({ required: true, defaultValue: 20, validate: limitSchema }),
      offset: t.arg.int({ required: true, defaultValue: 0, validate: offsetSchema }),
    },
    resolve: async (_root, args, { services, visitor }) => {
      const filters: SearchFilters = {};
      for (const [key, value] of Object.entries(args.filters ?? {})) {
        if (value === null || value === undefined) continue;
        (filters as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
      }
      const request = { query: args.query.trim(), filters, sort: args.sort, limit: args.limit, offset: args.offset };
      const { response: result, taxonomy } = await searchListings(services, request, visitor);
      const facets = FACETS.map((name) => ({
        name,
        values: Object.entries(result.facets[name] ?? {})
          .map(([value, count]): FacetValue => ({ value, count, facet: name, taxonomy }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)),
      }));
      return { total: result.total, hits: result.hits, facets, tookMs: result.tookMs };
    },
  }),
}));
