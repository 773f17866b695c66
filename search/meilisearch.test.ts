/**
 * What the Meilisearch adapter sends, checked against a fake server on 127.0.0.1 that records every request and
 * answers with Meilisearch-shaped JSON (enqueued tasks, task objects, errors). The real client (meilisearch 0.62) and
 * real fetch are used. This proves the requests, not Meilisearch's behaviour: that is the conformance suite's job
 * when MEILI_URL points at a real server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchFixtures } from '../tests/fixtures/search-documents';
import { createSearchEngine } from './engine';
import {
  buildMeiliFilter,
  buildMeiliSearchParams,
  createMeilisearchEngine,
  fromMeiliId,
  MEILI_DISPLAYED_ATTRIBUTES,
  MEILI_INDEX_SETTINGS,
  MeilisearchTaskError,
  quoteFilterValue,
  toMeiliDocument,
  toMeiliId,
} from './meilisearch';
import { SearchRequestError } from './request';
import { STOP_WORDS } from './text';
import { FACETS, type SearchDocument } from './types';

interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

interface FakeTask {
  uid: number;
  batchUid: number;
  indexUid: string | null;
  status: 'succeeded' | 'failed';
  type: string;
  canceledBy: null;
  details: Record<string, unknown>;
  error: { message: string; code: string; type: string; link: string } | null;
  duration: string;
  enqueuedAt: string;
  startedAt: string;
  finishedAt: string;
}

type Doc = Record<string, unknown> & { id: string };

/**
 * A tiny in-memory Meilisearch: indexes with documents, tasks that finish as soon as they are enqueued, and the
 * routes the adapter uses. `failTask` makes the next matching operation end as a failed task.
 */
class FakeMeilisearch {
  readonly requests: RecordedRequest[] = [];
  readonly indexes = new Map<string, Map<string, Doc>>();
  readonly settings = new Map<string, unknown>();
  readonly tasks = new Map<number, FakeTask>();
  failTask: ((type: string, indexUid: string | null) => boolean) | undefined;
  searchResponse: unknown = { hits: [], query: '', processingTimeMs: 1, limit: 20, offset: 0, estimatedTotalHits: 0 };
  healthy = true;
  private server: Server | undefined;
  private nextTask = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    const server = this.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** The requests except task polling, as "METHOD /path". */
  calls(): string[] {
    return this.requests.filter((r) => !r.path.startsWith('/tasks/')).map((r) => `${r.method} ${r.path}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body: unknown = raw === '' ? undefined : JSON.parse(raw);
    const method = req.method ?? 'GET';
    const path = url.pathname;
    this.requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization,
    });
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    const notFound = (uid: string) =>
      reply(404, {
        message: `Index \`${uid}\` not found.`,
        code: 'index_not_found',
        type: 'invalid_request',
        link: 'https://docs.meilisearch.com/errors#index_not_found',
      });

