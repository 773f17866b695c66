import { z } from 'zod';
import type { KnownKeys } from '../../graph/loaders/shared';
import { slugify, slugSchema } from '../../graph/slug';
import type { CompanyRecord, ProductRecord } from '../../graph/submissions';
import {
  DELIVERIES,
  LANGUAGES,
  LEGAL_FORMS,
  PRICING_MODELS,
  PRODUCT_KINDS,
  SIZE_BANDS,
  type SizeBand,
} from '../../graph/vocabulary';
import { type FieldIssue, ValidationError } from './errors';

/**
 * The one validation of what a vendor may publish: a company profile and a product, as records.
 * The GraphQL mutations and the portal's forms both go through `validateCompanyRecord` /
 * `validateProductRecord`, so a value one accepts the other never refuses. The closed lists come
 * from graph/vocabulary.ts; taxonomy codes and need slugs are checked against the graph.
 */

const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`);

/** An optional text: absent, null and blank all mean "none". */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

/** A listing's name: its slug (the address of its page) is made from it. */
const listingName = text(200).refine((name) => {
  try {
    slugify(name);
    return true;
  } catch {
    return false;
  }
}, 'must contain a letter or a digit');

const bilingual = z.object({ da: text(5_000, 20), en: text(5_000, 20) });

const webAddress = z
  .url({ protocol: /^https?$/, error: 'must be a web address starting with https:// or http://' })
  .max(500, 'must be at most 500 characters');

/** A taxonomy code: 'SEC-HEALTH', 'GV.OC', '101'. Whether it exists is checked against the graph. */
const code = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(60, 'must be at most 60 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a code');

function uniqueList<T extends z.ZodType<string>>(item: T, min: number, max: number) {
  return z
    .array(item)
    .min(min, min === 1 ? 'choose at least one' : `choose at least ${min}`)
    .max(max, `choose at most ${max}`)
    .refine((values) => new Set(values).size === values.length, 'each value may be chosen only once');
}

function uniqueBy<T>(key: (item: T) => string) {
  return (items: T[]) => new Set(items.map(key)).size === items.length;
}

/** Employees per size band (graph/vocabulary.ts SIZE_BANDS): the band must fit the head count. */
const EMPLOYEES: Record<SizeBand, readonly [number, number]> = {
  micro: [1, 9],
  small: [10, 49],
  medium: [50, 249],
  large: [250, Number.POSITIVE_INFINITY],
};

export const companyRecordSchema = z
  .object({
    name: listingName,
    legalForm: z.enum(LEGAL_FORMS, { error: `must be one of ${LEGAL_FORMS.join(', ')}` }),
    description: bilingual,
    address: text(200),
    postcode: z
      .string()
      .trim()
      .regex(/^\d{4}$/, 'must be a Danish postcode of 4 digits'),
    city: text(100),
    municipalityCode: z
      .string()
      .trim()
      .regex(/^\d{3}$/, 'must be a three-digit municipality code'),
    website: webAddress,
    email: z.email('must be an e-mail address').max(200, 'must be at most 200 characters'),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ]{8,20}$/, 'must be a phone number of 8 or more digits'),
    founded: z
      .number()
      .int('must be a whole year')
      .min(1800, 'must be 1800 or later')
      .refine((year) => year <= new Date().getFullYear(), 'must not be in the future'),
    employees: z.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000_000),
    sizeBand: z.enum(SIZE_BANDS),
    languages: uniqueList(z.enum(LANGUAGES), 1, LANGUAGES.length),
    customerSizeBands: uniqueList(z.enum(SIZE_BANDS), 1, SIZE_BANDS.length),
    regionsServed: uniqueList(code, 1, 5),
    sectorCodes: uniqueList(code, 0, 50),
    competences: z
      .array(
        z.object({
          skillCode: code,
          headcount: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000),
        }),
      )
      .max(100, 'at most 100 competences')
      .refine(
        uniqueBy((c: { skillCode: string }) => c.skillCode),
        'each skill may be listed only once',
      ),
    certifications: z
      .array(
        z.object({
          code,
          validUntil: z.iso
            .date('must be a date (YYYY-MM-DD)')
            .nullish()
            .transform((value) => value ?? null),
          evidence: webAddress,
          certificateNumber: optionalText(100),
          issuer: optionalText(200),
        }),
      )
      .max(50, 'at most 50 certifications')
      .refine(
        uniqueBy((c: { code: string }) => c.code),
        'each certification may be listed only once',
      ),
  })
  .superRefine((record, context) => {
    const [least, most] = EMPLOYEES[record.sizeBand];
    if (record.employees < least || record.employees > most) {
      context.addIssue({
        code: 'custom',
        path: ['sizeBand'],
        message: `does not fit ${record.employees} employees`,
      });
    }
  }) satisfies z.ZodType<CompanyRecord>;

export const productRecordSchema = z
  .object({
    name: listingName,
    kind: z.enum(PRODUCT_KINDS),
    description: bilingual,
    pricingModel: z.enum(PRICING_MODELS),
    priceFromDkk: z
      .number()
      .int('must be whole kroner')
      .min(0, 'must not be negative')
      .max(100_000_000)
      .nullish()
      .transform((value) => value ?? null),
    delivery: uniqueList(z.enum(DELIVERIES), 1, DELIVERIES.length),
    languages: uniqueList(z.enum(LANGUAGES), 1, LANGUAGES.length),
    smeFit: z.boolean(),
    needSlugs: uniqueList(slugSchema, 1, 15),
    categoryCodes: uniqueList(code, 1, 10),
    csfCategoryCodes: uniqueList(code, 0, 22),
    regulationCodes: uniqueList(code, 0, 10),
  })
  .superRefine((record, context) => {
    // "On request" has no price; every other pricing model shows one.
    if (record.pricingModel === 'quote' && record.priceFromDkk !== null) {
      context.addIssue({
        code: 'custom',
        path: ['priceFromDkk'],
        message: 'must be empty when the price is on request',
      });
    }
    if (record.pricingModel !== 'quote' && record.priceFromDkk === null) {
      context.addIssue({
        code: 'custom',
        path: ['priceFromDkk'],
        message: 'is required unless the price is on request',
      });
    }
  }) satisfies z.ZodType<ProductRecord>;

/** What a form or a client sends, before validation. */
export type CompanyRecordInput = z.input<typeof companyRecordSchema>;
export type ProductRecordInput = z.input<typeof productRecordSchema>;

const pathOf = (path: ReadonlyArray<PropertyKey>) => path.map(String).join('.');

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ path: pathOf(issue.path), code: issue.code, message: issue.message })),
  );
}

function unknownCodes(known: ReadonlySet<string>, field: string, what: string, codes: readonly string[]): FieldIssue[] {
  return codes.flatMap((value, index) =>
    known.has(value)
      ? []
      : [{ path: `${field}.${index}`, code: 'unknown_reference', message: `unknown ${what}: ${value}` }],
  );
}

function throwIfAny(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new ValidationError(issues);
}

/** A company record checked field by field and against the graph's taxonomies; throws ValidationError. */
export function validateCompanyRecord(input: unknown, known: KnownKeys): CompanyRecord {
  const record = parse(companyRecordSchema, input);
  throwIfAny([
    ...(known.municipalities.has(record.municipalityCode)
      ? []
      : [
          {
            path: 'municipalityCode',
            code: 'unknown_reference',
            message: `unknown municipality: ${record.municipalityCode}`,
          },
        ]),
    ...unknownCodes(known.regions, 'regionsServed', 'region', record.regionsServed),
    ...unknownCodes(known.sectors, 'sectorCodes', 'sector', record.sectorCodes),
    ...record.competences.flatMap((competence, index) =>
      unknownCodes(known.skills, `competences.${index}`, 'skill', [competence.skillCode]).map((issue) => ({
        ...issue,
        path: `competences.${index}.skillCode`,
      })),
    ),
    ...record.certifications.flatMap((held, index) =>
      unknownCodes(known.certifications, `certifications.${index}`, 'certification', [held.code]).map((issue) => ({
        ...issue,
        path: `certifications.${index}.code`,
      })),
    ),
  ]);
  return record;
}

/** A product record checked field by field and against the graph's needs and taxonomies; throws ValidationError. */
export function validateProductRecord(input: unknown, known: KnownKeys): ProductRecord {
  const record = parse(productRecordSchema, input);
  throwIfAny([
    ...unknownCodes(known.needs, 'needSlugs', 'need', record.needSlugs),
    ...unknownCodes(known.categories, 'categoryCodes', 'category', record.categoryCodes),
    ...unknownCodes(known.csfCategories, 'csfCategoryCodes', 'NIST CSF category', record.csfCategoryCodes),
    ...unknownCodes(known.regulations, 'regulationCodes', 'regulation', record.regulationCodes),
  ]);
  return record;
}
