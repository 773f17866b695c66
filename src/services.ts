import { type Logger, pino } from 'pino';
import { Catalog } from '../graph/catalog';
import { DemandRecorder } from '../graph/demand';
import type { Executor } from '../graph/executor';
import { CandidateIndex } from '../graph/match/candidates';
import { Matcher } from '../graph/match/match';
import { GraphWriter } from '../graph/write';
import { createSearchEngine } from '../search/engine';
import type { SearchEngine } from '../search/types';
import type { GraphQLServerContext } from './api/context';
import { type CyberkortYoga, createGraphQLServer } from './api/yoga';
import { type AppConfig, loadConfig } from './config';
import { reindexAll } from './indexing/sync';
import { DemandGate } from './use-cases/demand-gate';

/**
 * What a request can use: created once per process by the server entry and handed to every
 * page through Astro.locals and to every GraphQL resolver through the context.
 */
export interface Services {
  config: AppConfig;
  log: Logger;
  executor: Executor;
  /** The one write path (graph/write.ts): every change to the graph goes through it. */
  writer: GraphWriter;
  catalog: Catalog;
  search: SearchEngine;
  /** Ranks providers for an SME profile (graph/match). */
  matcher: Matcher;
  /** Anonymous demand signals, written in batches. */
  demand: DemandRecorder;
  /** Which searches and matches count as demand (deduplicated per visitor and day, no bots). */
  demandGate: DemandGate;
  /** The GraphQL server that /graphql routes to. */
  yoga: CyberkortYoga;
  /** Answers a GraphQL request through that same instance, without a port (tests, scripts). */
  graphql: (request: Request, server?: GraphQLServerContext) => Promise<Response>;
}

/** What the GraphQL layer is built over: the services without itself. */
export type ApiServices = Omit<Services, 'graphql' | 'yoga'>;

/**
 * The request-facing services over a graph and a search engine: catalog, the match candidate
 * index (loaded now) and matcher, and the GraphQL server. The runtime, tests and benchmarks all
 * assemble them here.
 */
export async function assembleServices(parts: {
  config: AppConfig;
  log: Logger;
  executor: Executor;
  search: SearchEngine;
  /** How often demand signals are written; tests write them explicitly with demand.flush(). */
  demandFlushMs?: number;
}): Promise<{ services: Services; candidates: CandidateIndex }> {
  const candidates = new CandidateIndex(parts.executor);
  await candidates.loadAll();
  const demand = new DemandRecorder(parts.executor, {
    intervalMs: parts.demandFlushMs,
    onError: (error) => parts.log.warn({ err: error }, 'demand signals not written yet; will retry'),
  });
  const { demandFlushMs: _interval, ...shared } = parts;
  const base = {
    ...shared,
    writer: new GraphWriter(parts.executor),
    catalog: new Catalog(parts.executor, () => candidates.providerCounts()),
    demand,
    demandGate: new DemandGate(),
    matcher: new Matcher(parts.executor, candidates),
  };
  const yoga = createGraphQLServer(base);
  const graphql = (request: Request, server: GraphQLServerContext = {}) => Promise.resolve(yoga.fetch(request, server));
  return { services: { ...base, yoga, graphql }, candidates };
}

/**
 * The same services over a graph with a fresh embedded search index built from it, for tests
 * and benchmarks that need the whole request side without the runtime's background work.
 */
export async function servicesOver(
  executor: Executor,
  options: { env?: Record<string, string>; demandFlushMs?: number },
): Promise<Services> {
  const search = createSearchEngine({});
  await search.ensureIndex();
  await reindexAll(executor, search);
  const { services } = await assembleServices({
    config: loadConfig(options.env ?? {}),
    log: pino({ level: 'silent' }),
    executor,
    search,
    demandFlushMs: options.demandFlushMs,
  });
  return services;
}
