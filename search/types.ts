/**
 * The one search interface. Two engines implement it: the embedded in-process engine
 * (default, used when MEILI_URL is unset) and Meilisearch (production).
 */

import type { FacetName, SearchDocument } from './document';

export type { DocumentKind, FacetName, SearchDocument } from './document';
export { DOCUMENT_KINDS, FACETS } from './document';

/** Within one facet the values are OR-ed; across facets they are AND-ed. */
export type SearchFilters = Partial<Record<FacetName, string[]>> & {
  smeFit?: boolean;
  maxPrice?: number;
  /** Only the listings of one company (used by incremental sync to find what it has indexed). */
  companySlug?: string;
};

export const SEARCH_SORTS = ['relevance', 'name', 'priceAsc', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchRequest {
  query: string;
  filters?: SearchFilters;
  /** Facets to count over the filtered result; default all of FACETS. */
  facets?: readonly FacetName[];
  sort?: SearchSort;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  document: SearchDocument;
  score: number;
}

export interface SearchResponse {
  hits: SearchHit[];
  /** Number of matching documents (exact for the embedded engine, Meilisearch's estimate or exact count). */
  total: number;
  facets: Record<FacetName, Record<string, number>>;
  tookMs: number;
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  /** Create the index with its settings if missing; idempotent. */
  ensureIndex(): Promise<void>;
  count(): Promise<number>;
  /** Insert or replace documents by id (incremental sync). */
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** Rebuild the whole index from `documents`; searches keep being served from the old index until the new one is complete. */
  replaceAll(documents: SearchDocument[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** True when the engine can answer queries. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
}
