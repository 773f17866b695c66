import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { Executor } from './executor';
import { GraphWriter } from './write';

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
UNWIND $signals AS s
CREATE (d:DemandSignal {id: s.id, kind: s.kind, day: date(), needs: s.needs, region: s.region, sector: s.sector,
                        sizeBand: s.sizeBand, results: s.results, zeroResults: s.results = 0, query: s.query})
WITH d, s
CALL (d, s) {
  UNWIND s.needs AS slug
  MATCH (n:Need {slug: slug})
  CREATE (d)-[:FOR_NEED]->(n)
}`;

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

/**
 * A search counts as demand once, on its first page, and only when it asked for something
 * (words or needs); paging and bare browsing are not demand.
 */
export function searchDemand(
  request: { query: string; offset?: number; filters?: { needs?: string[]; regions?: string[]; sizeBand?: string[] } },
  results: number,
): DemandSignal | null {
  const filters = request.filters ?? {};
  const asked = request.query.trim().length > 0 || (filters.needs?.length ?? 0) > 0;
  if ((request.offset ?? 0) > 0 || !asked) return null;
  return {
    kind: 'search',
    needs: filters.needs ?? [],
    region: filters.regions?.length === 1 ? (filters.regions[0] ?? null) : null,
    sector: null,
    sizeBand: filters.sizeBand?.length === 1 ? (filters.sizeBand[0] ?? null) : null,
    results,
    query: request.query,
  };
}

/**
 * Collects signals and writes them in one batch every few seconds, so a visitor never waits for
 * a statistics write. A failed write keeps the batch for the next try (up to a cap).
 */
export class DemandRecorder {
  private pending: DemandSignal[] = [];
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly writer: GraphWriter;

  constructor(
    executor: Executor,
    private readonly options: { intervalMs?: number; maxPending?: number; onError?: (error: unknown) => void } = {},
  ) {
    this.writer = new GraphWriter(executor);
    this.timer = setInterval(() => {
      this.flush().catch((error) => this.options.onError?.(error));
    }, options.intervalMs ?? 2_000);
    this.timer.unref();
  }

  record(signal: DemandSignal | null): void {
    if (!signal) return;
    this.pending.push(signal);
    const cap = this.options.maxPending ?? 10_000;
    if (this.pending.length > cap) this.pending.splice(0, this.pending.length - cap);
  }

  /** Writes everything recorded so far. */
  async flush(): Promise<void> {
    await this.flushing;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    this.flushing = this.write(batch).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async write(batch: DemandSignal[]): Promise<void> {
    try {
      await this.writer.run('demand.record', RECORD_DEMAND, {
        signals: batch.map((signal) => ({
          id: randomUUID(),
          kind: signal.kind,
          needs: [...new Set(signal.needs)],
          region: signal.region,
          sector: signal.sector,
          sizeBand: signal.sizeBand,
          results: neo4j.int(signal.results),
          query: signal.results === 0 && signal.query ? scrubQuery(signal.query) : null,
        })),
      });
    } catch (error) {
      this.pending.unshift(...batch);
      throw error;
    }
  }
}
