import type { z } from 'zod';
import { isStaff, type Viewer } from '../auth/viewer';
import { ForbiddenError, ValidationError } from './errors';

/**
 * What the admin use cases (API tokens, company access) share: only an NCC-DK admin may act,
 * and input is checked with zod, every problem reported by field.
 */

export function requireAdmin(viewer: Viewer): void {
  if (!isStaff(viewer, 'admin')) throw new ForbiddenError('Only NCC-DK administrators may do this.');
}

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
