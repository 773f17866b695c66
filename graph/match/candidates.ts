import neo4j from 'neo4j-driver';
import type { Executor } from '../executor';
import type { Text } from '../model';
import { afterHighestSlug } from '../slug';
import { HOLDING_TRUST, VALID_HOLDING } from '../trust';
import { Scorable } from './rank';
import type { Candidate, MatchContext, MatchProfile } from './types';

/**
 * The facts matching may use, per company: where it is, what it serves, its valid
 * certifications and its active products with every need each addresses. Kept in memory by
 * CandidateIndex and refreshed from the graph when a company changes, because gathering them
 * for thousands of companies on every match costs seconds; scoring them in memory costs
 * milliseconds. Lists a writer left out read as empty, so one incomplete listing cannot break
 * every match.
 */
export const CANDIDATE_FACTS = `
MATCH (c:Company)
WHERE ($slugs IS NULL OR c.slug IN $slugs) AND c.slug > coalesce($after, '')
  AND EXISTS { (c)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(:Region) }
WITH c ORDER BY c.slug LIMIT $limit
MATCH (c)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
RETURN {
  slug: c.slug, name: c.name, website: c.website, email: c.email, phone: c.phone,
  confirmedAt: toString(c.confirmedAt),
  languages: coalesce(c.languages, []), customerSizeBands: coalesce(c.customerSizeBands, []),
  municipality: {code: m.code, name: m.name}, region: {code: r.code, name: {da: r.name, en: r.nameEn}},
  regionsServed: [(c)-[:SERVES]->(sr:Region) | sr.code],
  sectors: [(c)-[:EXPERIENCED_IN]->(s:Sector) | s.code],
  products: [(c)-[:OFFERS]->(p:Product {status: 'active'}) | {
    slug: p.slug, name: p.name, priceFromDkk: p.priceFromDkk, delivery: coalesce(p.delivery, []),
    languages: coalesce(p.languages, []), smeFit: coalesce(p.smeFit, false),
    needSlugs: [(p)-[:ADDRESSES]->(x:Need) | x.slug]}],
  certifications: [(c)-[h:HOLDS]->(cert:Certification) WHERE ${VALID_HOLDING} | {
    code: cert.code, name: cert.name,
    trust: ${HOLDING_TRUST},
    regulations: [(cert)-[:ATTESTS]->(reg:Regulation) | reg.code]}]
} AS candidate`;

/**
 * What the SME side of a match is read against: every need with its names and the regulations it
 * relates to, every municipality with its region, every sector. Reference data that changes only
 * with a deploy or a re-seed, so a Matcher reads it once and builds each match's context in memory.
 */
export const MATCH_REFERENCE = `
CALL () {
  MATCH (n:Need)
  RETURN collect({slug: n.slug, name: {da: n.nameDa, en: n.nameEn},
                  regulations: [(n)-[:RELATES_TO]->(reg:Regulation) | reg.code]}) AS needs
}
CALL () {
  MATCH (m:Municipality)-[:IN_REGION]->(r:Region)
  RETURN collect({code: m.code, name: m.name, regionCode: r.code, regionName: {da: r.name, en: r.nameEn}})
    AS municipalities
}
CALL () {
  MATCH (s:Sector)
  RETURN collect({code: s.code, name: {da: s.nameDa, en: s.nameEn}}) AS sectors
}
RETURN needs, municipalities, sectors`;

export class CandidateIndex {
  private readonly bySlug = new Map<string, Scorable>();
  private readonly byNeed = new Map<string, Set<Scorable>>();
  /** Numbers the unions offeringFor takes (see Scorable.stamp). */
  private unions = 0;
  /** Shared values (see shared): short vocabulary lists by their items, strings, regions by code. */
  private readonly lists = new Map<string, readonly string[]>();
  private readonly strings = new Map<string, string>();
  private readonly regions = new Map<string, Candidate['region']>();

  /** @param pageSize companies read per round trip (tests make it small to read across pages). */
  constructor(
    private readonly executor: Executor,
    private readonly pageSize = 1_000,
  ) {}

  get size(): number {
    return this.bySlug.size;
  }

