import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Text } from '../model';
import { SIZE_BANDS } from '../vocabulary';
import { fewestProviders } from './cover';
import { chosenNeeds, rankProviders, rankScorable, scorable, scoreCandidate } from './rank';
import { RANKING_RULES } from './rules';
import type {
  BudgetBand,
  Candidate,
  CandidateCertification,
  CandidateProduct,
  ComplianceDriver,
  DeliveryPreference,
  MatchContext,
  RankedProvider,
} from './types';

// Fact pools with names that never contain one another, so a name found in a reason identifies one fact.
const REGIONS: Record<string, Text> = {
  '1081': { da: 'Region Nordjylland', en: 'North Denmark Region' },
  '1082': { da: 'Region Midtjylland', en: 'Central Denmark Region' },
  '1084': { da: 'Region Hovedstaden', en: 'Capital Region of Denmark' },
};
const MUNICIPALITIES = [
  { code: '101', name: 'København', regionCode: '1084' },
  { code: '147', name: 'Frederiksberg', regionCode: '1084' },
  { code: '751', name: 'Aarhus', regionCode: '1082' },
  { code: '740', name: 'Silkeborg', regionCode: '1082' },
  { code: '851', name: 'Aalborg', regionCode: '1081' },
];
const NEED_NAMES: Record<string, Text> = {
  backup: { da: 'Backup og gendannelse', en: 'Backup and restore' },
  mfa: { da: 'Tofaktor-login', en: 'Multi-factor login' },
  phishing: { da: 'Beskyttelse mod phishing', en: 'Phishing protection' },
  pentest: { da: 'Penetrationstest', en: 'Penetration test' },
  awareness: { da: 'Awareness-træning', en: 'Awareness training' },
  firewall: { da: 'Firewall og netværk', en: 'Firewall and network' },
};
const NEED_SLUGS = Object.keys(NEED_NAMES);
const SECTORS: Record<string, Text> = {
  'SEC-HEALTH': { da: 'Sundhed', en: 'Health' },
  'SEC-ENERGY': { da: 'Energi', en: 'Energy' },
  'SEC-RETAIL': { da: 'Detailhandel', en: 'Retail' },
};
const REGULATIONS: ComplianceDriver[] = ['NIS2', 'GDPR', 'D-MAERKET', 'ISO27001', 'DORA', 'CRA'];
const CERTIFICATIONS: Array<Omit<CandidateCertification, 'trust'>> = [
  { code: 'ISO27001', name: 'ISO/IEC 27001', regulations: ['ISO27001'] },
  { code: 'ISAE3000', name: 'ISAE 3000', regulations: ['GDPR'] },
  { code: 'ISAE3402', name: 'ISAE 3402', regulations: ['DORA', 'NIS2'] },
  { code: 'DM', name: 'D-mærke-certifikat', regulations: ['D-MAERKET'] },
  { code: 'CREST', name: 'CREST', regulations: [] },
];
const PRODUCT_NAMES = [
  'Nordlys Backup Pro',
  'Fjordvagt MDR',
  'Klitgaard Pentest',
  'Havørn Mailfilter',
  'Bølge Firewall',
  'Lyngbo Awareness',
  'Skjold EDR',
  'Vesterhav Cloud',
];

const dayArb = fc
  .integer({ min: 0, max: 3650 })
  .map((offset) => new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));

const priceArb = fc.option(
  fc.oneof(fc.integer({ min: 0, max: 400_000 }), fc.constantFrom(10_000, 10_001, 50_000, 250_000)),
  { nil: null },
);

function productArb(name: string): fc.Arbitrary<CandidateProduct> {
  return fc.record({
    slug: fc.constant(name.toLowerCase().replaceAll(' ', '-')),
    name: fc.constant(name),
    needSlugs: fc.subarray([...NEED_SLUGS, 'andet-behov']),
    priceFromDkk: priceArb,
    delivery: fc.subarray<'remote' | 'onsite'>(['remote', 'onsite']),
    languages: fc.subarray(['da', 'en', 'de']),
    smeFit: fc.boolean(),
  });
}

const productsArb = fc.subarray(PRODUCT_NAMES).chain((names) => fc.tuple(...names.map(productArb)));

