import type { CompanyProfile } from '../../../graph/views';
import { type Locale, pick, t } from '../../i18n';
import { companyPath, productPath } from '../../i18n/routes';
import { listingPageJsonLd } from '../confirmation/structured-data';

/**
 * schema.org `Organization` for a company profile, so search engines and other registries can
 * read the CVR number, address and offers without scraping. URLs are absolute, as schema.org expects.
 */
export function companyJsonLd(company: CompanyProfile, locale: Locale, origin: string): Record<string, unknown> {
  const url = (path: string) => new URL(path, origin).href;
  const pageUrl = url(companyPath(locale, company.slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    '@id': `${pageUrl}#organization`,
    name: company.name,
    description: pick(company.description, locale).text,
    ...(company.sample ? { disambiguatingDescription: t(locale, 'company.sampleNotice', { name: company.name }) } : {}),
    url: company.website || pageUrl,
    mainEntityOfPage: listingPageJsonLd(pageUrl, company),
    taxID: company.cvr,
    vatID: `DK${company.cvr}`,
    identifier: { '@type': 'PropertyValue', propertyID: 'CVR', value: company.cvr },
    address: {
      '@type': 'PostalAddress',
      streetAddress: company.address,
      postalCode: company.postcode,
      addressLocality: company.city,
      addressRegion: locale === 'da' ? company.region.name : company.region.nameEn,
      addressCountry: 'DK',
    },
    ...(company.email ? { email: company.email } : {}),
    ...(company.phone ? { telephone: company.phone } : {}),
    ...(company.founded ? { foundingDate: String(company.founded) } : {}),
    numberOfEmployees: { '@type': 'QuantitativeValue', value: company.employees },
    knowsLanguage: company.languages,
    areaServed: company.regionsServed.map((region) => ({
      '@type': 'AdministrativeArea',
      name: locale === 'da' ? region.name : region.nameEn,
    })),
    makesOffer: company.products.map((product) => ({
      '@type': 'Offer',
      itemOffered: {
        '@type': product.kind === 'service' ? 'Service' : 'Product',
        name: product.name,
        url: url(productPath(locale, product.slug)),
      },
      ...(product.priceFromDkk === null ? {} : { price: product.priceFromDkk, priceCurrency: 'DKK' }),
    })),
  };
}
