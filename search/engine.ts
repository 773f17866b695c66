/**
 * The one switch between the two engines: Meilisearch when a URL is configured, the embedded engine otherwise.
 */
import { createEmbeddedEngine } from './embedded';
import { createMeilisearchEngine } from './meilisearch';
import type { SearchEngine } from './types';

export interface SearchEngineConfig {
  meiliUrl?: string | undefined;
  meiliMasterKey?: string | undefined;
  indexUid?: string | undefined;
}

export function createSearchEngine(config: SearchEngineConfig): SearchEngine {
  // An empty string (an unset variable passed through a .env template) means "not configured".
  const url = config.meiliUrl?.trim();
  if (url === undefined || url === '') return createEmbeddedEngine();
  return createMeilisearchEngine({
    url,
    ...(config.meiliMasterKey ? { apiKey: config.meiliMasterKey } : {}),
    ...(config.indexUid ? { indexUid: config.indexUid } : {}),
  });
}
