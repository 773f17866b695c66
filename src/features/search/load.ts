import type { Taxonomy } from '../../../graph/catalog';
import type { SearchResponse } from '../../../search/types';
import type { Services } from '../../services';
import type { Visitor } from '../../use-cases/demand-gate';
import { searchListings } from '../../use-cases/search-listings';
import { reportPageError } from '../page/outcome';
import { parseSearchParams, type SearchProblem, type SearchState, toSearchRequest } from './params';

export type SearchOutcome =
  | { status: 200; state: SearchState; response: SearchResponse; taxonomy: Taxonomy }
  | { status: 400; state: SearchState; problems: SearchProblem[] }
  | { status: 500; state: SearchState };

/**
 * Validates the URL, then runs the one search (the taxonomy for the facet labels is cached per
 * process). A wrong parameter is the reader's to fix, so it is a 400 with the form still shown.
 */
export async function loadSearchPage(
  services: Services | undefined,
  url: URL,
  visitor?: Visitor,
): Promise<SearchOutcome> {
  const { state, problems } = parseSearchParams(url.searchParams);
  if (problems.length > 0) return { status: 400, state, problems };
  try {
    if (!services) throw new Error('Astro.locals.services is missing; serve the site through src/server.ts');
    const { response, taxonomy } = await searchListings(services, toSearchRequest(state), visitor);
    return { status: 200, state, response, taxonomy };
  } catch (error) {
    reportPageError(services, 'search', error);
    return { status: 500, state };
  }
}
