import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../graph/local-neo4j/free-port';
import { loadConfig } from '../../src/config';
import { createLogger, type Runtime, startRuntime } from '../../src/runtime';
import { ASTRO_ENTRY, buildServer } from '../../src/server/app';
import { loadAstroHandler } from '../../src/server/astro-site';
import { acquireSuiteGraph } from './neo4j';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's mail outbox folder and cookie secret, for tests that send mail as the server would. */
    mailOutbox: string;
    cookieSecret: string;
  }
}

/**
 * Global setup of the site tier: the built site with /graphql served by the real server (the
 * Fastify app of src/server/app.ts) on a free port, over the suite's Neo4j. The graph's address is
 * provided too, for tests that build an app of their own with other settings.
 */
export default async function setup(project: TestProject) {
  const root = path.resolve(new URL('../..', import.meta.url).pathname);
  const building = promisify(execFile)('npx', ['astro', 'build', '--silent'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const { graph, release } = await acquireSuiteGraph();
  const mailOutbox = await mkdtemp(path.join(tmpdir(), 'cyberkort-site-outbox-'));
  // The open-data export the server writes a while after start goes here, not into .data/.
  const openData = await mkdtemp(path.join(tmpdir(), 'cyberkort-site-open-data-'));
  const cookieSecret = randomBytes(32).toString('base64url');
  let runtime: Runtime | undefined;
  let app: ReturnType<typeof buildServer> | undefined;
  try {
    await building;
    // The port is chosen before the config, so that PUBLIC_URL (derived from it) is where the
    // server really is: the identity provider sends logins back there.
    const port = await freePort();
    const config = loadConfig({
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: '',
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      NEO4J_URI: '',
      MEILI_URL: '',
      COOKIE_SECRET: cookieSecret,
      MAIL_OUTBOX_DIR: mailOutbox,
      OPEN_DATA_DIR: openData,
      // No daily supply snapshot of the shared test graph: it would run every supply measure six
      // times while the test files are busiest, and keep today's day taken with their test data.
      // The snapshot itself is tested in tests/graph/analytics-snapshot.test.ts.
      SUPPLY_SNAPSHOTS: 'false',
      // Nor the demand rollup of every past day: the demand tests (graph and site) roll up days of
      // their own and check which run took which day. The rollup is tested in
      // tests/graph/analytics-demand.test.ts.
      DEMAND_ROLLUP: 'false',
      // Every test file logs its people in from this one address; the limits themselves are
      // tested on apps of their own (auth, http, api-tokens).
      RATE_LIMIT_LOGIN: '10000',
      RATE_LIMIT_FORMS: '10000',
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
    app = buildServer({ runtime, astro: await loadAstroHandler(ASTRO_ENTRY), config, log });
    await app.listen({ port, host: '127.0.0.1' });
  } catch (error) {
    await app?.close();
    await runtime?.stop();
    await release();
    throw error;
  }
  project.provide('baseUrl', `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  project.provide('neo4jUri', graph.uri);
  project.provide('neo4jUser', graph.user);
  project.provide('neo4jPassword', graph.password);
  project.provide('mailOutbox', mailOutbox);
  project.provide('cookieSecret', cookieSecret);

  const started = runtime;
  const listening = app;
  return async () => {
    await listening.close();
    await started.stop();
    await release();
    await rm(mailOutbox, { recursive: true, force: true });
    await rm(openData, { recursive: true, force: true });
    // The run's own build (vitest.config.ts), never the dist/ a developer's server runs from.
    if (process.env.CYBERKORT_DIST?.includes('test-dist-')) {
      await rm(path.resolve(root, process.env.CYBERKORT_DIST), { recursive: true, force: true });
    }
  };
}
