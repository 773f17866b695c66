/**
 * The fewest providers that together cover the SME's needs: an exact set cover, not greedy,
 * because greedy can suggest three providers where two would do and an SME pays for every
 * extra contract. Needs are few (≤ 15), so a dynamic programme over subsets of needs is exact
 * and fast even for thousands of providers.
 */
import type { Coverage } from './rank';
import type { RankedList, RankedProvider } from './types';

export interface FewestProviders {
  /** In rank order. */
  providers: RankedProvider[];
  /** False when some needs are covered by no provider at all. */
  complete: boolean;
  uncoveredNeeds: string[];
}

/** The profile's limit. Memory grows as 2^n × n (about 2 MB at 15), so the limit is enforced here too. */
const MAX_NEEDS = 15;

/**
 * The smallest set of providers covering every need some provider covers. Among equally small
 * sets: the highest total score, then the set whose members rank best (sorted ranks compared
 * in order). Pass the whole ranked list, not a page of it.
 *
 * `coverage`, when given (rankProviders gives it), holds per provider in rank order its score in
 * hundredths and the needs it covers as bits over `needs` (bit i for `needs[i]`, which must then name
 * each need once), and ranks are positions + 1; otherwise all are read from the providers. Reading
 * thousands of providers on every match cost more than the cover itself, and only the chosen few
 * are then read.
 */
export function fewestProviders(ranked: RankedList, needs: string[], coverage?: Coverage): FewestProviders {
  const wanted = [...new Set(needs)];
  if (coverage && (wanted.length !== needs.length || wanted.length > 31)) {
    throw new RangeError('fewestProviders: with coverage, at most 31 needs, each named once');
  }
  const read = coverage ? fromCoverage(coverage, ranked.length, wanted) : fromProviders(ranked, wanted);
  const uncoveredNeeds = wanted.filter((need) => !read.coverable.includes(need));
  const complete = uncoveredNeeds.length === 0;
  if (read.coverable.length === 0) return { providers: [], complete, uncoveredNeeds };
  if (read.coverable.length > MAX_NEEDS) {
    throw new RangeError(`fewestProviders handles at most ${MAX_NEEDS} needs, got ${read.coverable.length}`);
  }

  const chosen = solve(read.cents, read.ranks, read.coverable.length, read.masks).map((index) => {
    const provider = ranked.at(index) as RankedProvider;
    // Coverage is by rank order; a page or a list sorted otherwise would pick the wrong providers.
    if (!read.ranks && provider.rank !== index + 1) {
      throw new RangeError('fewestProviders: with coverage, the list must be the whole ranking in rank order');
    }
    return provider;
  });
  chosen.sort((a, b) => a.rank - b.rank);
  return { providers: chosen, complete, uncoveredNeeds };
}

/**
 * What the cover is solved over: the needs someone covers, and per provider its score in hundredths,
 * its rank (null: position + 1) and the coverable needs it covers as bits (empty past MAX_NEEDS).
 */
interface CoverInput {
  coverable: string[];
  cents: Int32Array;
  ranks: Int32Array | null;
  masks: Int32Array;
}

/** From rankProviders' numbers (see Coverage): ranks are positions. */
function fromCoverage(coverage: Coverage, length: number, needs: string[]): CoverInput {
  if (coverage.masks.length !== length || coverage.cents.length !== length) {
    throw new RangeError('fewestProviders: coverage needs one entry per provider');
  }
  let coveredByAnyone = 0;
  for (let index = 0; index < length; index += 1) coveredByAnyone |= coverage.masks[index] as number;
  const coverable = needs.filter((_, index) => (coveredByAnyone & (1 << index)) !== 0);
  // Bits over the coverable needs only: the needs nobody covers are left out of the cover.
  const masks = coverable.length === needs.length ? coverage.masks : compress(coverage.masks, coveredByAnyone);
  return { coverable, cents: coverage.cents, ranks: null, masks };
}

