import type { CompanyGrant } from '../../../../graph/company-access';
import { grantCompanyAccess, listCompanyGrants, revokeCompanyAccess } from '../../../use-cases/company-access';
import { MUTATION_COST } from '../../cost';
import { builder } from '../builder';
import { answering, MUTATION_ERRORS } from './errors';

/** Access to a company that NCC-DK admins grant to a named person (src/use-cases/company-access.ts). */

const ADMIN = { admin: true } as const;

const CompanyAccessGrantRef = builder.objectRef<CompanyGrant>('CompanyAccessGrant').implement({
  description: 'A person NCC-DK let edit a company they do not act for by CVR number. Admins only.',
  authScopes: ADMIN,
  fields: (t) => ({
    subject: t.exposeString('subject', { description: "The person's login subject." }),
    companySlug: t.exposeString('companySlug'),
    companyName: t.exposeString('companyName'),
    grantedAt: t.exposeString('grantedAt'),
    grantedBy: t.exposeString('grantedBy', {
      nullable: true,
      description: "The granting admin's pseudonymous user id.",
    }),
    name: t.exposeString('name', { nullable: true, description: 'Null until the person has logged in.' }),
  }),
});

const CompanyAccessInput = builder.inputType('CompanyAccessInput', {
  fields: (t) => ({
    subject: t.string({ required: true, description: "The person's login subject (from their identity provider)." }),
    companySlug: t.string({ required: true }),
  }),
});

builder.queryFields((t) => ({
  companyAccessGrants: t.field({
    type: [CompanyAccessGrantRef],
    description: 'Access granted by NCC-DK, of one company or of all. Admins only.',
    authScopes: ADMIN,
    args: { companySlug: t.arg.string() },
    resolve: (_root, { companySlug }, context) =>
      answering(() => listCompanyGrants(context.services, context.viewer, companySlug ?? null)),
  }),
}));

const outcome = { types: MUTATION_ERRORS, directResult: true } as const;

builder.mutationFields((t) => ({
  grantCompanyAccess: t.field({
    type: CompanyAccessGrantRef,
    description:
      'Lets the person with this login subject edit the company, from their next request on; they need not have logged in yet. Admins only.',
    authScopes: ADMIN,
    complexity: MUTATION_COST,
    errors: outcome,
    args: { input: t.arg({ type: CompanyAccessInput, required: true }) },
    resolve: (_root, { input }, context) => grantCompanyAccess(context.services, context.viewer, input),
  }),
  revokeCompanyAccess: t.field({
    type: CompanyAccessGrantRef,
    description: "Takes granted access back, from the person's next request on. Admins only.",
    authScopes: ADMIN,
    complexity: MUTATION_COST,
    errors: outcome,
    args: { input: t.arg({ type: CompanyAccessInput, required: true }) },
    resolve: (_root, { input }, context) => revokeCompanyAccess(context.services, context.viewer, input),
  }),
}));
