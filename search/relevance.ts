import { z } from 'zod';
import type { SearchEngine } from './types';

/**
 * Relevance measures for a judged query set (search/relevance-set/). A query is judged by
 * needs, not by listings: `judgements` maps a need slug to a grade, 2 = what the query means,
 * 1 = related. A listing's gain for a query is the best grade among its needs (0 when none is
 * judged), so every listing of the directory has a gain without anyone judging 1,679 listings.
 *
 * - success@k: 1 when one of the first k results carries a need of the query's top grade (the
 *   highest grade it judged: 2, or 1 for a broad query that judges only related needs), else 0.
 * - nDCG@k: DCG = Σ_{i=1..k} gain_i / log2(i + 1) over the ranking, divided by the DCG of the ideal
 *   ranking: the k best gains among all listings of the index (the judged grades applied to every
 *   listing, sorted descending). 0 when the ranking is empty; undefined (NaN) when no listing of
 *   the index has a judged need, which `relevanceQuerySchema` users should treat as a bad query.
 * - zero-result rate: the share of queries the engine answered with a total of 0.
 */

export const QUERY_CLASSES = ['plain', 'misspelt', 'sentence', 'compound', 'urgent', 'broad'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export const relevanceQuerySchema = z.object({
  query: z.string().trim().min(1),
  /** The language the query is written in (da or en). */
  lang: z.enum(['da', 'en']),
  class: z.enum(QUERY_CLASSES),
  /** Need slug → grade (2 = what it means, 1 = related); at least one. */
  judgements: z
    .record(z.string().min(1), z.union([z.literal(1), z.literal(2)]))
    .refine((judged) => Object.keys(judged).length > 0, 'a query needs at least one judged need'),
});
export type RelevanceQuery = z.infer<typeof relevanceQuerySchema>;

export const relevanceSetSchema = z.object({ about: z.string().optional(), queries: z.array(relevanceQuerySchema) });

/** The needs of one ranked result (a listing's `needs` facet). */
export type RankedNeeds = readonly string[];
export type Judgements = Readonly<Record<string, 1 | 2>>;

/** The best grade among `needs` for the judged query; 0 when none of them is judged. */
export function gain(needs: RankedNeeds, judgements: Judgements): number {
  let best = 0;
  for (const need of needs) best = Math.max(best, judgements[need] ?? 0);
  return best;
}

/** The highest grade the query judged (2, or 1 when it judged only related needs). */
export function topGrade(judgements: Judgements): number {
  return Math.max(0, ...Object.values(judgements));
}

/** 1 when one of the first `k` results carries a need of the query's top grade, else 0. */
export function successAt(k: number, ranking: readonly RankedNeeds[], judgements: Judgements): number {
  const top = topGrade(judgements);
  if (top === 0) return 0;
  return ranking.slice(0, k).some((needs) => gain(needs, judgements) === top) ? 1 : 0;
}

/** Σ gain_i / log2(i + 1) over the first `k` gains (i from 1). */
export function dcg(gains: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, gains.length); i += 1) sum += (gains[i] as number) / Math.log2(i + 2);
  return sum;
}

/**
 * nDCG@k of `ranking` against the ideal drawn from `pool` (the needs of every listing in the
 * index). NaN when no listing in the pool has a judged need.
 */
export function ndcgAt(
  k: number,
  ranking: readonly RankedNeeds[],
  pool: readonly RankedNeeds[],
  judgements: Judgements,
): number {
  const ideal = pool
    .map((needs) => gain(needs, judgements))
    .filter((g) => g > 0)
    .sort((a, b) => b - a);
  const best = dcg(ideal, k);
  if (best === 0) return Number.NaN;
  return (
    dcg(
      ranking.map((needs) => gain(needs, judgements)),
      k,
    ) / best
  );
}

/** One query's outcome on one engine. */
export interface QueryOutcome {
  class: QueryClass;
  success3: number;
  ndcg10: number;
  zeroResults: boolean;
}

export interface RelevanceSummary {
  queries: number;
  success3: number;
  ndcg10: number;
  zeroResultRate: number;
}

/** Means over the outcomes (NaN for an empty list). */
export function summarize(outcomes: readonly QueryOutcome[]): RelevanceSummary {
  const n = outcomes.length;
  const mean = (pick: (o: QueryOutcome) => number) => outcomes.reduce((sum, o) => sum + pick(o), 0) / n;
  return {
    queries: n,
    success3: mean((o) => o.success3),
    ndcg10: mean((o) => o.ndcg10),
    zeroResultRate: mean((o) => (o.zeroResults ? 1 : 0)),
  };
}

/** A summary per query class that occurs (in QUERY_CLASSES order), then `all`. */
export function summarizeByClass(outcomes: readonly QueryOutcome[]): Array<[QueryClass | 'all', RelevanceSummary]> {
  const rows: Array<[QueryClass | 'all', RelevanceSummary]> = [];
  for (const queryClass of QUERY_CLASSES) {
    const inClass = outcomes.filter((o) => o.class === queryClass);
    if (inClass.length > 0) rows.push([queryClass, summarize(inClass)]);
  }
  rows.push(['all', summarize(outcomes)]);
  return rows;
}

/** What one query showed: the needs of its results in order, and its total (0 = nothing found). */
export interface Answer {
  ranking: RankedNeeds[];
  total: number;
}

/** Asks one query the way the search page does (first page, relevance order). */
export type Asker = (query: RelevanceQuery) => Promise<Answer>;

/** The engine alone: the query's words as typed, relevance order, first page. */
export function askEngine(engine: Pick<SearchEngine, 'search'>): Asker {
  return async (q) => {
    const response = await engine.search({ query: q.query, sort: 'relevance', limit: 10, facets: [] });
    return { ranking: response.hits.map((hit) => hit.document.needs), total: response.total };
  };
}

/**
 * Runs every query through `ask` and measures it. `pool` is the needs of every indexed listing
 * (for the ideal ranking). The contract has no locale, so `lang` only labels a query: both
 * languages go through the same request. An engine is asked as `askEngine` does.
 */
export async function measureQueries(
  ask: Asker | Pick<SearchEngine, 'search'>,
  queries: readonly RelevanceQuery[],
  pool: readonly RankedNeeds[],
): Promise<QueryOutcome[]> {
  const asker = typeof ask === 'function' ? ask : askEngine(ask);
  const outcomes: QueryOutcome[] = [];
  for (const q of queries) {
    const { ranking, total } = await asker(q);
    outcomes.push({
      class: q.class,
      success3: successAt(3, ranking, q.judgements),
      ndcg10: ndcgAt(10, ranking, pool, q.judgements),
      zeroResults: total === 0,
    });
  }
  return outcomes;
}