/** Read from each provider's score, rank and covered needs by name. */
function fromProviders(ranked: RankedList, needs: string[]): CoverInput {
  const coveredByAnyone = new Set<string>();
  for (const provider of ranked) for (const need of provider.coveredNeeds) coveredByAnyone.add(need);
  const coverable = needs.filter((need) => coveredByAnyone.has(need));
  const size = coverable.length > MAX_NEEDS ? 0 : ranked.length;
  const bit = new Map(coverable.map((need, index) => [need, 1 << index]));
  const cents = new Int32Array(size);
  const ranks = new Int32Array(size);
  const masks = new Int32Array(size);
  for (let index = 0; index < size; index += 1) {
    const provider = ranked.at(index) as RankedProvider;
    let mask = 0;
    for (const need of provider.coveredNeeds) mask |= bit.get(need) ?? 0;
    cents[index] = Math.round(provider.score * 100);
    ranks[index] = provider.rank;
    masks[index] = mask;
  }
  return { coverable, cents, ranks, masks };
}

/** The masks with only the bits set in `keep`, moved down so that they are numbered 0, 1, … in order. */
function compress(masks: Int32Array, keep: number): Int32Array {
  const compressed = new Int32Array(masks.length);
  for (let index = 0; index < masks.length; index += 1) {
    const mask = masks[index] as number;
    let value = 0;
    let to = 0;
    for (let from = 0; from < 31; from += 1) {
      if ((keep & (1 << from)) === 0) continue;
      if ((mask & (1 << from)) !== 0) value |= 1 << to;
      to += 1;
    }
    compressed[index] = value;
  }
  return compressed;
}

/**
 * Indices of the best cover of all `count` needs (each covered by someone), given each provider's
 * score in hundredths, rank (position + 1 when null) and coverage as bits.
 */
