import type { Taxonomy } from '../../../graph/catalog';
import { isOneOf, LANGUAGES, SIZE_BANDS } from '../../../graph/vocabulary';
import { DOCUMENT_KINDS, type FacetName, type SearchDocument } from '../../../search/types';
import { compareLabels, formatList, type Locale, label, type MessageKey, t } from '../../i18n';
import {
  FACET_PARAM_NAMES,
  FACET_PARAMS,
  type FacetParam,
  MAX_PAGE,
  MAX_QUERY_LENGTH,
  MAX_VALUES_PER_FILTER,
  type SearchProblem,
  type SearchState,
} from './params';

/**
 * Turns a search response into what the page shows: facet groups with readable labels and a
 * stable order, and a short "why is this shown" line per result (ranking must be explainable).
 */

export interface FacetOption {
  value: string;
  label: string;
  count: number;
  checked: boolean;
}

export interface FacetGroup {
  param: FacetParam;
  legend: string;
  options: FacetOption[];
}

type Labels = Taxonomy['labels'];

const TAXONOMY_LABELS: Partial<Record<FacetParam, keyof Labels>> = {
  need: 'needs',
  category: 'categories',
  region: 'regions',
  municipality: 'municipalities',
  certification: 'certifications',
  csf: 'csfFunctions',
};

const DICTIONARY_LABELS: Partial<Record<FacetParam, (value: string) => MessageKey | undefined>> = {
  size: (value) => (isOneOf(SIZE_BANDS, value) ? `size.${value}` : undefined),
  language: (value) => (isOneOf(LANGUAGES, value) ? `language.${value}` : undefined),
  kind: (value) => (isOneOf(DOCUMENT_KINDS, value) ? `kind.${value}` : undefined),
};

/** The readable name of a filter value; an unknown code is shown as itself so it can still be removed. */
export function filterValueLabel(param: FacetParam, value: string, labels: Labels | null, locale: Locale): string {
  const taxonomyKey = TAXONOMY_LABELS[param];
  if (taxonomyKey) {
    const text = labels?.[taxonomyKey][value];
    return text ? label(text, locale) || value : value;
  }
  const key = DICTIONARY_LABELS[param]?.(value);
  return key ? t(locale, key) : value;
}

/** Facets whose values have a natural order keep it; the rest go by count, then alphabetically. */
function fixedOrder(param: FacetParam, taxonomy: Taxonomy | null): readonly string[] | undefined {
  switch (param) {
    case 'size':
      return SIZE_BANDS;
    case 'kind':
      return DOCUMENT_KINDS;
    case 'csf':
      return taxonomy?.csfFunctions.map((csfFunction) => csfFunction.code);
    case 'region':
      return taxonomy?.regions.map((region) => region.code);
    default:
      return undefined;
  }
}

/**
 * One group per facet with the values that have results, plus the ones already chosen (even at
 * zero) so a reader can always untick them. Without a taxonomy (an invalid search) only the
 * chosen values are listed.
 */
export function facetGroups(
  state: SearchState,
  counts: Partial<Record<FacetName, Record<string, number>>>,
  taxonomy: Taxonomy | null,
  locale: Locale,
): FacetGroup[] {
  const byLabel = compareLabels(locale);
  return FACET_PARAM_NAMES.map((param) => {
    const facetCounts = counts[FACET_PARAMS[param]] ?? {};
    const selected = state.selected[param];
    const values = new Set([...Object.keys(facetCounts).filter((value) => (facetCounts[value] ?? 0) > 0), ...selected]);
    const options = [...values].map((value) => ({
      value,
      label: filterValueLabel(param, value, taxonomy?.labels ?? null, locale),
      count: facetCounts[value] ?? 0,
      checked: selected.includes(value),
    }));
    const order = fixedOrder(param, taxonomy);
    const position = (value: string) => {
      const index = order?.indexOf(value) ?? -1;
      return index === -1 ? Number.MAX_SAFE_INTEGER : index;
    };
    options.sort((a, b) =>
      order
        ? position(a.value) - position(b.value) || byLabel(a.label, b.label)
        : b.count - a.count || byLabel(a.label, b.label),
    );
    return { param, legend: t(locale, `search.facet.${FACET_PARAMS[param]}`), options };
  }).filter((group) => group.options.length > 0);
}

/**
 * Why a result is in the list, in words: the search text, the needs it covers among those the
 * reader chose, and the other filters. Relevance is the only ranking, so this is the whole story.
 */
export function whyShown(document: SearchDocument, state: SearchState, labels: Labels | null, locale: Locale): string {
  const reasons: string[] = [];
  if (state.query) reasons.push(t(locale, 'result.why.text'));
  const needs = document.needs.filter((need) => state.selected.need.includes(need));
  if (needs.length > 0) {
    const names = needs.map((need) => filterValueLabel('need', need, labels, locale));
    reasons.push(t(locale, 'result.why.need', { needs: formatList(locale, names) }));
  }
  const otherFilters =
    FACET_PARAM_NAMES.some((param) => param !== 'need' && state.selected[param].length > 0) ||
    state.smeFit ||
    state.maxPrice !== null;
  if (otherFilters) reasons.push(t(locale, 'result.why.filters'));
  if (reasons.length === 0) reasons.push(t(locale, 'result.why.all'));
  return `${t(locale, 'result.why')}: ${formatList(locale, reasons)}.`;
}

/** Region names for a result; every region at once reads better as "all of Denmark". */
export function regionText(document: SearchDocument, taxonomy: Taxonomy, locale: Locale): string | null {
  if (document.regions.length === 0) return null;
  if (taxonomy.regions.length > 0 && taxonomy.regions.every((region) => document.regions.includes(region.code))) {
    return t(locale, 'result.allRegions');
  }
  return formatList(
    locale,
    document.regions.map((code) => filterValueLabel('region', code, taxonomy.labels, locale)),
  );
}

/** A problem with the search address, told with the filter's visible name rather than its URL parameter. */
export function describeProblem(problem: SearchProblem, locale: Locale): string {
  const facetName = (param: FacetParam) => t(locale, `search.facet.${FACET_PARAMS[param]}`);
  switch (problem.kind) {
    case 'page':
      return t(locale, 'search.error.page', { value: problem.value, max: MAX_PAGE });
    case 'sort':
      return t(locale, 'search.error.sort', { value: problem.value });
    case 'maxPrice':
      return t(locale, 'search.error.maxPrice', { value: problem.value });
    case 'smeFit':
      return t(locale, 'search.error.smeFit', { value: problem.value });
    case 'value':
      return t(locale, 'search.error.value', { param: facetName(problem.param), value: problem.value });
    case 'tooMany':
      return t(locale, 'search.error.tooMany', { param: facetName(problem.param), max: MAX_VALUES_PER_FILTER });
    case 'queryTooLong':
      return t(locale, 'search.error.queryTooLong', { max: MAX_QUERY_LENGTH });
    case 'queryUnreadable':
      return t(locale, 'search.error.queryUnreadable');
  }
}
