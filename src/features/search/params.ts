import { LANGUAGES, SIZE_BANDS } from '../../../graph/vocabulary';
import {
  DOCUMENT_KINDS,
  type FacetName,
  SEARCH_SORTS,
  type SearchRequest,
  type SearchSort,
} from '../../../search/types';
import type { QueryValues } from '../../i18n/routes';

/**
 * The search page keeps its whole state in the URL so that a search can be shared, bookmarked
 * and used without JavaScript. This module turns URL parameters into a validated state, the
 * state into a search request, and the state back into links (pagination, "remove filter").
 */

export const PAGE_SIZE = 20;
export const MAX_PAGE = 500;
export const MAX_QUERY_LENGTH = 200;
export const MAX_VALUES_PER_FILTER = 50;

/**
 * Each facet's URL parameter, in the order the page shows the filters. Keyed by facet, so a facet added to the
 * search contract fails the type check until the page offers it. URL names are short and singular so shared
 * links read well.
 */
const FACET_PARAM = {
  needs: 'need',
  categories: 'category',
  regions: 'region',
  municipalities: 'municipality',
  certifications: 'certification',
  csfFunctions: 'csf',
  sizeBand: 'size',
  languages: 'language',
  kind: 'kind',
} as const satisfies Record<FacetName, string>;

export type FacetParam = (typeof FACET_PARAM)[FacetName];
export const FACET_PARAM_NAMES = Object.values(FACET_PARAM);

/** URL parameter → the facet it filters. */
export const FACET_PARAMS = Object.fromEntries(Object.entries(FACET_PARAM).map(([facet, param]) => [param, facet])) as {
  [F in FacetName as (typeof FACET_PARAM)[F]]: F;
};

/** Facets with a fixed set of values are checked against it; the others only for a sane code shape. */
const CLOSED_VALUES: Partial<Record<FacetParam, readonly string[]>> = {
  size: SIZE_BANDS,
  language: LANGUAGES,
  kind: DOCUMENT_KINDS,
};
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export interface SearchState {
  query: string;
  selected: Record<FacetParam, string[]>;
  smeFit: boolean;
  maxPrice: number | null;
  sort: SearchSort;
  page: number;
  /**
   * Search the words as typed, without reading them as needs. The reading's undo link sends `literal=<the words>`,
   * and it holds only while the words are the same: a new search from that page is read again.
   */
  literal: boolean;
}

export type SearchProblem =
  | { kind: 'page' | 'sort' | 'maxPrice' | 'smeFit'; value: string }
  | { kind: 'value'; param: FacetParam; value: string }
  | { kind: 'tooMany'; param: FacetParam }
  | { kind: 'queryTooLong' | 'queryUnreadable' };

export interface ParsedSearch {
  /** Always usable: invalid parts fall back to their defaults so the form can still be shown. */
  state: SearchState;
  problems: SearchProblem[];
}

export function emptySelection(): Record<FacetParam, string[]> {
  return Object.fromEntries(FACET_PARAM_NAMES.map((param) => [param, []])) as unknown as Record<FacetParam, string[]>;
}

/** The last non-empty value of a parameter; a GET form sends empty fields as `name=`. */
function single(params: URLSearchParams, name: string): string {
  const values = params
    .getAll(name)
    .map((value) => value.trim())
    .filter(Boolean);
  return values.at(-1) ?? '';
}

