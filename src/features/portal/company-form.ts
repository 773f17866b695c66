import type { CompanyRecord } from '../../../graph/submissions';
import type { Locale } from '../../i18n';
import { t } from '../../i18n';
import type { FieldIssue } from '../../use-cases/errors';
import { firstPerField, isUnknownValue, lengthIssueText, list, listIssueText, numberOf, text } from './form-fields';

/**
 * The company profile form: how a post becomes a record for the shared zod schema
 * (src/use-cases/listing-input.ts), and how that schema's issues read in the visitor's language.
 * The identity fields (name, legal form, founded, employees) are a registration's own; an edit
 * carries them over from the record the form was opened on.
 *
 * Competences and certifications are rows. Without JavaScript a form cannot grow, so the form
 * always offers one blank row, and "add another row" posts it back to be shown again with one
 * more. A blank row is left out of the record, as is a row marked for removal; the form keeps
 * both as typed, so an issue about the record's n-th competence is shown at the row it came from.
 */

export interface CompetenceRow {
  skillCode: string;
  headcount: string;
  remove: boolean;
}

export interface CertificationRow {
  code: string;
  certificateNumber: string;
  issuer: string;
  validUntil: string;
  evidence: string;
  remove: boolean;
}

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
  competences: CompetenceRow[];
  certifications: CertificationRow[];
}

export const BLANK_COMPETENCE: CompetenceRow = { skillCode: '', headcount: '', remove: false };
export const BLANK_CERTIFICATION: CertificationRow = {
  code: '',
  certificateNumber: '',
  issuer: '',
  validUntil: '',
  evidence: '',
  remove: false,
};

/** More rows than the schema accepts (100 competences, 50 certifications), so a post over the limit is told so. */
const MAX_ROWS = 120;

/** The form as opened on a record: its rows and one blank row of each kind to add with. */
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
  competences: [
    ...record.competences.map((c) => ({ skillCode: c.skillCode, headcount: String(c.headcount), remove: false })),
    BLANK_COMPETENCE,
  ],
  certifications: [
    ...record.certifications.map((c) => ({
      code: c.code,
      certificateNumber: c.certificateNumber ?? '',
      issuer: c.issuer ?? '',
      validUntil: c.validUntil ?? '',
      evidence: c.evidence,
      remove: false,
    })),
    BLANK_CERTIFICATION,
  ],
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
  competences: [BLANK_COMPETENCE],
  certifications: [BLANK_CERTIFICATION],
};

export const identityOf = (record: CompanyRecord): IdentityValues => ({
  name: record.name,
  legalForm: record.legalForm,
  founded: String(record.founded),
  employees: String(record.employees),
});

/** The rows a post holds (`competences.3.headcount`): as many as its highest row number says. */
function rowsOf<R>(form: FormData, prefix: string, read: (field: (name: string) => string) => R): R[] {
  let count = 0;
  for (const key of form.keys()) {
    const match = new RegExp(`^${prefix}\\.(\\d{1,4})\\.`).exec(key);
    if (match) count = Math.max(count, Number(match[1]) + 1);
  }
  return Array.from({ length: Math.min(count, MAX_ROWS) }, (_, row) =>
    read((name) => text(form, `${prefix}.${row}.${name}`)),
  );
}

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
    competences: rowsOf(form, 'competences', (field) => ({
      skillCode: field('skillCode'),
      headcount: field('headcount').trim(),
      remove: field('remove') === 'on',
    })),
    certifications: rowsOf(form, 'certifications', (field) => ({
      code: field('code'),
      certificateNumber: field('certificateNumber'),
      issuer: field('issuer'),
      validUntil: field('validUntil').trim(),
      evidence: field('evidence').trim(),
      remove: field('remove') === 'on',
    })),
  };
}

/** Which rows the user asked to add another of ("add another row" buttons), or null for a save or a submit. */
export function addedRow(form: FormData): 'competences' | 'certifications' | null {
  const action = form.get('action');
  return action === 'addCompetence' ? 'competences' : action === 'addCertification' ? 'certifications' : null;
}