const certificationsArb = fc
  .array(
    fc.tuple(
      fc.constantFrom(...CERTIFICATIONS),
      fc.constantFrom<CandidateCertification['trust']>('verified', 'unverified', 'stale'),
    ),
    { maxLength: 6 },
  )
  .map((held) => held.map(([certification, trust]) => ({ ...certification, trust })));

const candidateArb: fc.Arbitrary<Candidate> = fc
  .record({
    slug: fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/),
    name: fc.constantFrom('Nordhavn Sikkerhed ApS', 'Kattegat Cyber A/S', 'Limfjord IT I/S'),
    municipality: fc.constantFrom(...MUNICIPALITIES),
    regionsServed: fc.subarray(Object.keys(REGIONS)),
    sectors: fc.subarray(Object.keys(SECTORS)),
    languages: fc.subarray(['da', 'en', 'de']),
    customerSizeBands: fc.subarray([...SIZE_BANDS]),
    products: productsArb,
    certifications: certificationsArb,
  })
  .map(({ municipality, ...rest }) => ({
    ...rest,
    municipality: { code: municipality.code, name: municipality.name },
    region: { code: municipality.regionCode, name: REGIONS[municipality.regionCode] as Text },
    website: 'https://example.dk',
    email: 'kontakt@example.dk',
    phone: '+45 12 34 56 78',
  }));

/** Providers with unique slugs, as the graph returns them. */
const candidatesArb = fc.uniqueArray(candidateArb, { selector: (candidate) => candidate.slug, maxLength: 10 });

const contextArb: fc.Arbitrary<MatchContext> = fc
  .record({
    needs: fc.subarray([...NEED_SLUGS, 'findes-ikke'], { minLength: 1 }),
    municipality: fc.option(fc.constantFrom(...MUNICIPALITIES), { nil: null }),
    sector: fc.option(fc.constantFrom(...Object.keys(SECTORS)), { nil: null }),
    sizeBand: fc.option(fc.constantFrom(...SIZE_BANDS), { nil: null }),
    language: fc.option(fc.constantFrom<'da' | 'en'>('da', 'en'), { nil: null }),
    budget: fc.option(fc.constantFrom<BudgetBand>('small', 'medium', 'large', 'any'), { nil: null }),
    delivery: fc.option(fc.constantFrom<DeliveryPreference>('onsite', 'remote', 'any'), { nil: null }),
    drivers: fc.subarray(REGULATIONS),
    needRegulations: fc.subarray(REGULATIONS),
    day: dayArb,
  })
  .map(({ municipality, needRegulations, day, ...profile }) => ({
    profile: { ...profile, municipality: municipality?.code ?? null },
    regionCode: municipality?.regionCode ?? null,
    regionName: municipality ? (REGIONS[municipality.regionCode] as Text) : null,
    municipalityName: municipality?.name ?? null,
    sectorName: profile.sector ? (SECTORS[profile.sector] as Text) : null,
    needNames: NEED_NAMES,
    relevantRegulations: [...new Set([...profile.drivers, ...needRegulations])],
    day,
  }));

const extraProductArb: fc.Arbitrary<CandidateProduct> = productArb('Ekstra Ydelse');

function rankOf(providers: RankedProvider[], slug: string): number {
  const found = providers.find((provider) => provider.candidate.slug === slug);
  if (!found) throw new Error(`${slug} is not ranked`);
  return found.rank;
}

function reasonTexts(provider: { breakdown: RankedProvider['breakdown'] }): string[] {
  return provider.breakdown.flatMap((component) => component.reasons.flatMap((reason) => [reason.da, reason.en]));
}

function withoutSlug(candidates: Candidate[], ...slugs: string[]): Candidate[] {
  return candidates.filter((candidate) => !slugs.includes(candidate.slug));
}

