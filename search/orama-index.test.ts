/** The Orama database of the embedded engine: Orama's own search() and the engine's direct path must agree. */
import { insert, remove, search } from '@orama/orama';
import { describe, expect, it } from 'vitest';
import { searchFixtures } from '../tests/fixtures/search-documents';
import { TEXT_FIELD_BOOSTS, TEXT_FIELDS } from './document';
import { rankByScore } from './matcher';
import { createTextDb, searchText, toIndexedText } from './orama-index';
import { parseQuery } from './text';

describe('Orama text database', () => {
  it("answers Orama's own search() with the engine's matcher", async () => {
    const db = createTextDb();
    for (const doc of searchFixtures()) insert(db, toIndexedText(doc));
    for (const query of ['pentest', 'overvågnig', 'backup', 'sikkerhed', 'Nordlys Sikkerhed ApS']) {
      const direct = rankByScore(searchText(db, parseQuery(query))).map(
        (slot) => db.internalDocumentIDStore.internalIdToId[slot - 1],
      );
      const viaOrama = await search(db, { term: query, properties: TEXT_FIELDS, boost: TEXT_FIELD_BOOSTS, limit: 50 });
      expect(direct.length).toBeGreaterThan(0);
      expect(viaOrama.hits.map((hit) => hit.id)).toEqual(direct);
    }
  });

  it('keeps document frequencies right through removal and re-insertion', () => {
    const db = createTextDb();
    const [first, second] = searchFixtures();
    if (first === undefined || second === undefined) throw new Error('fixtures missing');
    insert(db, toIndexedText({ ...first, descriptionDa: 'zebra zebra' }));
    insert(db, toIndexedText({ ...second, descriptionDa: 'zebra' }));
    remove(db, first.id);
    expect(db.data.index.tokenOccurrences.descriptionDa?.zebra).toBe(1);
    insert(db, toIndexedText({ ...first, descriptionDa: 'zebra' }));
    expect(db.data.index.tokenOccurrences.descriptionDa?.zebra).toBe(2);
    expect(searchText(db, parseQuery('zebra')).ids).toHaveLength(2);
  });
});