/** The values with one more blank row of the kind asked for. */
export function withAddedRow(values: CompanyFormValues, rows: 'competences' | 'certifications'): CompanyFormValues {
  return rows === 'competences'
    ? { ...values, competences: [...values.competences, BLANK_COMPETENCE] }
    : { ...values, certifications: [...values.certifications, BLANK_CERTIFICATION] };
}

export const identityFromForm = (form: FormData): IdentityValues => ({
  name: text(form, 'name'),
  legalForm: text(form, 'legalForm'),
  founded: text(form, 'founded').trim(),
  employees: text(form, 'employees').trim(),
});

const isBlankCompetence = (row: CompetenceRow) => row.skillCode === '' && row.headcount === '';
const isBlankCertification = (row: CertificationRow) =>
  [row.code, row.certificateNumber, row.issuer, row.validUntil, row.evidence].every((value) => value.trim() === '');

/** The form rows that become the record's rows, in order: the record's n-th row is the form's `kept[n]`. */
export function keptRows(values: Pick<CompanyFormValues, 'competences' | 'certifications'>) {
  const kept = <R extends { remove: boolean }>(rows: R[], blank: (row: R) => boolean) =>
    rows.flatMap((row, index) => (row.remove || blank(row) ? [] : [index]));
  return {
    competences: kept(values.competences, isBlankCompetence),
    certifications: kept(values.certifications, isBlankCertification),
  };
}

/** The rows as the record's lists, as typed: the schema says what is wrong with them. */
function rowsForRecord(values: CompanyFormValues): { competences: unknown[]; certifications: unknown[] } {
  const kept = keptRows(values);
  return {
    competences: kept.competences.map((index) => {
      const row = values.competences[index] as CompetenceRow;
      return { skillCode: row.skillCode, headcount: numberOf(row.headcount) };
    }),
    certifications: kept.certifications.map((index) => {
      const row = values.certifications[index] as CertificationRow;
      return {
        code: row.code,
        certificateNumber: row.certificateNumber,
        issuer: row.issuer,
        validUntil: row.validUntil === '' ? null : row.validUntil,
        evidence: row.evidence,
      };
    }),
  };
}

/** The form's fields, without the rows: those become the record's lists. */
function plainFields(values: CompanyFormValues) {
  const { descriptionDa, descriptionEn, competences: _c, certifications: _x, ...rest } = values;
  return { ...rest, description: { da: descriptionDa, en: descriptionEn } };
}

/** A registration's record. */
export function registrationRecordOf(identity: IdentityValues, values: CompanyFormValues): unknown {
  return {
    ...plainFields(values),
    name: identity.name,
    legalForm: identity.legalForm,
    founded: numberOf(identity.founded),
    employees: numberOf(identity.employees),
    ...rowsForRecord(values),
  };
}

/** The record to validate: the form's fields over the record it was opened on. */
export function recordOf(base: CompanyRecord, values: CompanyFormValues): unknown {
  return { ...base, ...plainFields(values), ...rowsForRecord(values) };
}

/** The form field of a row: 'competences.2.headcount' at form row 3 → 'competences-3-headcount'. */
export const rowFieldId = (rows: 'competences' | 'certifications', row: number, field: string) =>
  `${rows}-${row}-${field}`;

/**
 * The form field an issue belongs to: 'description.da' → 'descriptionDa', 'regionsServed.2' →
 * 'regionsServed', 'competences.0.headcount' → the id of that row's field (by `kept`, the form
 * row the record's row came from), 'competences' → the competences as a whole.
 */
export function fieldOf(path: string, kept?: ReturnType<typeof keptRows>): string {
  if (path === 'description.da') return 'descriptionDa';
  if (path === 'description.en') return 'descriptionEn';
  const [first = '', index, field] = path.split('.');
  if ((first === 'competences' || first === 'certifications') && index !== undefined && field !== undefined) {
    const row = kept ? (kept[first][Number(index)] ?? Number(index)) : Number(index);
    return rowFieldId(first, row, field);
  }
  return first;
}

