import type { ProductProfile, ProductSummary } from '../../../../graph/views';
import { readProductProfile } from '../../../use-cases/read-profile';
import type { GraphQLContext } from '../../context';
import { pageComplexity } from '../../cost';
import { builder } from '../builder';
import {
  CodeNameRef,
  DeliveryEnum,
  LocalizedText,
  limitSchema,
  offsetSchema,
  PricingModelEnum,
  ProductKindEnum,
  pageRef,
  retiredWhileRead,
  slugSchema,
} from './common';
import { CompanyRef, companyFor, ListingFilterInput, toListingFilter } from './company';
import { NeedSummaryRef } from './need';

/** A product as listed, as one of a company's (its description only when asked for), or fully loaded. */
export type ProductShape = Omit<ProductSummary, 'description'> & Partial<ProductProfile>;

export const ProductRef = builder.objectRef<ProductShape>('Product');

async function profile(product: ProductShape, context: GraphQLContext): Promise<ProductProfile> {
  if (product.company && product.needs && product.categories) return product as ProductProfile;
  const loaded = await context.loaders.productProfile.load(product.slug);
  if (!loaded) throw retiredWhileRead('product', product.slug);
  return loaded;
}

ProductRef.implement({
  authScopes: { public: true },
  description: 'A product or service offered by a company.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.field({ type: ProductKindEnum, resolve: (p) => p.kind }),
    description: t.field({
      type: LocalizedText,
      resolve: async (p, _a, ctx) => p.description ?? (await profile(p, ctx)).description,
    }),
    pricingModel: t.field({ type: PricingModelEnum, resolve: (p) => p.pricingModel }),
    priceFromDkk: t.exposeInt('priceFromDkk', { nullable: true, description: 'Lowest price in DKK; null on request.' }),
    delivery: t.field({ type: [DeliveryEnum], resolve: (p) => p.delivery }),
    languages: t.exposeStringList('languages'),
    smeFit: t.exposeBoolean('smeFit', { description: 'Packaged and priced for small and medium-sized enterprises.' }),
    status: t.exposeString('status'),
    company: t.field({
      type: CompanyRef,
      resolve: async (p, _a, ctx, info) => {
        if (p.company) return p.company;
        return (await companyFor(ctx, p.companySlug, info)) ?? (await profile(p, ctx)).company;
      },
    }),
    needs: t.field({
      type: [NeedSummaryRef],
      // A company's profile reads its products' needs with it: no second round trip for them.
      resolve: async (p, _a, ctx) => p.needs ?? (await profile(p, ctx)).needs,
    }),
    categories: t.field({ type: [CodeNameRef], resolve: async (p, _a, ctx) => (await profile(p, ctx)).categories }),
    csfCategories: t.field({
      type: [CodeNameRef],
      resolve: async (p, _a, ctx) => (await profile(p, ctx)).csfCategories,
    }),
    regulations: t.field({ type: [CodeNameRef], resolve: async (p, _a, ctx) => (await profile(p, ctx)).regulations }),
    updatedAt: t.string({ resolve: async (p, _a, ctx) => (await profile(p, ctx)).updatedAt }),
  }),
});

const ProductFilterInput = builder.inputType('ProductFilter', {
  fields: (t) => ({
    listing: t.field({ type: ListingFilterInput }),
    kinds: t.field({ type: [ProductKindEnum] }),
  }),
});

const ProductPageRef = pageRef<ProductShape>('ProductPage', ProductRef);

builder.queryFields((t) => ({
  product: t.field({
    authScopes: { public: true },
    type: ProductRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true, validate: slugSchema }) },
    resolve: (_root, { slug }, { profiles }) => readProductProfile(profiles, slug),
  }),
  products: t.field({
    authScopes: { public: true },
    type: ProductPageRef,
    description: 'Active products and services ordered by name, filtered and paginated.',
    complexity: pageComplexity,
    args: {
      filter: t.arg({ type: ProductFilterInput }),
      limit: t.arg.int({ required: true, defaultValue: 20, validate: limitSchema }),
      offset: t.arg.int({ required: true, defaultValue: 0, validate: offsetSchema }),
    },
    resolve: async (_root, { filter, limit, offset }, { services }) => {
      const page = await services.catalog.products(
        { ...toListingFilter(filter?.listing), kinds: filter?.kinds ? [...filter.kinds] : undefined },
        limit,
        offset,
      );
      return { ...page, limit, offset };
    },
  }),
}));