function solve(cents: Int32Array, rankList: Int32Array | null, count: number, coverage: Int32Array): number[] {
  const full = (1 << count) - 1;
  // Integer cents, so that equal totals compare equal; without ranks, a lower position is a better rank.
  const better = (a: number, b: number): boolean =>
    a >= 0 &&
    (b < 0 ||
      (cents[a] as number) > (cents[b] as number) ||
      (cents[a] === cents[b] && (rankList ? (rankList[a] as number) < (rankList[b] as number) : a < b)));
  const rankOf = (index: number): number => (rankList ? (rankList[index] as number) : index + 1);

  // Providers with the same coverage collapse to their best one: the tie rules can never prefer another.
  const exact = new Int32Array(full + 1).fill(-1);
  for (let index = 0; index < coverage.length; index += 1) {
    const mask = coverage[index] as number;
    if (mask !== 0 && better(index, exact[mask] as number)) exact[mask] = index;
  }
  // best[T]: the best provider covering at least T (a superset closure over the subset lattice).
  const best = exact.slice();
  for (let needBit = 1; needBit <= full; needBit <<= 1) {
    for (let subset = full; subset >= 0; subset -= 1) {
      if ((subset & needBit) === 0 && better(best[subset | needBit] as number, best[subset] as number)) {
        best[subset] = best[subset | needBit] as number;
      }
    }
  }

  // Two short lists of coverages per need. `widest`: coverages no other coverage contains, enough to
  // count the fewest providers. `useful`: coverages whose provider beats every provider covering
  // strictly more; any other provider could be swapped for such a one in a smallest set at no loss.
  const widest: number[][] = Array.from({ length: count }, () => []);
  const useful: number[][] = Array.from({ length: count }, () => []);
  for (let mask = 1; mask <= full; mask += 1) {
    const provider = exact[mask] as number;
    if (provider < 0) continue;
    let contained = false;
    let dominated = false;
    for (let needBit = 1; needBit <= full; needBit <<= 1) {
      if ((mask & needBit) !== 0) continue;
      const wider = best[mask | needBit] as number;
      contained ||= wider >= 0;
      dominated ||= better(wider, provider);
    }
    for (let index = 0; index < count; index += 1) {
      if ((mask & (1 << index)) === 0) continue;
      if (!contained) widest[index]?.push(mask);
      if (!dominated) useful[index]?.push(mask);
    }
  }

  // Both passes branch on the lowest open need, which every cover must take a provider for, and
  // visit only the sets of open needs that such choices reach.
  const fewestMemo = new Int8Array(full + 1).fill(-1);
  fewestMemo[0] = 0;
  const fewest = (open: number): number => {
    const known = fewestMemo[open] as number;
    if (known >= 0) return known;
    let least = count;
    for (const mask of widest[31 - Math.clz32(open & -open)] as number[]) {
      least = Math.min(least, 1 + fewest(open & ~mask));
    }
    fewestMemo[open] = least;
    return least;
  };

  // Second pass, only along smallest covers: highest total, then best ranks in order.
  const settled = new Uint8Array(full + 1);
  const total = new Float64Array(full + 1);
  const pick = new Int32Array(full + 1);
  const rest = new Int32Array(full + 1);
  /** The sorted ranks of each settled set, `count` slots per set of open needs. */
  const ranks = new Int32Array((full + 1) * count);
  const seen = new Int32Array(full + 1);
  let stamp = 0;
  settled[0] = 1;

  /** Sorted ranks of provider `a` with the set for `openA`, against `b` with `openB`, compared in order. */
  const compareRanks = (a: number, openA: number, b: number, openB: number, length: number): number => {
    let fromA = 0;
    let fromB = 0;
    let usedA = false;
    let usedB = false;
    for (let position = 0; position < length; position += 1) {
      const restA = fromA < length - 1 ? (ranks[openA * count + fromA] as number) : Number.MAX_SAFE_INTEGER;
      const restB = fromB < length - 1 ? (ranks[openB * count + fromB] as number) : Number.MAX_SAFE_INTEGER;
      const takeA = !usedA && rankOf(a) < restA;
      const takeB = !usedB && rankOf(b) < restB;
      const valueA = takeA ? rankOf(a) : restA;
      const valueB = takeB ? rankOf(b) : restB;
      if (valueA !== valueB) return valueA - valueB;
      if (takeA) usedA = true;
      else fromA += 1;
      if (takeB) usedB = true;
      else fromB += 1;
    }
    return 0;
  };

  const settle = (open: number): void => {
    if (settled[open] === 1) return;
    const size = fewest(open);
    const lowest = open & -open;
    const others = open & ~lowest;
    const choices = useful[31 - Math.clz32(lowest)] as number[];
    // Whichever is fewer: every subset of the open needs, or every useful coverage.
    const taken: number[] = [];
    stamp += 1;
    if (1 << popcount(others) <= choices.length) {
      for (let sub = others; ; sub = (sub - 1) & others) {
        if ((best[sub | lowest] as number) >= 0) taken.push(sub | lowest);
        if (sub === 0) break;
      }
    } else {
      for (const mask of choices) {
        const part = mask & open;
        if (seen[part] !== stamp) {
          seen[part] = stamp;
          taken.push(part);
        }
      }
    }
    let bestTotal = Number.NEGATIVE_INFINITY;
    let bestPick = -1;
    let bestRest = 0;
    for (const part of taken) {
      const remaining = open & ~part;
      if (fewest(remaining) !== size - 1) continue;
      settle(remaining);
      const provider = best[part] as number;
      const candidateTotal = (cents[provider] as number) + (total[remaining] as number);
      if (
        candidateTotal > bestTotal ||
        (candidateTotal === bestTotal && compareRanks(provider, remaining, bestPick, bestRest, size) < 0)
      ) {
        bestTotal = candidateTotal;
        bestPick = provider;
        bestRest = remaining;
      }
    }
    settled[open] = 1;
    total[open] = bestTotal;
    pick[open] = bestPick;
    rest[open] = bestRest;
    const rank = rankOf(bestPick);
    let from = 0;
    for (let position = 0; position < size; position += 1) {
      const next = from < size - 1 ? (ranks[bestRest * count + from] as number) : Number.MAX_SAFE_INTEGER;
      if (rank < next && position === from) {
        ranks[open * count + position] = rank;
      } else {
        ranks[open * count + position] = next;
        from += 1;
      }
    }
  };

  settle(full);
  const chosen: number[] = [];
  for (let open = full; open !== 0; open = rest[open] as number) chosen.push(pick[open] as number);
  return chosen;
}

/** How many bits are set. */
export function popcount(value: number): number {
  let count = 0;
  for (let remaining = value; remaining !== 0; remaining &= remaining - 1) count += 1;
  return count;
}
