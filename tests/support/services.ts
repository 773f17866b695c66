import { pino } from 'pino';
import type { Executor } from '../../graph/executor';
import { createSearchEngine } from '../../search/engine';
import { reindexAll } from '../../search/sync';
import { loadConfig } from '../../src/config';
import { assembleServices } from '../../src/runtime';

/** The request-facing services over a graph, with an embedded search index built from it (tests and benchmarks). */
export async function servicesOver(
  executor: Executor,
  options: { env?: Record<string, string>; demandFlushMs?: number },
) {
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
