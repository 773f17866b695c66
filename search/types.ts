/**
 * The one search interface. Two engines implement it: the embedded in-process engine
 * (default, used when MEILI_URL is unset) and Meilisearch (production).
 */

export type DocumentKind = 'company' | 'product';

/** A searchable listing: one per company and one per product/service. */
export interface SearchDocument {
  /** `company:<slug>` or `product:<slug>`; the engine's primary key. */
  id: string;
  kind: DocumentKind;
  slug: string;
  name: string;
  /** The company that owns the listing (for a company, itself). */
  companySlug: string;
  companyName: string;
  descriptionDa: string;
  descriptionEn: string;
  /** Curated words that reach this listing: need names and keywords, category names, synonyms (da + en). */
  keywords: string[];
  /** Facets. Each is a list of codes/slugs so that filters and counts work the same on both engines. */
  needs: string[];
  categories: string[];
  csfFunctions: string[];
  certifications: string[];
  regions: string[];
  municipalities: string[];
  sizeBand: string;
  languages: string[];
  /** Lowest listed price in DKK, or null when priced on request. */
  priceFrom: number | null;
  smeFit: boolean;
  /** Epoch milliseconds of the last change; used for sorting by newest. */
  updatedAt: number;
}

export const FACETS = [
  'kind',
  'needs',
  'categories',
  'csfFunctions',
  'certifications',
  'regions',
  'municipalities',
  'sizeBand',
  'languages',
] as const;
export type FacetName = (typeof FACETS)[number];

/** Within one facet the values are OR-ed; across facets they are AND-ed. */
export type SearchFilters = Partial<Record<FacetName, string[]>> & {
  smeFit?: boolean;
  maxPrice?: number;
  /** Only the listings of one company (used by incremental sync to find what it has indexed). */
  companySlug?: string;
};

export type SearchSort = 'relevance' | 'name' | 'priceAsc' | 'newest';

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
