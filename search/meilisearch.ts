/**
 * Meilisearch engine (production), on the official `meilisearch` JS client (0.62).
 *
 * What this adapter does on top of a plain client: one settings constant shared by every index it creates, document
 * ids encoded into Meilisearch's allowed alphabet, search aliases (compound parts, ae/oe/aa spellings) that the
 * embedded engine gets from its tokenizer, filters rendered with quoted/escaped values, and `replaceAll` as a
 * build-then-swap so searches never see a half-built index. Writes are serialised in-process for the same reason as
 * in the embedded engine: an upsert that raced a replaceAll would otherwise land in the index about to be swapped out.
 */

import type { EnqueuedTaskPromise, Hit, SearchParams, Settings, Task, WaitOptions } from 'meilisearch';
import { Meilisearch } from 'meilisearch';
import {
  assertSearchDocument,
  DOCUMENT_FIELDS,
  FILTER_FIELDS,
  LIST_FIELDS,
  SORT_FIELDS,
  TEXT_FIELD_BOOSTS,
  TEXT_FIELDS,
} from './document';
import type { NormalizedFilters } from './request';
import { emptyFacetCounts, normalizeFilters, normalizeRequest } from './request';
import { meilisearchSynonyms, STOP_WORDS, searchAliases } from './text';
import type { SearchDocument, SearchEngine, SearchFilters, SearchRequest, SearchResponse, SearchSort } from './types';
import { FACETS } from './types';

export const MEILI_DEFAULT_INDEX_UID = 'cyberkort';
/** Documents per add-documents request; keeps payloads around a megabyte. */
export const MEILI_BATCH_SIZE = 1000;

/** The stored fields returned with hits: everything in SearchDocument, not the derived `searchAliases`. */
export const MEILI_DISPLAYED_ATTRIBUTES: readonly string[] = DOCUMENT_FIELDS;

/** Text fields in rank order, the highest boost first (a stable sort keeps equal boosts in schema order). */
const RANKED_TEXT_FIELDS = [...TEXT_FIELDS].sort((a, b) => TEXT_FIELD_BOOSTS[b] - TEXT_FIELD_BOOSTS[a]);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Index settings, applied by ensureIndex and to every temporary index built by replaceAll.
 * - searchableAttributes in rank order: the text fields by their boost (as in the embedded engine), then aliases;
 * - rankingRules put `sort` first so an explicit sort (name, price, newest) is a strict order, not a tie-breaker
 *   after relevance; without a sort parameter the rule does nothing;
 * - typo thresholds 5/9 are Meilisearch's defaults, stated so the two engines are visibly configured alike;
 * - localizedAttributes tells Meilisearch which language each description is written in, instead of relying on
 *   per-document language detection of short texts.
 */
export const MEILI_INDEX_SETTINGS: Settings = deepFreeze({
  searchableAttributes: [...RANKED_TEXT_FIELDS, 'searchAliases'],
  displayedAttributes: [...MEILI_DISPLAYED_ATTRIBUTES],
  filterableAttributes: [...FACETS, ...FILTER_FIELDS],
  sortableAttributes: [...SORT_FIELDS],
  rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
  synonyms: meilisearchSynonyms(),
  stopWords: [...STOP_WORDS],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  // Municipalities are the largest facet (98 in Denmark); 1000 leaves room without truncating counts.
  faceting: { maxValuesPerFacet: 1000 },
  // Lets totals be exact (page/hitsPerPage) and browsing reach every listing, up to twice today's largest estimate.
  pagination: { maxTotalHits: 250_000 },
  localizedAttributes: [
    { attributePatterns: ['descriptionDa'], locales: ['dan'] },
    { attributePatterns: ['descriptionEn'], locales: ['eng'] },
  ],
});

/** Meilisearch document: the SearchDocument with an encoded id and the derived aliases. */
export interface MeiliDocument extends Omit<SearchDocument, 'id'> {
  id: string;
  searchAliases: string[];
}

const READABLE_ID = /^(company|product):([A-Za-z0-9-]+)$/;

/**
 * Meilisearch ids may only contain A–Z, a–z, 0–9, "-" and "_", so "company:acme" cannot be stored as is.
 * Ordinary ids become "company_acme"; anything else is base64url under an "x_" prefix (no collision: the readable
 * form never has a second "_" and always starts with the kind).
 */
export function toMeiliId(id: string): string {
  const match = READABLE_ID.exec(id);
  if (match !== null) return `${match[1]}_${match[2]}`;
  return `x_${Buffer.from(id, 'utf8').toString('base64url')}`;
}

export function fromMeiliId(meiliId: string): string {
  if (meiliId.startsWith('x_')) return Buffer.from(meiliId.slice(2), 'base64url').toString('utf8');
  const separator = meiliId.indexOf('_');
  return `${meiliId.slice(0, separator)}:${meiliId.slice(separator + 1)}`;
}

export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  return {
    ...doc,
    id: toMeiliId(doc.id),
    searchAliases: searchAliases(TEXT_FIELDS.flatMap((field) => doc[field])),
  };
}

