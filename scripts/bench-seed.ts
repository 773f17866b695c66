import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createExecutor } from '../graph/executor';
import { seedAll } from '../graph/load';
import { freePort } from '../graph/local-neo4j/free-port';
import { startLocalNeo4j } from '../graph/local-server';
import { migrate } from '../graph/migrations';
import { intArg, SAMPLE_SEED } from './bench/graph';

/**
 * `npm run bench:seed -- --companies 10000`: seeds a fresh local Neo4j twice (the second run
 * shows idempotency and its cost) and prints time, this process's peak memory and the counts. It
 * seeds what `npm run seed -- --companies N` seeds (same generator, seed and products per company).
 */
const companies = intArg('companies', 300);
const dataDir = await mkdtemp(path.join(tmpdir(), 'cyberkort-bench-seed-'));
const local = await startLocalNeo4j({ port: await freePort(), dataDir });
const executor = createExecutor({ uri: local.uri, user: local.user, password: local.password, database: 'neo4j' });
const COUNTS = `RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships,
  COUNT { MATCH (:Company) } AS companies, COUNT { MATCH (:Product) } AS products`;

try {
  await migrate(executor);
  for (const run of ['first', 'second']) {
    const started = performance.now();
    await seedAll(executor, { companies, seed: SAMPLE_SEED });
    const seconds = (performance.now() - started) / 1000;
    const [counts] = await executor.read('bench.counts', COUNTS);
    console.log(`${run} seed of ${companies} companies: ${seconds.toFixed(1)} s  ${JSON.stringify(counts)}`);
  }
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS of the seeding process: ${peakMiB.toFixed(0)} MiB (Neo4j runs in its own JVM)`);
} finally {
  await executor.driver.close();
  await local.stop();
  await rm(dataDir, { recursive: true, force: true });
}