export function parseSearchParams(params: URLSearchParams): ParsedSearch {
  const problems: SearchProblem[] = [];

  let query = (params.get('q') ?? '').trim().replace(/\s+/g, ' ');
  // URLSearchParams turns bytes that are not UTF-8 (a garbled link: q=%ff) into U+FFFD.
  if (query.includes('\uFFFD')) {
    problems.push({ kind: 'queryUnreadable' });
    query = query.replaceAll('\uFFFD', '').trim();
  }
  if (query.length > MAX_QUERY_LENGTH) {
    problems.push({ kind: 'queryTooLong' });
    query = query.slice(0, MAX_QUERY_LENGTH);
  }

  const selected = emptySelection();
  for (const param of FACET_PARAM_NAMES) {
    const values = [
      ...new Set(
        params
          .getAll(param)
          .map((value) => value.trim())
          .filter(Boolean),
      ),
    ];
    if (values.length > MAX_VALUES_PER_FILTER) {
      problems.push({ kind: 'tooMany', param });
      continue;
    }
    const allowed = CLOSED_VALUES[param];
    for (const value of values) {
      if (allowed ? allowed.includes(value) : CODE.test(value)) selected[param].push(value);
      else problems.push({ kind: 'value', param, value });
    }
  }

  let smeFit = false;
  const smeFitRaw = single(params, 'smeFit');
  if (['true', '1', 'on'].includes(smeFitRaw)) smeFit = true;
  else if (!['', 'false', '0'].includes(smeFitRaw)) problems.push({ kind: 'smeFit', value: smeFitRaw });

  const literalWords = single(params, 'literal').replace(/\s+/g, ' ');
  const literal = query !== '' && literalWords === query;

  let maxPrice: number | null = null;
  const maxPriceRaw = single(params, 'maxPrice');
  if (/^\d{1,9}$/.test(maxPriceRaw)) maxPrice = Number(maxPriceRaw);
  else if (maxPriceRaw) problems.push({ kind: 'maxPrice', value: maxPriceRaw });

  let sort: SearchSort = 'relevance';
  const sortRaw = single(params, 'sort');
  if ((SEARCH_SORTS as readonly string[]).includes(sortRaw)) sort = sortRaw as SearchSort;
  else if (sortRaw) problems.push({ kind: 'sort', value: sortRaw });

  let page = 1;
  const pageRaw = single(params, 'page');
  if (/^\d{1,4}$/.test(pageRaw) && Number(pageRaw) >= 1 && Number(pageRaw) <= MAX_PAGE) page = Number(pageRaw);
  else if (pageRaw) problems.push({ kind: 'page', value: pageRaw });

  return { state: { query, selected, smeFit, maxPrice, sort, page, literal }, problems };
}

export function toSearchRequest(state: SearchState): SearchRequest {
  const filters: NonNullable<SearchRequest['filters']> = {};
  for (const param of FACET_PARAM_NAMES) {
    if (state.selected[param].length > 0) filters[FACET_PARAMS[param]] = state.selected[param];
  }
  if (state.smeFit) filters.smeFit = true;
  if (state.maxPrice !== null) filters.maxPrice = state.maxPrice;
  return {
    query: state.query,
    filters,
    sort: state.sort,
    limit: PAGE_SIZE,
    offset: (state.page - 1) * PAGE_SIZE,
  };
}

export function hasFilters(state: SearchState): boolean {
  return FACET_PARAM_NAMES.some((param) => state.selected[param].length > 0) || state.smeFit || state.maxPrice !== null;
}

/** URL parameters for a state; defaults are left out so links stay short. */
export function stateToQuery(state: SearchState): QueryValues {
  return {
    q: state.query,
    ...state.selected,
    smeFit: state.smeFit ? 'true' : undefined,
    maxPrice: state.maxPrice ?? undefined,
    sort: state.sort === 'relevance' ? undefined : state.sort,
    page: state.page === 1 ? undefined : state.page,
    literal: state.literal ? state.query : undefined,
  };
}

export function withPage(state: SearchState, page: number): SearchState {
  return { ...state, page };
}

/** A removable filter chip: what it is, and the state once it is removed (back on page 1). */
export type ActiveFilter =
  | { kind: 'facet'; param: FacetParam; value: string; without: SearchState }
  | { kind: 'smeFit' | 'maxPrice'; without: SearchState };

export function activeFilters(state: SearchState): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  for (const param of FACET_PARAM_NAMES) {
    for (const value of state.selected[param]) {
      const selected = { ...state.selected, [param]: state.selected[param].filter((other) => other !== value) };
      filters.push({ kind: 'facet', param, value, without: { ...state, selected, page: 1 } });
    }
  }
  if (state.smeFit) filters.push({ kind: 'smeFit', without: { ...state, smeFit: false, page: 1 } });
  if (state.maxPrice !== null) filters.push({ kind: 'maxPrice', without: { ...state, maxPrice: null, page: 1 } });
  return filters;
}

export function withoutFilters(state: SearchState): SearchState {
  return { ...state, selected: emptySelection(), smeFit: false, maxPrice: null, page: 1 };
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/**
 * Page numbers to link to: the first, the last and a window around the current page, with
 * null where numbers are skipped. Keeps the pagination short on phones.
 */
export function pageWindow(current: number, pages: number, radius = 2): Array<number | null> {
  const shown = new Set([1, pages]);
  for (let page = current - radius; page <= current + radius; page += 1) {
    if (page >= 1 && page <= pages) shown.add(page);
  }
  const sorted = [...shown].sort((a, b) => a - b);
  const result: Array<number | null> = [];
  for (const [index, page] of sorted.entries()) {
    const previous = sorted[index - 1];
    if (previous !== undefined && page - previous > 1) result.push(null);
    result.push(page);
  }
  return result;
}
