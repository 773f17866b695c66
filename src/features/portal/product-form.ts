import type { ProductRecord } from '../../../graph/submissions';
import type { Locale } from '../../i18n';
import { t } from '../../i18n';
import type { FieldIssue } from '../../use-cases/errors';
import { firstPerField, isUnknownValue, lengthIssueText, list, listIssueText, numberOf, text } from './form-fields';

/**
 * The product form: every field of a product's public page, how a post becomes a record for the
 * shared zod schema (src/use-cases/listing-input.ts, the same as GraphQL's ProductRecordInput),
 * and how that schema's issues read in the visitor's language.
 */

/** The form's values as typed, before validation. `smeFit` is a yes/no choice: '' until made. */
export interface ProductFormValues {
  name: string;
  kind: string;
  descriptionDa: string;
  descriptionEn: string;
  pricingModel: string;
  priceFromDkk: string;
  delivery: string[];
  languages: string[];
  smeFit: '' | 'yes' | 'no';
  needSlugs: string[];
  categoryCodes: string[];
  csfCategoryCodes: string[];
  regulationCodes: string[];
}

/** The lists of choices the form offers, and the most the schema accepts of each. */
export const PRODUCT_LISTS = {
  delivery: 2,
  languages: 5,
  needSlugs: 15,
  categoryCodes: 10,
  csfCategoryCodes: 22,
  regulationCodes: 10,
} as const;

export const EMPTY_PRODUCT: ProductFormValues = {
  name: '',
  kind: '',
  descriptionDa: '',
  descriptionEn: '',
  pricingModel: '',
  priceFromDkk: '',
  delivery: [],
  languages: [],
  smeFit: '',
  needSlugs: [],
  categoryCodes: [],
  csfCategoryCodes: [],
  regulationCodes: [],
};

export const productValuesOf = (record: ProductRecord): ProductFormValues => ({
  name: record.name,
  kind: record.kind,
  descriptionDa: record.description.da,
  descriptionEn: record.description.en,
  pricingModel: record.pricingModel,
  priceFromDkk: record.priceFromDkk === null ? '' : String(record.priceFromDkk),
  delivery: [...record.delivery],
  languages: [...record.languages],
  smeFit: record.smeFit ? 'yes' : 'no',
  needSlugs: [...record.needSlugs],
  categoryCodes: [...record.categoryCodes],
  csfCategoryCodes: [...record.csfCategoryCodes],
  regulationCodes: [...record.regulationCodes],
});

export function productValuesFromForm(form: FormData): ProductFormValues {
  const smeFit = text(form, 'smeFit');
  return {
    name: text(form, 'name'),
    kind: text(form, 'kind'),
    descriptionDa: text(form, 'descriptionDa'),
    descriptionEn: text(form, 'descriptionEn'),
    pricingModel: text(form, 'pricingModel'),
    priceFromDkk: text(form, 'priceFromDkk').trim(),
    delivery: list(form, 'delivery'),
    languages: list(form, 'languages'),
    smeFit: smeFit === 'yes' || smeFit === 'no' ? smeFit : '',
    needSlugs: list(form, 'needSlugs'),
    categoryCodes: list(form, 'categoryCodes'),
    csfCategoryCodes: list(form, 'csfCategoryCodes'),
    regulationCodes: list(form, 'regulationCodes'),
  };
}

/**
 * A price as a Dane types it: "12.500" and "12 500" are twelve thousand five hundred kroner
 * (the dot groups thousands in Danish), so grouping is removed before the schema sees a number.
 */
export function priceOf(typed: string): number | null | undefined {
  const grouped = /^\d{1,3}([. ]\d{3})+$/.test(typed) ? typed.replace(/[. ]/g, '') : typed;
  return grouped === '' ? null : numberOf(grouped);
}

/** The record to validate, as typed. */
export function productRecordOf(values: ProductFormValues): unknown {
  const { descriptionDa, descriptionEn, priceFromDkk, smeFit, ...rest } = values;
  return {
    ...rest,
    description: { da: descriptionDa, en: descriptionEn },
    priceFromDkk: priceOf(priceFromDkk),
    smeFit: smeFit === '' ? undefined : smeFit === 'yes',
  };
}

/** The form field an issue belongs to: 'description.da' → 'descriptionDa', 'needSlugs.2' → 'needSlugs'. */
export function productFieldOf(path: string): string {
  if (path === 'description.da') return 'descriptionDa';
  if (path === 'description.en') return 'descriptionEn';
  return path.split('.')[0] ?? '';
}

const TEXT_LIMITS: Record<string, { min: number; max: number }> = {
  name: { min: 1, max: 200 },
  descriptionDa: { min: 20, max: 5_000 },
  descriptionEn: { min: 20, max: 5_000 },
};

/** One issue in the visitor's language; the price's message depends on the pricing model chosen. */
export function productIssueText(locale: Locale, issue: FieldIssue, values: ProductFormValues): string {
  const field = productFieldOf(issue.path);
  if (field === 'kind' || field === 'pricingModel' || field === 'smeFit') return t(locale, 'portal.error.choose');
  if (field === 'priceFromDkk') {
    if (issue.code !== 'custom') return t(locale, 'portal.error.price');
    return t(locale, values.pricingModel === 'quote' ? 'portal.error.priceOnRequest' : 'portal.error.priceRequired');
  }
  if (field === 'name' && issue.code === 'custom') return t(locale, 'portal.error.nameLetters');
  const max = PRODUCT_LISTS[field as keyof typeof PRODUCT_LISTS];
  if (max !== undefined) {
    if (issue.path !== field || isUnknownValue(issue)) return t(locale, 'portal.error.unknown');
    return listIssueText(locale, issue, max) ?? t(locale, 'portal.error.invalid');
  }
  const limits = TEXT_LIMITS[field];
  return (limits && lengthIssueText(locale, issue, limits)) || t(locale, 'portal.error.invalid');
}

/** Issues by form field, in the visitor's language: the first per field is shown next to it. */
export function productErrorsByField(
  locale: Locale,
  issues: readonly FieldIssue[],
  values: ProductFormValues,
): Map<string, string> {
  return firstPerField(
    issues,
    (issue) => productFieldOf(issue.path),
    (issue) => productIssueText(locale, issue, values),
  );
}
