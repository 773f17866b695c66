import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Stopping the service's mails. The link in every mail carries a token: a keyed hash of the
 * recipient's address and an HMAC of that with COOKIE_SECRET, so nobody can make one for someone
 * else's address, and the URL (which ends up in browser histories and server logs) holds nothing
 * that hashing a list of known addresses would reveal: without the secret the hash is not one
 * anybody can recompute. The opt-out stored on the graph is that same keyed hash, so changing
 * COOKIE_SECRET forgets earlier opt-outs (README, Configuration). The page it
 * opens asks the person to confirm with a POST; a GET changes nothing, since mail scanners follow
 * links. Outside production COOKIE_SECRET is made up at start, so links from an earlier run of a
 * development server no longer work.
 */

/** The same for any spelling of the address's case or surrounding spaces; keyed with the secret. */
export function addressHash(address: string, secret: string): string {
  return createHmac('sha256', secret).update(`mail-address:${address.trim().toLowerCase()}`).digest('hex');
}

const signature = (hash: string, secret: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${hash}`).digest('base64url');

export function unsubscribeToken(address: string, secret: string): string {
  const hash = addressHash(address, secret);
  return `${hash}.${signature(hash, secret)}`;
}

/** The address hash a token is for, or null when it is not one this site made. */
export function verifyUnsubscribeToken(token: string | null | undefined, secret: string): string | null {
  const match = /^([0-9a-f]{64})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match) return null;
  const [, hash = '', given = ''] = match;
  const expected = Buffer.from(signature(hash, secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? hash : null;
}