  /**
   * Reads every company's facts from the graph and replaces the index. Pages follow on from the
   * last slug read, so a company added or removed meanwhile moves no other out of the read (the
   * change feed brings the one that changed).
   */
  async loadAll(): Promise<number> {
    const fresh: Candidate[] = [];
    for (let after: string | null = null; ; ) {
      const page = await this.read(null, after);
      fresh.push(...page);
      if (page.length < this.pageSize) break;
      after = afterHighestSlug(page, after);
    }
    this.bySlug.clear();
    this.byNeed.clear();
    // Shared values start afresh too, so a renamed region or a value nobody uses any more is let go.
    this.lists.clear();
    this.strings.clear();
    this.regions.clear();
    for (const candidate of fresh) this.put(candidate);
    return fresh.length;
  }

  /** Re-reads the given companies; those no longer in the graph leave the index. */
  async refresh(slugs: readonly string[]): Promise<void> {
    if (slugs.length === 0) return;
    const found = new Map<string, Candidate>();
    for (let start = 0; start < slugs.length; start += this.pageSize) {
      for (const candidate of await this.read(slugs.slice(start, start + this.pageSize), null))
        found.set(candidate.slug, candidate);
    }
    for (const slug of slugs) {
      this.drop(slug);
      const candidate = found.get(slug);
      if (candidate) this.put(candidate);
    }
  }

  /** Number of companies with an active product for each need. */
  providerCounts(): ReadonlyMap<string, number> {
    return new Map([...this.byNeed].map(([need, slugs]) => [need, slugs.size]));
  }

  /** Companies with an active product for at least one of the needs. */
  candidatesFor(needs: readonly string[]): Candidate[] {
    return this.offeringFor(needs).entries.map((entry) => entry.candidate);
  }

  /**
   * The same, as matching scores them: how many companies offer, and those of them whose
   * confirmation has not lapsed by `now` (epoch ms; all when absent). The union is taken by stamping
   * each entry with this call's number rather than through a Set, in one pass with the lapse test:
   * it runs on every match over thousands of entries. It runs to the end without awaiting, so no
   * other union can stamp in between.
   */
  offeringFor(needs: readonly string[], now = Number.NEGATIVE_INFINITY): { offering: number; entries: Scorable[] } {
    this.unions += 1;
    const stamp = this.unions;
    const entries: Scorable[] = [];
    let offering = 0;
    const take = (entry: Scorable) => {
      if (entry.stamp === stamp) return;
      entry.stamp = stamp;
      offering += 1;
      if (entry.lapsesAt > now) entries.push(entry);
    };
    for (const need of needs) this.byNeed.get(need)?.forEach(take);
    return { offering, entries };
  }

  private async read(slugs: readonly string[] | null, after: string | null): Promise<Candidate[]> {
    const rows = await this.executor.read<{ candidate: Candidate }>('match.candidateFacts', CANDIDATE_FACTS, {
      slugs,
      after,
      limit: neo4j.int(slugs ? slugs.length : this.pageSize),
    });
    return rows.map((row) => row.candidate);
  }

  private put(fresh: Candidate): void {
    // A company read twice (two rows for one slug) must not stand twice in a need's set.
    this.drop(fresh.slug);
    const entry = new Scorable(this.shared(fresh));
    this.bySlug.set(entry.candidate.slug, entry);
    for (const product of entry.candidate.products) {
      for (const need of product.needSlugs) {
        const set = this.byNeed.get(need) ?? new Set<Scorable>();
        set.add(entry);
        this.byNeed.set(need, set);
      }
    }
  }

