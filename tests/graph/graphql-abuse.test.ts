import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphError, withDeadline } from '../../graph/executor';
import { PLACEHOLDER_LOGIN_ISSUERS } from '../../scripts/bench/production-env';
import type { SearchEngine } from '../../search/types';
import { createGraphQLServer } from '../../src/api/yoga';
import { loadConfig } from '../../src/config';
import type { ApiServices } from '../../src/services';
import { testApi } from '../support/api';
import { closeTestExecutor, testExecutor } from '../support/graph';

/**
 * Each limit and each defect of the security review, against the real graph: refused with a
 * code, and refused before any Cypher runs where the shape alone decides.
 */

type Api = Awaited<ReturnType<typeof testApi>>;
let api: Api;
beforeAll(async () => {
  api = await testApi();
});
afterAll(closeTestExecutor);

type Result = { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };

function yogaWith(env: Record<string, string>, replace: Partial<ApiServices> = {}) {
  return createGraphQLServer({ ...api.services, ...replace, config: loadConfig({ NODE_ENV: 'test', ...env }) });
}

async function post(yoga: ReturnType<typeof yogaWith>, query: string, variables: Record<string, unknown> = {}) {
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Result };
}

/** Runs `ask` and reports its code, its time and the Cypher round trips it cost. */
async function refusal(ask: () => Promise<Result>) {
  const before = testExecutor().counter.roundTrips + api.services.executor.counter.roundTrips;
  const started = performance.now();
  const result = await ask();
  const ms = performance.now() - started;
  const trips = testExecutor().counter.roundTrips + api.services.executor.counter.roundTrips - before;
  return { code: result.errors?.[0]?.extensions?.code, ms, trips, result };
}

const NESTED = 'items { products { company { products { name } } } }';