describe('scoreCandidate: the breakdown', () => {
  it('sums to the score, stays within each maximum and follows the page order', () => {
    fc.assert(
      fc.property(candidateArb, contextArb, (candidate, context) => {
        const scored = scoreCandidate(candidate, context);
        if (!scored) return;
        expect(scored.breakdown.map((component) => component.criterion)).toEqual([...RANKING_RULES.order]);
        for (const component of scored.breakdown) {
          expect(component.points).toBeGreaterThanOrEqual(0);
          expect(component.points).toBeLessThanOrEqual(component.max);
          expect(component.max).toBe(RANKING_RULES.criteria[component.criterion].max);
          expect(component.reasons.length).toBeGreaterThan(0);
        }
        const sum = scored.breakdown.reduce((total, component) => total + component.points, 0);
        expect(scored.score).toBeCloseTo(sum, 9);
        expect(scored.score).toBe(Math.round(scored.score * 100) / 100);
        expect(scored.score).toBeLessThanOrEqual(RANKING_RULES.totalMax);
      }),
    );
  });

  it('names only facts from the candidate and the context', () => {
    fc.assert(
      fc.property(candidateArb, contextArb, (candidate, context) => {
        const scored = scoreCandidate(candidate, context);
        if (!scored) return;
        const texts = reasonTexts(scored);
        const all = texts.join('\n');
        const reasons = scored.breakdown.flatMap((component) => component.reasons);
        const danish = reasons.map((reason) => reason.da).join('\n');
        const english = reasons.map((reason) => reason.en).join('\n');
        const covering = new Map(scored.products.map((product) => [product.name, product]));
        const relevant = new Set(context.relevantRegulations);

        for (const text of texts) {
          for (const [, da, en] of text.matchAll(/«([^»]+)»|“([^”]+)”/g)) {
            expect(covering.has((da ?? en) as string)).toBe(true);
          }
        }
        for (const name of PRODUCT_NAMES) {
          if (!covering.has(name)) expect(all).not.toContain(name);
        }
        for (const certification of CERTIFICATIONS) {
          const held = candidate.certifications.some(
            (owned) => owned.code === certification.code && owned.regulations.some((code) => relevant.has(code)),
          );
          if (!held) expect(all).not.toContain(certification.name);
        }
        const places = [candidate.municipality.name, context.municipalityName];
        for (const municipality of MUNICIPALITIES) {
          if (!places.includes(municipality.name)) expect(all).not.toContain(municipality.name);
        }
        for (const [code, region] of Object.entries(REGIONS)) {
          if (code !== candidate.region.code && code !== context.regionCode) {
            expect(all).not.toContain(region.da);
            expect(all).not.toContain(region.en);
          }
        }
        // Each language names the regions in that language only.
        for (const region of Object.values(REGIONS)) {
          expect(danish).not.toContain(region.en);
          expect(english).not.toContain(region.da);
        }
        for (const [code, name] of Object.entries(SECTORS)) {
          if (code !== context.profile.sector) {
            expect(all).not.toContain(name.da);
            expect(all).not.toContain(name.en);
          }
        }
        if (all.includes('Har erfaring med sektoren')) {
          expect(candidate.sectors).toContain(context.profile.sector);
        }
        const chosen = chosenNeeds(context);
        for (const [slug, name] of Object.entries(NEED_NAMES)) {
          if (!chosen.includes(slug)) expect(all).not.toContain(name.da);
          for (const product of candidate.products) {
            if (all.includes(`${name.da} (med «${product.name}»)`)) expect(product.needSlugs).toContain(slug);
          }
        }
        const amounts = new Set<number>([10_000, 50_000, 250_000]);
        for (const product of scored.products) if (product.priceFromDkk !== null) amounts.add(product.priceFromDkk);
        for (const [, digits] of all.matchAll(/(\d{1,3}(?:\.\d{3})*) kr\./g)) {
          expect(amounts.has(Number((digits as string).replaceAll('.', '')))).toBe(true);
        }
      }),
    );
  });
});

