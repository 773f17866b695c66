import { z } from 'zod';

/**
 * The closed lists of the domain, each written once. The TypeScript types, the GraphQL enums, the
 * validation of URL parameters and the UI's label tables are all derived from these arrays, so a
 * value added here fails the type check wherever it is not yet handled. The order is the order
 * forms and facets show the values in.
 */

/** Company size by employees: micro 1-9, small 10-49, medium 50-249, large 250+. */
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const sizeBandSchema = z.enum(SIZE_BANDS);

/** The size bands of small and medium-sized enterprises (fewer than 250 employees). */
export const SME_SIZE_BANDS: readonly SizeBand[] = ['micro', 'small', 'medium'];

/** The most an SME will pay as a starting price: up to 10,000 / 50,000 / 250,000 DKK, or no limit. */
export const BUDGET_BANDS = ['small', 'medium', 'large', 'any'] as const;
export type BudgetBand = (typeof BUDGET_BANDS)[number];
export const budgetBandSchema = z.enum(BUDGET_BANDS);

/** How a product or service is delivered. */
export const DELIVERIES = ['remote', 'onsite'] as const;
export type Delivery = (typeof DELIVERIES)[number];

/** How an SME would like to get help. */
export const DELIVERY_PREFERENCES = ['onsite', 'remote', 'any'] as const;
export type DeliveryPreference = (typeof DELIVERY_PREFERENCES)[number];
export const deliveryPreferenceSchema = z.enum(DELIVERY_PREFERENCES);

/** Rules an SME may have to meet; each is a regulation code in the taxonomies. */
export const COMPLIANCE_DRIVERS = ['NIS2', 'GDPR', 'D-MAERKET', 'ISO27001', 'DORA', 'CRA'] as const;
export type ComplianceDriver = (typeof COMPLIANCE_DRIVERS)[number];
export const complianceDriverSchema = z.enum(COMPLIANCE_DRIVERS);

export const PRODUCT_KINDS = ['product', 'service'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const PRICING_MODELS = ['fixed', 'subscription', 'hourly', 'quote'] as const;
export type PricingModel = (typeof PRICING_MODELS)[number];

export const PRODUCT_STATUSES = ['active', 'retired'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** Languages a company or product works in (ISO 639-1). */
export const LANGUAGES = ['da', 'en', 'de', 'sv', 'no'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Languages an SME can ask to be served in. */
export const PREFERRED_LANGUAGES = ['da', 'en'] as const satisfies readonly Language[];
export type PreferredLanguage = (typeof PREFERRED_LANGUAGES)[number];
export const preferredLanguageSchema = z.enum(PREFERRED_LANGUAGES);

/** Who a certification is held by: the company itself or a member of its staff. */
export const CERTIFICATION_KINDS = ['organisation', 'personal'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

/** verified: checked by NCC-DK within a year; unverified: claimed only; stale: checked more than a year ago. */
export const CERTIFICATION_TRUSTS = ['verified', 'unverified', 'stale'] as const;
export type CertificationTrust = (typeof CERTIFICATION_TRUSTS)[number];

/** A company's legal form in the Danish company register. */
export const LEGAL_FORMS = ['ApS', 'A/S', 'I/S', 'IVS', 'P/S', 'Enkeltmandsvirksomhed'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** Where a published fact came from: the vendor (approved by NCC), NCC staff, a staff import, the fictional sample. */
export const LISTING_SOURCES = ['vendor', 'staff', 'import', 'sample'] as const;
export type ListingSource = (typeof LISTING_SOURCES)[number];

/** What a vendor's submission proposes, and for which kind of listing. */
export const SUBMISSION_KINDS = ['company', 'product'] as const;
export type SubmissionKind = (typeof SUBMISSION_KINDS)[number];
export const SUBMISSION_OPS = ['create', 'update', 'retire', 'delete'] as const;
export type SubmissionOp = (typeof SUBMISSION_OPS)[number];
/** draft → submitted → approved | rejected; draft or submitted → withdrawn. */
export const SUBMISSION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'withdrawn'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Narrows a string from outside (a URL, a stored document) to a value of one of the lists. */
export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
