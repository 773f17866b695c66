/**
 * Query evaluation over Orama's per-field radix trees. This replaces Orama's own term lookup, which (3.1.18) has two
 * problems for us: every match copies document ids with `Array.includes` (quadratic: a word in 40,000 of 110,000
 * documents took 0.5–2 s per query), and one `tolerance` applies to all words alike, with prefix matching always on.
 * Here each word gets its own typo budget (Damerau-Levenshtein, so a swap is one typo, like Meilisearch), only the
 * last query word matches as a prefix, and scores combine BM25, field boosts and match quality.
 */
import type { radix } from '@orama/orama/trees';
import type { ParsedQuery, QueryAlternative, QueryWord } from './text';
import { typoBudget } from './text';

type RadixNode = radix.RadixNode;

/** The statistics the matcher needs from Orama's index store (the shape of `components.index.Index`). */
export interface TextIndexStats {
  indexes: Record<string, { type: string; node: unknown }>;
  tokenOccurrences: Record<string, Record<string, number>>;
  fieldLengths: Record<string, Record<number, number | undefined>>;
  avgFieldLength: Record<string, number>;
}

/** Visitor for a matched indexed term: its node, the number of typos and whether it matched as a prefix. */
type TermVisitor = (node: RadixNode, typos: number, isPrefix: boolean) => void;

/** Relative weight of a match by typos; a prefix match is worth a bit less than a whole word. */
const TYPO_QUALITY = [1, 0.5, 0.3] as const;
const PREFIX_QUALITY = 0.8;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

export function matchQuality(typos: number, isPrefix: boolean): number {
  return (TYPO_QUALITY[typos] ?? 0) * (isPrefix ? PREFIX_QUALITY : 1);
}

/**
 * Visit every indexed term within `maxTypos` (optimal string alignment distance) of `pattern`; with `prefix`, also
 * every term that starts with something within `maxTypos` of it. Walks the radix tree once, carrying one row of the
 * edit-distance matrix per character and pruning branches whose row minimum exceeds the budget.
 */
export function findTerms(
  root: RadixNode,
  pattern: string,
  maxTypos: number,
  prefix: boolean,
  visit: TermVisitor,
): void {
  if (maxTypos === 0) {
    findExact(root, pattern, prefix, visit);
    return;
  }
  const m = pattern.length;
  const firstRow = Array.from({ length: m + 1 }, (_, j) => j);
  interface Frame {
    node: RadixNode;
    row: number[];
    previousRow: number[] | undefined;
    previousChar: string;
    bestPrefix: number;
  }
  const stack: Frame[] = [];
  for (const child of root.c.values()) {
    stack.push({ node: child, row: firstRow, previousRow: undefined, previousChar: '', bestPrefix: m });
  }
  while (stack.length > 0) {
    const frame = stack.pop();
    if (frame === undefined) break;
    let { row, previousRow, previousChar, bestPrefix } = frame;
    const { node } = frame;
    let pruned = false;
    for (const ch of node.s) {
      const next = new Array<number>(m + 1);
      next[0] = (row[0] ?? 0) + 1;
      let rowMin = next[0];
      for (let j = 1; j <= m; j += 1) {
        const cost = pattern[j - 1] === ch ? 0 : 1;
        let value = Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, (row[j - 1] ?? 0) + cost);
        if (j > 1 && previousRow !== undefined && ch === pattern[j - 2] && previousChar === pattern[j - 1]) {
          value = Math.min(value, (previousRow[j - 2] ?? 0) + 1);
        }
        next[j] = value;
        if (value < rowMin) rowMin = value;
      }
      previousRow = row;
      row = next;
      previousChar = ch;
      bestPrefix = Math.min(bestPrefix, row[m] ?? m);
      if (rowMin > maxTypos) {
        // Nothing below can come closer; but if the pattern already matched a prefix, the whole subtree matches.
        if (prefix && bestPrefix <= maxTypos) visitSubtree(node, bestPrefix, false, visit);
        pruned = true;
        break;
      }
    }
    if (pruned) continue;
    if (node.e && node.d.size > 0) {
      const whole = row[m] ?? m;
      const wholeOk = whole <= maxTypos;
      const prefixOk = prefix && bestPrefix <= maxTypos;
      if (wholeOk && (!prefixOk || matchQuality(whole, false) >= matchQuality(bestPrefix, true))) {
        visit(node, whole, false);
      } else if (prefixOk) {
        visit(node, bestPrefix, true);
      }
    }
    for (const child of node.c.values()) {
      stack.push({ node: child, row, previousRow, previousChar, bestPrefix });
    }
  }
}

