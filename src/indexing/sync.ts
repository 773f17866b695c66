import neo4j from 'neo4j-driver';
import { changesAfter, listingFingerprints, pruneChanges } from '../../graph/changes';
import type { Executor } from '../../graph/executor';
import type { CandidateIndex } from '../../graph/match/candidates';
import { GraphWriter } from '../../graph/write';
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

/** A read model kept in step with the listings in the graph: the search index, the match candidate index. */
export interface ListingReadModel {
  readonly name: string;
  /** Rebuilds these companies' entries from the graph; a company no longer there leaves the model. */
  refresh(companySlugs: string[]): Promise<void>;
  /** Rebuilds the whole model from the graph; returns its number of entries. */
  rebuildAll(): Promise<number>;
}

export function searchReadModel(executor: Executor, engine: SearchEngine): ListingReadModel {
  return {
    name: `search:${engine.name}`,
    refresh: async (slugs) => {
      await syncCompanies(executor, engine, slugs);
    },
    rebuildAll: () => reindexAll(executor, engine),
  };
}

const PENDING_REINDEX = 'MATCH (r:ReindexRequest) WHERE r.completedAt IS NULL RETURN r.id AS id';
const COMPLETE_REINDEX = `
UNWIND $ids AS id
MATCH (r:ReindexRequest {id: id})
SET r.completedAt = datetime(), r.documents = $documents, r.engine = $engine`;

export interface FollowerOptions {
  /** The change-log position the read models were built at (lastChangeSeq before building them). */
  after: number;
  /** Fingerprints taken before the read models were built; the first reconciliation compares with these. */
  baseline?: Map<string, string>;
  /** How often the change log is read. */
  intervalMs?: number;
  /** How often the read models are reconciled against the graph's fingerprints. */
  reconcileMs?: number;
  /** Change-log entries older than this are pruned (hourly). */
  keepDays?: number;
  onError?: (error: unknown, phase: 'changes' | 'reconcile') => void;
  /** `rebuilt`: the read models were rebuilt whole (a reindex request, or a reconciliation that found much changed). */
  onApplied?: (event: { source: 'changes' | 'reconcile' | 'reindex'; companies: number; rebuilt?: boolean }) => void;
}

export interface Follower {
  /** Applies the changes logged since the last pass; returns how many companies were refreshed. */
  runOnce(): Promise<number>;
  /** Compares fingerprints with the last pass and refreshes what differs; returns the companies refreshed. */
  reconcile(): Promise<string[]>;
  stop(): void;
}

// Past this share of companies changed at once (a restore, a bulk import), one rebuild beats
// thousands of small refreshes.
const REBUILD_SHARE = 0.25;

/**
 * Keeps the read models in step with the graph. Every `intervalMs` it reads the change log
 * (graph/write.ts appends to it in the writing transaction, deletes included) and refreshes
 * the companies named there; a pending (:ReindexRequest) from `npm run reindex` rebuilds
 * everything. Every `reconcileMs` it compares each company's fingerprint with the last pass,
 * so writes that bypassed the log (an operator's Cypher, a restore) still reach the models.
 */
export function followGraphChanges(
  executor: Executor,
  models: readonly ListingReadModel[],
  options: FollowerOptions,
): Follower {
  const writer = new GraphWriter(executor);
  let after = options.after;
  let prints = options.baseline;
  let busy: Promise<unknown> = Promise.resolve();
  let lastPrune = 0;

  // One pass at a time, whichever timer started it.
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = busy.then(work, work);
    busy = next.catch(() => undefined);
    return next;
  };

  const refresh = async (slugs: string[]) => {
    for (const model of models) await model.refresh(slugs);
  };
  const rebuild = async () => {
    const entries: Record<string, number> = {};
    for (const model of models) entries[model.name] = await model.rebuildAll();
    return entries;
  };

  const applyReindexRequests = async (): Promise<boolean> => {
    const pending = await executor.read<{ id: string }>('search.pendingReindex', PENDING_REINDEX);
    if (pending.length === 0) return false;
    const entries = await rebuild();
    const search = Object.keys(entries).find((name) => name.startsWith('search:')) ?? '';
    await writer.run('search.completeReindex', COMPLETE_REINDEX, {
      ids: pending.map((request) => request.id),
      documents: neo4j.int(entries[search] ?? 0),
      engine: search.replace('search:', ''),
    });
    options.onApplied?.({ source: 'reindex', companies: -1, rebuilt: true });
    return true;
  };

  const runOnce = () =>
    exclusive(async () => {
      if (await applyReindexRequests()) return 0;
      let refreshed = 0;
      for (;;) {
        const changes = await changesAfter(executor, after);
        if (changes.length === 0) break;
        const companies = [...new Set(changes.map((change) => change.company))].sort();
        await refresh(companies);
        after = Math.max(...changes.map((change) => change.seq));
        refreshed += companies.length;
      }
      if (refreshed > 0) options.onApplied?.({ source: 'changes', companies: refreshed });
      if (Date.now() - lastPrune > 3_600_000) {
        lastPrune = Date.now();
        await pruneChanges(writer, options.keepDays ?? 7);
      }
      return refreshed;
    });

  const reconcile = () =>
    exclusive(async () => {
      const fresh = await listingFingerprints(executor);
      const previous = prints;
      prints = fresh;
      if (!previous) return [];
      const differ = new Set<string>();
      for (const [slug, print] of fresh) if (previous.get(slug) !== print) differ.add(slug);
      for (const slug of previous.keys()) if (!fresh.has(slug)) differ.add(slug);
      const slugs = [...differ].sort();
      if (slugs.length === 0) return slugs;
      const rebuilt = slugs.length > Math.max(50, fresh.size * REBUILD_SHARE);
      if (rebuilt) await rebuild();
      else await refresh(slugs);
      options.onApplied?.({ source: 'reconcile', companies: slugs.length, rebuilt });
      return slugs;
    });

  // While Neo4j is away each pass takes the driver's retries to fail; ticks queued behind it would
  // pile up for as long as the outage lasts and then all run at once, so a busy tick is skipped.
  const ticking = (pass: () => Promise<unknown>, phase: 'changes' | 'reconcile') => {
    let running = false;
    return () => {
      if (running) return;
      running = true;
      pass()
        .catch((error) => options.onError?.(error, phase))
        .finally(() => {
          running = false;
        });
    };
  };
  const changesTimer = setInterval(ticking(runOnce, 'changes'), options.intervalMs ?? 1_000);
  const reconcileTimer = setInterval(ticking(reconcile, 'reconcile'), options.reconcileMs ?? 300_000);
  changesTimer.unref();
  reconcileTimer.unref();
  return {
    runOnce,
    reconcile,
    stop: () => {
      clearInterval(changesTimer);
      clearInterval(reconcileTimer);
    },
  };
}

export function candidateReadModel(candidates: CandidateIndex): ListingReadModel {
  return {
    name: 'match:candidates',
    refresh: (slugs) => candidates.refresh(slugs),
    rebuildAll: () => candidates.loadAll(),
  };
}