    const routes: Array<[string, RegExp, (uid: string) => void]> = [
      [
        'GET',
        /^\/health$/,
        () => {
          if (this.healthy) reply(200, { status: 'available' });
          else reply(503, { message: 'unavailable', code: 'internal', type: 'internal', link: '' });
        },
      ],
      [
        'GET',
        /^\/tasks\/(\d+)$/,
        (uid) => {
          const task = this.tasks.get(Number(uid));
          if (task === undefined) reply(404, { message: 'task not found', code: 'task_not_found', type: '', link: '' });
          else reply(200, task);
        },
      ],
      [
        'POST',
        /^\/indexes$/,
        () => {
          const { uid } = body as { uid: string };
          reply(
            202,
            this.enqueue('indexCreation', uid, () => this.createIndex(uid)),
          );
        },
      ],
      [
        'GET',
        /^\/indexes\/([^/]+)$/,
        (uid) => {
          if (!this.indexes.has(uid)) notFound(uid);
          else
            reply(200, { uid, primaryKey: 'id', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' });
        },
      ],
      [
        'DELETE',
        /^\/indexes\/([^/]+)$/,
        (uid) =>
          reply(
            202,
            this.enqueue('indexDeletion', uid, () => this.deleteIndex(uid)),
          ),
      ],
      [
        'PATCH',
        /^\/indexes\/([^/]+)\/settings$/,
        (uid) =>
          reply(
            202,
            this.enqueue('settingsUpdate', uid, () => {
              this.ensure(uid);
              this.settings.set(uid, body);
            }),
          ),
      ],
      [
        'POST',
        /^\/indexes\/([^/]+)\/documents$/,
        (uid) =>
          reply(
            202,
            this.enqueue('documentAdditionOrUpdate', uid, () => {
              const docs = this.ensure(uid);
              for (const doc of body as Doc[]) docs.set(doc.id, doc);
            }),
          ),
      ],
      [
        'POST',
        /^\/indexes\/([^/]+)\/documents\/delete-batch$/,
        (uid) =>
          reply(
            202,
            this.enqueue('documentDeletion', uid, () => {
              for (const id of body as string[]) this.indexes.get(uid)?.delete(id);
            }),
          ),
      ],
      [
        'POST',
        /^\/swap-indexes$/,
        () =>
          reply(
            202,
            this.enqueue('indexSwap', null, () => {
              for (const { indexes } of body as Array<{ indexes: [string, string] }>) {
                const [a, b] = indexes;
                const left = this.indexes.get(a);
                const right = this.indexes.get(b);
                if (left === undefined || right === undefined) return 'index_not_found';
                this.indexes.set(a, right);
                this.indexes.set(b, left);
              }
              return undefined;
            }),
          ),
      ],
      [
        'GET',
        /^\/indexes\/([^/]+)\/stats$/,
        (uid) => {
          const docs = this.indexes.get(uid);
          if (docs === undefined) notFound(uid);
          else reply(200, { numberOfDocuments: docs.size, isIndexing: false, fieldDistribution: {} });
        },
      ],
      [
        'POST',
        /^\/indexes\/([^/]+)\/search$/,
        (uid) => {
          if (!this.indexes.has(uid)) notFound(uid);
          else reply(200, this.searchResponse);
        },
      ],
    ];
    for (const [routeMethod, pattern, handler] of routes) {
      const found = routeMethod === method ? pattern.exec(path) : null;
      if (found !== null) {
        handler(decodeURIComponent(found[1] ?? ''));
        return;
      }
    }
    reply(404, { message: `no route ${method} ${path}`, code: 'not_found', type: 'invalid_request', link: '' });
  }

  private createIndex(uid: string): string | undefined {
    if (this.indexes.has(uid)) return 'index_already_exists';
    this.indexes.set(uid, new Map());
    return undefined;
  }

  private deleteIndex(uid: string): string | undefined {
    if (!this.indexes.delete(uid)) return 'index_not_found';
    this.settings.delete(uid);
    return undefined;
  }

  private ensure(uid: string): Map<string, Doc> {
    let docs = this.indexes.get(uid);
    if (docs === undefined) {
      docs = new Map();
      this.indexes.set(uid, docs);
    }
    return docs;
  }

  /** Apply the operation now (tasks finish instantly here) and answer with Meilisearch's summarized task. */
  private enqueue(type: string, indexUid: string | null, apply: () => unknown) {
    this.nextTask += 1;
    const uid = this.nextTask;
    const now = new Date().toISOString();
    const failed = this.failTask?.(type, indexUid) === true;
    const outcome = failed ? 'internal' : apply();
    // An operation reports failure by returning a Meilisearch error code.
    const errorCode = typeof outcome === 'string' ? outcome : undefined;
    this.tasks.set(uid, {
      uid,
      batchUid: uid,
      indexUid,
      status: errorCode === undefined ? 'succeeded' : 'failed',
      type,
      canceledBy: null,
      details: {},
      error:
        errorCode === undefined
          ? null
          : { message: `${type} failed`, code: errorCode, type: 'invalid_request', link: '' },
      duration: 'PT0.001S',
      enqueuedAt: now,
      startedAt: now,
      finishedAt: now,
    });
    return { taskUid: uid, indexUid, status: 'enqueued', type, enqueuedAt: now };
  }
}

let fake: FakeMeilisearch;
let url: string;

beforeEach(async () => {
  fake = new FakeMeilisearch();
  url = await fake.start();
});

afterEach(async () => {
  await fake.stop();
});

function engineFor(options: { batchSize?: number; apiKey?: string } = {}) {
  return createMeilisearchEngine({ url, indexUid: 'listings', taskPollMs: 1, ...options });
}

const fixtures = searchFixtures();

describe('index settings', () => {
  it('is exactly the payload sent to Meilisearch', async () => {
    await engineFor().ensureIndex();
    const patch = fake.requests.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/indexes/listings/settings');
    expect(patch?.body).toEqual(JSON.parse(JSON.stringify(MEILI_INDEX_SETTINGS)));
  });

  it('ranks, filters, sorts and tolerates typos as specified', () => {
    const { synonyms, stopWords, ...rest } = MEILI_INDEX_SETTINGS;
    expect(rest).toEqual({
      searchableAttributes: ['name', 'keywords', 'companyName', 'descriptionDa', 'descriptionEn', 'searchAliases'],
      displayedAttributes: [...MEILI_DISPLAYED_ATTRIBUTES],
      filterableAttributes: [
        'kind',
        'needs',
        'categories',
        'csfFunctions',
        'certifications',
        'regions',
        'municipalities',
        'sizeBand',
        'languages',
        'smeFit',
        'priceFrom',
        'companySlug',
      ],
      sortableAttributes: ['name', 'priceFrom', 'updatedAt'],
      rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
      faceting: { maxValuesPerFacet: 1000 },
      pagination: { maxTotalHits: 250_000 },
      localizedAttributes: [
        { attributePatterns: ['descriptionDa'], locales: ['dan'] },
        { attributePatterns: ['descriptionEn'], locales: ['eng'] },
      ],
    });
    for (const facet of FACETS) expect(rest.filterableAttributes).toContain(facet);
    expect(MEILI_DISPLAYED_ATTRIBUTES).not.toContain('searchAliases');
    expect(stopWords).toEqual([...STOP_WORDS]);
    expect(stopWords).not.toContain('it');
  });

  it('has symmetric synonyms generated from the curated groups', () => {
    const synonyms = MEILI_INDEX_SETTINGS.synonyms ?? {};
    expect(synonyms.pentest).toEqual(expect.arrayContaining(['penetrationstest', 'penetration test']));
    expect(synonyms.penetrationstest).toContain('pentest');
    expect(synonyms.hacket).toEqual(expect.arrayContaining(['incident response', 'ransomware']));
    expect(synonyms['incident response']).toContain('hacket');
    for (const [term, others] of Object.entries(synonyms)) {
      for (const other of others) expect(synonyms[other]).toContain(term);
    }
  });

  it('cannot be mutated by accident', () => {
    expect(Object.isFrozen(MEILI_INDEX_SETTINGS)).toBe(true);
    expect(Object.isFrozen(MEILI_INDEX_SETTINGS.searchableAttributes)).toBe(true);
  });
});

describe('ensureIndex', () => {
  it('creates a missing index with primary key "id", applies the settings and waits for both tasks', async () => {
    await engineFor().ensureIndex();
    expect(fake.calls()).toEqual(['GET /indexes/listings', 'POST /indexes', 'PATCH /indexes/listings/settings']);
    expect(fake.requests.find((r) => r.method === 'POST')?.body).toEqual({ uid: 'listings', primaryKey: 'id' });
    // Each task was polled until done.
    expect(fake.requests.filter((r) => r.path.startsWith('/tasks/')).map((r) => r.path)).toEqual([
      '/tasks/1',
      '/tasks/2',
    ]);
  });

  it('only re-applies the settings to an existing index (idempotent)', async () => {
    const engine = engineFor();
    await engine.ensureIndex();
    fake.requests.length = 0;
    await engine.ensureIndex();
    expect(fake.calls()).toEqual(['GET /indexes/listings', 'PATCH /indexes/listings/settings']);
  });

  it('fails loudly when the settings task fails', async () => {
    fake.failTask = (type) => type === 'settingsUpdate';
    await expect(engineFor().ensureIndex()).rejects.toBeInstanceOf(MeilisearchTaskError);
  });

  it('sends the API key as a bearer token', async () => {
    await engineFor({ apiKey: 'master-key' }).ensureIndex();
    expect(fake.requests.every((r) => r.authorization === 'Bearer master-key')).toBe(true);
  });
});

describe('documents', () => {
  it('encodes ids into Meilisearch’s alphabet and back', () => {
    expect(toMeiliId('company:nordlys-sikkerhed')).toBe('company_nordlys-sikkerhed');
    expect(fromMeiliId('product_skybackup-pro')).toBe('product:skybackup-pro');
    expect(toMeiliId('product:æble/1')).toMatch(/^x_[A-Za-z0-9_-]+$/);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (id) => {
        const encoded = toMeiliId(id);
        return /^[A-Za-z0-9_-]+$/.test(encoded) && fromMeiliId(encoded) === id;
      }),
    );
  });

