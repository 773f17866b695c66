/**
 * Production settings require real login issuers and a mail server (src/config.ts). Code that
 * builds a production config for something else (error masking, limits: benchmarks and tests)
 * adds these placeholders; nothing logs in or sends mail there.
 */
export const PLACEHOLDER_LOGIN_ISSUERS = {
  SMTP_URL: 'smtp://mail.invalid',
  VENDOR_OIDC_ISSUER: 'https://nemlog-in.invalid',
  VENDOR_OIDC_CLIENT_ID: 'cyberkort',
  VENDOR_OIDC_CLIENT_SECRET: 'placeholder',
  STAFF_OIDC_ISSUER: 'https://login.ncc.invalid',
  STAFF_OIDC_CLIENT_ID: 'cyberkort-staff',
  STAFF_OIDC_CLIENT_SECRET: 'placeholder',
  STAFF_OIDC_REVIEWER_GROUP: 'cyberkort-reviewers',
  STAFF_OIDC_ADMIN_GROUP: 'cyberkort-admins',
} as const;

/** The request side as production runs it (error masking, limits), for benchmarks. */
export const BENCH_PRODUCTION_ENV = {
  NODE_ENV: 'production',
  COOKIE_SECRET: 'bench'.repeat(8),
  ...PLACEHOLDER_LOGIN_ISSUERS,
};
