import { needsOfWords } from '../../graph/analytics/need-words';
import type { Taxonomy } from '../../graph/catalog';
import { searchDemand } from '../../graph/demand';
import type { SearchRequest, SearchResponse } from '../../search/types';
import { type QueryReading, searchAsRead } from '../../search/understand';
import type { Services } from '../services';
import type { Visitor } from './demand-gate';
import { queryLexicon } from './query-lexicon';

export interface ListingSearch {
  response: SearchResponse;
  /** For facet labels; cached per process. */
  taxonomy: Taxonomy;
  /** How the query was read (`words` when it was searched as typed). */
  reading: QueryReading;
}

export interface SearchOptions {
  /** Read the query as needs first (the search page); GraphQL `search` searches the words as typed. */
  read?: boolean;
  /** The reader asked for the words as typed (the reading's undo link). */
  literal?: boolean;
}

/**
 * An SME searches the listings (the search page and GraphQL `search`): one search, and its
 * anonymous demand signal recorded here and nowhere else, if the demand gate counts it. A search
 * without chosen needs is counted for the needs its words point at. The search page has the query
 * read first (search/understand.ts): a query that names a need lists that need's providers.
 */
export async function searchListings(
  services: Pick<Services, 'search' | 'catalog' | 'demand' | 'demandGate'>,
  request: SearchRequest,
  visitor: Visitor | undefined,
  options: SearchOptions = {},
): Promise<ListingSearch> {
  const [{ response, reading }, taxonomy] = await Promise.all([
    options.read
      ? searchAsRead(services.search, request, queryLexicon(), { literal: options.literal ?? false })
      : services.search.search(request).then((answer) => ({ response: answer, reading: { kind: 'words' } as const })),
    services.catalog.taxonomy(),
  ]);
  // A broad reading answers with a choice of needs, not with nothing: it is not a search without results.
  const found = reading.kind === 'broad' ? reading.choices.length : response.total;
  const signal = searchDemand({ ...request, query: request.query.trim() }, found);
  // A search that chose no need still points at the needs its words name (graph/analytics/need-words.ts).
  if (signal && signal.needs.length === 0 && signal.query) signal.needs = needsOfWords(signal.query);
  if (signal && services.demandGate.admit(signal, visitor)) services.demand.record(signal);
  return { response, taxonomy, reading };
}