function findExact(root: RadixNode, pattern: string, prefix: boolean, visit: TermVisitor): void {
  let node = root;
  let consumed = 0;
  while (consumed < pattern.length) {
    const child = node.c.get(pattern.charAt(consumed));
    if (child === undefined) return;
    const label = child.s;
    const rest = pattern.length - consumed;
    if (label.length > rest) {
      // The pattern ends inside this edge: only a prefix match is possible.
      if (prefix && label.startsWith(pattern.slice(consumed))) visitSubtree(child, 0, false, visit);
      return;
    }
    if (!pattern.startsWith(label, consumed)) return;
    consumed += label.length;
    node = child;
  }
  if (prefix) {
    visitSubtree(node, 0, true, visit);
  } else if (node.e && node.d.size > 0) {
    visit(node, 0, false);
  }
}

/** Visit every term in a subtree as a prefix match; `startIsWhole` when the start node's word is the pattern itself. */
function visitSubtree(start: RadixNode, typos: number, startIsWhole: boolean, visit: TermVisitor): void {
  const stack = [start];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.e && node.d.size > 0) visit(node, typos, !(startIsWhole && node === start));
    for (const child of node.c.values()) stack.push(child);
  }
}

export interface EvaluateOptions {
  properties: readonly string[];
  boosts: Readonly<Partial<Record<string, number>>>;
  docsCount: number;
  /** One more than the largest internal id (the size of the dense score vectors). */
  idLimit: number;
  /** Restrict results to these internal ids (Orama's `where` result), when given. */
  allowed?: ReadonlySet<number> | undefined;
}

/** Result of a query: matching internal ids (unordered) and a dense score array indexed by internal id. */
export interface QueryMatches {
  ids: readonly number[];
  scores: Float64Array;
}

/**
 * Dense scores over internal ids plus the list of ids holding a score. At 110,000 documents a common word touches
 * tens of thousands of ids per field; typed-array slots measured several times faster than Map entries there.
 * Every score is positive (BM25 idf > 0, boosts and qualities > 0), so 0 means "absent".
 */
class ScoreVector {
  ids: number[] = [];
  constructor(readonly values: Float64Array) {}

  keepMax(id: number, value: number): void {
    const current = this.values[id] as number;
    if (current === 0) this.ids.push(id);
    if (value > current) this.values[id] = value;
  }

  add(id: number, value: number): void {
    if (this.values[id] === 0) this.ids.push(id);
    this.values[id] = (this.values[id] as number) + value;
  }

  /** Keep only ids that `other` also scores, adding its score. */
  intersect(other: ScoreVector): void {
    const kept: number[] = [];
    for (const id of this.ids) {
      const theirs = other.values[id] as number;
      if (theirs > 0) {
        this.values[id] = (this.values[id] as number) + theirs;
        kept.push(id);
      } else {
        this.values[id] = 0;
      }
    }
    this.ids = kept;
  }

  scale(factor: number): void {
    for (const id of this.ids) this.values[id] = (this.values[id] as number) * factor;
  }

  clear(): void {
    for (const id of this.ids) this.values[id] = 0;
    this.ids = [];
  }
}

/** Reuses zeroed vectors between and within queries (evaluation is synchronous, so one pool is safe). */
class VectorPool {
  private free: ScoreVector[] = [];
  private size = 0;

  acquire(size: number): ScoreVector {
    if (size !== this.size) {
      this.free = [];
      this.size = size;
    }
    return this.free.pop() ?? new ScoreVector(new Float64Array(size));
  }

  release(vector: ScoreVector): void {
    if (vector.values.length !== this.size) return;
    vector.clear();
    // A handful is enough for the deepest query (units × alternatives); more would only hold memory.
    if (this.free.length < 8) this.free.push(vector);
  }
}

const pool = new VectorPool();

