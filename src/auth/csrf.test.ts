import { describe, expect, it } from 'vitest';
import { csrfTokenFor, csrfValid } from './csrf';
import { ANONYMOUS, type Viewer } from './viewer';

const secret = 's'.repeat(32);
const publicUrl = 'https://cyberkort.example';
const vendor: Viewer = {
  kind: 'vendor',
  subject: 'sub',
  name: 'Mette',
  email: null,
  cvr: '12345674',
  companies: [],
  sessionId: 'a'.repeat(64),
};
const token = csrfTokenFor('a'.repeat(64), secret);
const valid = { origin: publicUrl, token, viewer: vendor, secret, publicUrl };

describe('the CSRF check of a form post', () => {
  it('passes with this site as Origin and the token of this session', () => {
    expect(csrfValid(valid)).toBe(true);
  });

  it('fails without either, with another origin, or with another session or secret', () => {
    expect(csrfValid({ ...valid, origin: undefined })).toBe(false);
    expect(csrfValid({ ...valid, origin: 'null' })).toBe(false);
    expect(csrfValid({ ...valid, origin: 'https://evil.example' })).toBe(false);
    expect(csrfValid({ ...valid, origin: 'http://cyberkort.example' })).toBe(false);
    expect(csrfValid({ ...valid, token: null })).toBe(false);
    expect(csrfValid({ ...valid, token: `${token}x` })).toBe(false);
    expect(csrfValid({ ...valid, token: csrfTokenFor('b'.repeat(64), secret) })).toBe(false);
    expect(csrfValid({ ...valid, secret: 't'.repeat(32) })).toBe(false);
  });

  it('fails for a request without a session, which has nothing a form could change', () => {
    expect(csrfValid({ ...valid, viewer: ANONYMOUS })).toBe(false);
    expect(csrfValid({ ...valid, viewer: { kind: 'token', tokenId: 't', roles: ['analyst'] } })).toBe(false);
  });
});
