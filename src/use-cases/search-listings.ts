import { needsOfWords } from '../../graph/analytics/need-words';
import type { Taxonomy } from '../../graph/catalog';
import { searchDemand } from '../../graph/demand';
import type { SearchRequest, SearchResponse } from '../../search/types';
import type { Services } from '../services';
import type { Visitor } from './demand-gate';

export interface ListingSearch {
  response: SearchResponse;
  /** For facet labels; cached per process. */
  taxonomy: Taxonomy;
}

/**
 * An SME searches the listings (the search page and GraphQL `search`): one search, and its
 * anonymous demand signal recorded here and nowhere else, if the demand gate counts it. A search
 * without chosen needs is counted for the needs its words point at.
 */
export async function searchListings(
  services: Pick<Services, 'search' | 'catalog' | 'demand' | 'demandGate'>,
  request: SearchRequest,
  visitor: Visitor | undefined,
): Promise<ListingSearch> {
  const [response, taxonomy] = await Promise.all([services.search.search(request), services.catalog.taxonomy()]);
  const signal = searchDemand({ ...request, query: request.query.trim() }, response.total);
  // A search that chose no need still points at the needs its words name (graph/analytics/need-words.ts).
  if (signal && signal.needs.length === 0 && signal.query) signal.needs = needsOfWords(signal.query);
  if (signal && services.demandGate.admit(signal, visitor)) services.demand.record(signal);
  return { response, taxonomy };
}
