import { lastChangeSeq } from '../../graph/changes';
import type { Viewer } from '../../src/auth/viewer';
import { candidateReadModel, type Follower, followGraphChanges, searchReadModel } from '../../src/indexing/sync';
import { servicesOver } from '../../src/services';
import { testExecutor } from './graph';

/**
 * The production budget of a GraphQL request (src/config.ts), which the files about limits and
 * timeouts ask for: their heaviest operations must end within it, or answer TIMEOUT.
 */
export const PRODUCTION_GRAPHQL_TIMEOUT = { GRAPHQL_TIMEOUT_MS: '10000' };

/**
 * The GraphQL API over the suite's Neo4j, with an embedded search index built from it.
 * Requests get 30 s (Neo4j's own limit per transaction here), not production's 10 s: these files
 * check what a request answers, not how fast, and while a neighbouring file's operations at the
 * cost limit keep Neo4j busy, a one-company read inside an approval took 5 s on a loaded machine.
 */
export async function testApi(env: Record<string, string> = {}) {
  const services = await servicesOver(testExecutor(), {
    env: { NODE_ENV: 'test', GRAPHQL_TIMEOUT_MS: '30000', ...env },
    // Only explicit flushes, so that a background write never lands inside a round-trip count.
    demandFlushMs: 3_600_000,
  });
  /** `as` is who asks, as the HTTP server would pass it from a session or token; anonymous when absent. */
  async function query<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
    as?: Viewer,
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
    const response = await services.graphql(
      new Request('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, variables }),
      }),
      // As the HTTP server would pass it for a person's request, so demand is counted as in production.
      {
        visitor: { address: '192.0.2.50', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0', channel: 'api' },
        viewer: as,
      },
    );
    return (await response.json()) as never;
  }
  return { services, query };
}

/**
 * Follows the graph's changes from now on into the services' search index and matcher, as the
 * server does, every 200 ms (no reconciling sweep during a test). Stop it in afterAll.
 */
export async function followIntoReadModels(services: Awaited<ReturnType<typeof servicesOver>>): Promise<Follower> {
  return followGraphChanges(
    services.executor,
    [searchReadModel(services.executor, services.search), candidateReadModel(services.matcher.candidates)],
    { after: await lastChangeSeq(services.executor), intervalMs: 200, reconcileMs: 3_600_000 },
  );
}
