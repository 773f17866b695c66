// Seeds Neo4j with the taxonomies, the needs catalogue and the fictional sample ecosystem, and reports what it cost.
//   tsx scripts/seed.ts [--companies 300] [--seed 1] [--products-per-company N] [--batch-size 1000]
//                       [--reference-date 2026-01-01]   (the day certificate dates are drawn around)
// Without --products-per-company the generator's own density applies (defaultProductsPerCompany: 5 per
// company at 300 companies, growing to 10 at 10,000), the same sample the benchmarks seed.
// Connection from NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE (default database 'neo4j'); without
// NEO4J_URI it uses the project's local Neo4j on LOCAL_NEO4J_PORT (start it with `npm run neo4j -- start`).
// Progress goes to stderr, the report to stdout.

import { parseArgs } from 'node:util';
import type { Executor } from '../graph/executor';
import { seedAll } from '../graph/load';
import { migrate } from '../graph/migrations';
import { defaultProductsPerCompany } from '../graph/sample/generate';
import { loadConfig } from '../src/config';
import { connectGraph, graphUri } from './graph-connection';

const NODE_COUNTS = 'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label';
const RELATIONSHIP_COUNTS = 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type';

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${value}"`);
  return number;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      companies: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      'products-per-company': { type: 'string' },
      'batch-size': { type: 'string', default: '1000' },
      'reference-date': { type: 'string' },
    },
  });
  const companies = positiveInteger('companies', values.companies);
  const given = values['products-per-company'];
  const productsPerCompany = given === undefined ? defaultProductsPerCompany(companies) : Number(given);
  if (!(productsPerCompany > 0)) throw new Error('--products-per-company must be a positive number');
  const batchSize = positiveInteger('batch-size', values['batch-size']);
  if (batchSize === 0) throw new Error('--batch-size must be at least 1');
  return {
    companies,
    seed: positiveInteger('seed', values.seed),
    productsPerCompany,
    batchSize,
    referenceDate: values['reference-date'],
  };
}

/**
 * Prints a line when a phase ends and, on long phases, every few seconds in between; tracks the heap's
 * high-water mark (process.memoryUsage() only tells the current value).
 */
function progressReporter() {
  let peakHeap = process.memoryUsage().heapUsed;
  let lastLine = performance.now();
  const started = performance.now();
  return {
    peakHeap: () => Math.max(peakHeap, process.memoryUsage().heapUsed),
    onProgress(done: number, total: number, phase: string) {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      if (done < total && performance.now() - lastLine < 3_000) return;
      lastLine = performance.now();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const percent = total === 0 ? 100 : Math.round((done / total) * 100);
      console.error(`  ${phase.padEnd(17)} ${String(percent).padStart(3)}%  ${done}/${total}  (${seconds} s)`);
    },
  };
}

async function counts(executor: Executor) {
  const nodes = await executor.read<{ label: string; count: number }>('seed.nodeCounts', NODE_COUNTS);
  const relationships = await executor.read<{ type: string; count: number }>(
    'seed.relationshipCounts',
    RELATIONSHIP_COUNTS,
  );
  return { nodes, relationships };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main() {
  const options = readOptions();
  const config = loadConfig();
  const uri = graphUri(config);
  const executor = await connectGraph(config);
  try {
    await executor.driver.verifyConnectivity({ database: config.NEO4J_DATABASE }).catch((error: unknown) => {
      throw new Error(
        `Cannot reach Neo4j at ${uri} (${error instanceof Error ? error.message : error}). ` +
          'Set NEO4J_URI, or start the local one with "npm run neo4j -- start".',
      );
    });
    console.error(
      `Seeding ${uri} (database ${config.NEO4J_DATABASE}): ${options.companies} companies, seed ${options.seed}, ` +
        `~${options.productsPerCompany.toFixed(1)} products each, batches of ${options.batchSize}`,
    );
    const started = performance.now();
    const applied = await migrate(executor);
    if (applied.length > 0) console.error(`  migrations applied: ${applied.join(', ')}`);
    const reporter = progressReporter();
    const ecosystem = await seedAll(executor, { ...options, onProgress: reporter.onProgress });
    const seconds = (performance.now() - started) / 1000;
    const memory = process.memoryUsage();
    const { nodes, relationships } = await counts(executor);

    const perCompany = ecosystem.products.length / Math.max(1, ecosystem.companies.length);
    console.log(
      `Seeded ${ecosystem.companies.length} companies and ${ecosystem.products.length} products (${perCompany.toFixed(2)} per company)`,
    );
    console.log(`  elapsed          ${seconds.toFixed(1)} s`);
    console.log(`  peak RSS         ${mb(process.resourceUsage().maxRSS * 1024)}`);
    console.log(
      `  peak heap used   ${mb(reporter.peakHeap())} (now ${mb(memory.heapUsed)} of ${mb(memory.heapTotal)})`,
    );
    console.log(`  Cypher round trips ${executor.counter.roundTrips}`);
    console.log('Nodes by label');
    for (const { label, count } of nodes) console.log(`  ${label.padEnd(20)} ${String(count).padStart(9)}`);
    console.log(`  ${'total'.padEnd(20)} ${String(nodes.reduce((sum, row) => sum + row.count, 0)).padStart(9)}`);
    console.log('Relationships by type');
    for (const { type, count } of relationships) console.log(`  ${type.padEnd(20)} ${String(count).padStart(9)}`);
    console.log(
      `  ${'total'.padEnd(20)} ${String(relationships.reduce((sum, row) => sum + row.count, 0)).padStart(9)}`,
    );
  } finally {
    await executor.driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Seeding failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
