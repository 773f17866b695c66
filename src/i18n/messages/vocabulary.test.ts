import { describe, expect, it } from 'vitest';
import {
  CERTIFICATION_KINDS,
  CERTIFICATION_TRUSTS,
  DELIVERIES,
  DELIVERY_PREFERENCES,
  LANGUAGES,
  PREFERRED_LANGUAGES,
  PRICING_MODELS,
  PRODUCT_KINDS,
  SIZE_BANDS,
} from '../../../graph/vocabulary';
import { DOCUMENT_KINDS, FACETS, SEARCH_SORTS } from '../../../search/types';
import { dictionary } from '../dictionary';

/** Every closed list the site shows, with the key prefix of its labels. */
const LABELLED: ReadonlyArray<readonly [prefix: string, values: readonly string[]]> = [
  ['kind', DOCUMENT_KINDS],
  ['productKind', PRODUCT_KINDS],
  ['size', SIZE_BANDS],
  ['language', LANGUAGES],
  ['language', PREFERRED_LANGUAGES],
  ['pricing', PRICING_MODELS],
  ['delivery', DELIVERIES],
  ['match.delivery', DELIVERY_PREFERENCES],
  ['cert.kind', CERTIFICATION_KINDS],
  ['cert.trust', CERTIFICATION_TRUSTS],
  ['about.trust', CERTIFICATION_TRUSTS],
  ['search.facet', FACETS],
  ['search.sort', SEARCH_SORTS],
];

describe('vocabulary labels', () => {
  it('label every value of every closed list in both languages', () => {
    const missing = LABELLED.flatMap(([prefix, values]) =>
      values.flatMap((value) =>
        (['da', 'en'] as const)
          .filter((locale) => !(dictionary[locale] as Record<string, string>)[`${prefix}.${value}`]?.trim())
          .map((locale) => `${locale}: ${prefix}.${value}`),
      ),
    );
    expect(missing).toEqual([]);
  });
});
