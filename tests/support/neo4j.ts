import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createExecutor, type Executor } from '../../graph/executor';
import { seedAll } from '../../graph/load';
import { freePort } from '../../graph/local-neo4j/free-port';
import { startLocalNeo4j } from '../../graph/local-server';
import { migrate } from '../../graph/migrations';

export interface SuiteGraph {
  uri: string;
  user: string;
  password: string;
}

interface Shared {
  graph: Promise<SuiteGraph>;
  users: number;
  stop: () => Promise<void>;
}

// The graph and site tiers each have a global setup; when both run they share one Neo4j. Their
// setup modules may be loaded separately, so the one server is kept on globalThis.
const KEY = Symbol.for('cyberkort.tests.neo4j');
const holder = globalThis as unknown as Record<symbol, Shared | undefined>;

async function start(): Promise<{ graph: SuiteGraph; stop: () => Promise<void> }> {
  if (process.env.NEO4J_URI) {
    const graph = {
      uri: process.env.NEO4J_URI,
      user: process.env.NEO4J_USER ?? '',
      password: process.env.NEO4J_PASSWORD ?? '',
    };
    await prepare(graph);
    return { graph, stop: async () => {} };
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cyberkort-test-neo4j-'));
  const server = await startLocalNeo4j({ port: await freePort(), dataDir });
  const graph = { uri: server.uri, user: server.user, password: server.password };
  try {
    await prepare(graph);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    graph,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Migrated and seeded with the 300-company sample, as `npm start` would leave it. */
async function prepare(graph: SuiteGraph): Promise<void> {
  const executor = createExecutor({
    uri: graph.uri,
    user: graph.user || undefined,
    password: graph.password || undefined,
    database: 'neo4j',
  });
  try {
    await migrate(executor);
    await seedAll(executor, { companies: 300, seed: 1, referenceDate: new Date().toISOString().slice(0, 10) });
  } finally {
    await executor.driver.close();
  }
}

/**
 * The suite's Neo4j: the project's local server (or NEO4J_URI when set), started on first use.
 * Tests that write use their own unique data and clean up after themselves.
 */
export async function acquireSuiteGraph(): Promise<{ graph: SuiteGraph; release: () => Promise<void> }> {
  let shared = holder[KEY];
  if (!shared) {
    const starting = start();
    shared = {
      graph: starting.then((s) => s.graph),
      users: 0,
      stop: async () => (await starting).stop(),
    };
    holder[KEY] = shared;
  }
  shared.users += 1;
  const graph = await shared.graph;
  const current = shared;
  return {
    graph,
    release: async () => {
      current.users -= 1;
      if (current.users > 0) return;
      holder[KEY] = undefined;
      await current.stop();
    },
  };
}

/**
 * A Neo4j of the test file's own, empty and migrated, for tests that must count or compare everything in the
 * database (the shared suite graph is seeded and written to by other files at the same time). `stop` removes it.
 */
export async function privateGraph(name: string): Promise<{ executor: Executor; stop: () => Promise<void> }> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `cyberkort-${name}-`));
  const server = await startLocalNeo4j({ port: await freePort(), dataDir });
  const executor = createExecutor({ uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });
  await migrate(executor);
  return {
    executor,
    async stop() {
      await executor.driver.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
