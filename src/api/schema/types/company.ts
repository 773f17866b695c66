import type { GraphQLResolveInfo } from 'graphql';
import {
  type CompanyFacts,
  type CompanyPart,
  type CompanyReadPart,
  type CompanyWithFacts,
  hasOwnFacts,
  isCompanyPart,
  type ListingFilter,
  OWN_FACTS,
  type PartialCompanyProfile,
  PRODUCT_DESCRIPTIONS,
} from '../../../../graph/catalog';
import type { CertificationView, CompanySummary, CompetenceView } from '../../../../graph/views';
import { CERTIFICATION_TRUSTS } from '../../../../graph/vocabulary';
import { readCompanyProfile } from '../../../use-cases/read-profile';
import type { GraphQLContext } from '../../context';
import { pageComplexity } from '../../cost';
import { selectedFields } from '../../selection';
import { builder } from '../builder';
import {
  CodeNameRef,
  codeListSchema,
  LocalizedText,
  limitSchema,
  offsetSchema,
  pageRef,
  retiredWhileRead,
  SizeBandEnum,
  slugSchema,
} from './common';
import { NeedSummaryRef } from './need';
import { ProductRef } from './product';
import { MunicipalityRef, RegionRef } from './taxonomy';

/**
 * A company as listed (summary), or loaded with some or all of its profile parts (its description
 * among them) and with or without its own facts; what is missing comes through the batch loader.
 */
export type CompanyShape = Pick<CompanySummary, 'slug' | 'name'> &
  Partial<Omit<CompanySummary, 'description'>> &
  Partial<PartialCompanyProfile>;

export const CompanyRef = builder.objectRef<CompanyShape>('Company');

/**
 * A profile part of a company (its products, certifications, …): held already when the company was
 * read with it, otherwise read now, batched with the other companies of the same level.
 */
async function partOf<P extends CompanyPart>(
  company: CompanyShape,
  context: GraphQLContext,
  part: P,
  alsoRead: readonly CompanyReadPart[] = [],
): Promise<NonNullable<PartialCompanyProfile[P]>> {
  const held = company[part];
  if (held !== undefined) return held as NonNullable<PartialCompanyProfile[P]>;
  const value = (await context.companyWith(company.slug, [part, ...alsoRead]))?.[part];
  if (value === undefined) throw retiredWhileRead('company', company.slug);
  return value as NonNullable<PartialCompanyProfile[P]>;
}

/** The company's own facts, which a listing summary holds only some of (not address, contact, founded, …). */
async function details(company: CompanyShape, context: GraphQLContext): Promise<CompanyWithFacts> {
  if (hasOwnFacts(company)) return company;
  const loaded = await context.companyWith(company.slug, [OWN_FACTS]);
  if (!loaded || !hasOwnFacts(loaded)) throw retiredWhileRead('company', company.slug);
  return loaded;
}

/**
 * One of the company's own facts: from the company as it is when it holds it (a listing summary
 * holds city, size, …; a profile read with its facts holds all), through details() otherwise. A fact
 * not read is absent, never undefined-valued, so a null one is held. Not async, so a page of
 * companies makes no promise per field.
 */
function fact<K extends keyof CompanyFacts>(
  company: CompanyShape,
  context: GraphQLContext,
  key: K,
): CompanyFacts[K] | Promise<CompanyFacts[K]> {
  const held = (company as Partial<CompanyFacts>)[key];
  if (held !== undefined) return held as CompanyFacts[K];
  return details(company, context).then((loaded) => loaded[key]);
}

/** The fields a profile read without the company's own facts answers (graph/catalog.ts OWN_FACTS). */
const NAMING_FIELDS: ReadonlySet<string> = new Set(['slug', 'name', '__typename']);

/**
 * A company read for the resolved field with the profile parts its selection asks for and no
 * others: the query plan follows the selection (`company(slug) { name products { … } }` reads
 * the company and its products, not its certifications, partners and competences).
 */
