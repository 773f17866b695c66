import SchemaBuilder from '@pothos/core';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
}>({
  plugins: [ValidationPlugin],
  defaultFieldNullability: false,
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
