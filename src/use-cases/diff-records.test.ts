import { describe, expect, it } from 'vitest';
import { diffRecords } from './diff-records';

const company = {
  name: 'Nordlys IT ApS',
  description: { da: 'Vi sikrer små virksomheder.', en: 'We secure small businesses.' },
  employees: 8,
  regionsServed: ['1084', '1085'],
  competences: [
    { skillCode: 'ECSF-PENTESTER', headcount: 2 },
    { skillCode: 'ECSF-CISO', headcount: 1 },
  ],
  certifications: [{ code: 'ISO27001', validUntil: '2027-01-01', evidence: 'https://a.example/iso.pdf' }],
};

describe('diffRecords', () => {
  it('finds nothing between equal records, whatever the order of sets, keyed items and keys', () => {
    const reordered = {
      certifications: [{ evidence: 'https://a.example/iso.pdf', validUntil: '2027-01-01', code: 'ISO27001' }],
      competences: [...company.competences].reverse(),
      regionsServed: ['1085', '1084'],
      employees: 8,
      description: { en: company.description.en, da: company.description.da },
      name: company.name,
    };
    expect(diffRecords(company, reordered)).toEqual([]);
  });

  it('names a changed scalar and a changed text by language', () => {
    const proposed = { ...company, employees: 9, description: { ...company.description, en: 'We protect SMEs.' } };
    expect(diffRecords(company, proposed)).toEqual([
      { field: 'description.en', before: 'We secure small businesses.', after: 'We protect SMEs.' },
      { field: 'employees', before: 8, after: 9 },
    ]);
  });

  it('shows a set of codes as the whole sorted set before and after', () => {
    expect(diffRecords(company, { ...company, regionsServed: ['1081', '1084'] })).toEqual([
      { field: 'regionsServed', before: ['1084', '1085'], after: ['1081', '1084'] },
    ]);
    expect(diffRecords(company, { ...company, regionsServed: [] })).toEqual([
      { field: 'regionsServed', before: ['1084', '1085'], after: [] },
    ]);
  });

  it('compares items with a code one by one: added, removed, changed', () => {
    const proposed = {
      ...company,
      competences: [
        { skillCode: 'ECSF-PENTESTER', headcount: 3 },
        { skillCode: 'ECSF-AUDITOR', headcount: 1 },
      ],
      certifications: [],
    };
    expect(diffRecords(company, proposed)).toEqual([
      {
        field: 'competences.ECSF-PENTESTER',
        before: { skillCode: 'ECSF-PENTESTER', headcount: 2 },
        after: { skillCode: 'ECSF-PENTESTER', headcount: 3 },
      },
      { field: 'competences.ECSF-CISO', before: { skillCode: 'ECSF-CISO', headcount: 1 }, after: null },
      { field: 'certifications.ISO27001', before: company.certifications[0], after: null },
      { field: 'competences.ECSF-AUDITOR', before: null, after: { skillCode: 'ECSF-AUDITOR', headcount: 1 } },
    ]);
  });

  it('lists every field of a listing being created or deleted', () => {
    const created = diffRecords(null, company);
    expect(created.map((change) => change.field)).toEqual([
      'name',
      'description.da',
      'description.en',
      'employees',
      'regionsServed',
      'competences.ECSF-PENTESTER',
      'competences.ECSF-CISO',
      'certifications.ISO27001',
    ]);
    expect(created.every((change) => change.before === null)).toBe(true);
    expect(diffRecords(company, null).every((change) => change.after === null)).toBe(true);
  });

  it('treats a missing value and null alike', () => {
    expect(diffRecords({ price: null }, {})).toEqual([]);
    expect(diffRecords({ price: null }, { price: 900 })).toEqual([{ field: 'price', before: null, after: 900 }]);
  });
});
