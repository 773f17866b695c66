import type { AppConfig } from '../config';
import { STAFF_ROLES, type StaffRole } from './viewer';

/**
 * Where each kind of person logs in, and how their ID token is read. In production both issuers
 * come from the environment (src/config.ts requires them); without them the runtime starts the
 * development provider (dev-provider.ts) and fills in its address and clients.
 */

export interface IssuerSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes to ask for. */
  scope: string;
}

export interface VendorIssuer extends IssuerSettings {
  claims: { cvr: string; name: string; email: string };
}

export interface StaffIssuer extends IssuerSettings {
  claims: { name: string; email: string; groups: string };
  /** Which identity-provider group gives which role. */
  groups: Record<StaffRole, string>;
}

export interface IdentitySettings {
  vendor: VendorIssuer;
  staff: StaffIssuer;
  /** Where both issuers send the person back: PUBLIC_URL + /auth/callback. */
  redirectUri: string;
}

export const CALLBACK_PATH = '/auth/callback';

/** The groups the development provider gives its reviewer and admin when none are configured. */
const DEV_GROUPS: Record<StaffRole, string> = { reviewer: 'cyberkort-reviewers', admin: 'cyberkort-admins' };

export const redirectUriOf = (config: AppConfig) => new URL(CALLBACK_PATH, config.PUBLIC_URL).href;

export const vendorClaimNames = (config: AppConfig): VendorIssuer['claims'] => ({
  cvr: config.VENDOR_OIDC_CVR_CLAIM,
  name: config.VENDOR_OIDC_NAME_CLAIM,
  email: config.VENDOR_OIDC_EMAIL_CLAIM,
});

export const staffClaimNames = (config: AppConfig): StaffIssuer['claims'] => ({
  name: config.STAFF_OIDC_NAME_CLAIM,
  email: config.STAFF_OIDC_EMAIL_CLAIM,
  groups: config.STAFF_OIDC_GROUPS_CLAIM,
});

export const staffGroups = (config: AppConfig): Record<StaffRole, string> => ({
  reviewer: config.STAFF_OIDC_REVIEWER_GROUP ?? DEV_GROUPS.reviewer,
  admin: config.STAFF_OIDC_ADMIN_GROUP ?? DEV_GROUPS.admin,
});

/** The vendor issuer the environment names, or null when the development provider stands in. */
export function configuredVendorIssuer(config: AppConfig): VendorIssuer | null {
  const { VENDOR_OIDC_ISSUER: issuer, VENDOR_OIDC_CLIENT_ID: clientId, VENDOR_OIDC_CLIENT_SECRET: secret } = config;
  if (!issuer || !clientId || !secret) return null;
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret: secret,
    scope: config.VENDOR_OIDC_SCOPE,
    claims: vendorClaimNames(config),
  };
}

export function configuredStaffIssuer(config: AppConfig): StaffIssuer | null {
  const { STAFF_OIDC_ISSUER: issuer, STAFF_OIDC_CLIENT_ID: clientId, STAFF_OIDC_CLIENT_SECRET: secret } = config;
  if (!issuer || !clientId || !secret) return null;
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret: secret,
    scope: config.STAFF_OIDC_SCOPE,
    claims: staffClaimNames(config),
    groups: staffGroups(config),
  };
}

/** The roles a staff login's groups give; a single group may come as a string. */
export function rolesFromGroups(groups: unknown, mapping: Record<StaffRole, string>): StaffRole[] {
  const held = new Set(Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? [groups] : []);
  return STAFF_ROLES.filter((role) => held.has(mapping[role]));
}
