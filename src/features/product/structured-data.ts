import type { ProductProfile } from '../../../graph/views';
import { type Locale, label, pick } from '../../i18n';
import { companyPath, productPath } from '../../i18n/routes';
import { listingPageJsonLd } from '../confirmation/structured-data';

/**
 * schema.org `Service` (with its `provider`) or `Product` (with its `brand`) for a product page.
 * The offer carries a price only when the provider lists one; "price on request" has no offer.
 */
export function productJsonLd(product: ProductProfile, locale: Locale, origin: string): Record<string, unknown> {
  const url = (path: string) => new URL(path, origin).href;
  const pageUrl = url(productPath(locale, product.slug));
  const company = {
    '@type': 'Organization',
    '@id': `${url(companyPath(locale, product.companySlug))}#organization`,
    name: product.companyName,
    url: url(companyPath(locale, product.companySlug)),
  };
  const isService = product.kind === 'service';
  return {
    '@context': 'https://schema.org',
    '@type': isService ? 'Service' : 'Product',
    name: product.name,
    description: pick(product.description, locale).text,
    url: pageUrl,
    mainEntityOfPage: listingPageJsonLd(pageUrl, product),
    ...(isService
      ? { provider: company }
      : { brand: { '@type': 'Brand', name: product.companyName }, manufacturer: company }),
    category: product.categories.map((category) => label(category.name, locale)),
    ...(isService ? { availableLanguage: product.languages, areaServed: { '@type': 'Country', name: 'DK' } } : {}),
    ...(product.priceFromDkk === null
      ? {}
      : {
          offers: {
            '@type': 'Offer',
            url: pageUrl,
            price: product.priceFromDkk,
            priceCurrency: 'DKK',
            priceSpecification: { '@type': 'PriceSpecification', minPrice: product.priceFromDkk, priceCurrency: 'DKK' },
            availability:
              product.status === 'active' ? 'https://schema.org/InStock' : 'https://schema.org/Discontinued',
            seller: company,
          },
        }),
  };
}