const LISTS: Record<string, number> = { regionsServed: 5, sectorCodes: 50, customerSizeBands: 4, languages: 5 };
const FORMATS: Record<string, Parameters<typeof t>[1]> = {
  website: 'portal.error.website',
  email: 'portal.error.email',
  phone: 'portal.error.phone',
  postcode: 'portal.error.postcode',
  evidence: 'portal.error.website',
};
const TEXT_LIMITS: Record<string, { min: number; max: number }> = {
  descriptionDa: { min: 20, max: 5_000 },
  descriptionEn: { min: 20, max: 5_000 },
  address: { min: 1, max: 200 },
  city: { min: 1, max: 100 },
  name: { min: 1, max: 200 },
  certificateNumber: { min: 0, max: 100 },
  issuer: { min: 0, max: 200 },
};

/** A competence's or a certification's field: the row's own message, by the field's name. */
function rowIssueText(locale: Locale, field: string, issue: FieldIssue): string {
  if (field === 'skillCode') {
    return issue.code === 'too_small' ? t(locale, 'portal.error.chooseRole') : t(locale, 'portal.error.unknown');
  }
  if (field === 'code') {
    return issue.code === 'too_small'
      ? t(locale, 'portal.error.chooseCertification')
      : t(locale, 'portal.error.unknown');
  }
  if (field === 'headcount') return t(locale, 'portal.error.headcount');
  if (field === 'validUntil') return t(locale, 'portal.error.date');
  const format = FORMATS[field];
  if (format) return t(locale, format);
  const limits = TEXT_LIMITS[field];
  return (limits && lengthIssueText(locale, issue, limits)) || t(locale, 'portal.error.invalid');
}

/** One issue in the visitor's language, by its stable code and field, never by the schema's English message. */
export function issueText(locale: Locale, issue: FieldIssue): string {
  const [first = '', index, rowField] = issue.path.split('.');
  if ((first === 'competences' || first === 'certifications') && rowField !== undefined && index !== undefined) {
    return rowIssueText(locale, rowField, issue);
  }
  if (first === 'competences' || first === 'certifications') {
    if (issue.code === 'too_big')
      return t(locale, 'portal.error.tooManyRows', { max: first === 'competences' ? 100 : 50 });
    return t(locale, first === 'competences' ? 'portal.error.duplicateRole' : 'portal.error.duplicateCertification');
  }
  const field = fieldOf(issue.path);
  const format = FORMATS[field];
  if (format && issue.code !== 'too_big') return t(locale, format);
  if (issue.code === 'unknown_reference' || issue.code === 'invalid_value') return t(locale, 'portal.error.unknown');
  if (field === 'sizeBand' && issue.code === 'custom') return t(locale, 'portal.error.sizeBand');
  if (field === 'founded') return t(locale, 'portal.error.founded');
  if (field === 'employees') return t(locale, 'portal.error.employees');
  const max = LISTS[field];
  if (max !== undefined && issue.path === field) {
    const listText = listIssueText(locale, issue, max);
    if (listText) return listText;
  }
  if (max !== undefined && isUnknownValue(issue)) return t(locale, 'portal.error.unknown');
  const limits = TEXT_LIMITS[field];
  return (limits && lengthIssueText(locale, issue, limits)) || t(locale, 'portal.error.invalid');
}

/**
 * Issues by form field, in the visitor's language: the first per field is shown next to it. With
 * the form's values, an issue about a competence or certification points at the row it came from.
 */
export function errorsByField(
  locale: Locale,
  issues: readonly FieldIssue[],
  values?: Pick<CompanyFormValues, 'competences' | 'certifications'>,
): Map<string, string> {
  const kept = values ? keptRows(values) : undefined;
  return firstPerField(
    issues,
    (issue) => fieldOf(issue.path, kept),
    (issue) => issueText(locale, issue),
  );
}
