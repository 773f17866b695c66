import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../graph/executor';
import type { SearchResponse } from '../../../search/types';
import type { Services } from '../../services';
import { DemandGate } from '../../use-cases/demand-gate';
import { loadSearchPage } from './load';

const RESPONSE: SearchResponse = { hits: [], total: 0, facets: {} as SearchResponse['facets'], tookMs: 1 };

/** What the search page touches; the search and the taxonomy answer or fail as told. */
function servicesWhere(search: () => Promise<SearchResponse>, taxonomy: () => Promise<unknown>): Services {
  return {
    log: pino({ level: 'silent' }),
    demand: { record: () => {} },
    demandGate: new DemandGate(),
    search: { search },
    catalog: { taxonomy },
  } as unknown as Services;
}

const url = new URL('http://localhost/soeg?q=backup+til+kontoret&need=phishing');

describe('loadSearchPage when something is down', () => {
  it('answers 503 for a failing search engine, keeping what was asked', async () => {
    const services = servicesWhere(
      () => Promise.reject(new Error('connect ECONNREFUSED meilisearch:7700')),
      async () => ({ needs: [] }),
    );
    const outcome = await loadSearchPage(services, url);
    expect(outcome).toMatchObject({ status: 503, unavailable: 'search' });
    expect(outcome.state.query).toBe('backup til kontoret');
    expect(outcome.state.selected.need).toEqual(['phishing']);
  });

  it('answers 503 when Neo4j is unavailable, and 500 for anything else', async () => {
    const graphDown = servicesWhere(
      async () => RESPONSE,
      () => Promise.reject(new GraphError('Neo4j is unavailable (catalog.taxonomy)', 'GRAPH_UNAVAILABLE')),
    );
    expect(await loadSearchPage(graphDown, url)).toMatchObject({ status: 503, unavailable: 'graph' });
    const broken = servicesWhere(
      async () => RESPONSE,
      () => Promise.reject(new GraphError('Query catalog.taxonomy failed', 'GRAPH_QUERY')),
    );
    expect(await loadSearchPage(broken, url)).toMatchObject({ status: 500 });
  });
});
