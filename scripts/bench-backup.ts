import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backupGraph, graphContentHash, restoreGraph } from '../graph/backup';
import { createExecutor } from '../graph/executor';
import { freePort } from '../graph/local-neo4j/free-port';
import { startLocalNeo4j } from '../graph/local-server';
import { migrate } from '../graph/migrations';
import { benchGraph, intArg } from './bench/graph';

/**
 * `npm run bench:backup -- --companies 10000`: backs up the seeded bench graph, restores the
 * file into a fresh local Neo4j and compares the two content hashes; prints the time of each
 * step, the file's size and this process's peak memory.
 */
const companies = intArg('companies', 300);
const batchSize = intArg('batch-size', 1_000);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const source = await benchGraph(companies);
const workDir = await mkdtemp(path.join(tmpdir(), 'cyberkort-bench-backup-'));
const local = await startLocalNeo4j({ port: await freePort(), dataDir: path.join(workDir, 'neo4j') });
const target = createExecutor({ uri: local.uri, user: local.user, password: local.password, database: 'neo4j' });

try {
  const file = path.join(workDir, 'bench.jsonl.gz');
  let started = performance.now();
  const { header, trailer, bytes } = await backupGraph(source.executor, file);
  const { nodes, relationships } = header.counts;
  console.log(`${companies} companies: ${nodes} nodes, ${relationships} relationships`);
  console.log(`backup          ${seconds(started)}  ${(bytes / 2 ** 20).toFixed(1)} MiB`);

  started = performance.now();
  await migrate(target);
  console.log(`migrations      ${seconds(started)}  (fresh server, before the restore)`);
  started = performance.now();
  await restoreGraph(target, file, { batchSize });
  console.log(`restore         ${seconds(started)}  (verify the file, then load in batches of ${batchSize})`);
  started = performance.now();
  const restoredHash = await graphContentHash(target);
  console.log(`content hash    ${seconds(started)}  ${restoredHash === trailer.contentHash ? 'equal' : 'DIFFERENT'}`);
  console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  if (restoredHash !== trailer.contentHash) process.exitCode = 1;
} finally {
  await target.driver.close();
  await local.stop();
  await source.stop();
  await rm(workDir, { recursive: true, force: true });
}
