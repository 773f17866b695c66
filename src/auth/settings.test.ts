import { describe, expect, it } from 'vitest';
import { loadConfig, NEMLOGIN_CLAIMS } from '../config';
import { configuredStaffIssuer, configuredVendorIssuer, redirectUriOf, rolesFromGroups } from './settings';

const PRODUCTION = {
  NODE_ENV: 'production',
  COOKIE_SECRET: 'c'.repeat(32),
  PUBLIC_URL: 'https://cyberkort.example',
  SMTP_URL: 'smtp://mail.cyberkort.example',
};
const ISSUERS = {
  VENDOR_OIDC_ISSUER: 'https://nemlog-in.example',
  VENDOR_OIDC_CLIENT_ID: 'cyberkort',
  VENDOR_OIDC_CLIENT_SECRET: 'vendor-secret',
  STAFF_OIDC_ISSUER: 'https://login.ncc.example/realms/ncc',
  STAFF_OIDC_CLIENT_ID: 'cyberkort-staff',
  STAFF_OIDC_CLIENT_SECRET: 'staff-secret',
  STAFF_OIDC_REVIEWER_GROUP: 'cyberkort-reviewers',
  STAFF_OIDC_ADMIN_GROUP: 'cyberkort-admins',
};

describe('login settings', () => {
  it('need no issuer outside production: the development provider stands in', () => {
    const config = loadConfig({});
    expect(configuredVendorIssuer(config)).toBeNull();
    expect(configuredStaffIssuer(config)).toBeNull();
    expect(config.VENDOR_OIDC_CVR_CLAIM).toBe(NEMLOGIN_CLAIMS.cvr);
    expect(redirectUriOf(config)).toBe('http://127.0.0.1:4321/auth/callback');
  });

  it('require both issuers, their clients and the staff groups in production, over https', () => {
    expect(() => loadConfig(PRODUCTION)).toThrow(/VENDOR_OIDC_ISSUER is required in production/);
    expect(() => loadConfig(PRODUCTION)).toThrow(/STAFF_OIDC_ADMIN_GROUP is required in production/);
    expect(() => loadConfig({ ...PRODUCTION, ...ISSUERS, VENDOR_OIDC_ISSUER: 'http://nemlog-in.example' })).toThrow(
      /VENDOR_OIDC_ISSUER must be an https address in production/,
    );
    const config = loadConfig({ ...PRODUCTION, ...ISSUERS, VENDOR_OIDC_CVR_CLAIM: 'nemlogin.cvr' });
    expect(configuredVendorIssuer(config)).toMatchObject({
      clientId: 'cyberkort',
      scope: 'openid profile email',
      claims: { cvr: 'nemlogin.cvr', name: NEMLOGIN_CLAIMS.name, email: NEMLOGIN_CLAIMS.email },
    });
    expect(configuredStaffIssuer(config)?.groups).toEqual({
      reviewer: 'cyberkort-reviewers',
      admin: 'cyberkort-admins',
    });
    expect(redirectUriOf(config)).toBe('https://cyberkort.example/auth/callback');
  });

  it('require a configured issuer to come with its client, and a scope with openid', () => {
    expect(() => loadConfig({ VENDOR_OIDC_ISSUER: 'https://idp.example' })).toThrow(
      /VENDOR_OIDC_CLIENT_ID is required with VENDOR_OIDC_ISSUER/,
    );
    expect(() => loadConfig({ STAFF_OIDC_SCOPE: 'profile email' })).toThrow(/STAFF_OIDC_SCOPE must include openid/);
  });

  it('map identity-provider groups to roles, ignoring other groups', () => {
    const mapping = { reviewer: 'rev', admin: 'adm' };
    expect(rolesFromGroups(['staff', 'rev'], mapping)).toEqual(['reviewer']);
    expect(rolesFromGroups(['adm', 'rev'], mapping)).toEqual(['reviewer', 'admin']);
    expect(rolesFromGroups('adm', mapping)).toEqual(['admin']);
    expect(rolesFromGroups(undefined, mapping)).toEqual([]);
  });
});
