import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Catalog } from '../../graph/catalog';
import { createExecutor } from '../../graph/executor';
import { freePort } from '../../graph/local-neo4j/free-port';
import { CandidateIndex } from '../../graph/match/candidates';
import { printSchemaText } from '../../src/api/schema/print';
import { createGraphQLServer } from '../../src/api/yoga';
import { testApi } from '../support/api';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';

type Api = Awaited<ReturnType<typeof testApi>>;
let api: Api;

beforeAll(async () => {
  api = await testApi();
});
afterAll(closeTestExecutor);

const COMPANY_PAGE = `
  query Page($limit: Int!, $filter: ListingFilter) {
    companies(limit: $limit, filter: $filter) {
      total
      items {
        slug name cvr sizeBand region { code } municipality { code name }
        products { slug name company { slug } needs { slug } }
        certifications { code trust validUntil }
        needs { slug }
      }
    }
  }`;

describe('GraphQL API over the real Neo4j', () => {
  it('committed schema.graphql matches the code', () => {
    const committed = readFileSync(new URL('../../src/api/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printSchemaText());
  });

  it('lists companies with nested products and certifications', async () => {
    const result = await api.query<{ companies: { total: number; items: Array<Record<string, unknown>> } }>(
      COMPANY_PAGE,
      { limit: 10 },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.companies.total).toBeGreaterThanOrEqual(250);
    expect(result.data?.companies.items).toHaveLength(10);
    const first = result.data?.companies.items[0] as { slug: string; products: Array<{ company: { slug: string } }> };
    expect(first.products.length).toBeGreaterThan(0);
    expect(first.products.every((product) => product.company.slug === first.slug)).toBe(true);
  });

  it('costs a bounded number of Cypher round trips whatever the page size', async () => {
    const counter = api.services.executor.counter;
    const trips = async (limit: number) => {
      const before = counter.roundTrips;
      const result = await api.query(COMPANY_PAGE, { limit });
      expect(result.errors).toBeUndefined();
      return counter.roundTrips - before;
    };
    const small = await trips(2);
    const large = await trips(100);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(4);
  });

  it('filters companies by region, size band and need, and the filter holds for every item', async () => {
    const needs = await api.query<{ needs: Array<{ slug: string; providerCount: number }> }>(
      '{ needs { slug providerCount } }',
    );
    const need = needs.data?.needs.find((n) => n.providerCount > 5);
    expect(need).toBeDefined();
    const result = await api.query<{
      companies: {
        total: number;
        items: Array<{ region: { code: string }; sizeBand: string; needs: Array<{ slug: string }> }>;
      };
    }>(COMPANY_PAGE, { limit: 100, filter: { regions: ['1084'], needs: [need?.slug] } });
    expect(result.errors).toBeUndefined();
    const items = result.data?.companies.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.region.code).toBe('1084');
      expect(item.needs.map((n) => n.slug)).toContain(need?.slug);
    }
    const all = await api.query<{ companies: { total: number } }>(COMPANY_PAGE, { limit: 1 });
    expect(result.data?.companies.total).toBeLessThan(all.data?.companies.total ?? 0);
  });

  it('pages products by need in the order and with the total of the graph, in one round trip', async () => {
    const executor = testExecutor();
    // The two needs sharing the most active products: a product addressing both is listed once.
    const [pair] = await executor.read<{ a: string; b: string; shared: number }>(
      'test.needPair',
      `MATCH (a:Need)<-[:ADDRESSES]-(p:Product {status: 'active'})-[:ADDRESSES]->(b:Need) WHERE a.slug < b.slug
       RETURN a.slug AS a, b.slug AS b, count(p) AS shared ORDER BY shared DESC, a, b LIMIT 1`,
    );
    expect(pair?.shared).toBeGreaterThan(0);
    const needs = [pair?.a, pair?.b];
    // Every active product addressing one of the needs, with its company in the region, by name then slug.
    const expected = (region: string | null) =>
      executor.read<{ slug: string; company: string }>(
        'test.productsByNeed',
        `MATCH (p:Product {status: 'active'})<-[:OFFERS]-(c:Company)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(r:Region)
         WHERE EXISTS { (p)-[:ADDRESSES]->(n:Need) WHERE n.slug IN $needs } AND ($region IS NULL OR r.code = $region)
         RETURN p.slug AS slug, c.name AS company ORDER BY p.name, p.slug`,
        { needs, region },
      );
    const PRODUCTS = `query($filter: ProductFilter, $limit: Int!, $offset: Int!) {
      products(filter: $filter, limit: $limit, offset: $offset) { total items { slug company { name } } } }`;
    type Products = { products: { total: number; items: Array<{ slug: string; company: { name: string } }> } };
    for (const region of [null, '1084']) {
      const filter = { listing: { needs, regions: region ? [region] : null } };
      // Other test files add and remove their own companies meanwhile: compare against a listing that held still.
      for (let attempt = 1; ; attempt += 1) {
        const reference = await expected(region);
        const offset = Math.min(7, Math.max(0, reference.length - 30));
        const before = api.services.executor.counter.roundTrips;
        const result = await api.query<Products>(PRODUCTS, { filter, limit: 30, offset });
        const trips = api.services.executor.counter.roundTrips - before;
        if (JSON.stringify(await expected(region)) !== JSON.stringify(reference) && attempt < 3) continue;
        expect(result.errors).toBeUndefined();
        expect(reference.length).toBeGreaterThan(30);
        expect(result.data?.products.total).toBe(reference.length);
        expect(result.data?.products.items.map((item) => ({ slug: item.slug, company: item.company.name }))).toEqual(
          reference.slice(offset, offset + 30),
        );
        // The page carries each product's company: no second read for its name.
        expect(trips).toBe(1);
        break;
      }
    }
  });

  it('reads a company with its products and their needs in one round trip', async () => {
    const [row] = await testExecutor().read<{ slug: string }>(
      'test.companyWithNeeds',
      `MATCH (c:Company)-[:OFFERS]->(:Product {status: 'active'})-[:ADDRESSES]->(:Need)
       WHERE NOT c.slug STARTS WITH 't-' RETURN c.slug AS slug ORDER BY slug LIMIT 1`,
    );
    type Company = { company: { products: Array<{ slug: string; needs: Array<{ slug: string }> }> } };
    // Need names come from the needs catalogue, read once per process; here it is read already.
    await api.services.catalog.needs();
    const before = api.services.executor.counter.roundTrips;
    const result = await api.query<Company>(
      'query($slug: String!) { company(slug: $slug) { name products { name slug needs { name { da } slug } } } }',
      { slug: row?.slug },
    );
    expect(api.services.executor.counter.roundTrips - before).toBe(1);
    expect(result.errors).toBeUndefined();
    const products = result.data?.company.products ?? [];
    expect(products.some((product) => product.needs.length > 0)).toBe(true);
    // The same needs, in the same order, as the product's own profile gives them.
    for (const product of products) {
      const own = await api.query<{ product: { needs: Array<{ slug: string }> } }>(
        'query($slug: String!) { product(slug: $slug) { needs { slug } } }',
        { slug: product.slug },
      );
      expect(product.needs.map((need) => need.slug)).toEqual(own.data?.product.needs.map((need) => need.slug));
    }
  });

  it('reads only the profile parts a query selects, through fragments, and the rest when a later level asks', async () => {
    const [row] = await testExecutor().read<{ slug: string }>(
      'test.companyWithEverything',
      `MATCH (c:Company)-[:OFFERS]->(:Product {status: 'active'}) WHERE NOT c.slug STARTS WITH 't-'
         AND EXISTS { (c)-[:HOLDS]->(:Certification) } AND EXISTS { (c)-[:PARTNER_OF]-(:Company) }
       RETURN c.slug AS slug ORDER BY slug LIMIT 1`,
    );
    const slug = row?.slug as string;
    const full = await api.services.catalog.companyBySlug(slug);
    const reads = vi.spyOn(api.services.catalog, 'companyProfilesWith');
    const partsRead = () => reads.mock.calls.map(([slugs, parts]) => ({ slugs: [...slugs], parts: [...parts].sort() }));
    try {
      type Answer = { company: Record<string, unknown> };
      const narrow = await api.query<Answer>(
        'query($slug: String!) { company(slug: $slug) { name products { slug needs { slug } } } }',
        { slug },
      );
      expect(narrow.errors).toBeUndefined();
      expect(partsRead()).toEqual([{ slugs: [slug], parts: ['products'] }]);
      expect(narrow.data?.company.products).toEqual(
        full?.products.map((p) => ({ slug: p.slug, needs: p.needs.map((n) => ({ slug: n.slug })) })),
      );

      reads.mockClear();
      const fragments = await api.query<Answer>(
        `query($slug: String!) { company(slug: $slug) { ...Facts } }
         fragment Facts on Company { email ... on Company { certifications { code } } partners { slug } }`,
        { slug },
      );
      expect(fragments.errors).toBeUndefined();
      // A field of the company's own (email) reads its own facts; slug and name alone do not.
      expect(partsRead()).toEqual([{ slugs: [slug], parts: ['certifications', 'facts', 'partners'] }]);
      expect(fragments.data?.company).toEqual({
        email: full?.email,
        certifications: full?.certifications.map((c) => ({ code: c.code })),
        partners: full?.partners.map((p) => ({ slug: p.slug })),
      });

      // Long texts are read only when asked for: the company's description and its products'.
      reads.mockClear();
      const texts = await api.query<Answer>(
        'query($slug: String!) { company(slug: $slug) { description { da } products { slug description { en } } } }',
        { slug },
      );
      expect(texts.errors).toBeUndefined();
      expect(partsRead()).toEqual([{ slugs: [slug], parts: ['description', 'productDescriptions', 'products'] }]);
      expect(texts.data?.company).toEqual({
        description: { da: full?.description.da },
        products: full?.products.map((p) => ({ slug: p.slug, description: { en: p.description.en } })),
      });

      // Products read first without their descriptions, then asked for with them a level below.
      reads.mockClear();
      const deeper = await api.query<{ company: { products: Array<{ company: { products: unknown[] } }> } }>(
        'query($slug: String!) { company(slug: $slug) { products { name company { products { slug description { da } } } } } }',
        { slug },
      );
      expect(deeper.errors).toBeUndefined();
      expect(deeper.data?.company.products[0]?.company.products).toEqual(
        full?.products.map((p) => ({ slug: p.slug, description: { da: p.description.da } })),
      );
      expect(partsRead()).toEqual([
        { slugs: [slug], parts: ['products'] },
        { slugs: [slug], parts: ['productDescriptions', 'products'] },
      ]);

      // A company asked for its name alone under a read of it: answered from that read, no second one.
      reads.mockClear();
      const named = await api.query<{ company: { products: Array<{ company: { name: string } }> } }>(
        'query($slug: String!) { company(slug: $slug) { name products { slug company { name } } } }',
        { slug },
      );
      expect(named.errors).toBeUndefined();
      expect(partsRead()).toEqual([{ slugs: [slug], parts: ['products'] }]);
      expect(named.data?.company.products.map((p) => p.company.name)).toEqual(full?.products.map(() => full.name));

      // Own facts asked for a level below a read without them: read then, in one more round trip, and
      // answered with the parts held already (how the loader merges reads: src/api/context.test.ts).
      reads.mockClear();
      const facts = await api.query<{ company: { products: Array<{ company: Record<string, unknown> }> } }>(
        'query($slug: String!) { company(slug: $slug) { name products { slug company { city version provenance { source } products { slug } } } } }',
        { slug },
      );
      expect(facts.errors).toBeUndefined();
      expect(partsRead()).toEqual([
        { slugs: [slug], parts: ['products'] },
        { slugs: [slug], parts: ['facts'] },
      ]);
      expect(facts.data?.company.products[0]?.company).toEqual({
        city: full?.city,
        version: full?.version,
        provenance: { source: full?.provenance.source },
        products: full?.products.map((p) => ({ slug: p.slug })),
      });

      // A company reached from a product is read with what its own selection asks for, in one batch.
      reads.mockClear();
      const product = full?.products[0]?.slug;
      const nested = await api.query<{ product: { company: Record<string, unknown> } }>(
        'query($p: String!) { product(slug: $p) { company { slug address competences { code } needs { slug } } } }',
        { p: product },
      );
      expect(nested.errors).toBeUndefined();
      expect(partsRead()).toEqual([{ slugs: [slug], parts: ['competences', 'facts', 'needs'] }]);
      expect(nested.data?.product.company).toEqual({
        slug,
        address: full?.address,
        competences: full?.competences.map((c) => ({ code: c.code })),
        needs: full?.needs.map((n) => ({ slug: n.slug })),
      });
    } finally {
      reads.mockRestore();
    }
  });

  it('names a need added after the needs catalogue was read once the catalogue may be read again', async () => {
    const catalog = new Catalog(testExecutor(), () => new Map());
    const [row] = await testExecutor().read<{ company: string; product: string }>(
      'test.activeProduct',
      `MATCH (c:Company)-[:OFFERS]->(p:Product {status: 'active'}) WHERE NOT c.slug STARTS WITH 't-'
       RETURN c.slug AS company, p.slug AS product ORDER BY product LIMIT 1`,
    );
    const slug = 't-need-added-late';
    await catalog.needs();
    // A whole need, as the loader writes one: other files list every need while this one exists.
    await operatorWrite(
      'test.addNeed',
      `MATCH (p:Product {slug: $product})
       CREATE (p)-[:ADDRESSES]->(:Need {slug: $slug, nameDa: 'Sen behov', nameEn: 'Late need', summaryDa: 'S', summaryEn: 'S',
         questionDa: 'Sent?', questionEn: 'Late?', keywordsDa: ['sen'], keywordsEn: ['late']})`,
      { product: row?.product, slug },
    );
    const now = Date.now();
    const clock = vi.spyOn(Date, 'now');
    try {
      const needsOf = async () =>
        (await catalog.companyProfilesWith([row?.company as string], ['products']))[0]?.products
          ?.find((p) => p.slug === row?.product)
          ?.needs.map((n) => n.slug);
      // Within 10 s of the last read the catalogue is not read again: the unknown need is left out.
      clock.mockReturnValue(now + 1_000);
      expect(await needsOf()).not.toContain(slug);
      clock.mockReturnValue(now + 11_000);
      expect(await needsOf()).toContain(slug);
      expect((await catalog.productProfiles([row?.product as string]))[0]?.needs).toContainEqual({
        slug,
        name: { da: 'Sen behov', en: 'Late need' },
        summary: { da: 'S', en: 'S' },
      });
    } finally {
      clock.mockRestore();
      await operatorWrite('test.removeNeed', 'MATCH (n:Need {slug: $slug}) DETACH DELETE n', { slug });
    }
  });

  it('loads one company and one product by slug; unknown slugs give null', async () => {
    const page = await api.query<{ companies: { items: Array<{ slug: string; products: Array<{ slug: string }> }> } }>(
      COMPANY_PAGE,
      { limit: 1 },
    );
    const company = page.data?.companies.items[0];
    const result = await api.query<{
      company: { slug: string; cvr: string };
      product: { slug: string; company: { slug: string } };
    }>(
      'query($c: String!, $p: String!) { company(slug: $c) { slug cvr } product(slug: $p) { slug company { slug } } }',
      { c: company?.slug, p: company?.products[0]?.slug },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.company.slug).toBe(company?.slug);
    expect(result.data?.company.cvr).toMatch(/^[1-9]\d{7}$/);
    expect(result.data?.product.company.slug).toBe(company?.slug);
    const missing = await api.query('{ company(slug: "findes-ikke") { slug } }');
    expect(missing.errors).toBeUndefined();
    expect(missing.data).toEqual({ company: null });
  });

  it('counts providers per need as the graph does', async () => {
    const executor = testExecutor();
    // Other test files add and remove their own companies (slugs starting "t-"), and some edit a sample
    // company's listing, while this runs. So the graph is counted before and after the index is read,
    // and the index is held to the counts only when both agree: a graph that stood still meanwhile.
    const countInGraph = async () => {
      const rows = await executor.read<{ slug: string; providers: number }>(
        'test.providerCounts',
        `MATCH (n:Need)
         RETURN n.slug AS slug, COUNT {
           MATCH (n)<-[:ADDRESSES]-(:Product {status: 'active'})<-[:OFFERS]-(c:Company)
           WHERE NOT c.slug STARTS WITH 't-' RETURN DISTINCT c } AS providers`,
      );
      return Object.fromEntries(rows.map((row) => [row.slug, row.providers]));
    };
    for (let attempt = 1; ; attempt += 1) {
      const before = await countInGraph();
      const index = new CandidateIndex(executor);
      await index.loadAll();
      const needs = await new Catalog(executor, () => index.providerCounts()).needs();
      const after = await countInGraph();
      if (JSON.stringify(before) !== JSON.stringify(after) && attempt < 5) continue;
      expect(after).toEqual(before);
      for (const need of needs) {
        const candidates = index.candidatesFor([need.slug]);
        expect(need.providerCount).toBe(candidates.length);
        expect(candidates.filter((candidate) => !candidate.slug.startsWith('t-')).length).toBe(after[need.slug]);
      }
      expect(needs).toHaveLength(Object.keys(after).length);
      return;
    }
  });

  it('serves the taxonomy trees', async () => {
    const result = await api.query<{
      regions: Array<{ code: string; municipalities: Array<{ code: string }> }>;
      csfFunctions: Array<{ code: string; categories: Array<{ code: string }> }>;
      categories: Array<{ scheme: string; children: Array<{ code: string }> }>;
      skills: Array<{ kind: string }>;
      needs: Array<{ slug: string }>;
    }>(
      '{ regions { code municipalities { code } } csfFunctions { code categories { code } } categories { scheme children { code } } skills { kind } needs { slug } }',
    );
    expect(result.errors).toBeUndefined();
    const data = result.data;
    expect(data?.regions).toHaveLength(5);
    expect(data?.regions.flatMap((r) => r.municipalities)).toHaveLength(98);
    expect(data?.csfFunctions.map((f) => f.code)).toEqual(['GV', 'ID', 'PR', 'DE', 'RS', 'RC']);
    expect(data?.csfFunctions.flatMap((f) => f.categories)).toHaveLength(22);
    expect(data?.categories.every((c) => c.scheme === 'jrc-domain')).toBe(true);
    expect(data?.categories.flatMap((c) => c.children).length).toBeGreaterThan(10);
    expect(data?.skills.filter((s) => s.kind === 'role')).toHaveLength(12);
    expect(data?.needs.length).toBeGreaterThanOrEqual(30);
  });

  it('searches with facets and typo tolerance', async () => {
    const result = await api.query<{
      search: {
        total: number;
        hits: Array<{ kind: string; name: string; company: { slug: string } }>;
        facets: Array<{ name: string; values: Array<{ value: string; count: number; label: { da: string } | null }> }>;
      };
    }>(
      '{ search(query: "penetrasionstest", limit: 5) { total hits { kind name company { slug } } facets { name values { value count label { da } } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.search.total).toBeGreaterThan(0);
    const regions = result.data?.search.facets.find((f) => f.name === 'regions');
    expect(regions?.values.length).toBeGreaterThan(0);
    expect(regions?.values[0]?.label?.da).toMatch(/^Region /);
  });

  it('rejects invalid arguments with BAD_USER_INPUT and writes nothing', async () => {
    const bad = await api.query('{ companies(limit: 1000) { total } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toMatch(/limit/);
    const slug = await api.query('{ company(slug: "DROP DATABASE") { slug } }');
    expect(slug.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknownField = await api.query('{ companies { nope } }');
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('enforces depth, alias and token limits with codes', async () => {
    const deep = await api.query(
      '{ companies { items { products { company { products { company { products { company { products { company { slug } } } } } } } } } } }',
    );
    expect(deep.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: needs { slug }`).join(' ');
    const many = await api.query(`{ ${aliases} }`);
    expect(many.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const huge = `{ ${Array.from({ length: 1200 }, () => 'needs { slug }').join(' ')} }`;
    const tokens = await api.query(huge);
    expect(tokens.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
  });

  it('masks errors and says when the graph is unavailable', async () => {
    const unreachable = createExecutor({ uri: `bolt://127.0.0.1:${await freePort()}`, database: 'neo4j' });
    const yoga = createGraphQLServer({
      ...api.services,
      executor: unreachable,
      catalog: new Catalog(unreachable, () => new Map()),
    });
    try {
      const response = await yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ companies(limit: 1) { total } }' }),
      });
      const result = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(result.errors[0]?.extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(result.errors[0]?.message).not.toMatch(/bolt|127\.0\.0\.1|neo4j/i);
    } finally {
      await unreachable.driver.close();
    }
  });
});
