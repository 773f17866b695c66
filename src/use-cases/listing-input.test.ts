import { describe, expect, it } from 'vitest';
import type { KnownKeys } from '../../graph/loaders/shared';
import { ValidationError } from './errors';
import {
  type CompanyRecordInput,
  type ProductRecordInput,
  validateCompanyRecord,
  validateProductRecord,
} from './listing-input';

const known: KnownKeys = {
  municipalities: new Set(['101', '751']),
  regions: new Set(['1084', '1082']),
  sectors: new Set(['SEC-HEALTH']),
  skills: new Set(['ECSF-PENTESTER']),
  certifications: new Set(['ISO27001', 'D-MAERKET']),
  categories: new Set(['SVC-PENTEST']),
  csfCategories: new Set(['ID.RA']),
  regulations: new Set(['NIS2']),
  nis2Measures: new Set(),
  dMaerketCriteria: new Set(),
  needs: new Set(['penetrationstest']),
};

const company: CompanyRecordInput = {
  name: 'Nordlys IT-Sikkerhed ApS',
  legalForm: 'ApS',
  description: { da: 'Vi tester og sikrer små virksomheder.', en: 'We test and secure small businesses.' },
  address: 'Havnegade 1',
  postcode: '8000',
  city: 'Aarhus',
  municipalityCode: '751',
  website: 'https://nordlys.example',
  email: 'kontakt@nordlys.example',
  phone: '+45 00 11 22 33',
  founded: 2019,
  employees: 12,
  sizeBand: 'small',
  languages: ['da', 'en'],
  customerSizeBands: ['micro', 'small'],
  regionsServed: ['1082'],
  sectorCodes: ['SEC-HEALTH'],
  competences: [{ skillCode: 'ECSF-PENTESTER', headcount: 3 }],
  certifications: [{ code: 'ISO27001', validUntil: '2027-06-30', evidence: 'https://nordlys.example/iso.pdf' }],
};

const product: ProductRecordInput = {
  name: 'Pentest af webshop',
  kind: 'service',
  description: { da: 'Vi tester jeres webshop for sårbarheder.', en: 'We test your web shop for vulnerabilities.' },
  pricingModel: 'fixed',
  priceFromDkk: 25_000,
  delivery: ['remote'],
  languages: ['da'],
  smeFit: true,
  needSlugs: ['penetrationstest'],
  categoryCodes: ['SVC-PENTEST'],
  csfCategoryCodes: ['ID.RA'],
  regulationCodes: ['NIS2'],
};

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.issues.map(({ path, code }) => `${path} ${code}`).sort();
    throw error;
  }
  throw new Error('expected a validation error');
}

describe('validateCompanyRecord', () => {
  it('accepts a complete profile, trims texts and makes absent optional fields null', () => {
    const record = validateCompanyRecord({ ...company, name: '  Nordlys IT-Sikkerhed ApS ' }, known);
    expect(record.name).toBe('Nordlys IT-Sikkerhed ApS');
    expect(record.certifications[0]).toEqual({
      code: 'ISO27001',
      validUntil: '2027-06-30',
      evidence: 'https://nordlys.example/iso.pdf',
      certificateNumber: null,
      issuer: null,
    });
  });

  it('names every invalid field', () => {
    const broken = {
      ...company,
      name: '!!!',
      postcode: '80000',
      website: 'javascript:alert(1)',
      email: 'nej',
      founded: new Date().getFullYear() + 1,
      languages: ['da', 'da'],
      certifications: [{ code: 'ISO27001', validUntil: '2027-02-30', evidence: 'https://nordlys.example/iso.pdf' }],
    };
    expect(issuesOf(() => validateCompanyRecord(broken, known))).toEqual([
      'certifications.0.validUntil invalid_format',
      'email invalid_format',
      'founded custom',
      'languages custom',
      'name custom',
      'postcode invalid_format',
      'website invalid_format',
    ]);
  });

  it('wants the size band to fit the number of employees', () => {
    expect(issuesOf(() => validateCompanyRecord({ ...company, employees: 300 }, known))).toEqual(['sizeBand custom']);
  });

  it('refuses codes the taxonomies do not have, one issue per code', () => {
    const record = {
      ...company,
      municipalityCode: '999',
      regionsServed: ['1082', '1099'],
      competences: [{ skillCode: 'ECSF-UNKNOWN', headcount: 1 }],
      certifications: [{ code: 'NOPE', validUntil: null, evidence: 'https://nordlys.example/x.pdf' }],
    };
    expect(issuesOf(() => validateCompanyRecord(record, known))).toEqual([
      'certifications.0.code unknown_reference',
      'competences.0.skillCode unknown_reference',
      'municipalityCode unknown_reference',
      'regionsServed.1 unknown_reference',
    ]);
  });
});

describe('validateProductRecord', () => {
  it('accepts a complete product', () => {
    expect(validateProductRecord(product, known)).toEqual(product);
  });

  it('wants a price unless it is on request, and none when it is', () => {
    expect(issuesOf(() => validateProductRecord({ ...product, priceFromDkk: null }, known))).toEqual([
      'priceFromDkk custom',
    ]);
    expect(issuesOf(() => validateProductRecord({ ...product, pricingModel: 'quote' }, known))).toEqual([
      'priceFromDkk custom',
    ]);
    expect(
      validateProductRecord({ ...product, pricingModel: 'quote', priceFromDkk: null }, known).priceFromDkk,
    ).toBeNull();
  });

  it('wants at least one need and category, each known', () => {
    expect(
      issuesOf(() => validateProductRecord({ ...product, needSlugs: [], categoryCodes: ['SVC-NONE'] }, known)),
    ).toEqual(['needSlugs too_small']);
    expect(issuesOf(() => validateProductRecord({ ...product, categoryCodes: ['SVC-NONE'] }, known))).toEqual([
      'categoryCodes.0 unknown_reference',
    ]);
  });
});
