import { cvrFromSeed } from '../../graph/cvr';
import type { CertificationHeld, CompanyRow, ProductRow } from '../../graph/model';

/**
 * Builders for the hand-built worlds of the analytics tests: companies and products with only the
 * facts the measures read, every slug under the test's own prefix (so removeCompanies finds them).
 */
export function analyticsWorld(prefix: string) {
  const slug = (label: string) => `${prefix}-${label}`;

  /** A certification held: verified by NCC-DK on `verifiedAt` (ISO date) or not at all. */
  function held(code: string, validUntil: string | null, verifiedAt: string | null): CertificationHeld {
    return {
      code,
      validUntil,
      evidence: 'https://test.example/cert.pdf',
      source: 'import',
      verifiedBy: verifiedAt ? 'NCC-DK' : null,
      verifiedAt,
    };
  }

  /** A small company (size band 'small' unless given) with the facts given. */
  function company(
    label: string,
    facts: Pick<CompanyRow, 'municipalityCode' | 'regionsServed' | 'languages' | 'sectorCodes'> &
      Partial<Pick<CompanyRow, 'certifications' | 'competences' | 'sizeBand' | 'employees'>>,
  ): CompanyRow {
    return {
      cvr: cvrFromSeed(Math.floor(Math.random() * 8_000_000)),
      slug: slug(label),
      name: `Analysefirma ${label} ${prefix}`,
      legalForm: 'ApS',
      description: { da: 'Testfirma til analyser.', en: 'Test company for analytics.' },
      address: 'Prøvevej 1',
      postcode: '1000',
      city: 'Testby',
      website: 'https://test.example',
      email: 'test@test.example',
      phone: '+45 00 00 00 00',
      founded: 2020,
      employees: 20,
      sizeBand: 'small',
      sample: false,
      customerSizeBands: ['small'],
      partnerSlugs: [],
      certifications: [],
      competences: [],
      ...facts,
    };
  }

  /** An active service of the company labelled `companyLabel` unless `status` says otherwise. */
  function product(
    label: string,
    companyLabel: string,
    facts: Pick<ProductRow, 'needSlugs' | 'smeFit' | 'languages'> &
      Partial<Pick<ProductRow, 'csfCategoryCodes' | 'status'>>,
  ): ProductRow {
    return {
      slug: slug(label),
      companySlug: slug(companyLabel),
      name: `Analyseprodukt ${label}`,
      kind: 'service',
      description: { da: 'Et testprodukt.', en: 'A test product.' },
      pricingModel: 'fixed',
      priceFromDkk: 1_000,
      delivery: ['remote'],
      categoryCodes: [],
      csfCategoryCodes: [],
      regulationCodes: [],
      status: 'active',
      ...facts,
    };
  }

  return { slug, held, company, product };
}
