import { describe, expect, it } from 'vitest';
import { companyFixture, productFixture } from '../fixtures';
import { companyJsonLd } from './structured-data';

describe('companyJsonLd', () => {
  it('describes the company as an Organization with its CVR number, address and offers', () => {
    const data = companyJsonLd(companyFixture({ products: [productFixture()] }), 'da', 'https://cyberkort.dk');
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Organization',
      name: 'Eksempel Sikkerhed ApS',
      taxID: '12345674',
      vatID: 'DK12345674',
      address: { '@type': 'PostalAddress', postalCode: '8000', addressLocality: 'Aarhus', addressCountry: 'DK' },
      makesOffer: [
        {
          '@type': 'Offer',
          itemOffered: {
            '@type': 'Service',
            name: 'Backup som service',
            url: 'https://cyberkort.dk/produkt/backup-som-service',
          },
          price: 495,
          priceCurrency: 'DKK',
        },
      ],
    });
    expect(data.disambiguatingDescription).toMatch(/findes ikke/);
  });

  it('leaves out the sample notice for real companies', () => {
    expect(
      companyJsonLd(companyFixture({ sample: false }), 'en', 'https://cyberkort.dk').disambiguatingDescription,
    ).toBeUndefined();
  });
});
