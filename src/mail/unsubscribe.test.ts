import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addressHash, unsubscribeToken, verifyUnsubscribeToken } from './unsubscribe';

const SECRET = 's'.repeat(32);

describe('unsubscribe tokens', () => {
  it('carry a keyed hash of the address, not the address, and verify only with the secret that signed them', () => {
    const token = unsubscribeToken(' Person@Firma.example ', SECRET);
    expect(token).not.toMatch(/firma/i);
    expect(verifyUnsubscribeToken(token, SECRET)).toBe(addressHash('person@firma.example', SECRET));
    // Hashing a list of known addresses without the secret does not find it.
    expect(token).not.toContain(createHash('sha256').update('person@firma.example').digest('hex'));
    expect(addressHash('person@firma.example', 'o'.repeat(32))).not.toBe(addressHash('person@firma.example', SECRET));
    expect(verifyUnsubscribeToken(token, 'o'.repeat(32))).toBeNull();
  });

  it('refuse a token for another address made by swapping the hash, and anything malformed', () => {
    const token = unsubscribeToken('a@firma.example', SECRET);
    const forged = `${addressHash('b@firma.example', SECRET)}.${token.split('.')[1]}`;
    expect(verifyUnsubscribeToken(forged, SECRET)).toBeNull();
    for (const bad of ['', 'abc', `${token}x`, null, undefined]) expect(verifyUnsubscribeToken(bad, SECRET)).toBeNull();
  });
});
