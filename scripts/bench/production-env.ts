/**
 * The settings a benchmark needs to run the request side as production does (error masking,
 * limits): production requires a cookie secret and the login issuers, and nothing here sets a
 * cookie or logs in, so these are placeholders.
 */
export const BENCH_PRODUCTION_ENV = {
  NODE_ENV: 'production',
  COOKIE_SECRET: 'bench'.repeat(8),
  VENDOR_OIDC_ISSUER: 'https://nemlog-in.invalid',
  VENDOR_OIDC_CLIENT_ID: 'cyberkort',
  VENDOR_OIDC_CLIENT_SECRET: 'placeholder',
  STAFF_OIDC_ISSUER: 'https://login.ncc.invalid',
  STAFF_OIDC_CLIENT_ID: 'cyberkort-staff',
  STAFF_OIDC_CLIENT_SECRET: 'placeholder',
  STAFF_OIDC_REVIEWER_GROUP: 'cyberkort-reviewers',
  STAFF_OIDC_ADMIN_GROUP: 'cyberkort-admins',
};
