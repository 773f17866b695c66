import { pino } from 'pino';
import { createSearchEngine } from '../../search/engine';
import { reindexAll } from '../../search/sync';
import { loadConfig } from '../../src/config';
import { assembleServices } from '../../src/runtime';
import { testExecutor } from './graph';

/** The GraphQL API over the suite's Neo4j, with an embedded search index built from it. */
export async function testApi(env: Record<string, string> = {}) {
  const executor = testExecutor();
  const search = createSearchEngine({});
  await search.ensureIndex();
  await reindexAll(executor, search);
  const { services } = await assembleServices({
    config: loadConfig({ NODE_ENV: 'test', ...env }),
    log: pino({ level: 'silent' }),
    executor,
    search,
    // Only explicit flushes, so that a background write never lands inside a round-trip count.
    demandFlushMs: 3_600_000,
  });
  async function query<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
    const response = await services.graphql(
      new Request('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: document, variables }),
      }),
    );
    return (await response.json()) as never;
  }
  return { services, query };
}
