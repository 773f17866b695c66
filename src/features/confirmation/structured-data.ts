import type { ProvenanceView } from '../../../graph/views';

/**
 * The dates of a listing for its JSON-LD, on the page it is the main entity of (schema.org puts
 * them on the WebPage, not on an Organization or a Product): `dateCreated` when the facts were
 * provided (submitted, else approved; unknown for imports and the sample), `dateModified` the last
 * change, `lastReviewed` the company's last yearly confirmation.
 */
export function listingPageJsonLd(
  pageUrl: string,
  listing: { updatedAt: string | null; confirmedAt: string | null; provenance: ProvenanceView },
): Record<string, unknown> {
  const created = listing.provenance.submittedAt ?? listing.provenance.approvedAt;
  return {
    '@type': 'WebPage',
    '@id': pageUrl,
    url: pageUrl,
    ...(created ? { dateCreated: created } : {}),
    ...(listing.updatedAt ? { dateModified: listing.updatedAt } : {}),
    ...(listing.confirmedAt ? { lastReviewed: listing.confirmedAt } : {}),
  };
}
