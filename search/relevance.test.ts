import { describe, expect, it } from 'vitest';
import {
  dcg,
  gain,
  measureQueries,
  ndcgAt,
  type QueryOutcome,
  relevanceSetSchema,
  successAt,
  summarize,
  summarizeByClass,
} from './relevance';
import type { SearchRequest, SearchResponse } from './types';

// Worked by hand: a is what the query means (2), b is related (1), c is not judged.
const judged = { a: 2, b: 1 } as const;
// Gains in the index: a, a, b, c, a+b → 2, 2, 1, 0, 2; ideal top 10 = [2, 2, 2, 1].
const pool = [['a'], ['a'], ['b'], ['c'], ['a', 'b']];
// IDCG = 2/log2(2) + 2/log2(3) + 2/log2(4) + 1/log2(5) = 2 + 1.261860 + 1 + 0.430677 = 4.692537
const IDCG = 4.692537;

describe('gain', () => {
  it('is the best grade among a result’s needs, 0 when none is judged', () => {
    expect(gain(['c', 'b'], judged)).toBe(1);
    expect(gain(['b', 'a'], judged)).toBe(2);
    expect(gain(['c'], judged)).toBe(0);
    expect(gain([], judged)).toBe(0);
  });
});

describe('successAt', () => {
  it('counts a result with a grade-2 need among the first k, not a related one', () => {
    const ranking = [['c'], ['b'], ['a', 'b']];
    expect(successAt(3, ranking, judged)).toBe(1);
    expect(successAt(2, ranking, judged)).toBe(0);
    expect(successAt(3, [['b'], ['b'], ['c'], ['a']], judged)).toBe(0);
    expect(successAt(3, [], judged)).toBe(0);
  });

  it('uses grade 1 as the top grade for a broad query that judged only related needs', () => {
    expect(successAt(3, [['z'], ['y']], { x: 1, y: 1 })).toBe(1);
    expect(successAt(3, [['z'], ['w']], { x: 1, y: 1 })).toBe(0);
  });
});

describe('dcg and ndcgAt', () => {
  it('discounts by log2(rank + 1)', () => {
    // 3/1 + 2/log2(3) + 0 + 1/log2(5) = 3 + 1.261860 + 0.430677
    expect(dcg([3, 2, 0, 1], 10)).toBeCloseTo(4.692537, 5);
    expect(dcg([3, 2, 0, 1], 2)).toBeCloseTo(4.26186, 5);
  });

  it('divides by the ideal drawn from every listing’s gain', () => {
    // DCG = 0/1 + 1/log2(3) + 2/log2(4) = 0.630930 + 1 = 1.630930; / 4.692537 = 0.347558
    expect(ndcgAt(10, [['c'], ['b'], ['a', 'b']], pool, judged)).toBeCloseTo(1.63093 / IDCG, 5);
    expect(ndcgAt(10, [['c'], ['b'], ['a', 'b']], pool, judged)).toBeCloseTo(0.347558, 5);
    expect(ndcgAt(10, [['a'], ['a'], ['a', 'b'], ['b']], pool, judged)).toBeCloseTo(1, 10);
    expect(ndcgAt(10, [], pool, judged)).toBe(0);
  });

  it('cuts both the ranking and the ideal at k', () => {
    // k = 1: ranking gain 1 against ideal 2.
    expect(ndcgAt(1, [['b'], ['a']], pool, judged)).toBeCloseTo(0.5, 10);
  });

  it('is NaN when no listing in the index has a judged need', () => {
    expect(ndcgAt(10, [['c']], [['c']], judged)).toBeNaN();
  });
});

describe('summaries', () => {
  const outcomes: QueryOutcome[] = [
    { class: 'plain', success3: 1, ndcg10: 0.5, zeroResults: false },
    { class: 'plain', success3: 0, ndcg10: 0, zeroResults: true },
    { class: 'urgent', success3: 1, ndcg10: 1, zeroResults: false },
  ];

  it('averages success, nDCG and zero results', () => {
    expect(summarize(outcomes)).toEqual({ queries: 3, success3: 2 / 3, ndcg10: 0.5, zeroResultRate: 1 / 3 });
  });

  it('groups by class in the set’s class order, then all', () => {
    const rows = summarizeByClass(outcomes);
    expect(rows.map(([name]) => name)).toEqual(['plain', 'urgent', 'all']);
    expect(rows[0]?.[1]).toEqual({ queries: 2, success3: 0.5, ndcg10: 0.25, zeroResultRate: 0.5 });
  });
});

describe('measureQueries', () => {
  it('asks the engine for the first ten in relevance order and measures the answer', async () => {
    const asked: SearchRequest[] = [];
    const engine = {
      async search(request: SearchRequest): Promise<SearchResponse> {
        asked.push(request);
        const needs = request.query === 'found' ? [['c'], ['b'], ['a', 'b']] : [];
        return {
          hits: needs.map((n, i) => ({ document: { needs: n } as never, score: 1 - i / 10 })),
          total: needs.length,
          facets: {} as SearchResponse['facets'],
          tookMs: 0,
        };
      },
    };
    const outcomes = await measureQueries(
      engine,
      [
        { query: 'found', lang: 'da', class: 'plain', judgements: judged },
        { query: 'nothing', lang: 'en', class: 'broad', judgements: judged },
      ],
      pool,
    );
    expect(asked.map((r) => [r.query, r.limit, r.sort])).toEqual([
      ['found', 10, 'relevance'],
      ['nothing', 10, 'relevance'],
    ]);
    expect(outcomes[0]).toMatchObject({ class: 'plain', success3: 1, zeroResults: false });
    expect(outcomes[0]?.ndcg10).toBeCloseTo(0.347558, 5);
    expect(outcomes[1]).toEqual({ class: 'broad', success3: 0, ndcg10: 0, zeroResults: true });
  });
});

describe('relevanceSetSchema', () => {
  it('rejects a query without judgements, an unknown class or a grade other than 1 or 2', () => {
    const base = { query: 'backup', lang: 'da', class: 'plain', judgements: { a: 2 } };
    expect(relevanceSetSchema.safeParse({ queries: [base] }).success).toBe(true);
    expect(relevanceSetSchema.safeParse({ queries: [{ ...base, judgements: {} }] }).success).toBe(false);
    expect(relevanceSetSchema.safeParse({ queries: [{ ...base, class: 'other' }] }).success).toBe(false);
    expect(relevanceSetSchema.safeParse({ queries: [{ ...base, judgements: { a: 3 } }] }).success).toBe(false);
  });
});
