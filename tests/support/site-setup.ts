import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config';
import { createLogger, type Runtime, startRuntime } from '../../src/runtime';
import { createHttpServer, loadAstroHandler } from '../../src/server';
import { acquireSuiteGraph } from './neo4j';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Global setup of the site tier: the built site with /graphql served by the real server entry
 * on a free port, over the suite's Neo4j.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(new URL('../..', import.meta.url).pathname);
  const building = promisify(execFile)('npx', ['astro', 'build', '--silent'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const { graph, release } = await acquireSuiteGraph();
  let runtime: Runtime | undefined;
  let server: Server | undefined;
  try {
    await building;
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      NEO4J_URI: '',
      // Graph-tier tests write unique data past the change log (tests/support/graph.ts operatorWrite);
      // this server should not take it into its indexes while browser tests read them.
      RECONCILE_MS: '3600000',
      MEILI_URL: '',
    });
    const log = createLogger(config);
    runtime = await startRuntime(config, log, {
      graph: {
        uri: graph.uri,
        user: graph.user || undefined,
        password: graph.password || undefined,
        database: 'neo4j',
      },
    });
    server = createHttpServer(runtime, await loadAstroHandler(), log);
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  } catch (error) {
    await runtime?.stop();
    await release();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  project.provide('baseUrl', `http://127.0.0.1:${port}`);

  const started = runtime;
  const listening = server;
  return async () => {
    listening.closeAllConnections();
    await new Promise((resolve) => listening.close(resolve));
    await started.stop();
    await release();
  };
}
