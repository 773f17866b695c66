import { z } from 'zod';
import {
  findValidApiToken,
  listApiTokens as listStoredApiTokens,
  recordApiTokenUse,
  revokeApiToken as revokeStoredApiToken,
  type StoredApiToken,
  createApiToken as storeApiToken,
} from '../../graph/api-tokens';
import { hashApiTokenSecret, newApiTokenSecret } from '../auth/api-token';
import type { Viewer } from '../auth/viewer';
import { NotFoundError, parsedInput } from './errors';
import { actorId, type ListingStore } from './listing-store';
import { requireAdmin } from './staff-admin';

/**
 * API tokens for analysts' scripts, issued and revoked by NCC-DK admins. A token reads (role
 * `analyst`) and never writes: no mutation admits the `analyst` scope, and the GraphQL server
 * refuses every mutation from a token before it runs (src/api/mutation-guard.ts). Its secret
 * exists only in the answer to its creation; the graph keeps its hash.
 */

export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

export const apiTokenInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(3, 'Name the token (at least 3 characters): who uses it, for what.')
    .max(100, 'At most 100 characters.'),
  validDays: z
    .number({ message: 'Give the number of days the token is valid.' })
    .int('Give a whole number of days.')
    .min(1, 'A token is valid for at least 1 day.')
    .max(API_TOKEN_MAX_DAYS, `A token is valid for at most ${API_TOKEN_MAX_DAYS} days.`),
});

export type ApiTokenInput = z.input<typeof apiTokenInputSchema>;

/** Every token has this status at a time; only `active` ones are accepted. */
export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

export interface ApiTokenView extends StoredApiToken {
  status: ApiTokenStatus;
}

export function statusOf(token: StoredApiToken, now: Date = new Date()): ApiTokenStatus {
  if (token.revokedAt) return 'revoked';
  return Date.parse(token.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

const viewOf = (token: StoredApiToken): ApiTokenView => ({ ...token, status: statusOf(token) });

/** Issues a token: its secret is in this answer and nowhere else, ever. */
export async function createApiToken(
  store: ListingStore,
  viewer: Viewer,
  input: ApiTokenInput,
): Promise<{ token: ApiTokenView; secret: string }> {
  requireAdmin(viewer);
  const { name, validDays } = parsedInput(apiTokenInputSchema, input);
  const createdBy = await actorId(store.executor, viewer);
  const secret = newApiTokenSecret();
  const token = await storeApiToken(store.writer, {
    hash: hashApiTokenSecret(secret),
    name,
    roles: ['analyst'],
    validDays,
    createdBy,
  });
  return { token: viewOf(token), secret };
}

export async function revokeApiToken(store: ListingStore, viewer: Viewer, id: string): Promise<ApiTokenView> {
  requireAdmin(viewer);
  const tokenId = parsedInput(z.object({ id: z.uuid('Not a token id.') }), { id }).id;
  const revokedBy = await actorId(store.executor, viewer);
  const token = await revokeStoredApiToken(store.writer, { id: tokenId, revokedBy });
  if (!token) throw new NotFoundError(`There is no API token ${tokenId}.`);
  return viewOf(token);
}

export async function listApiTokens(store: ListingStore, viewer: Viewer): Promise<ApiTokenView[]> {
  requireAdmin(viewer);
  return (await listStoredApiTokens(store.executor)).map(viewOf);
}

/**
 * Who a request's bearer secret makes it: the token's viewer, or null when no active token has
 * that secret (unknown, expired, revoked). A use is written to the audit log at most once an hour
 * per token; when that write fails the request still goes on (the next one tries again), since
 * the lookup itself said the token is valid.
 */
export async function viewerForApiToken(
  store: ListingStore,
  secret: string,
  onUseNotRecorded: (error: unknown) => void,
): Promise<Viewer | null> {
  const token = await findValidApiToken(store.executor, hashApiTokenSecret(secret));
  if (!token?.roles.includes('analyst')) return null;
  if (token.due) await recordApiTokenUse(store.writer, token.id).catch(onUseNotRecorded);
  return { kind: 'token', tokenId: token.id, roles: ['analyst'] };
}
