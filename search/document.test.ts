import { describe, expect, it } from 'vitest';
import { searchFixtures } from '../tests/fixtures/search-documents';
import {
  assertSearchDocument,
  DOCUMENT_FIELDS,
  FACETS,
  LIST_FIELDS,
  type SearchDocument,
  searchDocumentSchema,
  TEXT_FIELDS,
} from './document';

describe('search document schema', () => {
  it('accepts well-formed listings', () => {
    for (const doc of searchFixtures()) expect(() => assertSearchDocument(doc), doc.id).not.toThrow();
  });

  it('names the listing and the field when it refuses one', () => {
    const doc = searchFixtures()[0] as SearchDocument;
    expect(() => assertSearchDocument({ ...doc, regions: 'hovedstaden' })).toThrow(`(${doc.id}): regions`);
    expect(() => assertSearchDocument({ ...doc, priceFrom: Number.POSITIVE_INFINITY })).toThrow(/priceFrom/);
    expect(() => assertSearchDocument({ ...doc, kind: 'person' })).toThrow(/kind/);
    expect(() => assertSearchDocument({ ...doc, id: '' })).toThrow(/id/);
    expect(() => assertSearchDocument(null)).toThrow(TypeError);
  });

  it('derives every field list from the schema', () => {
    expect(DOCUMENT_FIELDS).toEqual(Object.keys(searchDocumentSchema.shape));
    const lists = DOCUMENT_FIELDS.filter((field) => Array.isArray((searchFixtures()[0] as SearchDocument)[field]));
    expect([...LIST_FIELDS]).toEqual(lists);
    for (const field of [...FACETS, ...TEXT_FIELDS]) expect(DOCUMENT_FIELDS).toContain(field);
  });
});
