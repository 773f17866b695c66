import type { Taxonomy } from '../../graph/catalog';
import { searchDemand } from '../../graph/demand';
import type { SearchRequest, SearchResponse } from '../../search/types';
import type { Services } from '../services';

export interface ListingSearch {
  response: SearchResponse;
  /** For facet labels; cached per process. */
  taxonomy: Taxonomy;
}

/**
 * An SME searches the listings (the search page and GraphQL `search`): one search, and its
 * anonymous demand signal recorded here and nowhere else.
 */
export async function searchListings(
  services: Pick<Services, 'search' | 'catalog' | 'demand'>,
  request: SearchRequest,
): Promise<ListingSearch> {
  const [response, taxonomy] = await Promise.all([services.search.search(request), services.catalog.taxonomy()]);
  services.demand.record(searchDemand({ ...request, query: request.query.trim() }, response.total));
  return { response, taxonomy };
}
