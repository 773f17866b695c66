import { createExecutor } from '../graph/executor';
import { createSearchEngine } from '../search/engine';
import { reindexAll } from '../search/sync';
import { ConfigError, loadConfig } from '../src/config';

/**
 * `npm run reindex`: rebuilds the search index from Neo4j with a zero-downtime swap.
 * Needs a running graph (NEO4J_URI) and, for Meilisearch, MEILI_URL. The embedded engine
 * lives inside the server process, which builds its index at start, so this is for Meilisearch
 * or for checking that documents build.
 */
async function main() {
  const config = loadConfig();
  if (!config.NEO4J_URI) {
    throw new ConfigError(['NEO4J_URI is required: reindex reads from a running Neo4j (npm start runs its own)']);
  }
  const executor = createExecutor({
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
  });
  const engine = createSearchEngine({
    meiliUrl: config.MEILI_URL,
    meiliMasterKey: config.MEILI_MASTER_KEY,
    indexUid: config.MEILI_INDEX,
  });
  try {
    const started = performance.now();
    await engine.ensureIndex();
    const documents = await reindexAll(executor, engine);
    console.log(`reindexed ${documents} documents into ${engine.name} in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await engine.close();
    await executor.driver.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