export function companyFor(
  context: GraphQLContext,
  slug: string,
  info: GraphQLResolveInfo,
): Promise<PartialCompanyProfile | null> {
  const selected = selectedFields(info, 2);
  const parts: CompanyReadPart[] = [...selected].filter(isCompanyPart);
  if (selected.has('products.description')) parts.push(PRODUCT_DESCRIPTIONS);
  // Any field of the company's own but its slug and name (whichever file defines it) reads them all.
  if ([...selected].some((name) => !name.includes('.') && !NAMING_FIELDS.has(name) && !isCompanyPart(name))) {
    parts.push(OWN_FACTS);
  }
  return context.companyWith(slug, parts);
}

const CertificationTrustEnum = builder.enumType('CertificationTrust', {
  description:
    'verified: checked by NCC-DK within a year; stale: checked more than a year ago; unverified: claimed only.',
  values: CERTIFICATION_TRUSTS,
});

export const HeldCertificationRef = builder.objectRef<CertificationView>('HeldCertification').implement({
  authScopes: { public: true },
  description: 'A certification a company holds, with its source and verification. Expired ones are never shown.',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    kind: t.exposeString('kind'),
    validUntil: t.exposeString('validUntil', { nullable: true, description: 'ISO date; null when it does not expire' }),
    evidence: t.exposeString('evidence', { nullable: true }),
    source: t.exposeString('source', { nullable: true }),
    verifiedBy: t.exposeString('verifiedBy', { nullable: true }),
    verifiedAt: t.exposeString('verifiedAt', { nullable: true }),
    trust: t.field({ type: CertificationTrustEnum, resolve: (c) => c.trust }),
  }),
});

export const CompetenceRef = builder.objectRef<CompetenceView>('Competence').implement({
  authScopes: { public: true },
  fields: (t) => ({
    code: t.exposeString('code'),
    kind: t.exposeString('kind'),
    name: t.field({ type: LocalizedText, resolve: (c) => c.name }),
    headcount: t.exposeInt('headcount'),
  }),
});

const PartnerRef = builder.objectRef<{ slug: string; name: string }>('Partner').implement({
  authScopes: { public: true },
  fields: (t) => ({ slug: t.exposeString('slug'), name: t.exposeString('name') }),
});

CompanyRef.implement({
  authScopes: { public: true },
  description: 'A Danish cybersecurity company. Sample companies are fictional.',
  fields: (t) => ({
    slug: t.exposeString('slug'),
    cvr: t.string({ description: 'Danish CVR number (8 digits).', resolve: (c, _a, ctx) => fact(c, ctx, 'cvr') }),
    name: t.exposeString('name'),
    legalForm: t.string({ resolve: (c, _a, ctx) => fact(c, ctx, 'legalForm') }),
    description: t.field({ type: LocalizedText, resolve: (c, _a, ctx) => partOf(c, ctx, 'description') }),
    city: t.string({ resolve: (c, _a, ctx) => fact(c, ctx, 'city') }),
    municipality: t.field({ type: MunicipalityRef, resolve: (c, _a, ctx) => fact(c, ctx, 'municipality') }),
    region: t.field({ type: RegionRef, resolve: (c, _a, ctx) => fact(c, ctx, 'region') }),
    sizeBand: t.field({ type: SizeBandEnum, resolve: (c, _a, ctx) => fact(c, ctx, 'sizeBand') }),
    languages: t.stringList({ resolve: (c, _a, ctx) => fact(c, ctx, 'languages') }),
    website: t.string({ resolve: (c, _a, ctx) => fact(c, ctx, 'website') }),
    sample: t.boolean({
      description: 'True for the fictional sample ecosystem.',
      resolve: (c, _a, ctx) => fact(c, ctx, 'sample'),
    }),
    address: t.string({ resolve: (c, _a, ctx) => fact(c, ctx, 'address') }),
    postcode: t.string({ resolve: (c, _a, ctx) => fact(c, ctx, 'postcode') }),
    email: t.string({ resolve: (c, _a, ctx) => fact(c, ctx, 'email') }),
    phone: t.string({ resolve: (c, _a, ctx) => fact(c, ctx, 'phone') }),
    founded: t.int({ resolve: (c, _a, ctx) => fact(c, ctx, 'founded') }),
    employees: t.int({ resolve: (c, _a, ctx) => fact(c, ctx, 'employees') }),
    customerSizeBands: t.field({
      type: [SizeBandEnum],
      resolve: (c, _a, ctx) => fact(c, ctx, 'customerSizeBands'),
    }),
    regionsServed: t.field({ type: [RegionRef], resolve: (c, _a, ctx) => partOf(c, ctx, 'regionsServed') }),
    sectors: t.field({ type: [CodeNameRef], resolve: (c, _a, ctx) => partOf(c, ctx, 'sectors') }),
    competences: t.field({ type: [CompetenceRef], resolve: (c, _a, ctx) => partOf(c, ctx, 'competences') }),
    certifications: t.field({
      type: [HeldCertificationRef],
      resolve: (c, _a, ctx) => partOf(c, ctx, 'certifications'),
    }),
    products: t.field({
      type: [ProductRef],
      description: 'Active products and services.',
      resolve: (c, _a, ctx, info) =>
        partOf(c, ctx, 'products', selectedFields(info).has('description') ? [PRODUCT_DESCRIPTIONS] : []),
    }),
    needs: t.field({
      type: [NeedSummaryRef],
      description: 'SME needs its products address.',
      resolve: (c, _a, ctx) => partOf(c, ctx, 'needs'),
    }),
    partners: t.field({ type: [PartnerRef], resolve: (c, _a, ctx) => partOf(c, ctx, 'partners') }),
    updatedAt: t.string({ resolve: (c, _a, ctx) => fact(c, ctx, 'updatedAt') }),
  }),
});

