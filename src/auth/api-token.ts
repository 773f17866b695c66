import { createHash, randomBytes } from 'node:crypto';

/**
 * The secret of an analyst's API token: 32 random bytes, base64url, behind a `ck_` prefix so a
 * leaked token is recognisable as Cyberkort's (secret scanners, logs). Only its SHA-256 hash is
 * stored (graph/api-tokens.ts); a hash is enough, without salt or slow hashing, because the secret
 * is random and long, not a password a person chose.
 */

export const API_TOKEN_PREFIX = 'ck_';
const SECRET_SHAPE = /^ck_[A-Za-z0-9_-]{43}$/;

export const newApiTokenSecret = (): string => `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;

export const hashApiTokenSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** What an Authorization header says: nothing, a token of the right shape, or something refused. */
export type BearerCredentials = { kind: 'none' } | { kind: 'token'; secret: string } | { kind: 'malformed' };

export function bearerCredentials(header: string | undefined): BearerCredentials {
  if (header === undefined) return { kind: 'none' };
  const match = /^Bearer +(\S+) *$/i.exec(header);
  const secret = match?.[1];
  return secret && SECRET_SHAPE.test(secret) ? { kind: 'token', secret } : { kind: 'malformed' };
}