  it('adds search aliases for compounds and ae/oe/aa spellings', () => {
    const soc = fixtures.find((d) => d.id === 'product:vagttaarn-soc') as SearchDocument;
    const doc = toMeiliDocument(soc);
    expect(doc.id).toBe('product_vagttaarn-soc');
    expect(doc.searchAliases).toEqual(expect.arrayContaining(['overvågning', 'overvaagning', 'doegnovervaagning']));
  });

  it('upserts in batches of add-or-replace requests and waits for every task', async () => {
    const engine = engineFor({ batchSize: 2 });
    await engine.upsert(fixtures.slice(0, 5));
    const adds = fake.requests.filter((r) => r.method === 'POST' && r.path === '/indexes/listings/documents');
    expect(adds.map((r) => (r.body as Doc[]).length)).toEqual([2, 2, 1]);
    expect(adds.every((r) => r.query.primaryKey === 'id')).toBe(true);
    expect((adds[0]?.body as Doc[] | undefined)?.[0]).toEqual(
      JSON.parse(JSON.stringify(toMeiliDocument(fixtures[0] as SearchDocument))),
    );
    expect(fake.requests.filter((r) => r.path.startsWith('/tasks/'))).toHaveLength(3);
    expect(fake.indexes.get('listings')?.size).toBe(5);
  });

