import { describe, expect, it } from 'vitest';
import type { CompanyRecord } from '../../../graph/submissions';
import { companyRecordSchema } from '../../use-cases/listing-input';
import {
  addedRow,
  BLANK_CERTIFICATION,
  BLANK_COMPETENCE,
  EMPTY_IDENTITY,
  EMPTY_VALUES,
  errorsByField,
  recordOf,
  registrationRecordOf,
  valuesFromForm,
  valuesOf,
  withAddedRow,
} from './company-form';

/** The form's messages are chosen by the schema's own issue codes, so they are checked against the schema. */
const issuesOf = (record: unknown) => {
  const result = companyRecordSchema.safeParse(record);
  if (result.success) throw new Error('expected the record to be refused');
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
};

describe('the company form', () => {
  const filled = {
    ...EMPTY_VALUES,
    descriptionDa: 'For kort',
    website: 'ikke en adresse',
    email: 'ingen',
    phone: '12',
    postcode: '80',
  };

  it('says in Danish and English what is wrong with each field, by the schema code', () => {
    const issues = issuesOf(registrationRecordOf({ ...EMPTY_IDENTITY, employees: 'mange' }, filled));
    const da = errorsByField('da', issues);
    expect(da.get('descriptionDa')).toBe('Teksten er for kort (mindst 20 tegn).');
    expect(da.get('website')).toBe('Skriv en webadresse, der begynder med https:// eller http://.');
    expect(da.get('email')).toBe('Skriv en e-mailadresse, fx navn@firma.dk.');
    expect(da.get('phone')).toBe('Skriv et telefonnummer med mindst 8 cifre.');
    expect(da.get('postcode')).toBe('Skriv et dansk postnummer på 4 cifre.');
    expect(da.get('regionsServed')).toBe('Vælg mindst én.');
    expect(da.get('name')).toBe('Udfyld feltet.');
    expect(da.get('employees')).toBe('Skriv antallet af ansatte som et helt tal.');
    expect(errorsByField('en', issues).get('website')).toBe('Enter a web address starting with https:// or http://.');
  });

  it('reports a size band that does not fit the head count on the size field', () => {
    const record = registrationRecordOf(
      { name: 'Test', legalForm: 'ApS', founded: '2019', employees: '300' },
      {
        ...filled,
        descriptionDa: 'Vi hjælper små virksomheder med backup.',
        descriptionEn: 'We help small companies with backup.',
        website: 'https://example.dk',
        email: 'a@example.dk',
        phone: '12345678',
        postcode: '8000',
        address: 'Vej 1',
        city: 'Aarhus',
        municipalityCode: '751',
        regionsServed: ['1082'],
        sizeBand: 'micro',
        customerSizeBands: ['micro'],
        languages: ['da'],
      },
    );
    expect(errorsByField('da', issuesOf(record))).toEqual(
      new Map([['sizeBand', 'Størrelsen passer ikke til jeres antal ansatte.']]),
    );
  });
});

describe('competence and certification rows', () => {
  const record: CompanyRecord = {
    name: 'Test',
    legalForm: 'ApS',
    founded: 2019,
    employees: 4,
    description: { da: 'Vi hjælper små virksomheder med backup.', en: 'We help small companies with backup.' },
    website: 'https://example.dk',
    email: 'a@example.dk',
    phone: '12345678',
    postcode: '8000',
    address: 'Vej 1',
    city: 'Aarhus',
    municipalityCode: '751',
    regionsServed: ['1082'],
    sectorCodes: [],
    sizeBand: 'micro',
    customerSizeBands: ['micro'],
    languages: ['da'],
    competences: [],
    certifications: [],
  };

  const posted = (entries: Array<[string, string]>) => {
    const form = new FormData();
    for (const [name, value] of entries) form.append(name, value);
    return valuesFromForm(form);
  };

  it('opens on the record with one blank row of each kind to add with', () => {
    const values = valuesOf({ ...record, competences: [{ skillCode: 'ROLE-1', headcount: 3 }] });
    expect(values.competences).toEqual([{ skillCode: 'ROLE-1', headcount: '3', remove: false }, BLANK_COMPETENCE]);
    expect(values.certifications).toEqual([BLANK_CERTIFICATION]);
  });

  it('leaves blank and removed rows out of the record, and points an issue at the row it came from', () => {
    const values = posted([
      ['competences.0.skillCode', 'ROLE-1'],
      ['competences.0.headcount', '2'],
      ['competences.0.remove', 'on'],
      ['competences.1.skillCode', ''],
      ['competences.1.headcount', ''],
      ['competences.2.skillCode', 'ROLE-2'],
      ['competences.2.headcount', 'to'],
      ['certifications.0.code', 'ISO27001'],
      ['certifications.0.validUntil', '30-06-2027'],
      ['certifications.0.evidence', 'ikke et link'],
      ['certifications.0.certificateNumber', ''],
      ['certifications.0.issuer', ''],
    ]);
    expect(values.competences).toHaveLength(3);
    const built = recordOf(record, values) as {
      competences: unknown[];
      certifications: unknown[];
    };
    expect(built.competences).toEqual([{ skillCode: 'ROLE-2', headcount: Number.NaN }]);
    const errors = errorsByField('da', issuesOf(built), values);
    expect(errors.get('competences-2-headcount')).toBe('Skriv antallet som et helt tal, mindst 1.');
    expect(errors.get('certifications-0-validUntil')).toBe('Skriv en dato som ÅÅÅÅ-MM-DD, fx 2027-06-30.');
    expect(errors.get('certifications-0-evidence')).toBe(
      'Skriv en webadresse, der begynder med https:// eller http://.',
    );
    expect(errorsByField('en', issuesOf(built), values).get('competences-2-headcount')).toBe(
      'Enter the number as a whole number, at least 1.',
    );
  });

  it('asks for a role when a row has a head count but no role', () => {
    const values = posted([
      ['competences.0.skillCode', ''],
      ['competences.0.headcount', '4'],
    ]);
    const built = registrationRecordOf({ name: 'Test', legalForm: 'ApS', founded: '2019', employees: '4' }, values);
    expect(errorsByField('da', issuesOf(built), values).get('competences-0-skillCode')).toBe(
      'Vælg en rolle, eller tøm rækken.',
    );
  });

  it('adds one blank row when asked, without saving', () => {
    const form = new FormData();
    form.append('action', 'addCertification');
    expect(addedRow(form)).toBe('certifications');
    const values = withAddedRow(EMPTY_VALUES, 'certifications');
    expect(values.certifications).toEqual([BLANK_CERTIFICATION, BLANK_CERTIFICATION]);
  });
});
