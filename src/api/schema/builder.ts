import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context';
import { LIST_ESTIMATE } from '../cost';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
}>({
  plugins: [ComplexityPlugin, ValidationPlugin],
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
