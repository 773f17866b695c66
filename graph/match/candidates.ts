import type { Executor } from '../executor';
import type { Text } from '../model';
import type { Candidate, MatchContext, MatchProfile } from './types';

/**
 * One round trip: the SME-side context (need names, the regulations they relate to, the
 * municipality's region, the sector's name) and every company with an active product for at
 * least one chosen need, with the facts the ranking may use and nothing else.
 */
export const MATCH_CANDIDATES = `
CALL () {
  MATCH (n:Need) WHERE n.slug IN $needs
  RETURN collect({slug: n.slug, name: {da: n.nameDa, en: n.nameEn},
                  regulations: [(n)-[:RELATES_TO]->(reg:Regulation) | reg.code]}) AS needs
}
CALL () {
  OPTIONAL MATCH (m:Municipality {code: $municipality})-[:IN_REGION]->(r:Region)
  RETURN m.name AS municipalityName, r.code AS regionCode, r.name AS regionName
}
CALL () {
  OPTIONAL MATCH (s:Sector {code: $sector})
  RETURN CASE WHEN s IS NULL THEN null ELSE {da: s.nameDa, en: s.nameEn} END AS sectorName
}
CALL () {
  MATCH (n:Need)<-[:ADDRESSES]-(p:Product {status: 'active'})<-[:OFFERS]-(c:Company)
  WHERE n.slug IN $needs
  WITH c, collect(DISTINCT p) AS products
  MATCH (c)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
  RETURN collect({
    slug: c.slug, name: c.name, website: c.website, email: c.email, phone: c.phone,
    languages: c.languages, customerSizeBands: c.customerSizeBands,
    municipality: {code: m.code, name: m.name}, region: {code: r.code, name: r.name},
    regionsServed: [(c)-[:SERVES]->(sr:Region) | sr.code],
    sectors: [(c)-[:EXPERIENCED_IN]->(s:Sector) | s.code],
    products: [p IN products | {
      slug: p.slug, name: p.name, priceFromDkk: p.priceFromDkk, delivery: p.delivery,
      languages: p.languages, smeFit: p.smeFit,
      needSlugs: [(p)-[:ADDRESSES]->(x:Need) WHERE x.slug IN $needs | x.slug]}],
    certifications: [(c)-[h:HOLDS]->(cert:Certification) WHERE h.validUntil IS NULL OR h.validUntil >= date() | {
      code: cert.code, name: cert.name,
      trust: CASE WHEN h.verifiedBy IS NULL THEN 'unverified'
                  WHEN h.verifiedAt IS NULL OR h.verifiedAt < date() - duration('P1Y') THEN 'stale'
                  ELSE 'verified' END,
      regulations: [(cert)-[:ATTESTS]->(reg:Regulation) | reg.code]}]
  }) AS candidates
}
RETURN needs, municipalityName, regionCode, regionName, sectorName, candidates`;

interface Row {
  needs: Array<{ slug: string; name: Text; regulations: string[] }>;
  municipalityName: string | null;
  regionCode: string | null;
  regionName: string | null;
  sectorName: Text | null;
  candidates: Candidate[];
}

/** The day in Copenhagen, so the tie rotation turns at Danish midnight. */
export function copenhagenDay(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(now);
}

export async function loadCandidates(
  executor: Executor,
  profile: MatchProfile,
  now: Date = new Date(),
): Promise<{ context: MatchContext; candidates: Candidate[] }> {
  const [row] = await executor.read<Row>('match.candidates', MATCH_CANDIDATES, {
    needs: profile.needs,
    municipality: profile.municipality ?? null,
    sector: profile.sector ?? null,
  });
  if (!row) throw new Error('match query returned no row');
  const relevant = new Set<string>(profile.drivers ?? []);
  for (const need of row.needs) for (const regulation of need.regulations) relevant.add(regulation);
  return {
    candidates: row.candidates,
    context: {
      profile,
      regionCode: row.regionCode,
      regionName: row.regionName,
      municipalityName: row.municipalityName,
      sectorName: row.sectorName,
      needNames: Object.fromEntries(row.needs.map((need) => [need.slug, need.name])),
      relevantRegulations: [...relevant].sort(),
      day: copenhagenDay(now),
    },
  };
}