describe('the cost model counts list sizes', () => {
  it('refuses 15 aliases of companies(limit: 100) nested through products before running anything', async () => {
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: companies(limit: 100) { ${NESTED} }`).join(' ')} }`;
    expect(query.length).toBeLessThan(2_000);
    const { code, ms, trips, result } = await refusal(() => api.query(query));
    expect(code).toBe('QUERY_TOO_COSTLY');
    expect(result.errors?.[0]?.extensions).toMatchObject({ maxCost: 50_000 });
    expect(trips).toBe(0);
    console.info(`costly aliases refused in ${ms.toFixed(1)} ms`);
  });

  it('counts the operation run even when the document also holds one the schema cannot run', async () => {
    const query = `query Costly { ${Array.from({ length: 15 }, (_, i) => `a${i}: companies(limit: 100) { ${NESTED} }`).join(' ')} }
      subscription Other { __typename }`;
    const ask = async () => {
      const response = await api.services.graphql(
        new Request('http://localhost/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, operationName: 'Costly' }),
        }),
      );
      return (await response.json()) as Result;
    };
    const { code, trips } = await refusal(ask);
    expect(code).toBe('QUERY_TOO_COSTLY');
    expect(trips).toBe(0);
  });

  it('multiplies by the limit asked for, in the query or in a variable', async () => {
    const query = `query($limit: Int!) { companies(limit: $limit) { items { products { company { products { company { products { name } } } } } } } }`;
    expect((await refusal(() => api.query(query, { limit: 100 }))).code).toBe('QUERY_TOO_COSTLY');
    const small = await api.query<{ companies: { items: unknown[] } }>(query, { limit: 1 });
    expect(small.errors).toBeUndefined();
    expect(small.data?.companies.items).toHaveLength(1);
    // Costs are kept per document and limit (src/api/cost.ts): the small one kept does not excuse the large.
    expect((await refusal(() => api.query(query, { limit: 100 }))).code).toBe('QUERY_TOO_COSTLY');
  });

  it('does not let a request that could not be costed excuse the next one with valid variables', async () => {
    const query = `query($s: String!) { company(slug: $s) { slug }
      ${Array.from({ length: 15 }, (_, i) => `a${i}: companies(limit: 100) { ${NESTED} }`).join(' ')} }`;
    // Without $s the operation cannot be costed: GraphQL refuses the variable.
    expect((await api.query(query, {})).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { code, trips } = await refusal(() => api.query(query, { s: 'findes-ikke' }));
    expect(code).toBe('QUERY_TOO_COSTLY');
    expect(trips).toBe(0);
  });

  it('lets a full page of companies with their products and needs through', async () => {
    const result = await api.query<{ companies: { items: unknown[] } }>(
      '{ companies(limit: 100) { total items { name products { name needs { name { da } } } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.companies.items).toHaveLength(100);
  });
});

describe('a request is bounded in time and size', () => {
  it('cancels a Neo4j transaction when the request’s time is up', async () => {
    const started = performance.now();
    const slow = withDeadline(300, () =>
      testExecutor().read('test.slow', 'UNWIND range(1, 2000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n'),
    );
    await expect(slow).rejects.toMatchObject({ code: 'GRAPH_TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect(withDeadline(0, () => testExecutor().read('test.late', 'RETURN 1 AS one'))).rejects.toBeInstanceOf(
      GraphError,
    );
  });

  it('answers TIMEOUT when a request outlasts GRAPHQL_TIMEOUT_MS', async () => {
    const stalled = Object.create(api.services.search, {
      search: { value: () => new Promise((resolve) => setTimeout(resolve, 2_000)) },
    }) as SearchEngine;
    const yoga = yogaWith({ GRAPHQL_TIMEOUT_MS: '200' }, { search: stalled });
    const started = performance.now();
    const { body } = await post(yoga, '{ search(query: "backup") { total } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('answers RESPONSE_TOO_LARGE instead of a result over GRAPHQL_MAX_RESPONSE_BYTES', async () => {
    const yoga = yogaWith({ GRAPHQL_MAX_RESPONSE_BYTES: '2000' });
    const { body } = await post(yoga, '{ companies(limit: 50) { items { name description { da en } } } }');
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: 2000 });
    expect((await post(yoga, '{ companies(limit: 1) { total } }')).body.errors).toBeUndefined();
  });
});

describe('errors', () => {
  const failing = () =>
    Object.create(api.services.search, {
      search: {
        value: async () => {
          throw new Error('MATCH (c:Company) WHERE c.secret = "s3cr3t" at /work/main/graph/catalog.ts:12');
        },
      },
    }) as SearchEngine;

  it.each(['production', 'test'])('leak nothing from a failing resolver with NODE_ENV=%s', async (env) => {
    const { body } = await post(
      yogaWith({ NODE_ENV: env, COOKIE_SECRET: 'c'.repeat(32), ...PLACEHOLDER_LOGIN_ISSUERS }, { search: failing() }),
      '{ search(query: "x") { total } }',
    );
    const text = JSON.stringify(body);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(text).not.toMatch(/s3cr3t|MATCH|catalog\.ts|stack/);
  });

  it('show the original only to a development config', async () => {
    const { body } = await post(
      yogaWith({ NODE_ENV: 'development' }, { search: failing() }),
      '{ search(query: "x") { total } }',
    );
    expect(JSON.stringify(body)).toMatch(/s3cr3t/);
  });

  it('all carry a code: wrong variable type, subscription, syntax, unknown field', async () => {
    const yoga = yogaWith({});
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['query($s: String!) { company(slug: $s) { name } }', { s: 5 }, 'BAD_USER_INPUT'],
      ['query($s: String!) { company(slug: $s) { name } }', {}, 'BAD_USER_INPUT'],
      ['subscription { company(slug: "x") { name } }', {}, 'OPERATION_NOT_SUPPORTED'],
      ['{ company(', {}, 'GRAPHQL_PARSE_FAILED'],
      ['{ nope }', {}, 'GRAPHQL_VALIDATION_FAILED'],
    ];
    for (const [query, variables, code] of cases) {
      const { body } = await post(yoga, query, variables);
      expect(
        body.errors?.map((error) => error.extensions?.code),
        query,
      ).toEqual([code]);
    }
  });
});