  /**
   * The candidate with its vocabulary lists and codes shared with every other candidate's: each
   * read brings fresh copies of the same few need slugs, languages, regions and places, which
   * were a fifth of the index's memory. Lists are frozen, so sharing them is safe.
   */
  private shared(candidate: Candidate): Candidate {
    const list = <T extends string>(values: readonly T[]): T[] => {
      const key = `${values.length}\u0000${values.join('\u0000')}`;
      let known = this.lists.get(key);
      if (!known) {
        known = Object.freeze(values.map((value) => this.string(value)));
        this.lists.set(key, known);
      }
      return known as T[];
    };
    return {
      ...candidate,
      municipality: { code: this.string(candidate.municipality.code), name: this.string(candidate.municipality.name) },
      region: this.region(candidate.region),
      regionsServed: list(candidate.regionsServed),
      sectors: list(candidate.sectors),
      languages: list(candidate.languages),
      customerSizeBands: list(candidate.customerSizeBands),
      products: candidate.products.map((product) => ({
        ...product,
        needSlugs: list(product.needSlugs),
        delivery: list(product.delivery),
        languages: list(product.languages),
      })),
      certifications: candidate.certifications.map((certification) => ({
        ...certification,
        code: this.string(certification.code),
        name: this.string(certification.name),
        regulations: list(certification.regulations),
      })),
    };
  }

  private string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  private region(region: Candidate['region']): Candidate['region'] {
    const known = this.regions.get(region.code);
    if (known && known.name.da === region.name.da && known.name.en === region.name.en) return known;
    this.regions.set(region.code, region);
    return region;
  }

  private drop(slug: string): void {
    const old = this.bySlug.get(slug);
    if (!old) return;
    this.bySlug.delete(slug);
    for (const product of old.candidate.products) {
      for (const need of product.needSlugs) this.byNeed.get(need)?.delete(old);
    }
  }
}

interface ReferenceRow {
  needs: Array<{ slug: string; name: Text; regulations: string[] }>;
  municipalities: Array<{ code: string; name: string; regionCode: string; regionName: Text }>;
  sectors: Array<{ code: string; name: Text }>;
}

export interface MatchReference {
  needs: ReadonlyMap<string, { name: Text; regulations: string[] }>;
  municipalities: ReadonlyMap<string, { name: string; regionCode: string; regionName: Text }>;
  sectors: ReadonlyMap<string, Text>;
}

export async function loadMatchReference(executor: Executor): Promise<MatchReference> {
  const [row] = await executor.read<ReferenceRow>('match.reference', MATCH_REFERENCE);
  if (!row) throw new Error('match reference query returned no row');
  return {
    needs: new Map(row.needs.map(({ slug, ...need }) => [slug, need])),
    municipalities: new Map(row.municipalities.map(({ code, ...municipality }) => [code, municipality])),
    sectors: new Map(row.sectors.map(({ code, name }) => [code, name])),
  };
}

/** Whether the reference lacks something the profile names (then it may be older than the graph). */
export function referenceLacks(reference: MatchReference, profile: MatchProfile): boolean {
  return (
    profile.needs.some((slug) => !reference.needs.has(slug)) ||
    (profile.municipality != null && !reference.municipalities.has(profile.municipality)) ||
    (profile.sector != null && !reference.sectors.has(profile.sector))
  );
}

/** Made once: building an Intl formatter costs about a third of a millisecond, more than a small match. */
const COPENHAGEN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' });

/** The day in Copenhagen, so the tie rotation turns at Danish midnight. */
export function copenhagenDay(now: Date): string {
  return COPENHAGEN_DAY.format(now);
}

/** The SME side of a match, from the reference: need names and regulations, the municipality's region, the sector. */
export function matchContext(reference: MatchReference, profile: MatchProfile, now: Date = new Date()): MatchContext {
  const relevant = new Set<string>(profile.drivers ?? []);
  const needNames: Record<string, Text> = {};
  for (const slug of profile.needs) {
    const need = reference.needs.get(slug);
    if (!need) continue;
    needNames[slug] = need.name;
    for (const regulation of need.regulations) relevant.add(regulation);
  }
  const municipality = profile.municipality ? reference.municipalities.get(profile.municipality) : undefined;
  return {
    profile,
    regionCode: municipality?.regionCode ?? null,
    regionName: municipality?.regionName ?? null,
    municipalityName: municipality?.name ?? null,
    sectorName: (profile.sector && reference.sectors.get(profile.sector)) || null,
    needNames,
    relevantRegulations: [...relevant].sort(),
    day: copenhagenDay(now),
  };
}
