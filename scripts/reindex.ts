import { randomUUID } from 'node:crypto';
import type { Executor } from '../graph/executor';
import { GraphWriter } from '../graph/write';
import { createSearchEngine } from '../search/engine';
import { loadConfig } from '../src/config';
import { reindexAll } from '../src/indexing/sync';
import { connectGraph } from './graph-connection';

/**
 * `npm run reindex`: a full rebuild of the search index from Neo4j.
 * With Meilisearch (MEILI_URL) it rebuilds here, with a zero-downtime index swap. The embedded
 * engine lives inside the running server, so then it asks that server through the graph (a
 * (:ReindexRequest) node its change follower picks up) and waits for the answer.
 */
const REQUEST = 'CREATE (:ReindexRequest {id: $id, requestedAt: datetime()})';
const STATUS = 'MATCH (r:ReindexRequest {id: $id}) RETURN r.completedAt IS NOT NULL AS done, r.documents AS documents';

async function viaServer(executor: Executor): Promise<string> {
  const id = randomUUID();
  await new GraphWriter(executor).run('reindex.request', REQUEST, { id });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [status] = await executor.read<{ done: boolean; documents: number | null }>('reindex.status', STATUS, { id });
    if (status?.done) return `the server rebuilt its embedded index: ${status.documents} documents`;
  }
  throw new Error('The running server did not pick up the reindex request within 2 minutes. Is it running?');
}

async function main() {
  const config = loadConfig();
  const executor = await connectGraph(config);
  try {
    await executor.driver.verifyConnectivity().catch((error: unknown) => {
      throw new Error(
        `Cannot reach Neo4j (${error instanceof Error ? error.message : error}). Start Cyberkort with "npm start" first, or set NEO4J_URI.`,
      );
    });
    const started = performance.now();
    if (!config.MEILI_URL) {
      console.log(await viaServer(executor));
    } else {
      const engine = createSearchEngine({
        meiliUrl: config.MEILI_URL,
        meiliMasterKey: config.MEILI_MASTER_KEY,
        indexUid: config.MEILI_INDEX,
      });
      try {
        await engine.ensureIndex();
        console.log(`reindexed ${await reindexAll(executor, engine)} documents into Meilisearch`);
      } finally {
        await engine.close();
      }
    }
    console.log(`took ${Math.round(performance.now() - started)} ms`);
  } finally {
    await executor.driver.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
