import type { CompanyRecord } from '../../../graph/submissions';
import type { Locale } from '../../i18n';
import { t } from '../../i18n';
import type { FieldIssue } from '../../use-cases/errors';

/**
 * The company profile form: which record fields it shows, how a post becomes a record for the
 * shared zod schema (src/use-cases/listing-input.ts), and how that schema's issues read in the
 * visitor's language. Fields the form does not show (name, legal form, founded, employees,
 * competences, certifications) are carried over from the record the form was opened on.
 */

/** The form's values as typed: texts and chosen codes, before validation. */
export interface CompanyFormValues {
  descriptionDa: string;
  descriptionEn: string;
  website: string;
  email: string;
  phone: string;
  address: string;
  postcode: string;
  city: string;
  municipalityCode: string;
  regionsServed: string[];
  sectorCodes: string[];
  sizeBand: string;
  customerSizeBands: string[];
  languages: string[];
}

export const valuesOf = (record: CompanyRecord): CompanyFormValues => ({
  descriptionDa: record.description.da,
  descriptionEn: record.description.en,
  website: record.website,
  email: record.email,
  phone: record.phone,
  address: record.address,
  postcode: record.postcode,
  city: record.city,
  municipalityCode: record.municipalityCode,
  regionsServed: [...record.regionsServed],
  sectorCodes: [...record.sectorCodes],
  sizeBand: record.sizeBand,
  customerSizeBands: [...record.customerSizeBands],
  languages: [...record.languages],
});

/** What only a registration asks for; an edit carries these over from the published profile. */
export interface IdentityValues {
  name: string;
  legalForm: string;
  founded: string;
  employees: string;
}

export const EMPTY_IDENTITY: IdentityValues = { name: '', legalForm: '', founded: '', employees: '' };

export const EMPTY_VALUES: CompanyFormValues = {
  descriptionDa: '',
  descriptionEn: '',
  website: '',
  email: '',
  phone: '',
  address: '',
  postcode: '',
  city: '',
  municipalityCode: '',
  regionsServed: [],
  sectorCodes: [],
  sizeBand: '',
  customerSizeBands: [],
  languages: [],
};

export const identityOf = (record: CompanyRecord): IdentityValues => ({
  name: record.name,
  legalForm: record.legalForm,
  founded: String(record.founded),
  employees: String(record.employees),
});

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};
const list = (form: FormData, name: string) =>
  form.getAll(name).filter((value): value is string => typeof value === 'string');

export function valuesFromForm(form: FormData): CompanyFormValues {
  return {
    descriptionDa: text(form, 'descriptionDa'),
    descriptionEn: text(form, 'descriptionEn'),
    website: text(form, 'website').trim(),
    email: text(form, 'email').trim(),
    phone: text(form, 'phone'),
    address: text(form, 'address'),
    postcode: text(form, 'postcode'),
    city: text(form, 'city'),
    municipalityCode: text(form, 'municipalityCode'),
    regionsServed: list(form, 'regionsServed'),
    sectorCodes: list(form, 'sectorCodes'),
    sizeBand: text(form, 'sizeBand'),
    customerSizeBands: list(form, 'customerSizeBands'),
    languages: list(form, 'languages'),
  };
}

export const identityFromForm = (form: FormData): IdentityValues => ({
  name: text(form, 'name'),
  legalForm: text(form, 'legalForm'),
  founded: text(form, 'founded').trim(),
  employees: text(form, 'employees').trim(),
});

/** A number as typed; blank is absent, so the schema says "required" rather than "not a number". */
const numberOf = (typed: string) => (typed === '' ? undefined : Number(typed));

/** A registration's record: a new company starts without competences or certifications. */
export function registrationRecordOf(identity: IdentityValues, values: CompanyFormValues): unknown {
  const { descriptionDa, descriptionEn, ...rest } = values;
  return {
    ...rest,
    name: identity.name,
    legalForm: identity.legalForm,
    founded: numberOf(identity.founded),
    employees: numberOf(identity.employees),
    description: { da: descriptionDa, en: descriptionEn },
    competences: [],
    certifications: [],
  };
}

/** The record to validate: the form's fields over the record it was opened on. */
export function recordOf(base: CompanyRecord, values: CompanyFormValues): unknown {
  const { descriptionDa, descriptionEn, ...rest } = values;
  return { ...base, ...rest, description: { da: descriptionDa, en: descriptionEn } };
}

/** The form field an issue belongs to: 'description.da' → 'descriptionDa', 'regionsServed.2' → 'regionsServed'. */
export function fieldOf(path: string): string {
  if (path === 'description.da') return 'descriptionDa';
  if (path === 'description.en') return 'descriptionEn';
  return path.split('.')[0] ?? '';
}

const LISTS = new Set(['regionsServed', 'sectorCodes', 'customerSizeBands', 'languages']);
const FORMATS: Record<string, Parameters<typeof t>[1]> = {
  website: 'portal.error.website',
  email: 'portal.error.email',
  phone: 'portal.error.phone',
  postcode: 'portal.error.postcode',
};
const TEXT_LIMITS: Record<string, { min: number; max: number }> = {
  descriptionDa: { min: 20, max: 5_000 },
  descriptionEn: { min: 20, max: 5_000 },
  address: { min: 1, max: 200 },
  city: { min: 1, max: 100 },
  name: { min: 1, max: 200 },
};

/** One issue in the visitor's language, by its stable code and field, never by the schema's English message. */
export function issueText(locale: Locale, issue: FieldIssue): string {
  const field = fieldOf(issue.path);
  const format = FORMATS[field];
  if (format && issue.code !== 'too_big') return t(locale, format);
  if (issue.code === 'unknown_reference' || issue.code === 'invalid_value') return t(locale, 'portal.error.unknown');
  if (field === 'sizeBand' && issue.code === 'custom') return t(locale, 'portal.error.sizeBand');
  if (field === 'founded') return t(locale, 'portal.error.founded');
  if (field === 'employees') return t(locale, 'portal.error.employees');
  const limits = TEXT_LIMITS[field];
  if (LISTS.has(field) && issue.path === field) {
    if (issue.code === 'too_small') return t(locale, 'portal.error.chooseOne');
    if (issue.code === 'too_big') return t(locale, 'portal.error.chooseFewer', { max: 5 });
  }
  if (limits && issue.code === 'too_small') {
    return limits.min === 1 ? t(locale, 'portal.error.required') : t(locale, 'portal.error.tooShort', limits);
  }
  if (limits && issue.code === 'too_big') return t(locale, 'portal.error.tooLong', limits);
  return t(locale, 'portal.error.invalid');
}

/** Issues by form field, in the visitor's language: the first per field is shown next to it. */
export function errorsByField(locale: Locale, issues: readonly FieldIssue[]): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (!errors.has(field)) errors.set(field, issueText(locale, issue));
  }
  return errors;
}
