/** Embedded-engine specifics that the cross-engine conformance suite cannot express. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bareListing, searchFixtures } from '../tests/fixtures/search-documents';
import { createEmbeddedEngine, nameSortKey } from './embedded';
import { SearchRequestError } from './request';
import { FACETS, type FacetName, type SearchDocument } from './types';

const listing = bareListing;

function many(prefix: string, count: number, word: string): SearchDocument[] {
  return Array.from({ length: count }, (_, i) =>
    listing(`product:${prefix}-${i}`, { name: `${prefix} ${i}`, descriptionDa: `${word} nummer ${i}` }),
  );
}

describe('replaceAll', () => {
  it('keeps serving the old index while the new one is built, then swaps', async () => {
    const engine = createEmbeddedEngine();
    await engine.replaceAll(many('gammel', 1500, 'gammelvare'));
    let done = false;
    const replacing = engine.replaceAll(many('ny', 3000, 'nyvare')).then(() => {
      done = true;
    });
    // Let the rebuild start and yield at least once (it yields every 500 documents).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const during = await engine.search({ query: 'gammelvare', limit: 1 });
    const newDuring = await engine.search({ query: 'nyvare', limit: 1 });
    expect(done).toBe(false);
    expect(during.total).toBe(1500);
    expect(newDuring.total).toBe(0);
    expect(await engine.count()).toBe(1500);
    await replacing;
    expect((await engine.search({ query: 'gammelvare' })).total).toBe(0);
    expect((await engine.search({ query: 'nyvare', limit: 1 })).total).toBe(3000);
  });

  it('applies an upsert issued during a rebuild to the new index, not the discarded one', async () => {
    const engine = createEmbeddedEngine();
    await engine.replaceAll(many('a', 10, 'alfa'));
    const replacing = engine.replaceAll(many('b', 1200, 'bravo'));
    const upserting = engine.upsert([listing('product:sen', { descriptionDa: 'sent ankommet charlie' })]);
    await Promise.all([replacing, upserting]);
    expect(await engine.count()).toBe(1201);
    expect((await engine.search({ query: 'charlie' })).total).toBe(1);
  });
});

describe('writes', () => {
  it('rejects a batch with an invalid document without applying any of it', async () => {
    const engine = createEmbeddedEngine();
    const broken = { ...listing('product:x'), regions: 'hovedstaden' } as unknown as SearchDocument;
    await expect(engine.upsert([listing('product:ok'), broken])).rejects.toThrow(/regions/);
    expect(await engine.count()).toBe(0);
  });

  it('is not affected by callers mutating their documents afterwards', async () => {
    const engine = createEmbeddedEngine();
    const doc = listing('product:mutable', { descriptionDa: 'original tekst', regions: ['hovedstaden'] });
    await engine.upsert([doc]);
    doc.descriptionDa = 'ændret';
    doc.regions.push('syddanmark');
    const [hit] = (await engine.search({ query: 'original' })).hits;
    expect(hit?.document.descriptionDa).toBe('original tekst');
    expect(hit?.document.regions).toEqual(['hovedstaden']);
  });

  it('gives back every document exactly as written (stored in columns, lists as codes)', async () => {
    const text = fc.string({ maxLength: 12 });
    const list = fc.array(fc.constantFrom('a', 'b', 'phishing', 'backup-og-gendannelse', 'æøå'), { maxLength: 5 });
    const fields = fc.record({
      name: text,
      keywords: list,
      needs: list,
      languages: list,
      priceFrom: fc.option(fc.integer({ min: 0, max: 1_000_000 })),
      smeFit: fc.boolean(),
      updatedAt: fc.integer({ min: 0, max: 2 ** 45 }),
      confirmedAt: fc
        .option(fc.integer({ min: 0, max: 2 ** 45 }), { nil: undefined })
        .chain((value) => (value === undefined ? fc.constantFrom(undefined, null) : fc.constant(value))),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fields, { minLength: 1, maxLength: 8 }), async (all) => {
        const engine = createEmbeddedEngine();
        const docs = all.map(({ confirmedAt, ...rest }, i) => {
          const doc = listing(`product:p${i}`, { ...rest, descriptionDa: 'fælles' });
          if (confirmedAt !== undefined) doc.confirmedAt = confirmedAt;
          else delete doc.confirmedAt;
          return doc;
        });
        await engine.upsert(docs);
        // Written again, so the answers come from slots that replaced others.
        await engine.upsert(docs.slice(0, 1));
        const { hits } = await engine.search({ query: '', limit: 100 });
        // Strictly: an absent confirmedAt must not come back as null or undefined, nor the other way round.
        expect(hits.map((hit) => hit.document)).toStrictEqual(docs);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps lists exact past 65,536 distinct values (codes widen from 2 to 4 bytes)', async () => {
    const engine = createEmbeddedEngine();
    const small = listing('product:small', { needs: ['phishing', 'phishing', 'backup'], keywords: [] });
    const wide = Array.from({ length: 70_000 }, (_, i) => `ord${i}`);
    const large = listing('product:large', { keywords: wide, needs: ['backup'] });
    await engine.upsert([small]);
    await engine.upsert([large]);
    const byId = new Map((await engine.search({ query: '', limit: 10 })).hits.map((hit) => [hit.document.id, hit]));
    expect(byId.get('product:small')?.document).toStrictEqual(small);
    expect(byId.get('product:large')?.document.keywords).toEqual(wide);
    expect(byId.get('product:large')?.document.needs).toEqual(['backup']);
  });

  it('gives back every description exactly, whatever its characters (stored as numbered pieces)', async () => {
    const engine = createEmbeddedEngine();
    const texts = fc.sample(fc.string({ unit: 'binary', maxLength: 300 }), 60);
    const docs = texts.map((text, i) =>
      listing(`product:t${i}`, { descriptionDa: text, descriptionEn: texts[(i + 1) % texts.length] as string }),
    );
    docs.push(listing('product:lone', { descriptionDa: 'før \ud800 kattegat', descriptionEn: '\udfff' }));
    await engine.upsert(docs);
    const stored = new Map(
      (await engine.search({ query: '', limit: 100 })).hits.map((hit) => [hit.document.id, hit.document]),
    );
    for (const doc of docs) {
      expect(stored.get(doc.id)?.descriptionDa).toBe(doc.descriptionDa);
      expect(stored.get(doc.id)?.descriptionEn).toBe(doc.descriptionEn);
    }
    // Replacing a document takes its old words out of the index, read back from the stored pieces.
    expect((await engine.search({ query: 'kattegat' })).total).toBe(1);
    await engine.upsert([listing('product:lone', { descriptionDa: 'skagerrak' })]);
    expect((await engine.search({ query: 'kattegat' })).total).toBe(0);
    expect((await engine.search({ query: 'skagerrak' })).total).toBe(1);
  });

  it('indexes words that are Object.prototype property names', async () => {
    const engine = createEmbeddedEngine();
    await engine.upsert([listing('product:proto', { descriptionEn: 'constructor toString hasOwnProperty valueOf' })]);
    await engine.upsert([listing('product:proto2', { descriptionEn: 'constructor' })]);
    expect((await engine.search({ query: 'constructor' })).total).toBe(2);
    expect((await engine.search({ query: 'hasOwnProperty' })).total).toBe(1);
    await engine.remove(['product:proto']);
    expect((await engine.search({ query: 'constructor' })).total).toBe(1);
  });

  it('refuses to work after close', async () => {
    const engine = createEmbeddedEngine();
    await engine.close();
    expect(await engine.isReady()).toBe(false);
    await expect(engine.search({ query: '' })).rejects.toThrow(/closed/);
    await expect(engine.upsert([])).rejects.toThrow(/closed/);
  });
});

describe('requests', () => {
  it('rejects unknown filters, facets and sorts and invalid paging', async () => {
    const engine = createEmbeddedEngine();
    await expect(engine.search({ query: '', filters: { region: ['x'] } as never })).rejects.toThrow(SearchRequestError);
    await expect(engine.search({ query: '', facets: ['colour' as FacetName] })).rejects.toThrow(SearchRequestError);
    await expect(engine.search({ query: '', sort: 'random' as never })).rejects.toThrow(SearchRequestError);
    await expect(engine.search({ query: '', limit: -1 })).rejects.toThrow(SearchRequestError);
    await expect(engine.search({ query: '', filters: { maxPrice: Number.NaN } })).rejects.toThrow(SearchRequestError);
  });

  it('treats a query of stop words as browsing', async () => {
    const engine = createEmbeddedEngine();
    await engine.replaceAll(searchFixtures());
    expect((await engine.search({ query: 'og i til' })).total).toBe(searchFixtures().length);
  });

  it('counts a value repeated in one document once', async () => {
    const engine = createEmbeddedEngine();
    await engine.upsert([listing('product:dup', { regions: ['hovedstaden', 'hovedstaden'] })]);
    expect((await engine.search({ query: '' })).facets.regions).toEqual({ hovedstaden: 1 });
  });

  it('sorts names the Danish way: æ, ø, å after z', () => {
    const names = ['Åben Sikkerhed', 'Zulu IT', 'Ærlig Data', 'Øst Cyber', 'alfa'];
    expect([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1))).toEqual([
      'alfa',
      'Zulu IT',
      'Ærlig Data',
      'Øst Cyber',
      'Åben Sikkerhed',
    ]);
  });
});

describe('filters and facets against an oracle (property)', () => {
  const values = {
    regions: ['hovedstaden', 'sjaelland', 'syddanmark'],
    needs: ['backup', 'awareness', 'monitoring', 'pentest'],
    languages: ['da', 'en'],
  } as const;
  const docArb = fc.record({
    regions: fc.subarray([...values.regions]),
    needs: fc.subarray([...values.needs]),
    languages: fc.subarray([...values.languages]),
    kind: fc.constantFrom('company' as const, 'product' as const),
    smeFit: fc.boolean(),
    priceFrom: fc.option(fc.integer({ min: 0, max: 50_000 }), { nil: null }),
  });
  const filterArb = fc.record(
    {
      regions: fc.subarray([...values.regions]),
      needs: fc.subarray([...values.needs]),
      kind: fc.subarray(['company', 'product']),
      smeFit: fc.boolean(),
      maxPrice: fc.integer({ min: 0, max: 50_000 }),
    },
    { requiredKeys: [] },
  );

  it('returns exactly the matching documents with exact totals and facet counts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(docArb, { maxLength: 30 }), filterArb, async (specs, filters) => {
        const docs = specs.map((spec, i) => listing(`${spec.kind}:d${i}`, { ...spec }));
        const engine = createEmbeddedEngine();
        // Half in the bulk build (whose facet columns are trimmed to size), half upserted after it, and the bulk's
        // first document replaced by itself.
        const half = Math.ceil(docs.length / 2);
        await engine.replaceAll(docs.slice(0, half));
        await engine.upsert(docs.slice(half).concat(docs.slice(0, 1)));
        const result = await engine.search({ query: '', filters, limit: 100 });
        const oneOf = (selected: readonly string[] | undefined, actual: readonly string[]) =>
          selected === undefined || selected.length === 0 || actual.some((v) => selected.includes(v));
        const expected = docs.filter(
          (d) =>
            oneOf(filters.regions, d.regions) &&
            oneOf(filters.needs, d.needs) &&
            oneOf(filters.kind, [d.kind]) &&
            (filters.smeFit === undefined || d.smeFit === filters.smeFit) &&
            (filters.maxPrice === undefined || (d.priceFrom !== null && d.priceFrom <= filters.maxPrice)),
        );
        expect(result.total).toBe(expected.length);
        expect(result.hits.map((h) => h.document.id).sort()).toEqual(expected.map((d) => d.id).sort());
        for (const facet of FACETS) {
          const counts: Record<string, number> = {};
          for (const d of expected) {
            const value = d[facet];
            for (const v of typeof value === 'string' ? [value] : value) counts[v] = (counts[v] ?? 0) + 1;
          }
          expect(result.facets[facet]).toEqual(counts);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('ranking', () => {
  it('keeps equal scores in first-insertion order through upserts, removal and re-insertion', async () => {
    const engine = createEmbeddedEngine();
    const docs = ['a', 'b', 'c', 'd'].map((slug) => listing(`product:${slug}`, { descriptionDa: 'zebra' }));
    await engine.replaceAll(docs);
    const order = async () => (await engine.search({ query: 'zebra' })).hits.map((hit) => hit.document.id);
    expect(await order()).toEqual(['product:a', 'product:b', 'product:c', 'product:d']);
    // An upsert with the same text, and a removal followed by re-adding, keep each document's place among ties.
    await engine.upsert([docs[0] as SearchDocument]);
    await engine.remove(['product:b']);
    await engine.upsert([docs[1] as SearchDocument]);
    expect(await order()).toEqual(['product:a', 'product:b', 'product:c', 'product:d']);
  });

  it('rebuilds itself once upserts leave more dead slots than live ones, keeping answers and tie order', async () => {
    const engine = createEmbeddedEngine();
    const docs = ['a', 'b', 'c', 'd', 'e'].map((slug, i) =>
      listing(`product:${slug}`, { descriptionDa: 'zebra', regions: [i % 2 === 0 ? 'nord' : 'syd'] }),
    );
    await engine.replaceAll(docs);
    await engine.remove(['product:c']);
    const ask = async () => {
      const response = await engine.search({ query: 'zebra', facets: ['regions'] });
      return {
        ids: response.hits.map((hit) => hit.document.id),
        scores: response.hits.map((hit) => hit.score),
        facets: response.facets,
      };
    };
    const before = await ask();
    let peak = 0;
    // A change feed re-upserting the same companies again and again (as a long-running server's does).
    for (let round = 0; round < 3000; round += 1) {
      await engine.upsert(docs.filter((doc) => doc.id !== 'product:c'));
      peak = Math.max(peak, engine.slotsUsed);
    }
    expect(peak).toBeLessThan(4096 + 2 * 4 + 10);
    expect(engine.slotsUsed).toBeLessThan(4096 + 2 * 4 + 10);
    expect(await ask()).toEqual(before);
    // The removed document comes back to its old place among the ties.
    await engine.upsert([docs[2] as SearchDocument]);
    expect((await ask()).ids).toEqual(['product:a', 'product:b', 'product:c', 'product:d', 'product:e']);
  });

  it('pages through any query exactly as one full ranking would (property)', async () => {
    const engine = createEmbeddedEngine();
    const words = ['zebra', 'giraf', 'okapi'];
    const docs = Array.from({ length: 60 }, (_, i) =>
      listing(`product:p${i}`, {
        name: `${words[i % 3]} ${i}`,
        descriptionDa: words.slice(0, 1 + (i % 3)).join(' ') + ' ord'.repeat(i % 5),
        priceFrom: i % 4 === 0 ? null : (i * 37) % 11,
        updatedAt: (i * 7) % 13,
      }),
    );
    await engine.replaceAll(docs);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('zebra', 'giraf okapi', 'ord', ''),
        fc.constantFrom('relevance', 'name', 'priceAsc', 'newest') as fc.Arbitrary<
          'relevance' | 'name' | 'priceAsc' | 'newest'
        >,
        fc.integer({ min: 0, max: 70 }),
        fc.integer({ min: 0, max: 30 }),
        async (query, sort, offset, limit) => {
          const full = await engine.search({ query, sort, limit: 1000 });
          const page = await engine.search({ query, sort, offset, limit });
          expect(page.total).toBe(full.total);
          expect(page.hits).toEqual(full.hits.slice(offset, offset + limit));
        },
      ),
      { numRuns: 120 },
    );
  });
});