  it('rejects an invalid document before sending anything', async () => {
    const broken = { ...fixtures[0], priceFrom: 'gratis' } as unknown as SearchDocument;
    await expect(engineFor().upsert([fixtures[1] as SearchDocument, broken])).rejects.toThrow(/priceFrom/);
    expect(fake.requests).toEqual([]);
  });

  it('removes by encoded id', async () => {
    const engine = engineFor();
    await engine.upsert(fixtures.slice(0, 3));
    fake.requests.length = 0;
    await engine.remove(['company:nordlys-sikkerhed', 'product:gone']);
    expect(fake.calls()).toEqual(['POST /indexes/listings/documents/delete-batch']);
    expect(fake.requests[0]?.body).toEqual(['company_nordlys-sikkerhed', 'product_gone']);
    expect(await engine.count()).toBe(2);
  });

  it('sends nothing to remove an empty list', async () => {
    await engineFor().remove([]);
    expect(fake.requests).toEqual([]);
  });
});

describe('replaceAll', () => {
  it('builds a temporary index, swaps it in and deletes the old content', async () => {
    const engine = engineFor({ batchSize: 8 });
    await engine.ensureIndex();
    await engine.upsert([fixtures[0] as SearchDocument]);
    fake.requests.length = 0;

    await engine.replaceAll(fixtures);

    const calls = fake.calls();
    const creation = fake.requests.find((r) => r.method === 'POST' && r.path === '/indexes');
    const temporary = (creation?.body as { uid: string } | undefined)?.uid ?? '';
    expect(temporary).toMatch(/^listings_tmp_\d+$/);
    expect(calls).toEqual([
      'GET /indexes/listings',
      'PATCH /indexes/listings/settings',
      'POST /indexes',
      `PATCH /indexes/${temporary}/settings`,
      `POST /indexes/${temporary}/documents`,
      `POST /indexes/${temporary}/documents`,
      `POST /indexes/${temporary}/documents`,
      'POST /swap-indexes',
      `DELETE /indexes/${temporary}`,
    ]);
    expect(fake.requests.find((r) => r.path === `/indexes/${temporary}/settings`)?.body).toEqual(
      JSON.parse(JSON.stringify(MEILI_INDEX_SETTINGS)),
    );
    expect(fake.requests.find((r) => r.path === '/swap-indexes')?.body).toEqual([
      { indexes: ['listings', temporary], rename: false },
    ]);
    expect(fake.indexes.get('listings')?.size).toBe(fixtures.length);
    expect(fake.indexes.has(temporary)).toBe(false);
  });

  it('creates the live index first when it does not exist yet', async () => {
    await engineFor().replaceAll(fixtures.slice(0, 2));
    expect(fake.calls().slice(0, 3)).toEqual([
      'GET /indexes/listings',
      'POST /indexes',
      'PATCH /indexes/listings/settings',
    ]);
    expect(fake.indexes.get('listings')?.size).toBe(2);
  });

  it('leaves the live index untouched and cleans up when building fails', async () => {
    const engine = engineFor();
    await engine.upsert(fixtures.slice(0, 3));
    fake.failTask = (type, indexUid) => type === 'documentAdditionOrUpdate' && (indexUid ?? '').includes('_tmp_');

    await expect(engine.replaceAll(fixtures)).rejects.toBeInstanceOf(MeilisearchTaskError);

    expect(fake.calls()).not.toContain('POST /swap-indexes');
    expect(fake.calls().at(-1)).toMatch(/^DELETE \/indexes\/listings_tmp_\d+$/);
    expect([...fake.indexes.keys()]).toEqual(['listings']);
    expect(fake.indexes.get('listings')?.size).toBe(3);
  });

  it('serialises writes: an upsert issued during replaceAll lands in the new index', async () => {
    const engine = engineFor();
    const replacing = engine.replaceAll(fixtures.slice(0, 2));
    const late = { ...(fixtures[5] as SearchDocument) };
    const upserting = engine.upsert([late]);
    await Promise.all([replacing, upserting]);
    expect([...(fake.indexes.get('listings')?.keys() ?? [])].sort()).toEqual(
      [toMeiliId(fixtures[0]?.id ?? ''), toMeiliId(fixtures[1]?.id ?? ''), toMeiliId(late.id)].sort(),
    );
  });
});

