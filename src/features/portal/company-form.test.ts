import { describe, expect, it } from 'vitest';
import { companyRecordSchema } from '../../use-cases/listing-input';
import { EMPTY_IDENTITY, EMPTY_VALUES, errorsByField, registrationRecordOf } from './company-form';

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
