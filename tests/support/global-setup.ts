import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config';
import { createLogger, type Runtime, startRuntime } from '../../src/runtime';
import { createHttpServer, loadAstroHandler } from '../../src/server';
import { freePort } from './ports';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
    baseUrl: string;
  }
}

/**
 * Starts what the suite shares: a real Neo4j (the project's local server unless NEO4J_URI
 * points at one), migrated and seeded with the sample, and the built site with /graphql on a
 * free port. Tests that write use their own unique data and clean up after themselves.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(new URL('../..', import.meta.url).pathname);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'cyberkort-test-neo4j-'));
  await promisify(execFile)('npx', ['astro', 'build', '--silent'], { cwd: root, maxBuffer: 64 * 1024 * 1024 });

  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    LOCAL_NEO4J_PORT: String(await freePort()),
    LOCAL_NEO4J_DATA: dataDir,
    SEED_SAMPLE: 'true',
    MEILI_URL: '',
  });
  const log = createLogger(config);
  let runtime: Runtime | undefined;
  let server: Server | undefined;
  try {
    runtime = await startRuntime(config, log);
    server = createHttpServer(runtime, await loadAstroHandler(), log);
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  } catch (error) {
    await runtime?.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  project.provide('neo4jUri', runtime.localNeo4j?.uri ?? config.NEO4J_URI ?? '');
  project.provide('neo4jUser', config.NEO4J_URI ? (config.NEO4J_USER ?? '') : '');
  project.provide('neo4jPassword', config.NEO4J_URI ? (config.NEO4J_PASSWORD ?? '') : '');
  project.provide('baseUrl', `http://127.0.0.1:${port}`);

  const started = runtime;
  const listening = server;
  return async () => {
    listening.closeAllConnections();
    await new Promise((resolve) => listening.close(resolve));
    await started.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