/** A hit back as the document it was made from: only the document's fields, with the original id. */
function fromMeiliHit(hit: Hit<MeiliDocument>): SearchDocument {
  // A field the stored document lacks (indexed before the field existed) reads as empty, or as priced on request.
  const document: Record<string, unknown> = { priceFrom: null };
  for (const field of LIST_FIELDS) document[field] = [];
  for (const field of DOCUMENT_FIELDS) {
    const value = hit[field];
    if (value !== undefined && value !== null) document[field] = value;
  }
  document.id = fromMeiliId(hit.id);
  return document as SearchDocument;
}

/**
 * A string literal in Meilisearch's filter syntax: double-quoted, with backslash and double quote escaped. Values
 * are never pasted into an expression any other way.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Numbers as plain decimals: exponent notation ("1e+21") is not a valid filter token. */
function formatFilterNumber(value: number): string {
  const clamped = Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value));
  return Number.isInteger(clamped) ? clamped.toFixed(0) : String(clamped);
}

/** Filter expression: `facet IN [...]` per facet (OR within), joined with AND across facets and conditions. */
export function buildMeiliFilter(filters: SearchFilters | undefined): string | undefined {
  return renderFilter(normalizeFilters(filters));
}

function renderFilter(filters: NormalizedFilters): string | undefined {
  const conditions: string[] = [];
  for (const facet of FACETS) {
    const values = filters.facets[facet];
    if (values !== undefined) conditions.push(`${facet} IN [${values.map(quoteFilterValue).join(', ')}]`);
  }
  if (filters.smeFit !== undefined) conditions.push(`smeFit = ${String(filters.smeFit)}`);
  if (filters.maxPrice !== undefined) conditions.push(`priceFrom <= ${formatFilterNumber(filters.maxPrice)}`);
  if (filters.companySlug !== undefined) conditions.push(`companySlug = ${quoteFilterValue(filters.companySlug)}`);
  return conditions.length > 0 ? conditions.join(' AND ') : undefined;
}

/** Sort parameter; ties are broken by name so the order is the same on both engines. */
export function buildMeiliSort(sort: SearchSort): string[] | undefined {
  switch (sort) {
    case 'relevance':
      return undefined;
    case 'name':
      return ['name:asc'];
    case 'priceAsc':
      return ['priceFrom:asc', 'name:asc'];
    case 'newest':
      return ['updatedAt:desc'];
  }
}

/**
 * Pagination: page/hitsPerPage when the offset is a multiple of the limit, because only that mode returns an exact
 * `totalHits`; otherwise offset/limit, whose `estimatedTotalHits` is an estimate.
 */
export function buildMeiliPagination(
  offset: number,
  limit: number,
): Pick<SearchParams, 'page' | 'hitsPerPage' | 'offset' | 'limit'> {
  if (limit === 0) return { page: 1, hitsPerPage: 0 };
  if (offset % limit === 0) return { page: offset / limit + 1, hitsPerPage: limit };
  return { offset, limit };
}

export function buildMeiliSearchParams(request: SearchRequest): { q: string; params: SearchParams } {
  const normalized = normalizeRequest(request);
  const params: SearchParams = {
    ...buildMeiliPagination(normalized.offset, normalized.limit),
    // Every query word must match (through typos, synonyms or prefix), as in the embedded engine.
    matchingStrategy: 'all',
    showRankingScore: true,
  };
  const filter = renderFilter(normalized.filters);
  if (filter !== undefined) params.filter = filter;
  const sort = buildMeiliSort(normalized.sort);
  if (sort !== undefined) params.sort = sort;
  if (normalized.facets.length > 0) params.facets = [...normalized.facets];
  return { q: normalized.query, params };
}

