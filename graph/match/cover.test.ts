import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fewestProviders } from './cover';
import type { Candidate, RankedProvider } from './types';

const NEEDS = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7', 'n8', 'n9', 'n10', 'n11', 'n12', 'n13', 'n14'];

function provider(slug: string, coveredNeeds: string[], score: number, rank: number): RankedProvider {
  const candidate = { slug, name: slug } as Candidate;
  return { candidate, score, breakdown: [], coveredNeeds, products: [], rank };
}

/** A ranked list as rankProviders returns it: score descending, ranks 1..n. Few distinct scores force ties. */
function rankedArb(needs: string[], maxProviders: number): fc.Arbitrary<RankedProvider[]> {
  return fc
    .array(fc.tuple(fc.subarray([...needs, 'ikke-valgt']), fc.constantFrom(40, 55.5, 55.5, 70, 70.01)), {
      maxLength: maxProviders,
    })
    .map((rows) =>
      rows
        .sort((a, b) => b[1] - a[1])
        .map(([covered, score], index) => provider(`p${index}`, covered, score, index + 1)),
    );
}

const smallCaseArb = fc.integer({ min: 1, max: 6 }).chain((count) => {
  const needs = NEEDS.slice(0, count);
  return fc.tuple(fc.constant(needs), rankedArb(needs, 8));
});

/** Every subset, compared by the documented rule: fewest, then highest total score, then best ranks in order. */
function bruteForce(ranked: RankedProvider[], needs: string[]): number[] {
  const coverable = needs.filter((need) => ranked.some((item) => item.coveredNeeds.includes(need)));
  let best: RankedProvider[] | null = null;
  for (let subset = 0; subset < 1 << ranked.length; subset += 1) {
    const chosen = ranked.filter((_, index) => (subset & (1 << index)) !== 0);
    if (!coverable.every((need) => chosen.some((item) => item.coveredNeeds.includes(need)))) continue;
    if (best === null || compareSets(chosen, best) < 0) best = chosen;
  }
  return (best ?? []).map((item) => item.rank).sort((a, b) => a - b);
}

function compareSets(a: RankedProvider[], b: RankedProvider[]): number {
  if (a.length !== b.length) return a.length - b.length;
  const total = (set: RankedProvider[]) => set.reduce((sum, item) => sum + Math.round(item.score * 100), 0);
  if (total(a) !== total(b)) return total(b) - total(a);
  const ranksA = a.map((item) => item.rank).sort((x, y) => x - y);
  const ranksB = b.map((item) => item.rank).sort((x, y) => x - y);
  for (let index = 0; index < ranksA.length; index += 1) {
    const difference = (ranksA[index] as number) - (ranksB[index] as number);
    if (difference !== 0) return difference;
  }
  return 0;
}