describe('rankProviders: monotonicity', () => {
  it('ranks a provider that covers a strict superset of needs, all else equal, strictly higher', () => {
    fc.assert(
      fc.property(candidateArb, extraProductArb, candidatesArb, contextArb, (a, extra, field, context) => {
        const scoredA = scoreCandidate(a, context);
        fc.pre(scoredA !== null);
        const missing = chosenNeeds(context).filter((need) => !scoredA.coveredNeeds.includes(need));
        fc.pre(missing.length > 0);
        const b: Candidate = {
          ...a,
          products: [...a.products, { ...extra, needSlugs: [...extra.needSlugs, missing[0] as string] }],
        };
        const scoredB = scoreCandidate(b, context);
        expect(scoredB?.score).toBeGreaterThan(scoredA.score);

        // The same provider, improved: its place can only get better.
        const others = withoutSlug(field, a.slug, `${a.slug}-b`);
        const before = rankOf(rankProviders([...others, a], context).providers, a.slug);
        const after = rankOf(rankProviders([...others, b], context).providers, a.slug);
        expect(after).toBeLessThanOrEqual(before);

        // Two providers side by side: the one covering more is strictly ahead, whatever the day.
        const twin = { ...b, slug: `${a.slug}-b` };
        const both = rankProviders([...others, a, twin], context).providers;
        expect(rankOf(both, twin.slug)).toBeLessThan(rankOf(both, a.slug));
      }),
    );
  });

  it('never lowers score or place when a provider adds any product', () => {
    fc.assert(
      fc.property(candidateArb, extraProductArb, candidatesArb, contextArb, (a, extra, field, context) => {
        const scoredA = scoreCandidate(a, context);
        fc.pre(scoredA !== null);
        const b: Candidate = { ...a, products: [...a.products, extra] };
        const scoredB = scoreCandidate(b, context);
        expect(scoredB?.score).toBeGreaterThanOrEqual(scoredA.score);
        // Per criterion too: a gain in needs must never hide a loss elsewhere (e.g. price by the cheapest product).
        scoredA.breakdown.forEach((component, index) => {
          expect(scoredB?.breakdown[index]?.points).toBeGreaterThanOrEqual(component.points);
        });
        const others = withoutSlug(field, a.slug);
        const before = rankOf(rankProviders([...others, a], context).providers, a.slug);
        const after = rankOf(rankProviders([...others, b], context).providers, a.slug);
        expect(after).toBeLessThanOrEqual(before);
      }),
      { numRuns: 500 },
    );
  });

  it("never lowers score or place when a provider moves into the SME's municipality", () => {
    fc.assert(
      fc.property(candidateArb, candidatesArb, contextArb, (a, field, context) => {
        const { municipality } = context.profile;
        fc.pre(municipality != null && context.regionCode !== null);
        const scoredA = scoreCandidate(a, context);
        fc.pre(scoredA !== null);
        const moved: Candidate = {
          ...a,
          municipality: { code: municipality as string, name: context.municipalityName as string },
          region: { code: context.regionCode as string, name: context.regionName as Text },
        };
        const scoredMoved = scoreCandidate(moved, context);
        expect(scoredMoved?.score).toBeGreaterThanOrEqual(scoredA.score);
        const distance = scoredMoved?.breakdown.find((component) => component.criterion === 'distance');
        expect(distance?.points).toBe(RANKING_RULES.criteria.distance.max);
        const others = withoutSlug(field, a.slug);
        const before = rankOf(rankProviders([...others, a], context).providers, a.slug);
        const after = rankOf(rankProviders([...others, moved], context).providers, a.slug);
        expect(after).toBeLessThanOrEqual(before);
      }),
    );
  });
});