describe('other sites cannot make a visitor’s browser run operations', () => {
  const plain = '{ __typename }';
  const ask = (init: RequestInit, url = 'http://localhost/graphql') => api.services.yoga.fetch(url, init);

  it('refuses GET, form and multipart requests without the CSRF header, with a code', async () => {
    const form = new FormData();
    form.set('operations', JSON.stringify({ query: plain }));
    for (const response of [
      await ask({ method: 'GET' }, `http://localhost/graphql?query=${encodeURIComponent(plain)}`),
      await ask({
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `query=${encodeURIComponent(plain)}`,
      }),
      await ask({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: plain }) }),
      await ask({ method: 'POST', body: form }),
    ]) {
      expect(response.status).toBe(403);
      expect(((await response.json()) as Result).errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
    }
  });

  it('answers plain JSON posts, and GETs that carry the header', async () => {
    const json = await ask({
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: plain }),
    });
    expect(json.status).toBe(200);
    const get = await ask(
      { method: 'GET', headers: { 'x-graphql-yoga-csrf': '1' } },
      `http://localhost/graphql?query=${encodeURIComponent(plain)}`,
    );
    expect(get.status).toBe(200);
  });

  it('allows no origin by default and never reflects one with credentials', async () => {
    const response = await ask({
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('allows the listed origins only', async () => {
    const yoga = yogaWith({ CORS_ORIGINS: 'https://partner.example' });
    const preflight = (origin: string) =>
      yoga.fetch('http://localhost/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const listed = await preflight('https://partner.example');
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://partner.example');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});

describe('demand cannot be flooded', () => {
  it('counts 6,000 identical searches from one client once', async () => {
    // Letters only: the words of a search that found nothing are kept without digits.
    const word = `flood${Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
    for (let i = 0; i < 6_000; i += 500) {
      await Promise.all(
        Array.from({ length: 500 }, () => api.query('query($q: String!) { search(query: $q) { total } }', { q: word })),
      );
    }
    await api.services.demand.flush();
    const [row] = await testExecutor().read<{ signals: number }>(
      'test.floodSignals',
      'MATCH (d:DemandSignal {kind: "search"}) WHERE d.query = $word RETURN count(d) AS signals',
      { word },
    );
    expect(row?.signals).toBe(1);
    await testExecutor().transaction('WRITE', 'test.floodCleanup', (tx) =>
      tx.run('MATCH (d:DemandSignal) WHERE d.query = $word DETACH DELETE d', { word }),
    );
  }, 120_000);
});

describe('every abuse shape is refused with its code before any Cypher runs', () => {
  const nest = (depth: number): string => (depth === 0 ? 'slug' : `company { products { ${nest(depth - 1)} } }`);
  const shapes: Array<[string, RequestInit & { url?: string }, string]> = [
    ['depth', { body: JSON.stringify({ query: `{ product(slug: "x") { ${nest(6)} } }` }) }, 'QUERY_TOO_DEEP'],
    [
      'aliases',
      {
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: needs { slug }`).join(' ')} }`,
        }),
      },
      'TOO_MANY_ALIASES',
    ],
    [
      'tokens',
      { body: JSON.stringify({ query: `{ ${Array.from({ length: 1200 }, () => 'needs { slug }').join(' ')} }` }) },
      'QUERY_TOO_LARGE',
    ],
    [
      'cost',
      {
        body: JSON.stringify({
          query: `{ ${Array.from({ length: 15 }, (_, i) => `a${i}: companies(limit: 100) { ${NESTED} }`).join(' ')} }`,
        }),
      },
      'QUERY_TOO_COSTLY',
    ],
    ['batching', { body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]) }, 'BAD_REQUEST'],
    [
      'csrf',
      {
        method: 'GET',
        headers: { accept: 'application/graphql-response+json' },
        url: `http://localhost/graphql?query=${encodeURIComponent('{ needs { slug } }')}`,
      },
      'CSRF_HEADER_REQUIRED',
    ],
    ['unreadable variables', { body: '{"query": "{ __typename }", "variables": {' }, 'BAD_REQUEST'],
  ];

  it.each(shapes)('%s', async (_name, { url, ...init }, code) => {
    const result = await refusal(async () => {
      const response = await api.services.yoga.fetch(url ?? 'http://localhost/graphql', {
        method: 'POST',
        // The media type under which GraphQL over HTTP asks for a 4xx on a refused request.
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        ...init,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      return (await response.json()) as Result;
    });
    expect(result.code).toBe(code);
    expect(result.trips).toBe(0);
    console.info(`${_name}: refused with ${code} in ${result.ms.toFixed(1)} ms`);
  });
});