describe('fewestProviders', () => {
  it('finds the same set as trying every subset, tie rules included', () => {
    fc.assert(
      fc.property(smallCaseArb, ([needs, ranked]) => {
        const result = fewestProviders(ranked, needs);
        expect(result.providers.map((item) => item.rank)).toEqual(bruteForce(ranked, needs));
      }),
      { numRuns: 1000 },
    );
  });

  it('covers every coverable need and names the rest', () => {
    fc.assert(
      fc.property(smallCaseArb, fc.subarray(NEEDS.slice(6)), ([needs, ranked], extra) => {
        const wanted = [...needs, ...extra, ...needs];
        const result = fewestProviders(ranked, wanted);
        const coveredByAnyone = new Set(ranked.flatMap((item) => item.coveredNeeds));
        const coveredBySet = new Set(result.providers.flatMap((item) => item.coveredNeeds));
        const unique = [...new Set(wanted)];
        expect(result.uncoveredNeeds).toEqual(unique.filter((need) => !coveredByAnyone.has(need)));
        expect(result.complete).toBe(result.uncoveredNeeds.length === 0);
        for (const need of unique) expect(coveredBySet.has(need)).toBe(coveredByAnyone.has(need));
        expect(result.providers.map((item) => item.rank)).toEqual(
          [...result.providers.map((item) => item.rank)].sort((a, b) => a - b),
        );
      }),
    );
  });

  it('returns one provider when one covers everything, even if it ranks last', () => {
    const ranked = [provider('a', ['n0'], 90, 1), provider('b', ['n1'], 80, 2), provider('c', ['n0', 'n1'], 30, 3)];
    expect(fewestProviders(ranked, ['n0', 'n1']).providers.map((item) => item.candidate.slug)).toEqual(['c']);
  });

  it('beats greedy: two providers where the largest first would need three', () => {
    const ranked = [
      provider('big', ['n0', 'n1', 'n2', 'n3'], 90, 1),
      provider('left', ['n0', 'n1', 'n4'], 50, 2),
      provider('right', ['n2', 'n3', 'n5'], 50, 3),
    ];
    const result = fewestProviders(ranked, ['n0', 'n1', 'n2', 'n3', 'n4', 'n5']);
    expect(result.providers.map((item) => item.candidate.slug)).toEqual(['left', 'right']);
    expect(result.complete).toBe(true);
  });

  it('prefers the higher total among equally small sets, even through a provider that covers less', () => {
    const ranked = [
      provider('narrow', ['n0'], 90, 1),
      provider('wide', ['n0', 'n1'], 10, 2),
      provider('middle', ['n1', 'n2'], 10, 3),
      provider('end', ['n2'], 10, 4),
    ];
    const result = fewestProviders(ranked, ['n0', 'n1', 'n2']);
    expect(result.providers.map((item) => item.candidate.slug)).toEqual(['narrow', 'middle']);
  });

  it('refuses coverage bits that cannot be read against the needs: one per provider, needs named once', () => {
    const none = { cents: new Int32Array(0), masks: new Int32Array(0) };
    expect(() => fewestProviders([], ['n0', 'n0'], none)).toThrow(RangeError);
    expect(() => fewestProviders([provider('a', ['n0'], 50, 1)], ['n0'], none)).toThrow(RangeError);
    const one = { cents: Int32Array.of(5000), masks: Int32Array.of(1) };
    expect(fewestProviders([provider('a', ['n0'], 50, 1)], ['n0'], one).providers).toHaveLength(1);
  });

  it('reports needs nobody covers and handles no needs and no providers', () => {
    expect(fewestProviders([], [])).toEqual({ providers: [], complete: true, uncoveredNeeds: [] });
    expect(fewestProviders([], ['n0'])).toEqual({ providers: [], complete: false, uncoveredNeeds: ['n0'] });
    const result = fewestProviders([provider('a', ['n0'], 50, 1)], ['n0', 'n1']);
    expect(result.providers.map((item) => item.candidate.slug)).toEqual(['a']);
    expect(result).toMatchObject({ complete: false, uncoveredNeeds: ['n1'] });
  });

  it('stays exact at full size: 15 needs and 2,000 providers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const random = mulberry32(seed);
        const ranked = Array.from({ length: 2000 }, () => {
          const covered = NEEDS.filter(() => random() < 0.15);
          return { covered, score: Math.round(random() * 10_000) / 100 };
        })
          .sort((a, b) => b.score - a.score)
          .map(({ covered, score }, index) => provider(`p${index}`, covered, score, index + 1));
        const result = fewestProviders(ranked, NEEDS);
        const covered = new Set(result.providers.flatMap((item) => item.coveredNeeds));
        expect(NEEDS.every((need) => covered.has(need))).toBe(true);
        expect(result.providers.length).toBeLessThanOrEqual(greedySize(ranked, NEEDS));
        // No smaller cover exists: no set of one size less covers everything.
        expect(hasCoverOfSize(ranked, NEEDS, result.providers.length - 1)).toBe(false);
      }),
      { numRuns: 3 },
    );
  });
});

function greedySize(ranked: RankedProvider[], needs: string[]): number {
  const open = new Set(needs);
  let count = 0;
  while (open.size > 0) {
    const next = ranked.reduce((best, item) =>
      item.coveredNeeds.filter((need) => open.has(need)).length >
      best.coveredNeeds.filter((need) => open.has(need)).length
        ? item
        : best,
    );
    for (const need of next.coveredNeeds) open.delete(need);
    count += 1;
  }
  return count;
}

/** Independent check by iterative deepening over distinct coverage masks. */
function hasCoverOfSize(ranked: RankedProvider[], needs: string[], size: number): boolean {
  const masks = [
    ...new Set(ranked.map((item) => item.coveredNeeds.reduce((mask, need) => mask | (1 << needs.indexOf(need)), 0))),
  ];
  const full = (1 << needs.length) - 1;
  const search = (open: number, left: number): boolean => {
    if (open === 0) return true;
    if (left === 0) return false;
    const lowest = open & -open;
    return masks.some((mask) => (mask & lowest) !== 0 && search(open & ~mask, left - 1));
  };
  return size >= 0 && search(full, size);
}

function mulberry32(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
