import { hasOwnFacts, OWN_FACTS } from '../../../../graph/catalog';
import type { ProvenanceView } from '../../../../graph/views';
import { LISTING_SOURCES } from '../../../../graph/vocabulary';
import type { GraphQLContext } from '../../context';
import { builder } from '../builder';
import { retiredWhileRead } from './common';
import { CompanyRef, type CompanyShape, CompetenceRef, HeldCertificationRef } from './company';
import { ProductRef, type ProductShape } from './product';

/**
 * Where each published fact came from, on companies, products, certifications and competences:
 * its source, when it was submitted and approved, and (for NCC-DK staff only) by whom.
 */

const ListingSourceEnum = builder.enumType('ListingSource', {
  description:
    'vendor: submitted by the company and approved by NCC-DK; staff: entered by NCC-DK; import: loaded by NCC-DK from a file; sample: the fictional sample.',
  values: LISTING_SOURCES,
});

const STAFF = { reviewer: true, admin: true } as const;

const ProvenanceRef = builder.objectRef<ProvenanceView>('Provenance').implement({
  description: 'Where a published fact came from and who vouched for it.',
  authScopes: { public: true },
  fields: (t) => ({
    source: t.field({
      type: ListingSourceEnum,
      nullable: true,
      description: 'Null only for facts written before sources were recorded.',
      resolve: (p) => p.source,
    }),
    submittedAt: t.exposeString('submittedAt', { nullable: true }),
    approvedAt: t.exposeString('approvedAt', { nullable: true }),
    approvedBy: t.string({
      nullable: true,
      description: "'NCC-DK' when NCC-DK approved it; null for imported and sample facts.",
      resolve: (p) => (p.approvedBy ? 'NCC-DK' : null),
    }),
    submittedByUser: t.exposeID('submittedBy', {
      nullable: true,
      authScopes: STAFF,
      description: 'Pseudonymous id of who submitted it (the audit log names people by it).',
    }),
    approvedByUser: t.exposeID('approvedBy', {
      nullable: true,
      authScopes: STAFF,
      description: 'Pseudonymous id of the reviewer who approved it.',
    }),
  }),
});

type Versioned = { version: number; provenance: ProvenanceView };

/** A listing's version and provenance: on a full profile already, else through the request's batch loader. */
async function versioned(
  listing: Partial<Versioned> & { slug: string },
  load: (slug: string) => Promise<Versioned | null>,
): Promise<Versioned> {
  if (listing.provenance && listing.version !== undefined) {
    return { version: listing.version, provenance: listing.provenance };
  }
  const loaded = await load(listing.slug);
  if (!loaded) throw retiredWhileRead('listing', listing.slug);
  return loaded;
}

const companyFacts = (company: CompanyShape, { companyWith }: GraphQLContext) =>
  versioned(company, async (slug) => {
    const loaded = await companyWith(slug, [OWN_FACTS]);
    return loaded && hasOwnFacts(loaded) ? loaded : null;
  });
const productFacts = (product: ProductShape, { loaders }: GraphQLContext) =>
  versioned(product, (slug) => loaders.productProfile.load(slug));

builder.objectFields(CompanyRef, (t) => ({
  version: t.int({
    description: 'Bumped by every published change. A proposed change names the version it was made from.',
    resolve: async (c, _args, context) => (await companyFacts(c, context)).version,
  }),
  provenance: t.field({
    type: ProvenanceRef,
    resolve: async (c, _args, context) => (await companyFacts(c, context)).provenance,
  }),
}));

builder.objectFields(ProductRef, (t) => ({
  version: t.int({
    description: 'Bumped by every published change. A proposed change names the version it was made from.',
    resolve: async (p, _args, context) => (await productFacts(p, context)).version,
  }),
  provenance: t.field({
    type: ProvenanceRef,
    resolve: async (p, _args, context) => (await productFacts(p, context)).provenance,
  }),
}));

builder.objectFields(HeldCertificationRef, (t) => ({
  certificateNumber: t.exposeString('certificateNumber', { nullable: true }),
  issuer: t.exposeString('issuer', { nullable: true }),
  verificationMethod: t.exposeString('verificationMethod', {
    nullable: true,
    description: 'How NCC-DK checked it; null when unverified.',
  }),
  verifiedByUser: t.exposeID('verifiedByUser', {
    nullable: true,
    authScopes: STAFF,
    description: 'Pseudonymous id of the reviewer who verified it.',
  }),
  provenance: t.field({ type: ProvenanceRef, resolve: (held) => held.provenance }),
}));

builder.objectFields(CompetenceRef, (t) => ({
  provenance: t.field({ type: ProvenanceRef, resolve: (competence) => competence.provenance }),
}));
