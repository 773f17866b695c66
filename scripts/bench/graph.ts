import path from 'node:path';
import { createExecutor } from '../../graph/executor';
import { seedAll } from '../../graph/load';
import { freePort } from '../../graph/local-neo4j/free-port';
import { type LocalNeo4j, startLocalNeo4j } from '../../graph/local-server';
import { migrate } from '../../graph/migrations';
import { generateEcosystem } from '../../graph/sample/generate';

/** The seed `npm run seed` uses by default, so a benchmark graph is the sample a developer sees. */
export const SAMPLE_SEED = 1;

/**
 * A graph of a given size for benchmarks: a local Neo4j whose data folder is kept per size
 * (.data/bench-<companies>), seeded once, so repeated runs measure queries, not seeding. It holds
 * the product's sample, exactly what `npm run seed -- --companies <companies>` loads (seed 1, the
 * generator's products per company); a folder whose sample differs, in companies or in products
 * (a denser or sparser seed), is seeded again.
 */
export async function benchGraph(companies: number) {
  const root = path.resolve(new URL('../..', import.meta.url).pathname);
  const local: LocalNeo4j = await startLocalNeo4j({
    port: await freePort(),
    dataDir: path.join(root, '.data', `bench-${companies}`),
  });
  const executor = createExecutor({ uri: local.uri, user: local.user, password: local.password, database: 'neo4j' });
  await migrate(executor);
  const [row] = await executor.read<{ companies: number; products: number }>(
    'bench.count',
    `RETURN COUNT { MATCH (:Company) } AS companies,
            COUNT { MATCH (:Company {sample: true})-[:OFFERS]->(:Product) } AS products`,
  );
  const sample = row?.companies === companies ? generateEcosystem({ companies, seed: SAMPLE_SEED }) : null;
  if (!sample || sample.products.length !== row?.products) {
    const started = performance.now();
    process.stderr.write(`seeding ${companies} companies (once for this size)…\n`);
    await seedAll(executor, { companies, seed: SAMPLE_SEED });
    process.stderr.write(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return {
    executor,
    /** For a server process of its own (bench:load): where the graph is and how to log in. */
    connection: { uri: local.uri, user: local.user, password: local.password },
    async stop() {
      await executor.driver.close();
      await local.stop();
    },
  };
}

export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: sorted.length };
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** A tiny deterministic PRNG so every run asks the same questions. */
export function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function intArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}
