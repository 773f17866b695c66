import { describe, expect, it } from 'vitest';
import { companyJsonLd } from '../company/structured-data';
import { companyFixture, productFixture } from '../fixtures';
import { productJsonLd } from '../product/structured-data';

describe('the dates in a listing page JSON-LD', () => {
  const provenance = {
    source: 'vendor' as const,
    submittedBy: 'u1',
    submittedAt: '2026-12-01T08:00:00Z',
    approvedBy: 'u2',
    approvedAt: '2026-12-03T09:00:00Z',
  };

  it('puts when the facts were provided, last changed and last confirmed on the company page', () => {
    const company = companyFixture({
      provenance,
      updatedAt: '2026-12-03T09:00:00Z',
      confirmedAt: '2026-12-03T09:00:00Z',
    });
    expect(companyJsonLd(company, 'da', 'https://cyberkort.dk').mainEntityOfPage).toEqual({
      '@type': 'WebPage',
      '@id': 'https://cyberkort.dk/virksomhed/eksempel-sikkerhed',
      url: 'https://cyberkort.dk/virksomhed/eksempel-sikkerhed',
      dateCreated: '2026-12-01T08:00:00Z',
      dateModified: '2026-12-03T09:00:00Z',
      lastReviewed: '2026-12-03T09:00:00Z',
    });
  });

  it('does the same for a product, and leaves out dates that are not known', () => {
    const data = productJsonLd(productFixture({ confirmedAt: null }), 'en', 'https://cyberkort.dk');
    expect(data.mainEntityOfPage).toEqual({
      '@type': 'WebPage',
      '@id': 'https://cyberkort.dk/en/product/backup-som-service',
      url: 'https://cyberkort.dk/en/product/backup-som-service',
      dateModified: '2025-01-01',
    });
  });
});