describe('search requests', () => {
  it('translates filters: IN per facet (OR), AND across, booleans, numbers and the owner', () => {
    expect(
      buildMeiliFilter({
        regions: ['hovedstaden', 'syddanmark'],
        needs: ['backup-recovery'],
        smeFit: true,
        maxPrice: 5000,
        companySlug: 'datavagt-backup',
      }),
    ).toBe(
      'needs IN ["backup-recovery"] AND regions IN ["hovedstaden", "syddanmark"] AND smeFit = true ' +
        'AND priceFrom <= 5000 AND companySlug = "datavagt-backup"',
    );
    expect(buildMeiliFilter({ regions: [], smeFit: false })).toBe('smeFit = false');
    expect(buildMeiliFilter({})).toBeUndefined();
    expect(buildMeiliFilter({ maxPrice: 1e30 })).toBe('priceFrom <= 9007199254740991');
    expect(buildMeiliFilter({ maxPrice: 99.5 })).toBe('priceFrom <= 99.5');
  });

  it('quotes and escapes every value, so input cannot change the expression', () => {
    expect(buildMeiliFilter({ regions: ['x" OR smeFit = false OR regions = "y'] })).toBe(
      'regions IN ["x\\" OR smeFit = false OR regions = \\"y"]',
    );
    expect(quoteFilterValue('back\\slash "quoted"')).toBe('"back\\\\slash \\"quoted\\""');
  });

  it('escapes reversibly under Meilisearch’s unescaping rules (property)', () => {
    // Mirrors Meilisearch's filter parser for a double-quoted value: the value ends at the first unescaped quote,
    // then \" becomes " and \\ becomes \ (the only escapes our quoting produces).
    const parse = (literal: string): string | undefined => {
      if (!literal.startsWith('"')) return undefined;
      let i = 1;
      let out = '';
      while (i < literal.length) {
        const c = literal[i] as string;
        if (c === '"') return i === literal.length - 1 ? out : undefined;
        if (c === '\\') {
          const next = literal[i + 1];
          if (next !== '"' && next !== '\\') return undefined;
          out += next;
          i += 2;
          continue;
        }
        out += c;
        i += 1;
      }
      return undefined;
    };
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (value) => parse(quoteFilterValue(value)) === value));
  });

  it('rejects unknown filters instead of ignoring them', () => {
    expect(() => buildMeiliFilter({ region: ['x'] } as never)).toThrow(SearchRequestError);
  });

  it('maps sorts, uses exact page mode when the offset is aligned and asks for facets', () => {
    expect(
      buildMeiliSearchParams({
        query: '  backup ',
        filters: { regions: ['syddanmark'] },
        facets: ['regions', 'kind'],
        sort: 'priceAsc',
        limit: 10,
        offset: 20,
      }),
    ).toEqual({
      q: 'backup',
      params: {
        page: 3,
        hitsPerPage: 10,
        matchingStrategy: 'all',
        showRankingScore: true,
        filter: 'regions IN ["syddanmark"]',
        sort: ['priceFrom:asc', 'name:asc'],
        facets: ['regions', 'kind'],
      },
    });
    expect(buildMeiliSearchParams({ query: '', sort: 'name', limit: 4, offset: 6 }).params).toMatchObject({
      offset: 6,
      limit: 4,
      sort: ['name:asc'],
      facets: [...FACETS],
    });
    expect(buildMeiliSearchParams({ query: '', sort: 'newest', limit: 0 }).params).toMatchObject({
      page: 1,
      hitsPerPage: 0,
      sort: ['updatedAt:desc'],
    });
    expect(buildMeiliSearchParams({ query: 'x', facets: [] }).params).not.toHaveProperty('facets');
    expect(buildMeiliSearchParams({ query: 'x' }).params).not.toHaveProperty('sort');
  });

  it('posts the search and maps hits, scores, totals and facets back', async () => {
    const engine = engineFor();
    await engine.ensureIndex();
    const doc = fixtures[0] as SearchDocument;
    fake.searchResponse = {
      hits: [{ ...toMeiliDocument(doc), _rankingScore: 0.93 }],
      query: 'nordlys',
      processingTimeMs: 2,
      hitsPerPage: 20,
      page: 1,
      totalPages: 1,
      totalHits: 1,
      facetDistribution: { regions: { hovedstaden: 1 }, kind: { company: 1 } },
    };

    const result = await engine.search({ query: 'nordlys', filters: { smeFit: true } });

    const request = fake.requests.find((r) => r.path === '/indexes/listings/search');
    expect(request?.body).toEqual({
      q: 'nordlys',
      page: 1,
      hitsPerPage: 20,
      matchingStrategy: 'all',
      showRankingScore: true,
      filter: 'smeFit = true',
      facets: [...FACETS],
    });
    expect(result.hits).toEqual([{ document: doc, score: 0.93 }]);
    expect(result.total).toBe(1);
    expect(result.facets.regions).toEqual({ hovedstaden: 1 });
    expect(result.facets.kind).toEqual({ company: 1 });
    // Facets Meilisearch left out are present and empty.
    expect(result.facets.needs).toEqual({});
    expect(Object.keys(result.facets).sort()).toEqual([...FACETS].sort());
  });

  it('reports the estimate when only offset/limit paging was possible', async () => {
    const engine = engineFor();
    await engine.ensureIndex();
    fake.searchResponse = { hits: [], query: '', processingTimeMs: 1, limit: 4, offset: 6, estimatedTotalHits: 42 };
    expect((await engine.search({ query: '', limit: 4, offset: 6 })).total).toBe(42);
  });
});

describe('health and counting', () => {
  it('is ready when /health answers', async () => {
    const engine = engineFor();
    expect(await engine.isReady()).toBe(true);
    fake.healthy = false;
    expect(await engine.isReady()).toBe(false);
    await fake.stop();
    expect(await engine.isReady()).toBe(false);
  });

  it('counts documents from the index stats', async () => {
    const engine = engineFor();
    await engine.upsert(fixtures.slice(0, 4));
    expect(await engine.count()).toBe(4);
  });
});

describe('createSearchEngine', () => {
  it('uses Meilisearch when a URL is configured and the embedded engine otherwise', async () => {
    expect(createSearchEngine({ meiliUrl: url, meiliMasterKey: 'k', indexUid: 'listings' }).name).toBe('meilisearch');
    expect(createSearchEngine({}).name).toBe('embedded');
    expect(createSearchEngine({ meiliUrl: '  ' }).name).toBe('embedded');
  });

  it('passes the index uid and key through', async () => {
    const engine = createSearchEngine({ meiliUrl: url, meiliMasterKey: 'secret', indexUid: 'listings' });
    await engine.ensureIndex();
    expect(fake.requests[0]).toMatchObject({ path: '/indexes/listings', authorization: 'Bearer secret' });
  });
});
