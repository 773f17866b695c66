import type { Attribution, CertificationHeld } from '../../graph/model';
import type { CompanyRecord, PublishedCompany } from '../../graph/submissions';
import type { ListingSource } from '../../graph/vocabulary';

/** The attribution a publication gives every fact it changes, with where those facts come from. */
export type FactAttribution = Attribution & { source: ListingSource };

/**
 * The certifications and competences as they will be published over `published`: one left as it
 * was keeps its source (or, without one, gets `attribution.source`), verification and attribution;
 * a new or changed one gets `attribution` and is unverified until a reviewer verifies it. What an
 * approved vendor change and a staff import share.
 */
export function publishedFacts(
  record: CompanyRecord,
  published: PublishedCompany | null | undefined,
  attribution: FactAttribution,
) {
  const heldBefore = new Map((published?.certifications ?? []).map((held) => [held.code, held]));
  const competencesBefore = new Map((published?.competences ?? []).map((c) => [c.skillCode, c]));
  const certifications = record.certifications.map((held): CertificationHeld => {
    const before = heldBefore.get(held.code);
    const unchanged =
      before &&
      before.validUntil === held.validUntil &&
      before.evidence === held.evidence &&
      before.certificateNumber === held.certificateNumber &&
      before.issuer === held.issuer;
    if (unchanged) return { ...before, source: before.source ?? attribution.source };
    return {
      ...held,
      ...attribution,
      verifiedBy: null,
      verifiedAt: null,
      verificationMethod: null,
      verifiedByUser: null,
    };
  });
  const competences = record.competences.map((competence) => {
    const before = competencesBefore.get(competence.skillCode);
    if (before && before.headcount === competence.headcount) {
      const { source, ...kept } = before;
      return { ...kept, source: source ?? undefined };
    }
    return { ...competence, ...attribution };
  });
  return { certifications, competences };
}
