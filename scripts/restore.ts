// `npm run restore -- FILE [--batch-size 1000]`: loads a backup (graph/backup.ts) into an EMPTY database — one that
// holds nothing but the migration ledger — after checking the whole file. `--check` only checks the file.
// Connection as for `npm run backup`. Progress on stderr, summary on stdout.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { restoreGraph, verifyBackup } from '../graph/backup';
import { connect, progressLines } from './backup-cli';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'batch-size': { type: 'string', default: '1000' }, check: { type: 'boolean', default: false } },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error('usage: npm run restore -- FILE [--batch-size 1000] [--check]');
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size must be a whole number ≥ 1');
  const path = resolve(file);
  const started = performance.now();
  if (values.check) {
    const { header, trailer } = await verifyBackup(path, { onProgress: progressLines() });
    console.log(`${path} is complete: ${header.counts.nodes} nodes, ${header.counts.relationships} relationships`);
    console.log(`  written        ${header.createdAt} from Neo4j ${header.neo4jVersion}`);
    console.log(`  content hash   ${trailer.contentHash}`);
    return;
  }
  const { executor, uri, database } = await connect();
  try {
    console.error(`Restoring ${path} into ${uri} (database ${database})`);
    const { header, trailer, appliedMigrations } = await restoreGraph(executor, path, {
      batchSize,
      onProgress: progressLines(),
    });
    console.log(`Restored ${header.counts.nodes} nodes and ${header.counts.relationships} relationships`);
    console.log(`  backup of      ${header.createdAt} (Neo4j ${header.neo4jVersion})`);
    console.log(`  content hash   ${trailer.contentHash}`);
    if (appliedMigrations.length > 0) console.log(`  then migrated  ${appliedMigrations.join(', ')}`);
    console.log(`  elapsed        ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await executor.driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
