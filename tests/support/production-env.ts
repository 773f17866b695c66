/**
 * Production settings require real login issuers (src/config.ts). Tests that build a production
 * config for something else (error masking, limits) add these placeholders; nothing logs in there.
 */
export const PLACEHOLDER_LOGIN_ISSUERS = {
  VENDOR_OIDC_ISSUER: 'https://nemlog-in.invalid',
  VENDOR_OIDC_CLIENT_ID: 'cyberkort',
  VENDOR_OIDC_CLIENT_SECRET: 'placeholder',
  STAFF_OIDC_ISSUER: 'https://login.ncc.invalid',
  STAFF_OIDC_CLIENT_ID: 'cyberkort-staff',
  STAFF_OIDC_CLIENT_SECRET: 'placeholder',
  STAFF_OIDC_REVIEWER_GROUP: 'cyberkort-reviewers',
  STAFF_OIDC_ADMIN_GROUP: 'cyberkort-admins',
} as const;
