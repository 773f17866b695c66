import { isStaff, type Viewer } from '../auth/viewer';
import { ForbiddenError } from './errors';

/**
 * What the admin use cases (API tokens, company access) share: only an NCC-DK admin may act.
 * Their input is checked with `parsedInput` (./errors), every problem reported by field.
 */

export function requireAdmin(viewer: Viewer): void {
  if (!isStaff(viewer, 'admin')) throw new ForbiddenError('Only NCC-DK administrators may do this.');
}
