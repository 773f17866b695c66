import type { Taxonomy } from '../../../graph/catalog';
import type { SearchEngine, SearchRequest, SearchResponse } from '../../../search/types';
import type { QueryReading } from '../../../search/understand';
import type { Services } from '../../services';
import type { Visitor } from '../../use-cases/demand-gate';
import { searchListings } from '../../use-cases/search-listings';
import { failureStatus, reportPageError } from '../page/outcome';
import { parseSearchParams, type SearchProblem, type SearchState, toSearchRequest } from './params';

export type SearchOutcome =
  | { status: 200; state: SearchState; response: SearchResponse; taxonomy: Taxonomy; reading: QueryReading }
  | { status: 400; state: SearchState; problems: SearchProblem[] }
  /** What is down: the graph (Neo4j) or the search engine; the page still shows the form with what was asked. */
  | { status: 503; state: SearchState; unavailable: 'graph' | 'search' }
  | { status: 500; state: SearchState };

/** A failure of the search engine itself, told apart from the graph's and from a fault in between. */
class SearchEngineFailure extends Error {
  constructor(cause: unknown) {
    super('the search engine failed', { cause });
    this.name = 'SearchEngineFailure';
  }
}

/** The same engine, with its search failures marked as its own. */
function markingFailures(engine: SearchEngine): SearchEngine {
  return Object.create(engine, {
    search: {
      value: (request: SearchRequest) =>
        engine.search(request).catch((error: unknown) => {
          throw new SearchEngineFailure(error);
        }),
    },
  });
}

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
    const { response, taxonomy, reading } = await searchListings(
      { ...services, search: markingFailures(services.search) },
      toSearchRequest(state),
      visitor,
      { read: true, literal: state.literal },
    );
    return { status: 200, state, response, taxonomy, reading };
  } catch (error) {
    reportPageError(services, 'search', error);
    if (error instanceof SearchEngineFailure) return { status: 503, state, unavailable: 'search' };
    return failureStatus(error) === 503 ? { status: 503, state, unavailable: 'graph' } : { status: 500, state };
  }
}