export const ListingFilterInput = builder.inputType('ListingFilter', {
  description: 'Within one field the values are OR-ed; across fields they are AND-ed.',
  fields: (t) => ({
    regions: t.stringList({ description: 'Region codes, e.g. 1084', validate: codeListSchema }),
    municipalities: t.stringList({ description: 'Municipality codes, e.g. 101', validate: codeListSchema }),
    categories: t.stringList({
      description: 'Category codes (a domain includes its sub-categories)',
      validate: codeListSchema,
    }),
    needs: t.stringList({ description: 'Need slugs', validate: codeListSchema }),
    csfFunctions: t.stringList({ description: 'NIST CSF function codes, e.g. PR', validate: codeListSchema }),
    certifications: t.stringList({ description: 'Certification codes (valid ones only)', validate: codeListSchema }),
    sizeBands: t.field({ type: [SizeBandEnum] }),
    languages: t.stringList({ description: 'Language codes, e.g. da', validate: codeListSchema }),
  }),
});

const CompanyPageRef = pageRef<CompanyShape>('CompanyPage', CompanyRef);

builder.queryFields((t) => ({
  company: t.field({
    authScopes: { public: true },
    type: CompanyRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true, validate: slugSchema }) },
    resolve: (_root, { slug }, context, info) =>
      readCompanyProfile({ company: (known) => companyFor(context, known, info) }, slug),
  }),
  companies: t.field({
    authScopes: { public: true },
    type: CompanyPageRef,
    description: 'Companies ordered by name, filtered and paginated.',
    complexity: pageComplexity,
    args: {
      filter: t.arg({ type: ListingFilterInput }),
      limit: t.arg.int({ required: true, defaultValue: 20, validate: limitSchema }),
      offset: t.arg.int({ required: true, defaultValue: 0, validate: offsetSchema }),
    },
    resolve: async (_root, { filter, limit, offset }, { services }) => {
      const page = await services.catalog.companies(toListingFilter(filter), limit, offset);
      return { ...page, limit, offset };
    },
  }),
}));

type ListingFilterArg = { [K in keyof ListingFilter]?: readonly string[] | null } | null | undefined;

/** GraphQL gives null for absent lists; the catalog wants them left out. */
export function toListingFilter(filter: ListingFilterArg): ListingFilter {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(filter ?? {})) if (values) out[key] = [...values];
  return out as ListingFilter;
}
