/**
 * One behaviour contract for both search engines. The suite is written once, as a function of an engine factory,
 * and registered for the embedded engine always and for Meilisearch only when MEILI_URL is set (then against that
 * server, in a throw-away index per engine instance). Expected results come from the fixtures through small
 * independent oracles (plain loops), not from either engine.
 */
import { Meilisearch } from 'meilisearch';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedEngine } from '../../search/embedded';
import { createMeilisearchEngine } from '../../search/meilisearch';
import type { FacetName, SearchDocument, SearchEngine, SearchResponse } from '../../search/types';
import { FACETS } from '../../search/types';
import { FIXTURE_IDS as IDS, searchFixtures } from '../fixtures/search-documents';

interface EngineHandle {
  engine: SearchEngine;
  dispose(): Promise<void>;
}

type EngineFactory = () => Promise<EngineHandle>;

const FIXTURES = searchFixtures();

function ids(response: SearchResponse): string[] {
  return response.hits.map((hit) => hit.document.id);
}

function idsWhere(predicate: (doc: SearchDocument) => boolean): string[] {
  return FIXTURES.filter(predicate)
    .map((doc) => doc.id)
    .sort();
}

function facetCounts(docs: readonly SearchDocument[], facets: readonly FacetName[] = FACETS) {
  const counts = Object.fromEntries(FACETS.map((facet) => [facet, {} as Record<string, number>])) as Record<
    FacetName,
    Record<string, number>
  >;
  for (const facet of facets) {
    for (const doc of docs) {
      const value = doc[facet];
      for (const v of new Set(typeof value === 'string' ? [value] : value)) {
        counts[facet][v] = (counts[facet][v] ?? 0) + 1;
      }
    }
  }
  return counts;
}

