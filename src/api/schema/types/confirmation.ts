import { OWN_FACTS } from '../../../../graph/catalog';
import { CONFIRMATION_STATES, confirmationState } from '../../../../graph/confirmation';
import { confirmListing, type ListingConfirmation } from '../../../use-cases/confirmation';
import type { GraphQLContext } from '../../context';
import { MUTATION_COST } from '../../cost';
import { builder } from '../builder';
import { CompanyRef, type CompanyShape } from './company';
import { MUTATION_ERRORS } from './errors';
import { ProductRef, type ProductShape } from './product';

/**
 * The yearly confirmation (src/use-cases/confirmation.ts): when a listing was last confirmed as
 * still correct, where that leaves it, and the vendor's one-click confirmation.
 */

const ConfirmationStateEnum = builder.enumType('ConfirmationState', {
  description:
    'current: confirmed within 12 months; unconfirmed: not for over a year (marked); lapsed: not for 15 months (marked, and no longer matched).',
  values: CONFIRMATION_STATES,
});

const ListingConfirmationRef = builder.objectRef<ListingConfirmation>('ListingConfirmation').implement({
  description: "A company's confirmation that its listing (and its products) is still correct.",
  authScopes: { public: true },
  fields: (t) => ({
    company: t.exposeString('company', { description: "The company's slug." }),
    confirmedAt: t.exposeString('confirmedAt'),
  }),
});

const companyConfirmedAt = async (company: CompanyShape, { companyWith }: GraphQLContext) =>
  company.confirmedAt !== undefined
    ? company.confirmedAt
    : ((await companyWith(company.slug, [OWN_FACTS]))?.confirmedAt ?? null);
const productConfirmedAt = async (product: ProductShape, { loaders }: GraphQLContext) =>
  product.confirmedAt !== undefined
    ? product.confirmedAt
    : ((await loaders.productProfile.load(product.slug))?.confirmedAt ?? null);

builder.objectFields(CompanyRef, (t) => ({
  confirmedAt: t.string({
    nullable: true,
    description: 'When the company last confirmed its listing as still correct; null when never.',
    resolve: (c, _args, context) => companyConfirmedAt(c, context),
  }),
  confirmationState: t.field({
    type: ConfirmationStateEnum,
    resolve: async (c, _args, context) => confirmationState(await companyConfirmedAt(c, context)),
  }),
}));

builder.objectFields(ProductRef, (t) => ({
  confirmedAt: t.string({
    nullable: true,
    description: "The company's last confirmation: a product is confirmed with its company.",
    resolve: (p, _args, context) => productConfirmedAt(p, context),
  }),
  confirmationState: t.field({
    type: ConfirmationStateEnum,
    resolve: async (p, _args, context) => confirmationState(await productConfirmedAt(p, context)),
  }),
}));

builder.mutationFields((t) => ({
  confirmListing: t.field({
    type: ListingConfirmationRef,
    description:
      "Confirms that the company's listing and products are still correct (the yearly confirmation); audited.",
    authScopes: (_root, { company }) => ({ vendorOf: company }),
    complexity: MUTATION_COST,
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: { company: t.arg.string({ required: true, description: "The company's slug." }) },
    resolve: (_root, { company }, context) => confirmListing(context.services, context.viewer, company),
  }),
}));