describe('rankProviders: the list', () => {
  it('leaves out providers that cover none of the needs and reports needs nobody covers', () => {
    fc.assert(
      fc.property(candidatesArb, contextArb, (candidates, context) => {
        const chosen = chosenNeeds(context);
        const { providers, uncoveredNeeds } = rankProviders(candidates, context);
        const covering = candidates.filter((candidate) =>
          candidate.products.some((product) => product.needSlugs.some((need) => chosen.includes(need))),
        );
        expect(providers.map((provider) => provider.candidate.slug).sort()).toEqual(
          covering.map((candidate) => candidate.slug).sort(),
        );
        for (const provider of providers) {
          expect(provider.coveredNeeds.length).toBeGreaterThan(0);
          expect(provider.products.length).toBeGreaterThan(0);
          for (const product of provider.products) {
            expect(product.needSlugs.some((need) => chosen.includes(need))).toBe(true);
          }
        }
        expect(providers.map((provider) => provider.rank)).toEqual(providers.map((_, index) => index + 1));
        for (let index = 1; index < providers.length; index += 1) {
          expect((providers[index - 1] as RankedProvider).score).toBeGreaterThanOrEqual(
            (providers[index] as RankedProvider).score,
          );
        }
        const coveredByAnyone = new Set(providers.flatMap((provider) => provider.coveredNeeds));
        expect(uncoveredNeeds).toEqual(chosen.filter((need) => !coveredByAnyone.has(need)));
        expect(uncoveredNeeds).not.toContain('findes-ikke');
      }),
    );
  });

  it('gives each provider its score and covered needs as numbers, and the cover from them is the cover from the names', () => {
    fc.assert(
      fc.property(candidatesArb, contextArb, (candidates, context) => {
        const { providers, needs, coverage } = rankScorable(candidates.map(scorable), context);
        expect(needs).toEqual(chosenNeeds(context));
        expect(coverage.masks).toHaveLength(providers.length);
        providers.slice().forEach((provider, index) => {
          // Against the explaining path, which works the covered needs out from the products by name.
          const explained = scoreCandidate(provider.candidate, context);
          const bits = coverage.masks[index] as number;
          expect(needs.filter((_, need) => (bits & (1 << need)) !== 0)).toEqual(explained?.coveredNeeds);
          expect((coverage.cents[index] as number) / 100).toBe(explained?.score);
        });
        const fromNames = fewestProviders(providers.slice(), needs);
        const fromNumbers = fewestProviders(providers, needs, coverage);
        expect(fromNumbers).toEqual(fromNames);
        // The same objects the list hands out.
        for (const provider of fromNumbers.providers) expect(providers.at(provider.rank - 1)).toBe(provider);
      }),
      { numRuns: 300 },
    );
  });

  it("reads the matcher's list as an array reads: at, slice, iteration, serialisation, the same object each time", () => {
    fc.assert(
      fc.property(
        candidatesArb,
        contextArb,
        fc.integer({ min: -12, max: 12 }),
        fc.integer({ min: -12, max: 12 }),
        (candidates, context, start, end) => {
          const lazy = rankScorable(candidates.map(scorable), context).providers;
          const array = rankProviders(candidates, context).providers;
          expect(lazy.length).toBe(array.length);
          const slugs = (list: Iterable<RankedProvider | undefined>) => [...list].map((p) => p?.candidate.slug);
          expect(slugs(lazy)).toEqual(slugs(array));
          expect(slugs(lazy.slice(start, end))).toEqual(slugs(array.slice(start, end)));
          expect(slugs(lazy.slice(start))).toEqual(slugs(array.slice(start)));
          for (const position of [start, end, start + 0.5, Number.NaN]) {
            expect(lazy.at(position)?.candidate.slug).toBe(array.at(position)?.candidate.slug);
          }
          expect(JSON.parse(JSON.stringify(lazy))).toEqual(JSON.parse(JSON.stringify(array)));
          if (lazy.length > 0) {
            expect(lazy.at(0)).toBe(lazy.slice(0, 1)[0]);
            expect(lazy.at(-1)).toBe([...lazy].at(-1));
            expect(lazy.at(0)).toMatchObject({ rank: 1, candidate: array[0]?.candidate, score: array[0]?.score });
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('scores every provider exactly as its breakdown adds up (the list is scored without writing explanations)', () => {
    fc.assert(
      fc.property(candidatesArb, contextArb, (candidates, context) => {
        for (const provider of rankProviders(candidates, context).providers) {
          const explained = scoreCandidate(provider.candidate, context);
          expect(explained).not.toBeNull();
          expect(provider.score).toBe(explained?.score);
          expect(provider.coveredNeeds).toEqual(explained?.coveredNeeds);
          const sum = provider.breakdown.reduce((total, component) => total + component.points, 0);
          expect(provider.score).toBe(Math.round(sum * 100) / 100);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('orders products by needs addressed, then price fit, then name', () => {
    const context = fixedContext({ needs: ['backup', 'mfa'], budget: 'small' });
    const product = (name: string, needSlugs: string[], priceFromDkk: number | null): CandidateProduct => ({
      slug: name.toLowerCase(),
      name,
      needSlugs,
      priceFromDkk,
      delivery: ['remote'],
      languages: ['da'],
      smeFit: false,
    });
    const scored = scoreCandidate(
      fixedCandidate({
        products: [
          product('Æble', ['backup'], 5_000),
          product('Dyr', ['backup'], 90_000),
          product('Begge', ['backup', 'mfa'], 90_000),
          product('Anden', ['pentest'], 1_000),
          product('Bestilling', ['mfa'], null),
          product('Abe', ['backup'], 5_000),
        ],
      }),
      context,
    );
    expect(scored?.products.map((item) => item.name)).toEqual(['Begge', 'Abe', 'Æble', 'Bestilling', 'Dyr']);
  });
});

describe('rankProviders: determinism and ties', () => {
  it('gives the same output for the same input, in any input order', () => {
    fc.assert(
      fc.property(
        candidatesArb.chain((candidates) =>
          fc.tuple(
            fc.constant(candidates),
            fc.shuffledSubarray(candidates, { minLength: candidates.length, maxLength: candidates.length }),
          ),
        ),
        contextArb,
        ([candidates, shuffled], context) => {
          // Through JSON, so that the reasons (written on demand) are compared too.
          const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
          const first = plain(rankProviders(candidates, context));
          expect(plain(rankProviders(structuredClone(candidates), structuredClone(context)))).toEqual(first);
          expect(plain(rankProviders(shuffled, context))).toEqual(first);
        },
      ),
    );
  });

  it('keeps every score on another day; only the order among equals may change', () => {
    fc.assert(
      fc.property(candidatesArb, contextArb, dayArb, (candidates, context, otherDay) => {
        const today = rankProviders(candidates, context).providers;
        const other = rankProviders(candidates, { ...context, day: otherDay }).providers;
        const scores = (providers: RankedProvider[]) =>
          Object.fromEntries(providers.map((provider) => [provider.candidate.slug, provider.score]));
        expect(scores(other)).toEqual(scores(today));
        expect(other.map((provider) => provider.score)).toEqual(today.map((provider) => provider.score));
      }),
    );
  });

  it('rotates equal providers so that each comes first about equally often over a year', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 3000 }),
        (slugs, startOffset) => {
          const candidates = slugs.map((slug) => fixedCandidate({ slug }));
          const firsts = new Map(slugs.map((slug) => [slug, 0]));
          const context = fixedContext({ needs: ['backup'] });
          for (let offset = 0; offset < 365; offset += 1) {
            const day = new Date(Date.UTC(2025, 0, 1) + (startOffset + offset) * 86_400_000).toISOString().slice(0, 10);
            const { providers } = rankProviders(candidates, { ...context, day });
            expect(new Set(providers.map((provider) => provider.score)).size).toBe(1);
            const first = (providers[0] as RankedProvider).candidate.slug;
            firsts.set(first, (firsts.get(first) ?? 0) + 1);
          }
          // Expected 91 each; 10 % of the days is more than six standard deviations below that.
          for (const count of firsts.values()) expect(count).toBeGreaterThanOrEqual(37);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('does not order equals by name or slug', () => {
    const candidates = ['alfa', 'bravo', 'charlie'].map((slug) => fixedCandidate({ slug, name: slug }));
    const orders = new Set<string>();
    for (let offset = 0; offset < 30; offset += 1) {
      const day = new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
      const { providers } = rankProviders(candidates, { ...fixedContext({ needs: ['backup'] }), day });
      orders.add(providers.map((provider) => provider.candidate.slug).join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('scoreCandidate: the rules, by example', () => {
  const aarhus = {
    municipality: { code: '751', name: 'Aarhus' },
    region: { code: '1082', name: REGIONS['1082'] as Text },
  };
  const copenhagen = {
    municipality: { code: '101', name: 'København' },
    region: { code: '1084', name: REGIONS['1084'] as Text },
  };
  const backupPro: CandidateProduct = {
    slug: 'nordlys-backup-pro',
    name: 'Nordlys Backup Pro',
    needSlugs: ['backup'],
    priceFromDkk: 4_900,
    delivery: ['remote', 'onsite'],
    languages: ['da'],
    smeFit: true,
  };
  const points = (candidate: Candidate, context: MatchContext, criterion: string) =>
    scoreCandidate(candidate, context)?.breakdown.find((component) => component.criterion === criterion);

  it('explains a good match in plain Danish and English', () => {
    const context = fixedContext({
      needs: ['backup', 'mfa', 'pentest'],
      municipality: '751',
      sector: 'SEC-HEALTH',
      sizeBand: 'small',
      budget: 'small',
    });
    const candidate = fixedCandidate({
      ...aarhus,
      sectors: ['SEC-HEALTH'],
      customerSizeBands: ['small'],
      products: [backupPro, { ...backupPro, slug: 'nordlys-mfa', name: 'Nordlys MFA', needSlugs: ['mfa'] }],
      certifications: [{ code: 'ISO27001', name: 'ISO/IEC 27001', trust: 'verified', regulations: ['ISO27001'] }],
    });
    const scored = scoreCandidate(candidate, { ...context, relevantRegulations: ['NIS2', 'ISO27001'] });
    const reasons = Object.fromEntries(scored?.breakdown.map((part) => [part.criterion, part.reasons]) ?? []);
    expect(reasons.needs?.[0]?.da).toBe(
      'Dækker 2 af 3 behov: Backup og gendannelse (med «Nordlys Backup Pro») ' +
        'og Tofaktor-login (med «Nordlys MFA»)',
    );
    expect(reasons.needs?.[1]).toEqual({
      da: 'Dækker ikke: Penetrationstest',
      en: 'Does not cover: Penetration test',
    });
    expect(reasons.distance?.[0]?.da).toBe('Ligger i samme kommune (Aarhus)');
    expect(reasons.certifications?.[0]).toEqual({
      da: 'Har ISO/IEC 27001, verificeret af NCC-DK (dokumenterer ISO 27001)',
      en: 'Holds ISO/IEC 27001, verified by NCC-DK (attests to ISO 27001)',
    });
    expect(reasons.sector?.[0]?.da).toBe('Har erfaring med sektoren Sundhed');
    expect(reasons.price?.[0]).toEqual({
      da: 'Pris fra 4.900 kr. for «Nordlys Backup Pro» — inden for budgettet (op til 10.000 kr.)',
      en: 'From DKK 4,900 for “Nordlys Backup Pro” — within your budget (up to DKK 10,000)',
    });
    expect(scored?.breakdown.map((part) => part.points)).toEqual([33.33, 5, 12, 8, 12, 8]);
    expect(scored?.score).toBe(78.33);
  });

  it('scores distance by municipality, region, served region and remote help', () => {
    const context = fixedContext({ needs: ['backup'], municipality: '740' });
    const distance = (overrides: Partial<Candidate>, delivery: DeliveryPreference | null = null) =>
      points(
        fixedCandidate({ products: [backupPro], ...overrides }),
        { ...context, profile: { ...context.profile, delivery } },
        'distance',
      )?.points;
    expect(distance({ municipality: { code: '740', name: 'Silkeborg' }, region: aarhus.region })).toBe(12);
    expect(distance(aarhus)).toBe(9);
    expect(distance({ ...copenhagen, regionsServed: ['1082'] })).toBe(6);
    expect(distance(copenhagen)).toBe(3);
    expect(distance(copenhagen, 'onsite')).toBe(0);
    expect(distance({ ...copenhagen, products: [{ ...backupPro, delivery: ['onsite'] }] })).toBe(0);
    expect(distance(copenhagen, 'onsite')).toBe(0);
    expect(points(fixedCandidate(copenhagen), fixedContext({ needs: ['backup'] }), 'distance')?.points).toBe(12);
  });

  it('counts verified certifications fully and others half, up to the maximum, each code once', () => {
    const context = { ...fixedContext({ needs: ['backup'] }), relevantRegulations: ['NIS2', 'GDPR', 'ISO27001'] };
    const cert = (code: string, trust: CandidateCertification['trust'], regulations: string[]) => ({
      code,
      name: code,
      trust,
      regulations,
    });
    const score = (certifications: CandidateCertification[]) =>
      points(fixedCandidate({ certifications }), context, 'certifications')?.points;
    expect(score([])).toBe(0);
    expect(score([cert('CREST', 'verified', [])])).toBe(0);
    expect(score([cert('ISAE3000', 'unverified', ['GDPR'])])).toBe(2.5);
    expect(score([cert('ISAE3000', 'stale', ['GDPR']), cert('ISAE3000', 'verified', ['GDPR'])])).toBe(5);
    expect(score([cert('ISAE3000', 'verified', ['GDPR']), cert('ISO27001', 'stale', ['ISO27001'])])).toBe(7.5);
    expect(
      score([
        cert('ISAE3000', 'verified', ['GDPR']),
        cert('ISO27001', 'verified', ['ISO27001']),
        cert('ISAE3402', 'verified', ['NIS2']),
      ]),
    ).toBe(10);
  });

  it('gives everyone the same points for sector and distance when the SME leaves them out', () => {
    const context = fixedContext({ needs: ['backup'] });
    for (const overrides of [{ sectors: [] }, { sectors: ['SEC-HEALTH'] }, copenhagen, aarhus]) {
      const candidate = fixedCandidate(overrides);
      expect(points(candidate, context, 'sector')?.points).toBe(8);
      expect(points(candidate, context, 'distance')?.points).toBe(12);
    }
  });

  it('scores price by the best covering product against the budget', () => {
    const price = (budget: BudgetBand | null, prices: Array<number | null>) =>
      points(
        fixedCandidate({
          products: prices.map((priceFromDkk, index) => ({ ...backupPro, slug: `p${index}`, priceFromDkk })),
        }),
        fixedContext({ needs: ['backup'], budget }),
        'price',
      )?.points;
    expect(price('small', [4_900])).toBe(8);
    expect(price('small', [10_000])).toBe(8);
    expect(price('small', [10_001])).toBe(0);
    expect(price('small', [null])).toBe(4);
    expect(price('small', [60_000, null])).toBe(4);
    expect(price('medium', [60_000, 45_000])).toBe(8);
    expect(price('any', [1_000_000])).toBe(8);
    expect(price(null, [null])).toBe(4);
  });

  it('scores SME fit from the products, the customers served and the language', () => {
    const smeFit = (overrides: Partial<Candidate>, profile: Partial<MatchContext['profile']> = {}) =>
      points(fixedCandidate(overrides), fixedContext({ needs: ['backup'], ...profile }), 'smeFit')?.points;
    expect(smeFit({ customerSizeBands: ['micro'], languages: ['da'] })).toBe(12);
    expect(smeFit({ customerSizeBands: ['large'], languages: ['da'] })).toBe(8);
    expect(smeFit({ customerSizeBands: ['large'], languages: ['da'] }, { sizeBand: 'large' })).toBe(12);
    expect(smeFit({ customerSizeBands: ['micro'], languages: ['en'] }, { language: 'en' })).toBe(12);
    expect(
      smeFit({
        customerSizeBands: [],
        languages: ['en'],
        products: [{ ...backupPro, smeFit: false, languages: ['en'] }],
      }),
    ).toBe(0);
  });
});

function fixedCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    slug: 'nordlys-sikkerhed',
    name: 'Nordlys Sikkerhed ApS',
    municipality: { code: '751', name: 'Aarhus' },
    region: { code: '1082', name: REGIONS['1082'] as Text },
    regionsServed: [],
    sectors: [],
    languages: ['da'],
    customerSizeBands: ['micro', 'small'],
    website: 'https://nordlys.example.dk',
    email: 'kontakt@nordlys.example.dk',
    phone: '+45 12 34 56 78',
    products: [
      {
        slug: 'nordlys-backup-pro',
        name: 'Nordlys Backup Pro',
        needSlugs: ['backup'],
        priceFromDkk: 4_900,
        delivery: ['remote'],
        languages: ['da'],
        smeFit: true,
      },
    ],
    certifications: [],
    ...overrides,
  };
}

function fixedContext(profile: Partial<MatchContext['profile']> & { needs: string[] }): MatchContext {
  const municipality = MUNICIPALITIES.find((item) => item.code === profile.municipality);
  return {
    profile,
    regionCode: municipality?.regionCode ?? null,
    regionName: municipality ? (REGIONS[municipality.regionCode] as Text) : null,
    municipalityName: municipality?.name ?? null,
    sectorName: profile.sector ? (SECTORS[profile.sector] ?? null) : null,
    needNames: NEED_NAMES,
    relevantRegulations: [],
    day: '2026-03-01',
  };
}
