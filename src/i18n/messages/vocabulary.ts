import type {
  CertificationKind,
  CertificationTrust,
  Delivery,
  Language,
  PricingModel,
  ProductKind,
  SizeBand,
} from '../../../graph/vocabulary';
import type { DocumentKind } from '../../../search/types';

/**
 * One label per value of each closed list. Both tables are typed by the lists, so a value added to a
 * list fails the type check until it has a label in both languages (and a label without a value fails too).
 */
type VocabularyLabels = Record<
  | `kind.${DocumentKind}`
  | `productKind.${ProductKind}`
  | `size.${SizeBand}`
  | `language.${Language}`
  | `pricing.${PricingModel}`
  | `delivery.${Delivery}`
  | `cert.kind.${CertificationKind}`
  | `cert.trust.${CertificationTrust}`,
  string
>;

const da: VocabularyLabels = {
  'kind.company': 'Virksomhed',
  'kind.product': 'Produkt eller ydelse',
  'productKind.product': 'Produkt',
  'productKind.service': 'Ydelse',
  'size.micro': '1–9 ansatte',
  'size.small': '10–49 ansatte',
  'size.medium': '50–249 ansatte',
  'size.large': '250 ansatte eller flere',
  'language.da': 'Dansk',
  'language.en': 'Engelsk',
  'language.de': 'Tysk',
  'language.sv': 'Svensk',
  'language.no': 'Norsk',
  'pricing.fixed': 'Fast pris',
  'pricing.subscription': 'Abonnement',
  'pricing.hourly': 'Timepris',
  'pricing.quote': 'Pris efter tilbud',
  'delivery.remote': 'Online (fjernlevering)',
  'delivery.onsite': 'Hos jer (på stedet)',

  'cert.kind.organisation': 'Virksomhedscertificering',
  'cert.kind.personal': 'Personcertificering',
  'cert.trust.verified': 'Kontrolleret',
  'cert.trust.unverified': 'Ikke kontrolleret',
  'cert.trust.stale': 'Kontrol er forældet',
};

const en: VocabularyLabels = {
  'kind.company': 'Company',
  'kind.product': 'Product or service',
  'productKind.product': 'Product',
  'productKind.service': 'Service',
  'size.micro': '1–9 employees',
  'size.small': '10–49 employees',
  'size.medium': '50–249 employees',
  'size.large': '250 employees or more',
  'language.da': 'Danish',
  'language.en': 'English',
  'language.de': 'German',
  'language.sv': 'Swedish',
  'language.no': 'Norwegian',
  'pricing.fixed': 'Fixed price',
  'pricing.subscription': 'Subscription',
  'pricing.hourly': 'Hourly rate',
  'pricing.quote': 'Price on quote',
  'delivery.remote': 'Online (remote)',
  'delivery.onsite': 'At your premises (on site)',

  'cert.kind.organisation': 'Company certification',
  'cert.kind.personal': 'Personal certification',
  'cert.trust.verified': 'Checked',
  'cert.trust.unverified': 'Not checked',
  'cert.trust.stale': 'Check out of date',
};

export const vocabularyMessages = { da, en };
