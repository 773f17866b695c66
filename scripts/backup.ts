// `npm run backup [-- --out FILE]`: the whole graph, read in one transaction, to one gzip'd JSON Lines file
// (format in graph/backup.ts). Default file: .data/backups/cyberkort-<time>.jsonl.gz. Progress on stderr, summary on
// stdout. Connection from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE, else the running local Neo4j.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { backupGraph } from '../graph/backup';
import { connect, mib, progressLines, ROOT } from './backup-cli';

async function main() {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = resolve(values.out ?? join(ROOT, '.data', 'backups', `cyberkort-${stamp}.jsonl.gz`));
  await mkdir(dirname(out), { recursive: true });
  const { executor, uri, database } = await connect();
  try {
    console.error(`Backing up ${uri} (database ${database}) to ${out}`);
    const started = performance.now();
    const { header, trailer, bytes } = await backupGraph(executor, out, { onProgress: progressLines() });
    console.log(`Backed up ${header.counts.nodes} nodes and ${header.counts.relationships} relationships`);
    console.log(`  file           ${out} (${mib(bytes)})`);
    console.log(`  format         ${header.format} version ${header.version}, Neo4j ${header.neo4jVersion}`);
    console.log(`  content hash   ${trailer.contentHash}`);
    console.log(`  elapsed        ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await executor.driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
