import { z } from 'zod';
import {
  type CompanyGrant,
  listCompanyGrants as listStoredGrants,
  grantCompanyAccess as storeGrant,
  revokeCompanyAccess as storeRevocation,
} from '../../graph/company-access';
import type { Viewer } from '../auth/viewer';
import { NotFoundError, parsedInput } from './errors';
import { actorId, type ListingStore } from './listing-store';
import { requireAdmin } from './staff-admin';

/**
 * NCC-DK gives a named person access to a company they do not act for by CVR (the company's
 * marketing agency, say), and takes it back. Admins only: a grant is a role change, and PRODUCT.md
 * gives access grants to admins, keeping reviewers to the listings themselves. The person is named
 * by their login's subject and need not have logged in yet; their session sees the company from
 * its next request (graph/sessions.ts reads grants on every request).
 */

export const grantInputSchema = z.object({
  subject: z
    .string()
    .trim()
    .min(1, "Give the person's login subject.")
    .max(255, 'At most 255 characters.')
    .regex(/^[^\s\p{C}]+$/u, 'A subject has no spaces or control characters.'),
  companySlug: z.string().trim().min(1, "Give the company's short name (slug).").max(200, 'At most 200 characters.'),
});

export type GrantInput = z.input<typeof grantInputSchema>;

async function grantOf(store: ListingStore, subject: string, companySlug: string): Promise<CompanyGrant | null> {
  const grants = await listStoredGrants(store.executor, companySlug);
  return grants.find((grant) => grant.subject === subject) ?? null;
}

/** What granting and revoking start with: only an admin, the input checked, and the admin's user id. */
async function adminChange(store: ListingStore, viewer: Viewer, input: GrantInput) {
  requireAdmin(viewer);
  const { subject, companySlug } = parsedInput(grantInputSchema, input);
  return { subject, companySlug, by: await actorId(store.executor, viewer) };
}

/** Grants access (idempotent: granting again changes nothing) and returns the grant. */
export async function grantCompanyAccess(
  store: ListingStore,
  viewer: Viewer,
  input: GrantInput,
): Promise<CompanyGrant> {
  const { subject, companySlug, by: grantedBy } = await adminChange(store, viewer, input);
  const done = await storeGrant(store.writer, { subject, companySlug, grantedBy });
  if (!done) throw new NotFoundError(`There is no company ${companySlug}.`);
  const grant = await grantOf(store, subject, companySlug);
  if (!grant) throw new Error('a grant just written was not found');
  return grant;
}

/** Takes access back; returns the grant as it was. NOT_FOUND when there was none. */
export async function revokeCompanyAccess(
  store: ListingStore,
  viewer: Viewer,
  input: GrantInput,
): Promise<CompanyGrant> {
  const { subject, companySlug, by: revokedBy } = await adminChange(store, viewer, input);
  const grant = await grantOf(store, subject, companySlug);
  if (!grant || !(await storeRevocation(store.writer, { subject, companySlug, revokedBy }))) {
    throw new NotFoundError(`${subject} has no access to ${companySlug} granted by NCC-DK.`);
  }
  return grant;
}

export async function listCompanyGrants(
  store: ListingStore,
  viewer: Viewer,
  companySlug: string | null = null,
): Promise<CompanyGrant[]> {
  requireAdmin(viewer);
  return listStoredGrants(store.executor, companySlug);
}
