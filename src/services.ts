import type { Logger } from 'pino';
import type { Catalog } from '../graph/catalog';
import type { DemandRecorder } from '../graph/demand';
import type { Executor } from '../graph/executor';
import type { Matcher } from '../graph/match/match';
import type { SearchEngine } from '../search/types';
import type { AppConfig } from './config';

/**
 * What a request can use: created once per process by the server entry and handed to every
 * page through Astro.locals and to every GraphQL resolver through the context.
 */
export interface Services {
  config: AppConfig;
  log: Logger;
  executor: Executor;
  catalog: Catalog;
  search: SearchEngine;
  /** Ranks providers for an SME profile (graph/match). */
  matcher: Matcher;
  /** Anonymous demand signals, written in batches. */
  demand: DemandRecorder;
  /** Answers a GraphQL request (the same yoga instance as /graphql). */
  graphql: (request: Request) => Promise<Response>;
}
