import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Executor } from './executor';

/**
 * Anonymous demand signals for gap analysis: what SMEs asked for, where, in which sector and
 * size band, and which searches found nothing. No person, IP address, user agent or exact
 * time is stored: only the day.
 */
export interface DemandSignal {
  kind: 'match' | 'search';
  needs: string[];
  region: string | null;
  sector: string | null;
  sizeBand: string | null;
  results: number;
  /** Only for searches that found nothing, scrubbed of anything that could identify someone. */
  query: string | null;
}

const RECORD_DEMAND = `
CREATE (d:DemandSignal {id: $id, kind: $kind, day: date(), needs: $needs, region: $region, sector: $sector,
                        sizeBand: $sizeBand, results: $results, zeroResults: $results = 0, query: $query})
WITH d
UNWIND $needs AS slug
MATCH (n:Need {slug: slug})
CREATE (d)-[:FOR_NEED]->(n)`;

/** Keeps the words of a failed search but drops e-mail addresses, URLs and numbers (phone, CVR). */
export function scrubQuery(query: string): string | null {
  const scrubbed = query
    .replace(/\S+@\S+/g, ' ')
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\d+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .slice(0, 100);
  return scrubbed.length > 0 ? scrubbed : null;
}

export async function recordDemand(executor: Executor, signal: DemandSignal): Promise<void> {
  await executor.write('demand.record', RECORD_DEMAND, {
    id: randomUUID(),
    kind: signal.kind,
    needs: [...new Set(signal.needs)],
    region: signal.region,
    sector: signal.sector,
    sizeBand: signal.sizeBand,
    results: neo4j.int(signal.results),
    query: signal.results === 0 && signal.query ? scrubQuery(signal.query) : null,
  });
}

/**
 * A search counts as demand once, on its first page, and only when it asked for something
 * (words or filters); paging and bare browsing are not demand.
 */
export async function recordSearchDemand(
  executor: Executor,
  request: { query: string; offset?: number; filters?: { needs?: string[]; regions?: string[]; sizeBand?: string[] } },
  results: number,
): Promise<boolean> {
  const filters = request.filters ?? {};
  const asked = request.query.trim().length > 0 || (filters.needs?.length ?? 0) > 0;
  if ((request.offset ?? 0) > 0 || !asked) return false;
  await recordDemand(executor, {
    kind: 'search',
    needs: filters.needs ?? [],
    region: filters.regions?.length === 1 ? (filters.regions[0] ?? null) : null,
    sector: null,
    sizeBand: filters.sizeBand?.length === 1 ? (filters.sizeBand[0] ?? null) : null,
    results,
    query: request.query,
  });
  return true;
}
