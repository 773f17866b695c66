import { describe, expect, it } from 'vitest';
import { productFixture } from '../fixtures';
import { productJsonLd } from './structured-data';

describe('productJsonLd', () => {
  it('describes a service with its provider and a DKK offer', () => {
    const data = productJsonLd(productFixture(), 'en', 'https://cyberkort.dk');
    expect(data).toMatchObject({
      '@type': 'Service',
      name: 'Backup som service',
      description: 'Daily backup of your data.',
      url: 'https://cyberkort.dk/en/product/backup-som-service',
      provider: {
        '@type': 'Organization',
        name: 'Eksempel Sikkerhed ApS',
        url: 'https://cyberkort.dk/en/company/eksempel-sikkerhed',
      },
      offers: { '@type': 'Offer', price: 495, priceCurrency: 'DKK' },
    });
  });

  it('describes a product with its brand, and has no offer when the price is on request', () => {
    const data = productJsonLd(productFixture({ kind: 'product', priceFromDkk: null }), 'da', 'https://cyberkort.dk');
    expect(data['@type']).toBe('Product');
    expect(data.brand).toEqual({ '@type': 'Brand', name: 'Eksempel Sikkerhed ApS' });
    expect(data.offers).toBeUndefined();
  });
});
