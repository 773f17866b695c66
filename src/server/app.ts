import path from 'node:path';
import Fastify from 'fastify';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import type { Runtime } from '../runtime';
import { type AstroHandler, astroSite } from './astro-site';
import { auth } from './auth';
import { compression } from './compression';
import { cookies } from './cookies';
import { graphqlRoute } from './graphql';
import { health } from './health';
import { loadShedding } from './load-shedding';
import { rateLimiting } from './rate-limit';
import { requestIdFor, requestIdHeader } from './request-id';
import { routableUrl } from './routable-url';
import { securityHeaders } from './security-headers';
import { DRAIN_MS, drainLimit } from './shutdown';
import { staticAssets } from './static-assets';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
/**
 * Where the built site is: dist/, or CYBERKORT_DIST (the test suite builds into a folder of its
 * own, so that a test run never replaces the files of a server that is running, or another run's).
 */
const DIST = path.resolve(ROOT, process.env.CYBERKORT_DIST || 'dist');
export const CLIENT_DIR = path.join(DIST, 'client');
export const ASTRO_ENTRY = path.join(DIST, 'server', 'entry.mjs');

export interface ServerParts {
  /** Without `identity` (an app built for tests of other concerns) the site offers no login. */
  runtime: Pick<Runtime, 'services' | 'ready'> & Partial<Pick<Runtime, 'identity'>>;
  /** The built site's handler (loadAstroHandler(ASTRO_ENTRY)). */
  astro: AstroHandler;
  config: AppConfig;
  log: Logger;
  /** How long close() lets requests in flight finish. */
  drainMs?: number;
  /** How often load shedding measures the process (ms). */
  pressureSampleMs?: number;
}

/**
 * The one HTTP server: a Fastify app whose plugins each add one concern. The cross-cutting ones
 * (request id, security headers, compression, cookies, rate limits, load shedding, drain limit, the
 * viewer from the session cookie) apply to every route; then the login routes, health probes, built
 * assets, /graphql and, for every other path,
 * the Astro site. Nothing listens until the caller calls listen(); tests use inject().
 */
export function buildServer({ runtime, astro, config, log, drainMs = DRAIN_MS, pressureSampleMs }: ServerParts) {
  const production = config.NODE_ENV === 'production';
  const app = Fastify({
    loggerInstance: log,
    genReqId: requestIdFor,
    trustProxy: config.TRUST_PROXY,
    rewriteUrl: (request) => routableUrl(request.url ?? '/'),
  });

  app.register(requestIdHeader);
  app.register(securityHeaders);
  app.register(compression);
  app.register(cookies, { secret: config.COOKIE_SECRET, production });
  app.register(rateLimiting);
  app.register(loadShedding, {
    maxEventLoopDelayMs: config.LOAD_SHED_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: config.LOAD_SHED_MAX_HEAP_MB * 2 ** 20,
    sampleIntervalMs: pressureSampleMs,
  });
  app.register(drainLimit, { drainMs });
  app.register(auth, { executor: runtime.services.executor, identity: runtime.identity, config });

  app.register(health, { ready: () => runtime.ready() });
  app.register(staticAssets, { clientDir: CLIENT_DIR });
  app.register(graphqlRoute, {
    yoga: runtime.services.yoga,
    rateLimit: config.RATE_LIMIT_GRAPHQL,
    mutationRateLimit: config.RATE_LIMIT_MUTATIONS,
    tokens: runtime.services,
    production,
  });
  app.register(astroSite, {
    astro,
    services: runtime.services,
    formRateLimit: config.RATE_LIMIT_FORMS,
    publicUrl: config.PUBLIC_URL,
  });
  return app;
}
