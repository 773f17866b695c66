/** The product profile's texts. */
const da = {
  'product.metaDescription':
    '{name} fra {company}: {kind} inden for it-sikkerhed. Se pris, levering og hvilke behov den dækker.',
  'product.factsHeading': 'Pris og levering',
  'product.kind': 'Type',
  'product.offeredBy': 'Leveres af',
  'product.price': 'Pris',
  'product.pricingModel': 'Prismodel',
  'product.delivery': 'Levering',
  'product.languages': 'Sprog',
  'product.smeFit': 'Egnet til små og mellemstore virksomheder',
  'product.retired': 'Denne ydelse udbydes ikke længere.',
  'product.needsHeading': 'Hjælper med',
  'product.needsHint': 'Vælg et behov for at se andre leverandører, der kan hjælpe med det samme.',
  'product.categoriesHeading': 'Kategorier',
  'product.csfHeading': 'Sikkerhedsområder (NIST CSF 2.0)',
  'product.regulationsHeading': 'Hjælper med at overholde',
  'product.companyHeading': 'Om leverandøren',
  'product.toCompany': 'Se hele profilen for {company}',
};

const en: Record<keyof typeof da, string> = {
  'product.metaDescription':
    '{name} from {company}: a cybersecurity {kind}. See price, delivery and the needs it covers.',
  'product.factsHeading': 'Price and delivery',
  'product.kind': 'Type',
  'product.offeredBy': 'Offered by',
  'product.price': 'Price',
  'product.pricingModel': 'Pricing model',
  'product.delivery': 'Delivery',
  'product.languages': 'Languages',
  'product.smeFit': 'Suited to small and medium-sized businesses',
  'product.retired': 'This service is no longer offered.',
  'product.needsHeading': 'Helps with',
  'product.needsHint': 'Choose a need to see other providers who can help with the same thing.',
  'product.categoriesHeading': 'Categories',
  'product.csfHeading': 'Security functions (NIST CSF 2.0)',
  'product.regulationsHeading': 'Helps you comply with',
  'product.companyHeading': 'About the provider',
  'product.toCompany': 'See the full profile of {company}',
};

export const productMessages = { da, en };
