import { LRUCache } from 'lru-cache';
import type { RecordShape } from 'neo4j-driver';
import type { Executor, Params } from '../executor';

/**
 * Answers of the analytics queries, kept until the data under them changes. The measures read
 * the whole published directory (a second at 10,000 companies) or months of the demand rollup,
 * while that data changes a few times a day (an approval, an import, the hourly rollup adding a
 * day): so an answer is kept with the version of the data it was computed from and given again
 * while the version is the same. The version is read with every question, in one cheap query:
 * - the listings' change sequence (graph/changes.ts): every write to published listings, by any
 *   server, moves it, as the search and matching indexes rely on;
 * - today's date: certifications expire and verifications age by the day;
 * - how many `DemandDay` and `DemandMiss` rows there are (counted from Neo4j's count store, not
 *   by scanning): the rollup only ever adds them, a whole day at a time.
 * A changed version misses every kept answer, which is then computed afresh; kept answers also
 * expire after ANSWER_TTL_MS, so anything the version does not see heals by itself.
 * Written here on top of lru-cache because when an answer is stale is a rule of this domain.
 */

/** The longest an answer is kept even when the data's version has not moved. */
export const ANSWER_TTL_MS = 15 * 60_000;
/** Rows kept at most over all answers of one executor, and the most one answer may have to be kept. */
const MAX_ROWS = 400_000;
const MAX_ANSWER_ROWS = 60_000;

const VERSION = `
OPTIONAL MATCH (s:ChangeSequence {id: 'listings'})
WITH coalesce(s.value, 0) AS seq
CALL () { MATCH (d:DemandDay) RETURN count(d) AS days }
CALL () { MATCH (x:DemandMiss) RETURN count(x) AS misses }
RETURN toString(seq) + ' ' + toString(date()) + ' ' + toString(days) + ' ' + toString(misses) AS version`;

interface Kept {
  version: string;
  rows: readonly unknown[];
}

const caches = new WeakMap<Executor, LRUCache<string, Kept>>();

function cacheOf(executor: Executor): LRUCache<string, Kept> {
  let cache = caches.get(executor);
  if (!cache) {
    cache = new LRUCache<string, Kept>({
      max: 1_000,
      maxSize: MAX_ROWS,
      maxEntrySize: MAX_ANSWER_ROWS,
      sizeCalculation: (kept) => Math.max(1, kept.rows.length),
      ttl: ANSWER_TTL_MS,
    });
    caches.set(executor, cache);
  }
  return cache;
}

const versionReads = new WeakMap<Executor, Promise<string>>();

/**
 * The version of the data the analytics read (see above). Questions asked together (the measures
 * of one GraphQL request or dashboard, resolved side by side) share one read in flight: each
 * measure read its own, half of a full analytics request's round trips. A question asked after
 * that read has finished reads again; one that joins a read in flight may miss a write committed
 * in the few milliseconds since that read began, as it could while its own read was in flight.
 */
export function analyticsVersion(executor: Executor): Promise<string> {
  let read = versionReads.get(executor);
  if (!read) {
    read = executor
      .read<{ version: string }>('analytics.version', VERSION)
      .then(([row]) => row?.version ?? '')
      .finally(() => versionReads.delete(executor));
    versionReads.set(executor, read);
  }
  return read;
}

/**
 * `executor.read(name, cypher, params)`, answered from the kept answers while the data's version
 * is the one it was computed from. The rows are shared and frozen: callers copy before changing.
 */
export async function cachedRead<T extends RecordShape = RecordShape>(
  executor: Executor,
  name: string,
  cypher: string,
  params: Params = {},
): Promise<T[]> {
  const cache = cacheOf(executor);
  const version = await analyticsVersion(executor);
  const key = `${name}\n${JSON.stringify(params, (_key, value) => (typeof value === 'bigint' ? String(value) : value))}\n${cypher}`;
  const kept = cache.get(key);
  if (kept && kept.version === version) return kept.rows as T[];
  // Frozen, so that a caller sorting or changing an answer in place fails loudly instead of
  // changing what the next caller is given.
  const rows = Object.freeze((await executor.read<T>(name, cypher, params)).map((row) => Object.freeze(row)));
  cache.set(key, { version, rows });
  return rows as T[];
}

/** Forgets every kept answer of the executor (the benchmark's cold runs). */
export function forgetAnalyticsAnswers(executor: Executor): void {
  caches.get(executor)?.clear();
}
