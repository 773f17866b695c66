import { describe, expect, it } from 'vitest';
import { bearerCredentials, hashApiTokenSecret, newApiTokenSecret } from './api-token';

describe('API token secrets', () => {
  it('are random, prefixed, and hash to a fixed-length hex digest', () => {
    const one = newApiTokenSecret();
    const two = newApiTokenSecret();
    expect(one).toMatch(/^ck_[A-Za-z0-9_-]{43}$/);
    expect(one).not.toBe(two);
    expect(hashApiTokenSecret(one)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiTokenSecret(one)).toBe(hashApiTokenSecret(one));
    expect(hashApiTokenSecret(one)).not.toBe(hashApiTokenSecret(two));
  });

  it('are read from a Bearer header only when well-formed', () => {
    const secret = newApiTokenSecret();
    expect(bearerCredentials(undefined)).toEqual({ kind: 'none' });
    expect(bearerCredentials(`Bearer ${secret}`)).toEqual({ kind: 'token', secret });
    expect(bearerCredentials(`bearer ${secret}`)).toEqual({ kind: 'token', secret });
    expect(bearerCredentials(`Basic ${secret}`)).toEqual({ kind: 'malformed' });
    expect(bearerCredentials('Bearer ck_short')).toEqual({ kind: 'malformed' });
    expect(bearerCredentials(`Bearer ${secret} extra`)).toEqual({ kind: 'malformed' });
    expect(bearerCredentials('')).toEqual({ kind: 'malformed' });
  });
});