/** A Meilisearch task that finished in any state but "succeeded". */
export class MeilisearchTaskError extends Error {
  override readonly name = 'MeilisearchTaskError';
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? 'no error message'}`);
  }
}

function errorCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/** `totalHits` (exact, page mode) or `estimatedTotalHits` (offset mode); which one depends on the request. */
function totalOf(response: { totalHits?: number; estimatedTotalHits?: number }, fallback: number): number {
  return response.totalHits ?? response.estimatedTotalHits ?? fallback;
}

export interface MeilisearchEngineOptions {
  url: string;
  apiKey?: string;
  indexUid?: string;
  /** A preconfigured client (tests, shared connection settings); `url` and `apiKey` are then ignored. */
  client?: Meilisearch;
  batchSize?: number;
  /** How long to wait for one task (index creation, settings, one batch, swap); default 5 minutes. */
  taskTimeoutMs?: number;
  /** Task polling interval; default 50 ms. */
  taskPollMs?: number;
}

const INDEX_UID = /^[A-Za-z0-9_-]{1,200}$/;

class MeilisearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly uid: string;
  private readonly batchSize: number;
  private readonly wait: WaitOptions;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(options: MeilisearchEngineOptions) {
    this.uid = options.indexUid ?? MEILI_DEFAULT_INDEX_UID;
    // The temporary index appends "_tmp_<timestamp>", which must stay a valid uid as well.
    if (!INDEX_UID.test(this.uid)) throw new Error(`invalid Meilisearch index uid: ${this.uid}`);
    this.batchSize = options.batchSize ?? MEILI_BATCH_SIZE;
    this.wait = { timeout: options.taskTimeoutMs ?? 300_000, interval: options.taskPollMs ?? 50 };
    this.client =
      options.client ??
      new Meilisearch({
        host: options.url,
        ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
        defaultWaitOptions: this.wait,
      });
  }

  ensureIndex(): Promise<void> {
    return this.serialize(() => this.ensureIndexNow());
  }

  async count(): Promise<number> {
    const stats = await this.client.index(this.uid).getStats();
    return stats.numberOfDocuments;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    const docs = this.prepare(documents);
    await this.serialize(() => this.addDocuments(this.uid, docs));
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const meiliIds = ids.map(toMeiliId);
    await this.serialize(async () => {
      await this.succeeded(this.client.index(this.uid).deleteDocuments(meiliIds));
    });
  }

  async replaceAll(documents: SearchDocument[]): Promise<void> {
    const docs = this.prepare(documents);
    await this.serialize(async () => {
      // The live index must exist for a plain two-way swap (older servers have no "rename" swap).
      await this.ensureIndexNow();
      const temporary = `${this.uid}_tmp_${Date.now()}`;
      try {
        await this.succeeded(this.client.createIndex(temporary, { primaryKey: 'id' }));
        await this.succeeded(this.client.index(temporary).updateSettings(MEILI_INDEX_SETTINGS));
        await this.addDocuments(temporary, docs);
        await this.succeeded(this.client.swapIndexes([{ indexes: [this.uid, temporary], rename: false }]));
      } catch (error) {
        // Never leave a half-built index behind; the live index was not touched before the swap.
        await this.client.deleteIndexIfExists(temporary).catch(() => false);
        throw error;
      }
      // After the swap the temporary uid holds the previous contents.
      await this.succeeded(this.client.deleteIndex(temporary));
    });
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now();
    const { q, params } = buildMeiliSearchParams(request);
    const response = await this.client.index<MeiliDocument>(this.uid).search(q, params);
    const facets = emptyFacetCounts();
    for (const facet of params.facets ?? []) {
      const distribution = response.facetDistribution?.[facet];
      if (distribution !== undefined && FACETS.includes(facet as (typeof FACETS)[number])) {
        facets[facet as (typeof FACETS)[number]] = { ...distribution };
      }
    }
    return {
      hits: response.hits.map((hit) => ({ document: fromMeiliHit(hit), score: hit._rankingScore ?? 0 })),
      total: totalOf(response, response.hits.length),
      facets,
      tookMs: performance.now() - started,
    };
  }

  async isReady(): Promise<boolean> {
    return this.client.isHealthy();
  }

  async close(): Promise<void> {
    // The client holds no connection of its own (it uses fetch); only let queued writes finish.
    await this.writes;
  }

  private async ensureIndexNow(): Promise<void> {
    try {
      await this.client.getRawIndex(this.uid);
    } catch (error) {
      if (errorCode(error) !== 'index_not_found') throw error;
      // Another process may create it at the same moment; that is fine.
      await this.succeeded(this.client.createIndex(this.uid, { primaryKey: 'id' }), 'index_already_exists');
    }
    await this.succeeded(this.client.index(this.uid).updateSettings(MEILI_INDEX_SETTINGS));
  }

  private async addDocuments(uid: string, docs: readonly MeiliDocument[]): Promise<void> {
    const index = this.client.index<MeiliDocument>(uid);
    // Enqueue every batch first: Meilisearch processes them in order (and merges them) while we wait.
    const tasks: EnqueuedTaskPromise[] = [];
    for (let i = 0; i < docs.length; i += this.batchSize) {
      tasks.push(index.addDocuments(docs.slice(i, i + this.batchSize), { primaryKey: 'id' }));
    }
    for (const task of tasks) await this.succeeded(task);
  }

  private async succeeded(enqueued: EnqueuedTaskPromise, tolerated?: string): Promise<Task> {
    const task = await enqueued.waitTask(this.wait);
    if (task.status !== 'succeeded' && !(tolerated !== undefined && task.error?.code === tolerated)) {
      throw new MeilisearchTaskError(task);
    }
    return task;
  }

  private prepare(documents: readonly SearchDocument[]): MeiliDocument[] {
    // Validate all before sending anything, so a bad document cannot leave a batch half applied.
    for (const doc of documents) assertSearchDocument(doc);
    return documents.map(toMeiliDocument);
  }

  private serialize(task: () => Promise<void>): Promise<void> {
    const run = this.writes.then(task);
    this.writes = run.catch(() => undefined);
    return run;
  }
}

export function createMeilisearchEngine(options: MeilisearchEngineOptions): SearchEngine {
  return new MeilisearchEngine(options);
}
