import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { canEditCompany, isStaff } from '../../auth/viewer';
import type { GraphQLContext } from '../context';
import { LIST_ESTIMATE } from '../cost';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  // Who may resolve a field. Every root field and every object type says it (README "Vendors and
  // moderation"); tests/graph/authorization.test.ts reads them from the schema.
  AuthScopes: {
    /** Anyone, logged in or not. */
    public: boolean;
    /** A person logged in for a company (NemLog-in). */
    vendor: boolean;
    /** A vendor who may edit this company (by slug). */
    vendorOf: string;
    /** A vendor whose login acts for this CVR number: a company they are registering. */
    registrant: string;
    /** NCC-DK staff with the reviewer role. */
    reviewer: boolean;
    /** NCC-DK staff with the admin role. */
    admin: boolean;
    /** A script with a read-only analyst API token. */
    analyst: boolean;
  };
}>({
  // Scope auth first, so no other plugin's wrapper runs for a request that may not resolve the field.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ComplexityPlugin, ValidationPlugin],
  scopeAuth: {
    authScopes: ({ viewer }) => ({
      public: true,
      vendor: viewer.kind === 'vendor',
      vendorOf: (slug) => canEditCompany(viewer, slug),
      registrant: (cvr) => viewer.kind === 'vendor' && viewer.cvr === cvr,
      reviewer: isStaff(viewer, 'reviewer'),
      admin: isStaff(viewer, 'admin'),
      analyst: viewer.kind === 'token' && viewer.roles.includes('analyst'),
    }),
    unauthorizedError: (_parent, { viewer }) =>
      new GraphQLError(viewer.kind === 'anonymous' ? 'Log in to do this.' : 'You may not do this.', {
        extensions: { code: 'FORBIDDEN' },
      }),
  },
  defaultFieldNullability: false,
  // Every field costs 1; a list multiplies what is selected under it by its size: the `limit` a
  // paginated field is asked for (set on those fields), otherwise LIST_ESTIMATE, the documented
  // estimate for lists without a limit (a company's products, a product's needs, …). The limit
  // itself is enforced before execution by src/api/cost.ts, which can see the request's
  // variables; resolvers are not wrapped.
  complexity: { defaultComplexity: 1, defaultListMultiplier: LIST_ESTIMATE, disabled: true },
  validation: {
    // Clients get every problem in one error, with a code they can branch on.
    validationError: (result) =>
      new GraphQLError(`Invalid argument: ${result.issues.map((issue) => describeIssue(issue)).join('; ')}`, {
        extensions: {
          code: 'BAD_USER_INPUT',
          issues: result.issues.map((issue) => ({ path: issuePath(issue), message: issue.message })),
        },
      }),
  },
});

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined };

function issuePath(issue: Issue): string {
  return (issue.path ?? []).map((part) => String(typeof part === 'object' ? part.key : part)).join('.');
}

function describeIssue(issue: Issue): string {
  const path = issuePath(issue);
  return path ? `${path}: ${issue.message}` : issue.message;
}

builder.queryType({ description: 'Cyberkort: the Danish cybersecurity industry as a knowledge graph.' });
builder.mutationType({
  description: "Vendors' proposed changes and NCC-DK's moderation. Each mutation is one transaction.",
});
