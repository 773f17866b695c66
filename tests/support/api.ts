import { pino } from 'pino';
import { Catalog } from '../../graph/catalog';
import { createSearchEngine } from '../../search/engine';
import { reindexAll } from '../../search/sync';
import { createGraphQLServer } from '../../src/api/yoga';
import { loadConfig } from '../../src/config';
import { testExecutor } from './graph';

/** The GraphQL server over the suite's Neo4j, with an embedded search index built from it. */
export async function testApi(env: Record<string, string> = {}) {
  const executor = testExecutor();
  const search = createSearchEngine({});
  await search.ensureIndex();
  await reindexAll(executor, search);
  const services = {
    config: loadConfig({ NODE_ENV: 'test', ...env }),
    log: pino({ level: 'silent' }),
    executor,
    catalog: new Catalog(executor),
    search,
  };
  const yoga = createGraphQLServer(services);
  async function query<T = Record<string, unknown>>(
    document: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    });
    return (await response.json()) as never;
  }
  return { yoga, services, query };
}
