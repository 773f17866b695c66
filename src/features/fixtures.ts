import type { CompanyProfile, ProductProfile, ProvenanceView } from '../../graph/views';

/** Small, fictional read models for the unit tests of the feature modules. */

const SAMPLE_PROVENANCE: ProvenanceView = {
  source: 'sample',
  submittedBy: null,
  submittedAt: null,
  approvedBy: null,
  approvedAt: null,
};

export function companyFixture(overrides: Partial<CompanyProfile> = {}): CompanyProfile {
  const region = { code: '1082', name: 'Region Midtjylland', nameEn: 'Central Denmark Region' };
  return {
    slug: 'eksempel-sikkerhed',
    cvr: '12345674',
    name: 'Eksempel Sikkerhed ApS',
    legalForm: 'ApS',
    description: { da: 'Fiktiv virksomhed.', en: 'Fictional company.' },
    city: 'Aarhus',
    municipality: { code: '751', name: 'Aarhus', regionCode: '1082' },
    region,
    sizeBand: 'small',
    languages: ['da'],
    website: 'https://example.dk',
    sample: true,
    address: 'Eksempelvej 1',
    postcode: '8000',
    email: 'kontakt@example.dk',
    phone: '+45 11 22 33 44',
    founded: 2015,
    employees: 12,
    customerSizeBands: ['micro'],
    regionsServed: [region],
    sectors: [],
    competences: [],
    certifications: [],
    products: [],
    partners: [],
    needs: [],
    updatedAt: '2025-01-01',
    confirmedAt: '2025-01-01T00:00:00Z',
    version: 1,
    provenance: SAMPLE_PROVENANCE,
    ...overrides,
  };
}

export function productFixture(overrides: Partial<ProductProfile> = {}): ProductProfile {
  const {
    address,
    postcode,
    email,
    phone,
    founded,
    employees,
    customerSizeBands,
    regionsServed,
    sectors,
    competences,
    certifications,
    products,
    partners,
    needs,
    updatedAt,
    version,
    provenance,
    ...company
  } = companyFixture();
  return {
    slug: 'backup-som-service',
    name: 'Backup som service',
    kind: 'service',
    description: { da: 'Daglig backup af jeres data.', en: 'Daily backup of your data.' },
    pricingModel: 'subscription',
    priceFromDkk: 495,
    delivery: ['remote'],
    languages: ['da', 'en'],
    smeFit: true,
    status: 'active',
    companySlug: company.slug,
    companyName: company.name,
    needs: [],
    categories: [{ code: 'SVC-BACKUP', name: { da: 'Backup', en: 'Backup' } }],
    csfCategories: [],
    regulations: [],
    company,
    updatedAt: '2025-01-01',
    confirmedAt: '2025-01-01T00:00:00Z',
    version: 1,
    provenance: SAMPLE_PROVENANCE,
    ...overrides,
  };
}