function byName(a: SearchDocument, b: SearchDocument): number {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Fixture text as one lowercase string, to prove a document lacks the words a feature must bridge. */
function textOf(id: string): string {
  const doc = FIXTURES.find((d) => d.id === id);
  if (doc === undefined) throw new Error(`no fixture ${id}`);
  return [doc.name, doc.companyName, doc.descriptionDa, doc.descriptionEn, ...doc.keywords].join(' ').toLowerCase();
}

function conformance(label: string, factory: EngineFactory): void {
  describe(`search conformance: ${label}`, () => {
    describe('reading a loaded index', () => {
      let handle: EngineHandle;
      let engine: SearchEngine;

      beforeAll(async () => {
        handle = await factory();
        engine = handle.engine;
        await engine.replaceAll(searchFixtures());
      });

      afterAll(async () => {
        await handle?.dispose();
      });

      it('counts the documents', async () => {
        expect(await engine.count()).toBe(FIXTURES.length);
        expect(await engine.isReady()).toBe(true);
      });

      it('finds a listing by its exact name first', async () => {
        expect(ids(await engine.search({ query: 'Nordlys Sikkerhed ApS' }))[0]).toBe(IDS.nordlysCompany);
        expect(ids(await engine.search({ query: 'Skybackup Pro' }))[0]).toBe(IDS.skybackup);
      });

      it.each([
        ['penetrasionstest', IDS.webappPentest],
        ['backpu', IDS.skybackup],
        ['overvågnig', IDS.soc],
        ['firewal', IDS.firewall],
      ])('tolerates the typo "%s"', async (query, expected) => {
        expect(ids(await engine.search({ query }))).toContain(expected);
      });

      it('expands synonyms: "pentest" finds a listing that only says "penetrationstest"', async () => {
        expect(textOf(IDS.webappPentest)).not.toContain('pentest');
        expect(ids(await engine.search({ query: 'pentest' }))).toContain(IDS.webappPentest);
      });

      it.each(['hacket', 'ransomware'])('expands synonyms: "%s" finds incident response', async (query) => {
        expect(textOf(IDS.incidentResponse)).not.toContain(query);
        expect(ids(await engine.search({ query }))).toContain(IDS.incidentResponse);
      });

      it.each([
        ['sikkerhedskopier', IDS.kontorKopi],
        ['overvågningen', IDS.vagttaarnCompany],
        ['skabeloner', IDS.gdprPakke],
      ])('matches the Danish inflection "%s"', async (query, expected) => {
        expect(textOf(expected)).not.toContain(query);
        expect(ids(await engine.search({ query }))).toContain(expected);
      });

      it('finds compounds by their head: "overvågning" finds døgnovervågning and netværksovervågning', async () => {
        expect(textOf(IDS.netvagtSensor)).not.toMatch(/(^|[^\p{L}])overvågning/u);
        const found = ids(await engine.search({ query: 'overvågning' }));
        expect(found).toContain(IDS.soc);
        expect(found).toContain(IDS.netvagtSensor);
      });

      it('accepts the ae/oe/aa spelling', async () => {
        expect(ids(await engine.search({ query: 'overvaagning' }))).toContain(IDS.vagttaarnCompany);
      });

      it('ORs values within a facet', async () => {
        const result = await engine.search({
          query: '',
          filters: { regions: ['syddanmark', 'nordjylland'] },
          limit: 50,
        });
        const expected = idsWhere((d) => d.regions.includes('syddanmark') || d.regions.includes('nordjylland'));
        expect(ids(result).sort()).toEqual(expected);
        expect(result.total).toBe(expected.length);
      });

      it('ANDs across facets', async () => {
        const result = await engine.search({
          query: '',
          filters: { regions: ['syddanmark', 'nordjylland'], needs: ['backup-recovery'] },
          limit: 50,
        });
        expect(ids(result).sort()).toEqual([IDS.datavagtCompany, IDS.kontorKopi, IDS.skybackup].sort());
      });

      it.each([true, false])('filters on smeFit = %s', async (smeFit) => {
        const result = await engine.search({ query: '', filters: { smeFit }, limit: 50 });
        expect(ids(result).sort()).toEqual(idsWhere((d) => d.smeFit === smeFit));
      });

      it('filters on a maximum price, leaving out listings priced on request', async () => {
        const result = await engine.search({ query: '', filters: { maxPrice: 1000 }, limit: 50 });
        expect(ids(result).sort()).toEqual(idsWhere((d) => d.priceFrom !== null && d.priceFrom <= 1000));
        expect(result.total).toBe(4);
      });

      it('filters on kind and on the owning company', async () => {
        const products = await engine.search({ query: '', filters: { kind: ['product'] }, limit: 50 });
        expect(products.total).toBe(FIXTURES.filter((d) => d.kind === 'product').length);
        const datavagt = await engine.search({ query: '', filters: { companySlug: 'datavagt-backup' }, limit: 50 });
        expect(ids(datavagt).sort()).toEqual(idsWhere((d) => d.companySlug === 'datavagt-backup'));
        const nobody = await engine.search({ query: '', filters: { companySlug: 'ingen-kender-os' }, limit: 50 });
        expect(nobody.total).toBe(0);
      });

      it('combines a query with filters', async () => {
        const result = await engine.search({ query: 'backup', filters: { maxPrice: 200 } });
        expect(ids(result)).toEqual([IDS.kontorKopi]);
        expect(result.total).toBe(1);
      });

      it('counts facets over the filtered result', async () => {
        const filters = { regions: ['syddanmark', 'hovedstaden'], smeFit: true };
        const result = await engine.search({ query: '', filters, limit: 50 });
        const matching = FIXTURES.filter(
          (d) => d.smeFit && (d.regions.includes('syddanmark') || d.regions.includes('hovedstaden')),
        );
        expect(result.facets).toEqual(facetCounts(matching));
      });

      it('counts facets over the matches of a query', async () => {
        const result = await engine.search({ query: 'sikkerhed', limit: 100 });
        expect(result.total).toBeGreaterThan(1);
        expect(result.hits).toHaveLength(result.total);
        expect(result.facets).toEqual(facetCounts(result.hits.map((hit) => hit.document)));
      });

      it('counts only the requested facets', async () => {
        const result = await engine.search({ query: '', facets: ['regions', 'kind'] });
        expect(result.facets).toEqual(facetCounts(FIXTURES, ['regions', 'kind']));
        expect(result.facets.needs).toEqual({});
      });

      it('browses everything with facets for an empty query', async () => {
        const result = await engine.search({ query: '', limit: 50 });
        expect(result.total).toBe(FIXTURES.length);
        expect(ids(result).sort()).toEqual(FIXTURES.map((d) => d.id).sort());
        expect(result.facets).toEqual(facetCounts(FIXTURES));
      });

      it('sorts by name', async () => {
        const result = await engine.search({ query: '', sort: 'name', limit: 50 });
        expect(ids(result)).toEqual([...FIXTURES].sort(byName).map((d) => d.id));
      });

      it('sorts by price, cheapest first and "on request" last', async () => {
        const result = await engine.search({ query: '', sort: 'priceAsc', limit: 50 });
        const prices = result.hits.map((hit) => hit.document.priceFrom);
        const priced = prices.filter((p): p is number => p !== null);
        expect(priced).toEqual([...priced].sort((a, b) => a - b));
        expect(prices.slice(priced.length).every((p) => p === null)).toBe(true);
        expect(priced).toHaveLength(FIXTURES.filter((d) => d.priceFrom !== null).length);
      });

      it('sorts by newest', async () => {
        const result = await engine.search({ query: '', sort: 'newest', limit: 50 });
        expect(ids(result)).toEqual([...FIXTURES].sort((a, b) => b.updatedAt - a.updatedAt).map((d) => d.id));
      });

      it('sorts query results, not just browsing', async () => {
        const result = await engine.search({ query: 'backup', sort: 'priceAsc' });
        expect(result.hits.map((hit) => hit.document.priceFrom)).toEqual([149, 399, null]);
      });

      it('paginates stably with an exact total', async () => {
        const all = ids(await engine.search({ query: '', sort: 'name', limit: 50 }));
        const pages: string[] = [];
        for (let offset = 0; offset < all.length; offset += 6) {
          const page = await engine.search({ query: '', sort: 'name', limit: 6, offset });
          expect(page.total).toBe(FIXTURES.length);
          pages.push(...ids(page));
        }
        expect(pages).toEqual(all);
      });

      it('paginates relevance-ranked results stably', async () => {
        const all = ids(await engine.search({ query: 'sikkerhed', limit: 50 }));
        const first = await engine.search({ query: 'sikkerhed', limit: 2 });
        const second = await engine.search({ query: 'sikkerhed', limit: 2, offset: 2 });
        expect([...ids(first), ...ids(second)]).toEqual(all.slice(0, 4));
        expect(first.total).toBe(all.length);
      });

      it('returns only the total for limit 0', async () => {
        const result = await engine.search({ query: '', limit: 0 });
        expect(result.hits).toEqual([]);
        expect(result.total).toBe(FIXTURES.length);
      });

      it('returns documents as they were indexed', async () => {
        const [hit] = (await engine.search({ query: 'Skybackup Pro', limit: 1 })).hits;
        expect(hit?.document).toEqual(FIXTURES.find((d) => d.id === IDS.skybackup));
      });
    });

    describe('writing', () => {
      let handle: EngineHandle;
      let engine: SearchEngine;

      beforeEach(async () => {
        handle = await factory();
        engine = handle.engine;
        await engine.replaceAll(searchFixtures());
      });

      afterEach(async () => {
        await handle?.dispose();
      });

      it('upsert replaces a document by id', async () => {
        const sensor = searchFixtures().find((d) => d.id === IDS.netvagtSensor);
        if (sensor === undefined) throw new Error('fixture missing');
        expect(ids(await engine.search({ query: 'mistænkelig' }))).toEqual([IDS.netvagtSensor]);
        await engine.upsert([{ ...sensor, descriptionDa: 'Zigbee-sensor til netværket.', priceFrom: 900 }]);
        expect(ids(await engine.search({ query: 'zigbee' }))).toEqual([IDS.netvagtSensor]);
        expect(ids(await engine.search({ query: 'mistænkelig' }))).toEqual([]);
        expect(await engine.count()).toBe(FIXTURES.length);
        const [hit] = (await engine.search({ query: 'zigbee' })).hits;
        expect(hit?.document.priceFrom).toBe(900);
      });

      it('upsert adds a new document', async () => {
        const template = searchFixtures()[0] as SearchDocument;
        await engine.upsert([{ ...template, id: 'company:ny-vagt', slug: 'ny-vagt', name: 'Ny Vagt Kvantekrypto' }]);
        expect(await engine.count()).toBe(FIXTURES.length + 1);
        expect(ids(await engine.search({ query: 'kvantekrypto' }))).toEqual(['company:ny-vagt']);
      });

      it('remove removes documents and ignores unknown ids', async () => {
        await engine.remove([IDS.netvagtSensor, 'product:does-not-exist']);
        expect(await engine.count()).toBe(FIXTURES.length - 1);
        expect(ids(await engine.search({ query: 'mistænkelig' }))).toEqual([]);
        const browse = await engine.search({ query: '', limit: 50 });
        expect(ids(browse)).not.toContain(IDS.netvagtSensor);
        expect(browse.facets).toEqual(facetCounts(FIXTURES.filter((d) => d.id !== IDS.netvagtSensor)));
      });

      it('replaceAll swaps in the new content and the old content is gone', async () => {
        const template = searchFixtures()[0] as SearchDocument;
        const fresh = ['alfa', 'bravo', 'charlie'].map((slug) => ({
          ...template,
          id: `company:${slug}`,
          slug,
          companySlug: slug,
          name: `${slug} Kvanteforsvar`,
          companyName: `${slug} Kvanteforsvar`,
          descriptionDa: 'Kvanteforsvar for kommuner.',
          descriptionEn: 'Quantum defence for municipalities.',
          keywords: [],
        }));
        await engine.replaceAll(fresh);
        expect(await engine.count()).toBe(3);
        expect((await engine.search({ query: 'Nordlys' })).total).toBe(0);
        expect((await engine.search({ query: 'kvanteforsvar' })).total).toBe(3);
        expect((await engine.search({ query: '' })).total).toBe(3);
      });
    });
  });
}

const engines: Array<[string, EngineFactory]> = [
  [
    'embedded',
    async () => {
      const engine = createEmbeddedEngine();
      await engine.ensureIndex();
      return { engine, dispose: () => engine.close() };
    },
  ],
];

// Meilisearch is only exercised against a real server; without MEILI_URL its suite is not registered at all.
const meiliUrl = process.env.MEILI_URL;
if (meiliUrl) {
  const apiKey = process.env.MEILI_MASTER_KEY;
  let instance = 0;
  engines.push([
    'meilisearch',
    async () => {
      instance += 1;
      const indexUid = `conformance_${process.pid}_${Date.now()}_${instance}`;
      const engine = createMeilisearchEngine({ url: meiliUrl, indexUid, ...(apiKey ? { apiKey } : {}) });
      await engine.ensureIndex();
      return {
        engine,
        dispose: async () => {
          await engine.close();
          const client = new Meilisearch({ host: meiliUrl, ...(apiKey ? { apiKey } : {}) });
          await client.deleteIndex(indexUid).waitTask();
        },
      };
    },
  ]);
}

for (const [label, factory] of engines) conformance(label, factory);
