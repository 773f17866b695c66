/**
 * The trust rules for a claimed certification, as Cypher fragments over a HOLDS relationship
 * bound to `h`, shared by every query that shows or uses certifications: an expired one does
 * not count anywhere; one verified by NCC-DK more than a year ago is stale.
 */
export const VALID_HOLDING = '(h.validUntil IS NULL OR h.validUntil >= date())';

export const HOLDING_TRUST = `CASE WHEN h.verifiedBy IS NULL THEN 'unverified'
  WHEN h.verifiedAt IS NULL OR h.verifiedAt < date() - duration('P1Y') THEN 'stale'
  ELSE 'verified' END`;
