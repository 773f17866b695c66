/**
 * The failures a person can cause and correct, thrown by the use cases. Pages show them next to
 * the form; GraphQL returns them as typed results (the errors plugin) or, where a field has no
 * result union, as errors with `extensions.code`. Anything else is a fault and is masked.
 */

import type { z } from 'zod';

export const USE_CASE_ERROR_CODES = ['BAD_USER_INPUT', 'CONFLICT', 'FORBIDDEN', 'NOT_FOUND'] as const;
export type UseCaseErrorCode = (typeof USE_CASE_ERROR_CODES)[number];

/** One problem with one field: `path` names it as the form does ('description.da', 'needSlugs.2'). */
export interface FieldIssue {
  path: string;
  /** Stable, for translating the message: a zod issue code, or 'unknown_reference', 'invalid_cvr', … */
  code: string;
  message: string;
}

export abstract class UseCaseError extends Error {
  abstract readonly code: UseCaseErrorCode;
}

export class ValidationError extends UseCaseError {
  readonly code = 'BAD_USER_INPUT';
  constructor(readonly issues: FieldIssue[]) {
    super(
      `Invalid input: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`,
    );
    this.name = 'ValidationError';
  }
}

/** The listing changed since the edit was made (or already exists): redo the edit on what is published now. */
export class ConflictError extends UseCaseError {
  readonly code = 'CONFLICT';
  constructor(
    message: string,
    /** The listing's published version now; null when the conflict is not about versions. */
    readonly currentVersion: number | null = null,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

export class ForbiddenError extends UseCaseError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'You may not do this.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends UseCaseError {
  readonly code = 'NOT_FOUND';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** `input` as `schema` reads it, or a ValidationError with every problem by field. */
export function parsedInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
      message: issue.message,
    })),
  );
}
