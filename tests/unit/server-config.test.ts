import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_LOGIN_ISSUERS } from '../../scripts/bench/production-env';
import { loadConfig } from '../../src/config';
import { requestIdFor } from '../../src/server/request-id';

describe('the HTTP server’s settings', () => {
  it('requires a cookie secret of 32 or more characters in production and makes one up elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/COOKIE_SECRET is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', COOKIE_SECRET: 'short' })).toThrow(
      /COOKIE_SECRET must be at least 32 characters/,
    );
    const secret = 's'.repeat(32);
    expect(
      loadConfig({ NODE_ENV: 'production', COOKIE_SECRET: secret, ...PLACEHOLDER_LOGIN_ISSUERS }).COOKIE_SECRET,
    ).toBe(secret);
    const made = loadConfig({}).COOKIE_SECRET;
    expect(made.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).COOKIE_SECRET).not.toBe(made);
  });

  it('has limits a person cannot trip by browsing, and takes others from the environment', () => {
    const defaults = loadConfig({});
    expect(defaults).toMatchObject({
      RATE_LIMIT_GRAPHQL: 600,
      RATE_LIMIT_FORMS: 60,
      RATE_LIMIT_MUTATIONS: 30,
      LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: 1000,
    });
    expect(defaults.LOAD_SHED_MAX_HEAP_MB).toBeGreaterThan(100);
    expect(loadConfig({ RATE_LIMIT_GRAPHQL: '5', LOAD_SHED_MAX_HEAP_MB: '0' })).toMatchObject({
      RATE_LIMIT_GRAPHQL: 5,
      LOAD_SHED_MAX_HEAP_MB: 0,
    });
    expect(() => loadConfig({ RATE_LIMIT_FORMS: '0' })).toThrow(/RATE_LIMIT_FORMS must be 1 or more/);
    expect(() => loadConfig({ RATE_LIMIT_MUTATIONS: 'many' })).toThrow(/RATE_LIMIT_MUTATIONS must be a number/);
    expect(() => loadConfig({ LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS: 'soon' })).toThrow(
      /LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS must be a number/,
    );
  });

  it('trusts forwarded client addresses only from the proxies it is told about', () => {
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12' }).TRUST_PROXY).toEqual(['10.0.0.1', '172.16.0.0/12']);
    expect(() => loadConfig({ TRUST_PROXY: 'the-proxy' })).toThrow(/TRUST_PROXY must be true, false or/);
  });
});

describe('request ids', () => {
  const incoming = (id?: string) =>
    requestIdFor({ headers: id === undefined ? {} : { 'x-request-id': id } } as Parameters<typeof requestIdFor>[0]);

  it('keeps a plain incoming id and makes a new one for anything else', () => {
    expect(incoming('a1b2-c3.d4:e5_f6')).toBe('a1b2-c3.d4:e5_f6');
    for (const unsafe of [undefined, '', 'two words', 'x'.repeat(129), 'quote"', 'ø']) {
      expect(incoming(unsafe)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
