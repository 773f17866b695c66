import { z } from 'zod';
import type { Text } from '../../../../graph/model';
import type { CodeName } from '../../../../graph/views';
import { builder } from '../builder';

export const LocalizedText = builder.objectRef<Text>('LocalizedText').implement({
  description: 'A text in Danish (the default) and English.',
  fields: (t) => ({
    da: t.exposeString('da'),
    en: t.exposeString('en'),
  }),
});

export const CodeNameRef = builder.objectRef<CodeName>('Term').implement({
  description: 'A term of one of the taxonomies (sector, regulation, NIS2 measure, D-mærket criterion, ...).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.field({ type: LocalizedText, resolve: (term) => term.name }),
  }),
});

export const SizeBandEnum = builder.enumType('SizeBand', {
  description: 'Company size by employees: micro 1-9, small 10-49, medium 50-249, large 250+.',
  values: ['micro', 'small', 'medium', 'large'] as const,
});

export const ProductKindEnum = builder.enumType('ProductKind', { values: ['product', 'service'] as const });
export const PricingModelEnum = builder.enumType('PricingModel', {
  values: ['fixed', 'subscription', 'hourly', 'quote'] as const,
});
export const DeliveryEnum = builder.enumType('Delivery', { values: ['remote', 'onsite'] as const });

export const slugSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a slug: lowercase letters, digits and hyphens');

export const codeListSchema = z
  .array(z.string().min(1).max(100, 'values must be at most 100 characters'))
  .max(50, 'at most 50 values')
  .optional()
  .nullable();

export const limitSchema = z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100');
export const offsetSchema = z.number().int().min(0, 'must not be negative').max(10_000, 'must be at most 10000');
