/**
 * Request validation and the pieces of search semantics both engines must agree on: defaults, limits and filter
 * meaning (OR within a facet, AND across facets).
 */

import type { FacetName, SearchRequest, SearchSort } from './types';
import { FACETS, SEARCH_SORTS } from './types';

export const DEFAULT_LIMIT = 20;
/** Larger pages are cut to this; a directory UI never needs more and it bounds response size. */
export const MAX_LIMIT = 1000;

/** Thrown for a request that cannot be answered as asked (unknown facet, negative limit, NaN price, ...). */
export class SearchRequestError extends Error {
  override readonly name = 'SearchRequestError';
}

export interface NormalizedFilters {
  /** Only facets with at least one value; values are unique. */
  facets: Partial<Record<FacetName, readonly string[]>>;
  smeFit?: boolean;
  maxPrice?: number;
  companySlug?: string;
}

export interface NormalizedRequest {
  query: string;
  filters: NormalizedFilters;
  facets: readonly FacetName[];
  sort: SearchSort;
  limit: number;
  offset: number;
}

const FACET_SET: ReadonlySet<string> = new Set(FACETS);

function isFacetName(value: string): value is FacetName {
  return FACET_SET.has(value);
}

export function normalizeRequest(request: SearchRequest): NormalizedRequest {
  if (typeof request.query !== 'string') throw new SearchRequestError('query must be a string');
  const limit = request.limit ?? DEFAULT_LIMIT;
  const offset = request.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 0) throw new SearchRequestError('limit must be a non-negative integer');
  if (!Number.isInteger(offset) || offset < 0) throw new SearchRequestError('offset must be a non-negative integer');
  const sort = request.sort ?? 'relevance';
  if (!SEARCH_SORTS.includes(sort)) throw new SearchRequestError(`unknown sort: ${String(sort)}`);
  const facets = request.facets ?? FACETS;
  for (const facet of facets) {
    if (!isFacetName(facet)) throw new SearchRequestError(`unknown facet: ${String(facet)}`);
  }
  return {
    query: request.query.trim(),
    filters: normalizeFilters(request.filters),
    facets: [...new Set(facets)],
    sort,
    limit: Math.min(limit, MAX_LIMIT),
    offset,
  };
}

export function normalizeFilters(filters: SearchRequest['filters']): NormalizedFilters {
  const normalized: NormalizedFilters = { facets: {} };
  if (filters === undefined) return normalized;
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    if (key === 'smeFit') {
      if (typeof value !== 'boolean') throw new SearchRequestError('smeFit must be a boolean');
      normalized.smeFit = value;
    } else if (key === 'maxPrice') {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw new SearchRequestError('maxPrice must be a finite number');
      }
      normalized.maxPrice = value;
    } else if (key === 'companySlug') {
      if (typeof value !== 'string') throw new SearchRequestError('companySlug must be a string');
      normalized.companySlug = value;
    } else if (isFacetName(key)) {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw new SearchRequestError(`filter ${key} must be a list of strings`);
      }
      // An empty list means "no constraint" (nothing selected), not "match nothing".
      if (value.length > 0) normalized.facets[key] = [...new Set(value)];
    } else {
      // A misspelt filter silently widening the result would be worse than an error.
      throw new SearchRequestError(`unknown filter: ${key}`);
    }
  }
  return normalized;
}

export function emptyFacetCounts(): Record<FacetName, Record<string, number>> {
  const facets = {} as Record<FacetName, Record<string, number>>;
  for (const facet of FACETS) facets[facet] = {};
  return facets;
}
