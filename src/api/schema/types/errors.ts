import { GraphQLError } from 'graphql';
import {
  ConflictError,
  type FieldIssue,
  ForbiddenError,
  NotFoundError,
  UseCaseError,
  ValidationError,
} from '../../../use-cases/errors';
import { builder } from '../builder';

/**
 * The use cases' expected failures as GraphQL types. A mutation lists them in `errors.types`
 * and returns them as members of its result union; `code` is the same as `extensions.code`
 * would be, so clients branch on one set of codes either way.
 */

export const ErrorInterface = builder.interfaceRef<UseCaseError>('Error').implement({
  description: 'An expected failure: what went wrong, for a person, and a code for a program.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code', { description: 'BAD_USER_INPUT, CONFLICT, FORBIDDEN or NOT_FOUND.' }),
  }),
});

export const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'One problem with one input field.',
  authScopes: { public: true },
  fields: (t) => ({
    path: t.exposeString('path', { description: "The field, as the form names it: 'description.da', 'needSlugs.2'." }),
    code: t.exposeString('code', {
      description: "A stable code for the problem: a zod issue code or 'unknown_reference'.",
    }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input is not valid; every problem is listed by field.',
  interfaces: [ErrorInterface],
  authScopes: { public: true },
  fields: (t) => ({
    issues: t.field({ type: [FieldIssueRef], resolve: (error) => error.issues }),
  }),
});

builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'The listing changed since the edit was made, or already exists. Nothing was written.',
  interfaces: [ErrorInterface],
  authScopes: { public: true },
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', {
      nullable: true,
      description: "The listing's published version now, when the conflict is about versions.",
    }),
  }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'The viewer may not do this to this submission or listing.',
  interfaces: [ErrorInterface],
  authScopes: { public: true },
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The submission or listing does not exist (any more).',
  interfaces: [ErrorInterface],
  authScopes: { public: true },
});

/** Every failure a mutation returns as a typed result. */
export const MUTATION_ERRORS = [ValidationError, ConflictError, ForbiddenError, NotFoundError];

/**
 * For fields without a result union (queries): an expected failure becomes a GraphQL error with
 * its code, which masking lets through; anything else stays a fault.
 */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error;
    throw new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error instanceof ValidationError ? { issues: error.issues } : {}),
      },
    });
  }
}