/**
 * Score every document that satisfies all units of the query. A word scores, per field, its best matching term
 * (BM25 × field boost × match quality), summed over fields; an alternative requires all its words (mean score);
 * a unit takes its best alternative; the query requires every unit (sum).
 */
export function evaluateQuery(stats: TextIndexStats, query: ParsedQuery, options: EvaluateOptions): QueryMatches {
  const size = Math.max(options.idLimit, 1);
  const units: ScoreVector[] = [];
  for (const unit of query.units) {
    const best = pool.acquire(size);
    for (const alternative of unit.alternatives) {
      const scores = scoreAlternative(stats, alternative, options, size);
      if (scores === undefined) continue;
      for (const id of scores.ids) best.keepMax(id, scores.values[id] as number);
      pool.release(scores);
    }
    units.push(best);
    if (best.ids.length === 0) break;
  }
  // Intersect from the most selective unit so the candidate set only shrinks.
  units.sort((a, b) => a.ids.length - b.ids.length);
  const [result, ...rest] = units;
  for (const other of rest) {
    if (result !== undefined && result.ids.length > 0) result.intersect(other);
    pool.release(other);
  }
  // The result leaves the pool: the caller keeps its score array.
  return result === undefined ? { ids: [], scores: new Float64Array(0) } : { ids: result.ids, scores: result.values };
}

/** Internal ids best first; equal scores in id (insertion) order, so pages are stable. */
export function rankByScore(matches: QueryMatches): number[] {
  const { scores } = matches;
  return [...matches.ids].sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

function scoreAlternative(
  stats: TextIndexStats,
  alternative: QueryAlternative,
  options: EvaluateOptions,
  size: number,
): ScoreVector | undefined {
  let scores: ScoreVector | undefined;
  for (const word of alternative.words) {
    const wordScores = scoreWord(stats, word, options, size);
    if (scores === undefined) {
      scores = wordScores;
    } else {
      scores.intersect(wordScores);
      pool.release(wordScores);
    }
    if (scores.ids.length === 0) break;
  }
  scores?.scale(alternative.weight / alternative.words.length);
  return scores;
}

function scoreWord(stats: TextIndexStats, word: QueryWord, options: EvaluateOptions, size: number): ScoreVector {
  const total = pool.acquire(size);
  const fieldBest = pool.acquire(size);
  const docsCount = Math.max(options.docsCount, 1);
  for (const prop of options.properties) {
    const tree = stats.indexes[prop];
    if (tree === undefined || tree.type !== 'Radix') continue;
    const root = tree.node as RadixNode;
    // Best quality per matched term node: several keys (stem, unstemmed) may reach the same term.
    const terms = new Map<RadixNode, number>();
    for (const key of word.keys) {
      // The budget follows the typed word (as in Meilisearch) but never exceeds what the key's own length allows.
      const typos = Math.min(word.typos, typoBudget(key));
      findTerms(root, key, typos, word.prefix, (node, distance, isPrefix) => {
        const quality = matchQuality(distance, isPrefix);
        if (quality > (terms.get(node) ?? 0)) terms.set(node, quality);
      });
    }
    if (terms.size === 0) continue;
    const boost = options.boosts[prop] ?? 1;
    const occurrences = stats.tokenOccurrences[prop] ?? {};
    const lengths = stats.fieldLengths[prop] ?? {};
    const average = stats.avgFieldLength[prop] || 1;
    for (const [node, quality] of terms) {
      const df = Math.max(occurrences[node.w] ?? node.d.size, 1);
      const idf = Math.log(1 + (docsCount - df + 0.5) / (df + 0.5));
      const weight = idf * (BM25_K1 + 1) * boost * quality;
      // Tokens are unique per field, so tf is 1 and BM25 reduces to idf with length normalisation.
      for (const id of node.d) {
        if (options.allowed !== undefined && !options.allowed.has(id)) continue;
        const length = lengths[id] ?? average;
        fieldBest.keepMax(id, weight / (1 + BM25_K1 * (1 - BM25_B + (BM25_B * length) / average)));
      }
    }
    for (const id of fieldBest.ids) total.add(id, fieldBest.values[id] as number);
    fieldBest.clear();
  }
  pool.release(fieldBest);
  return total;
}
