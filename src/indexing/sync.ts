import neo4j from 'neo4j-driver';
import type { Executor } from '../../graph/executor';
import type { SearchDocument, SearchEngine } from '../../search/types';
import { readListingDocuments } from './documents';

/** Rebuilds the whole index from the graph; searches keep being served from the old index meanwhile. */
export async function reindexAll(executor: Executor, engine: SearchEngine): Promise<number> {
  const documents: SearchDocument[] = [];
  for await (const page of readListingDocuments(executor, null)) documents.push(...page);
  await engine.replaceAll(documents);
  return documents.length;
}

/**
 * Brings the listings of the given companies up to date without a full rebuild: their current
 * documents are upserted and documents of products they no longer offer (retired, removed) are
 * removed. A company that no longer exists loses its documents.
 */
export async function syncCompanies(
  executor: Executor,
  engine: SearchEngine,
  companySlugs: string[],
  previous: (slug: string) => Promise<string[]> = (slug) => indexedIdsOf(engine, slug),
): Promise<{ upserted: number; removed: number }> {
  if (companySlugs.length === 0) return { upserted: 0, removed: 0 };
  const current: SearchDocument[] = [];
  for await (const page of readListingDocuments(executor, companySlugs)) current.push(...page);
  const keep = new Set(current.map((document) => document.id));
  const stale: string[] = [];
  for (const slug of companySlugs) for (const id of await previous(slug)) if (!keep.has(id)) stale.push(id);
  if (current.length > 0) await engine.upsert(current);
  if (stale.length > 0) await engine.remove(stale);
  return { upserted: current.length, removed: stale.length };
}

async function indexedIdsOf(engine: SearchEngine, companySlug: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await engine.search({ query: '', filters: { companySlug }, facets: [], limit: 100, offset });
    ids.push(...page.hits.map((hit) => hit.document.id));
    if (page.hits.length < 100) return ids;
  }
}

const CHANGED_COMPANIES = `
MATCH (c:Company)
WHERE c.updatedAt > datetime($since)
   OR EXISTS { MATCH (c)-[:OFFERS]->(p:Product) WHERE p.updatedAt > datetime($since) }
RETURN c.slug AS slug ORDER BY slug`;

const PENDING_REINDEX = 'MATCH (r:ReindexRequest) WHERE r.completedAt IS NULL RETURN r.id AS id';
const COMPLETE_REINDEX = `
UNWIND $ids AS id
MATCH (r:ReindexRequest {id: id})
SET r.completedAt = datetime(), r.documents = $documents, r.engine = $engine`;

/**
 * Follows the graph for the search index and any other read model given (onCompaniesChanged).
 * A pending (:ReindexRequest), written by `npm run reindex`, triggers a full rebuild in this
 * process, which owns the embedded index; otherwise, every few seconds, companies (or their
 * products) changed since the last pass are re-synced. Any writer that stamps updatedAt reaches
 * the indexes this way.
 */
export function followGraphChanges(
  executor: Executor,
  engine: SearchEngine,
  options: {
    intervalMs?: number;
    since?: Date;
    onError?: (error: unknown) => void;
    onSync?: (n: number) => void;
    /** Other read models that follow the same changes (the match candidate index); null means everything. */
    onCompaniesChanged?: (slugs: string[] | null) => Promise<void>;
  } = {},
): { stop(): void; runOnce(): Promise<number> } {
  let since = (options.since ?? new Date()).toISOString();
  let running = false;
  const runOnce = async () => {
    if (running) return 0;
    running = true;
    try {
      const startedAt = new Date(Date.now() - 1_000).toISOString(); // a second of overlap covers clock skew
      const pending = await executor.read<{ id: string }>('search.pendingReindex', PENDING_REINDEX);
      if (pending.length > 0) {
        const documents = await reindexAll(executor, engine);
        await executor.write('search.completeReindex', COMPLETE_REINDEX, {
          ids: pending.map((request) => request.id),
          documents: neo4j.int(documents),
          engine: engine.name,
        });
        await options.onCompaniesChanged?.(null);
        since = startedAt;
        options.onSync?.(documents);
        return documents;
      }
      const rows = await executor.read<{ slug: string }>('search.changedCompanies', CHANGED_COMPANIES, { since });
      const slugs = rows.map((row) => row.slug);
      await syncCompanies(executor, engine, slugs);
      if (slugs.length > 0) await options.onCompaniesChanged?.(slugs);
      since = startedAt;
      if (rows.length > 0) options.onSync?.(rows.length);
      return rows.length;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => {
    runOnce().catch((error) => options.onError?.(error));
  }, options.intervalMs ?? 5_000);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
