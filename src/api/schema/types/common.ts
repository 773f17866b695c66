import type { ObjectRef, SchemaTypes } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Text } from '../../../../graph/model';
import type { CodeName } from '../../../../graph/views';
import { DELIVERIES, PRICING_MODELS, PRODUCT_KINDS, SIZE_BANDS } from '../../../../graph/vocabulary';
import { PAGE_ITEMS } from '../../cost';
import { builder } from '../builder';

export { slugSchema } from '../../../../graph/slug';

/**
 * A listing retired or removed between the read that named it and the read of its profile (a
 * concurrent approval or retirement): a coded, retryable answer instead of an internal error.
 */
export function retiredWhileRead(what: string, slug: string): GraphQLError {
  return new GraphQLError(`${what} ${slug} was retired or removed while this request read it; ask again`, {
    extensions: { code: 'CONFLICT' },
  });
}

export const LocalizedText = builder.objectRef<Text>('LocalizedText').implement({
  authScopes: { public: true },
  description: 'A text in Danish (the default) and English.',
  fields: (t) => ({
    da: t.exposeString('da'),
    en: t.exposeString('en'),
  }),
});

export const CodeNameRef = builder.objectRef<CodeName>('Term').implement({
  authScopes: { public: true },
  description: 'A term of one of the taxonomies (sector, regulation, NIS2 measure, D-mærket criterion, ...).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.field({ type: LocalizedText, resolve: (term) => term.name }),
  }),
});

export const SizeBandEnum = builder.enumType('SizeBand', {
  description: 'Company size by employees: micro 1-9, small 10-49, medium 50-249, large 250+.',
  values: SIZE_BANDS,
});

export const ProductKindEnum = builder.enumType('ProductKind', { values: PRODUCT_KINDS });
export const PricingModelEnum = builder.enumType('PricingModel', { values: PRICING_MODELS });
export const DeliveryEnum = builder.enumType('Delivery', { values: DELIVERIES });

/**
 * Enum values by their GraphQL names: a GraphQL name cannot contain '-', so 'D-MAERKET' is D_MAERKET
 * in the schema and 'D-MAERKET' again in the resolvers.
 */
export function enumValuesNamed<const T extends string>(values: readonly T[]): Record<string, { value: T }> {
  return Object.fromEntries(values.map((value) => [value.replaceAll('-', '_'), { value }]));
}

export const codeListSchema = z
  .array(z.string().min(1).max(100, 'values must be at most 100 characters'))
  .max(50, 'at most 50 values')
  .optional()
  .nullable();

export const limitSchema = z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100');
export const offsetSchema = z.number().int().min(0, 'must not be negative').max(10_000, 'must be at most 10000');

/** One page of a paginated list: its items (already counted by the list field's `limit`) and where it sits. */
export interface PageOf<T> {
  total: number;
  items: T[];
  limit: number;
  offset: number;
}

type BuilderTypes =
  typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types extends SchemaTypes> ? Types : never;

export function pageRef<T>(name: string, item: ObjectRef<BuilderTypes, T>) {
  return builder.objectRef<PageOf<T>>(name).implement({
    authScopes: { public: true },
    fields: (t) => ({
      total: t.exposeInt('total'),
      limit: t.exposeInt('limit'),
      offset: t.exposeInt('offset'),
      items: t.field({ type: [item], complexity: PAGE_ITEMS, resolve: (page) => page.items }),
    }),
  });
}
