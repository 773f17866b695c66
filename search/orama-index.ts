/**
 * The Orama 3 database behind the embedded engine: which fields are indexed, how text becomes tokens and the index
 * component that plugs our matcher into Orama (so Orama's own `search()` on this database agrees with the engine).
 *
 * Orama holds the text index (one radix tree per field, document frequencies, field lengths) and the documents;
 * filters, facets, sorting and pagination happen in embedded.ts on the matched documents, because Orama's
 * implementations of those materialise a Set per condition and build per-document closures for facets (270 ms for a
 * facet count over 110,000 documents in a probe), which our plain loops do in a fraction of that.
 */

import type { IIndex, Orama, Tokenizer } from '@orama/orama';
import { components, count, create } from '@orama/orama';
import { type SearchDocument, TEXT_FIELD_BOOSTS, TEXT_FIELDS, type TextField } from './document';
import type { QueryMatches } from './matcher';
import { evaluateQuery, rankByScore } from './matcher';
import type { ParsedQuery } from './text';
import { indexTerms, parseQuery } from './text';

type Index = components.index.Index;

/** Every text field is one Orama string, a list included (see toIndexedText). */
const TEXT_SCHEMA = Object.fromEntries(TEXT_FIELDS.map((field) => [field, 'string'])) as Record<TextField, 'string'>;

/** What Orama stores per document: only the text fields (the full SearchDocument is kept by the engine). */
export type IndexedText = { id: string } & Record<TextField, string>;

export type TextDb = Orama<typeof TEXT_SCHEMA, IIndex<Index>>;

export function toIndexedText(doc: SearchDocument): IndexedText {
  const indexed = { id: doc.id } as IndexedText;
  for (const field of TEXT_FIELDS) {
    const value = doc[field];
    // One string rather than 'string[]': Orama records field-length statistics per array element, not per field.
    indexed[field] = typeof value === 'string' ? value : value.join(' · ');
  }
  return indexed;
}

/**
 * Index-time tokenizer. Orama calls it with the property name when inserting or removing; it is never called at
 * query time because our index component parses the query itself (see `createTextIndex`).
 */
function createTokenizer(): Tokenizer {
  return {
    // Informational only: Orama compares it with a per-call language argument, which we never pass.
    language: 'danish',
    normalizationCache: new Map(),
    tokenize: (raw: string) => indexTerms(raw),
  };
}

/**
 * Orama's default index with three changes: token statistics live in prototype-free objects (Orama's plain objects
 * turn the token "constructor" into a string concatenation), term frequencies are not stored (tokens are unique per
 * field, so tf is always 1 and Orama's O(tokens²) frequency bookkeeping is pure cost), and `search` is ours.
 */
function createTextIndex(): IIndex<Index> {
  const base = components.index.createIndex();
  return {
    ...base,
    create(orama, sharedInternalDocumentStore, schema) {
      const index = base.create(orama, sharedInternalDocumentStore, schema);
      for (const prop of Object.keys(index.tokenOccurrences)) index.tokenOccurrences[prop] = Object.create(null);
      return index;
    },
    insertDocumentScoreParameters(index, prop, id, tokens, docsCount) {
      const internalId = toInternalId(index, id);
      index.avgFieldLength[prop] = ((index.avgFieldLength[prop] ?? 0) * (docsCount - 1) + tokens.length) / docsCount;
      const lengths = index.fieldLengths[prop];
      if (lengths !== undefined) lengths[internalId] = tokens.length;
    },
    insertTokenScoreParameters(index, prop, _id, _tokens, token) {
      const occurrences = index.tokenOccurrences[prop];
      if (occurrences !== undefined) occurrences[token] = (occurrences[token] ?? 0) + 1;
    },
    search(
      index,
      term,
      _tokenizer,
      _language,
      propertiesToSearch,
      _exact,
      _tolerance,
      boost,
      _relevance,
      docsCount,
      whereFiltersIDs,
    ) {
      // Orama types the store passed to `search` loosely (AnyIndexStore); it is the one `create` above built.
      const store = index as Index;
      const matches = evaluateQuery(store, parseQuery(term), {
        properties: propertiesToSearch,
        boosts: boost,
        docsCount,
        idLimit: store.sharedInternalDocumentStore.internalIdToId.length + 1,
        allowed: whereFiltersIDs,
      });
      return rankByScore(matches).map((id): [number, number] => [id, matches.scores[id] as number]);
    },
  };
}

function toInternalId(index: Index, id: string | number): number {
  return components.internalDocumentIDStore.getInternalDocumentId(index.sharedInternalDocumentStore, id);
}

export function createTextDb(): TextDb {
  return create({
    schema: TEXT_SCHEMA,
    components: { tokenizer: createTokenizer(), index: createTextIndex() },
    // We sort in embedded.ts; Orama's sorter would keep a sorted copy of every field for nothing.
    sort: { enabled: false },
  });
}

/** Orama's internal id of a stored document (stable for an id across remove and re-insert). */
export function internalIdOf(db: TextDb, id: string): number {
  return components.internalDocumentIDStore.getInternalDocumentId(db.internalDocumentIDStore, id);
}

/**
 * Evaluate a parsed query on the database's index store: every matching internal id with its score.
 * Orama's `search()` would run the same matcher (through the index component above) but then copies every hit's
 * document and allocates a result array the size of the database, which at 110,000 documents cost more than the
 * matching itself; the engine pages and facets on its own, so it asks the index directly.
 */
export function searchText(db: TextDb, query: ParsedQuery): QueryMatches {
  return evaluateQuery(db.data.index, query, {
    properties: TEXT_FIELDS,
    boosts: TEXT_FIELD_BOOSTS,
    docsCount: count(db),
    idLimit: db.internalDocumentIDStore.internalIdToId.length + 1,
  });
}
