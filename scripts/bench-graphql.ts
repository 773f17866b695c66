import { Agent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import neo4j, { type RecordShape } from 'neo4j-driver';
import { forgetAnalyticsAnswers } from '../graph/analytics/cache';
import { toPlain } from '../graph/executor';
import type { MatchProfile, RankedProvider } from '../graph/match/types';
import type { Text } from '../graph/model';
import { FACETS } from '../search/types';
import { bearerCredentials } from '../src/auth/api-token';
import type { Viewer } from '../src/auth/viewer';
import { servicesOver } from '../src/services';
import { viewerForApiToken } from '../src/use-cases/api-tokens';
import { matchProviders } from '../src/use-cases/match-providers';
import { searchListings } from '../src/use-cases/search-listings';
import { analystToken } from './bench/analyst';
import { benchGraph, fmt, intArg, prng } from './bench/graph';
import { type Comparison, type ComparisonFigures, interleave, MismatchError } from './bench/interleave';
import { BENCH_PRODUCTION_ENV } from './bench/production-env';

/**
 * `npm run bench:graphql -- --companies 10000 --runs 200 [--clients 8] [--cold-runs 20] [--warmup 20]
 * [--only <text>]`: what GraphQL costs on top of what it must do anyway. For each workload the same arguments go, request
 * by request, to /graphql over HTTP and to the floor under it: for listings and analytics one
 * hand-written, parameterised Cypher query through the executor that returns exactly the fields
 * asked for; for `search` the search use case the resolver calls (the engine call, and the query's
 * demand signal, which no visitor lets through here; no Cypher); for `match` the
 * match use case called in-process (reference data kept in memory and the in-memory candidate
 * index). These two and `company(slug)` are measured again with the floor served as plain JSON
 * over the same HTTP server (rows marked ·http): what GraphQL itself adds, apart from HTTP, and
 * with several clients both sides wait in the same queue. For `search` and `match` the ·http row is
 * the comparison that counts: a Cypher floor is a request to the server that does the work, over
 * its protocol, and so is Meilisearch through its client in production; the in-process rows show
 * what HTTP and GraphQL together add to a call in the same process. Every
 * answer pair is checked equal, shaped alike; a mismatch stops the run.
 * It prints p50/p95 per side and their ratio, for `--clients` concurrent loops (default 1).
 *
 * `--only` keeps the workloads whose name contains the text (`--only company`); `--warmup` sets the requests per
 * workload not counted (default 20).
 * The script runs with NODE_ENV=production (scripts/cyberkort.sh), as the server does in production:
 * GraphQL.js checks its types more slowly in any other mode.
 *
 * No visitor is passed with the HTTP requests, so `search` and `match` record no demand signals
 * into the benchmark graph (bench:analytics counts on the signals it wrote itself).
 */
const companies = intArg('companies', 300);
const runs = intArg('runs', 300);
const clients = intArg('clients', 1);
const coldRuns = intArg('cold-runs', 20);
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '') : '';
const WARMUP = intArg('warmup', 20);

const graph = await benchGraph(companies);
const { executor } = graph;
const startedAt = loadavg();
process.stderr.write('building the search index and the match candidate index…\n');
const services = await servicesOver(executor, { env: BENCH_PRODUCTION_ENV });
const analyst = await analystToken(services);

// The HTTP side as src/server/graphql.ts sets it up: a bearer token becomes the token's viewer.
/**
 * In-process floors (the engine call, the match use case) answer at once, while a GraphQL request
 * waits its turn in the one event loop behind the other clients' work; with several clients that
 * compares queueing, not GraphQL. So these floors are also served as plain JSON over the same HTTP
 * server (`/floor/<name>`): the same queue and HTTP, no GraphQL.
 */
const plainFloors = new Map<string, (args: never) => Promise<unknown>>();

const server = createServer(async (req, res) => {
  const plain = req.url?.startsWith('/floor/') ? plainFloors.get(req.url.slice('/floor/'.length)) : undefined;
  if (plain) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await plain(JSON.parse(Buffer.concat(chunks).toString('utf8')) as never);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
    return;
  }
  const credentials = bearerCredentials(req.headers.authorization);
  let viewer: Viewer | undefined;
  if (credentials.kind !== 'none') {
    const found =
      credentials.kind === 'token'
        ? await viewerForApiToken(services, credentials.secret, (error) => {
            throw error;
          })
        : null;
    if (!found) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'invalid token', extensions: { code: 'UNAUTHENTICATED' } }] }));
      return;
    }
    viewer = found;
  }
  // yoga's Node adapter, as the server's /graphql route calls it (src/server/graphql.ts).
  const response = await services.yoga.handleNodeRequestAndResponse(req, res, { viewer });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

/**
 * The client side of both HTTP paths: node:http over kept-alive connections. It runs in the same
 * process as the server, so its own cost lands on what is measured; fetch (undici) costs about
 * 1 ms a request more than this, on both sides alike.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function postJson(target: string, body: unknown, headers: Record<string, string> = {}): Promise<[number, unknown]> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      target,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': String(payload.length), ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            resolve([response.statusCode ?? 0, JSON.parse(Buffer.concat(chunks).toString('utf8'))]);
          } catch (error) {
            reject(error);
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

async function post<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const [status, answer] = await postJson(url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
  const body = answer as { errors?: unknown[]; data?: T };
  if (body.errors || !body.data) throw new Error(`GraphQL answered ${status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/**
 * The floor's Cypher goes through the driver's own query API (`executeQuery`, a managed read
 * transaction), as the figures the issue started from did, not through the product's executor;
 * values come back as plain JS the way the product converts them, so the answers compare.
 */
const read = async <T extends RecordShape>(name: string, cypher: string, params: Record<string, unknown>) => {
  const { records } = await executor.driver.executeQuery(cypher, params, {
    database: 'neo4j',
    routing: neo4j.routing.READ,
    transactionConfig: { metadata: { app: 'cyberkort', query: `bench.floor.${name}` } },
  });
  return records.map((record) => toPlain(record.toObject()) as T);
};

// ---------------------------------------------------------------------------------------------
// What the arguments are drawn from

const [counts] = await executor.read<{ companies: number; products: number }>(
  'bench.counts',
  'RETURN COUNT { MATCH (:Company) } AS companies, COUNT { MATCH (:Product) } AS products',
);
const slugs = (await executor.read<{ slug: string }>('bench.slugs', 'MATCH (c:Company) RETURN c.slug AS slug')).map(
  (row) => row.slug,
);
const needs = (await executor.read<{ slug: string }>('bench.needs', 'MATCH (n:Need) RETURN n.slug AS slug')).map(
  (row) => row.slug,
);
const words = [
  ...new Set(
    (
      await executor.read<{ words: string[] }>(
        'bench.words',
        'MATCH (n:Need) RETURN coalesce(n.keywordsDa, []) + coalesce(n.keywordsEn, []) AS words',
      )
    ).flatMap((row) => row.words),
  ),
].sort();
const municipalities = (
  await executor.read<{ code: string }>('bench.municipalities', 'MATCH (m:Municipality) RETURN m.code AS code')
).map((row) => row.code);
const regions = (
  await executor.read<{ code: string }>('bench.regions', 'MATCH (r:Region) RETURN r.code AS code ORDER BY code')
).map((row) => row.code);
// Sorted so the PRNG picks the same items whatever order Neo4j returned them in.
for (const list of [slugs, needs, municipalities]) list.sort();

/** `count` argument sets from a PRNG of its own per workload, so adding one workload moves no other's. */
function draw<A>(seed: number, count: number, make: (pick: <T>(items: readonly T[]) => T) => A): A[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, () => make(pick));
}
const total = WARMUP + runs;
const bySlug = <T extends { slug: string }>(items: T[]) => [...items].sort((a, b) => (a.slug < b.slug ? -1 : 1));

// ---------------------------------------------------------------------------------------------
// Workloads

interface NeedRef {
  slug: string;
  name: Text;
}
interface CompanyAnswer {
  name: string;
  products: Array<{ name: string; slug: string; needs: NeedRef[] }>;
}
/** The order of a company's products and of a product's needs is the API's (Danish collation), not a query's. */
const shapeCompany = (company: CompanyAnswer | null) =>
  company && {
    name: company.name,
    products: bySlug(company.products.map((p) => ({ ...p, needs: bySlug(p.needs) }))),
  };

const company: Comparison<{ slug: string }> = {
  name: 'company(slug)',
  floor: 'Cypher',
  args: draw(1, total, (pick) => ({ slug: pick(slugs) })),
  upper: async (args) =>
    shapeCompany(
      (
        await post<{ company: CompanyAnswer | null }>(
          `query($slug: String!) { company(slug: $slug) { name products { name slug needs { name { da en } slug } } } }`,
          args,
        )
      ).company,
    ),
  lower: async (args) => {
    const [row] = await read<{ company: CompanyAnswer }>(
      'company',
      `MATCH (c:Company {slug: $slug})
       WHERE EXISTS { (c)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(:Region) }
       RETURN {name: c.name, products: [(c)-[:OFFERS]->(p:Product {status: 'active'}) | {name: p.name, slug: p.slug,
         needs: [(p)-[:ADDRESSES]->(n:Need) | {slug: n.slug, name: {da: n.nameDa, en: n.nameEn}}]}]} AS company`,
      args,
    );
    return shapeCompany(row?.company ?? null);
  },
};

type ProductPage = {
  total: number;
  items: Array<{ name: string; slug: string; company: { name: string } }>;
};
const products: Comparison<{ need: string }> = {
  name: 'products(need)',
  floor: 'Cypher',
  args: draw(2, total, (pick) => ({ need: pick(needs) })),
  upper: async ({ need }) =>
    (
      await post<{ products: ProductPage }>(
        `query($filter: ProductFilter) { products(filter: $filter, limit: 20) { total items { name slug company { name } } } }`,
        { filter: { listing: { needs: [need] } } },
      )
    ).products,
  lower: async (args) => {
    const [row] = await read<ProductPage>(
      'products',
      `MATCH (:Need {slug: $need})<-[:ADDRESSES]-(p:Product {status: 'active'})<-[:OFFERS]-(c:Company)
       WHERE EXISTS { (c)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(:Region) }
       WITH p, c ORDER BY p.name, p.slug
       WITH collect({name: p.name, slug: p.slug, company: {name: c.name}}) AS rows
       RETURN size(rows) AS total, rows[0..20] AS items`,
      args,
    );
    return row;
  },
};

type CompanyPage = {
  total: number;
  items: Array<{ name: string; slug: string }>;
};
const companiesPage: Comparison<{ need: string; region: string }> = {
  name: 'companies(need, region)',
  floor: 'Cypher',
  args: draw(3, total, (pick) => ({ need: pick(needs), region: pick(regions) })),
  upper: async ({ need, region }) =>
    (
      await post<{ companies: CompanyPage }>(
        `query($filter: ListingFilter) { companies(filter: $filter, limit: 20) { total items { name slug } } }`,
        { filter: { needs: [need], regions: [region] } },
      )
    ).companies,
  lower: async (args) => {
    const [row] = await read<CompanyPage>(
      'companies',
      `MATCH (:Need {slug: $need})<-[:ADDRESSES]-(:Product {status: 'active'})<-[:OFFERS]-(c:Company)
       WITH DISTINCT c
       MATCH (c)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(:Region {code: $region})
       WITH c ORDER BY c.name, c.slug
       WITH collect({name: c.name, slug: c.slug}) AS rows
       RETURN size(rows) AS total, rows[0..20] AS items`,
      args,
    );
    return row;
  },
};

interface SearchAnswer {
  total: number;
  hits: Array<{ kind: string; slug: string; score: number }>;
  facets: Array<{ name: string; values: Array<{ value: string; count: number }> }>;
}
/** Facets as name → value → count: GraphQL lists them sorted by count, the engine keys them. */
const search: Comparison<{ query: string }> = {
  name: 'search(word) + facets',
  floor: 'search use case in-process',
  args: draw(4, total, (pick) => ({ query: pick(words) })),
  upper: async (args) => {
    const { search: answer } = await post<{ search: SearchAnswer }>(
      `query($query: String!) { search(query: $query, limit: 20) {
         total hits { kind slug score } facets { name values { value count } } } }`,
      args,
    );
    return {
      total: answer.total,
      hits: answer.hits,
      facets: Object.fromEntries(
        answer.facets.map((f) => [f.name, Object.fromEntries(f.values.map((v) => [v.value, v.count]))]),
      ),
    };
  },
  lower: async ({ query }) => {
    const { response: answer } = await searchListings(
      services,
      { query, filters: {}, sort: 'relevance', limit: 20, offset: 0 },
      undefined,
    );
    return {
      total: answer.total,
      hits: answer.hits.map((hit) => ({ kind: hit.document.kind, slug: hit.document.slug, score: hit.score })),
      facets: Object.fromEntries(FACETS.map((name) => [name, answer.facets[name] ?? {}])),
    };
  },
};

interface MatchAnswer {
  total: number;
  uncoveredNeeds: Array<{ slug: string }>;
  providers: Array<{
    rank: number;
    score: number;
    company: { slug: string; name: string };
    coveredNeeds: Array<{ slug: string }>;
    products: Array<{ slug: string }>;
    breakdown: Array<{ criterion: string; points: number; max: number; reasons: Text[] }>;
  }>;
}
const shapeProvider = (p: RankedProvider): MatchAnswer['providers'][number] => ({
  rank: p.rank,
  score: p.score,
  company: { slug: p.candidate.slug, name: p.candidate.name },
  coveredNeeds: p.coveredNeeds.map((slug) => ({ slug })),
  products: p.products.map((product) => ({ slug: product.slug })),
  breakdown: p.breakdown.map(({ criterion, points, max, reasons }) => ({ criterion, points, max, reasons })),
});
const match: Comparison<MatchProfile> = {
  name: 'match(2 needs, municipality)',
  floor: 'match use case in-process',
  args: draw(5, total, (pick) => {
    const first = pick(needs);
    const second = pick(needs.filter((slug) => slug !== first));
    return { needs: [first, second], municipality: pick(municipalities) };
  }),
  upper: async (profile) =>
    (
      await post<{ match: MatchAnswer }>(
        `query($profile: MatchProfile!) { match(profile: $profile) { total uncoveredNeeds { slug }
           providers(limit: 10) { rank score company { slug name } coveredNeeds { slug } products { slug }
             breakdown { criterion points max reasons { da en } } } } }`,
        { profile },
      )
    ).match,
  lower: async (profile) => {
    const answer = await matchProviders(services, profile, undefined);
    return {
      total: answer.providers.length,
      uncoveredNeeds: answer.uncoveredNeeds.map((slug) => ({ slug })),
      providers: answer.providers.slice(0, 10).map(shapeProvider),
    };
  },
};

type Nis2Row = {
  measure: string;
  letter: string;
  providers: number;
  products: number;
};
/**
 * Providers and products per NIS2 Art. 21(2) measure in one region, as `Analytics.nis2Coverage`
 * defines them: the region's companies first (located in it or serving it), each read once, then
 * their active products' needs; measures no product covers get zeros.
 */
const NIS2_BY_REGION = `
MATCH (c:Company)-[:LOCATED_IN]->(:Municipality)-[:IN_REGION]->(r:Region)
WHERE r.code = $region OR EXISTS { (c)-[:SERVES]->(:Region {code: $region}) }
WITH DISTINCT c
MATCH (c)-[:OFFERS]->(p:Product {status: 'active'})-[:ADDRESSES]->(:Need)-[:SUPPORTS_MEASURE]->(x:Nis2Measure)
WITH x.code AS measure, count(DISTINCT p) AS products, count(DISTINCT c) AS providers
WITH collect({measure: measure, products: products, providers: providers}) AS cells
MATCH (x:Nis2Measure)
WITH x, [cell IN cells WHERE cell.measure = x.code][0] AS cell
RETURN x.code AS measure, x.letter AS letter, coalesce(cell.providers, 0) AS providers,
  coalesce(cell.products, 0) AS products
ORDER BY measure`;
/** Every region once first (within the warm-up), so "kept" means every region's answer is kept. */
const nis2 = (name: string, seed: number, count: number): Comparison<{ region: string }> => ({
  name,
  floor: 'Cypher',
  args: [
    ...regions.map((region) => ({ region })),
    ...draw(seed, count - regions.length, (pick) => ({ region: pick(regions) })),
  ],
  upper: async ({ region }) =>
    (
      await post<{ analytics: { nis2Coverage: Nis2Row[] } }>(
        `query($filter: AnalyticsFilter) { analytics(filter: $filter) { nis2Coverage { measure letter providers products } } }`,
        { filter: { region } },
        analyst.secret,
      )
    ).analytics.nis2Coverage,
  lower: (args) => read<Nis2Row>('nis2ByRegion', NIS2_BY_REGION, args),
});
const nis2Kept = nis2('NIS2 providers by region, kept', 6, total);
// Kept answers forgotten before every GraphQL request: the first question after the data changed.
const nis2Cold = {
  ...nis2('NIS2 providers by region, cold', 7, WARMUP + coldRuns),
  beforeUpper: () => forgetAnalyticsAnswers(executor),
};

// ---------------------------------------------------------------------------------------------

/** Each workload with its own argument type, run through the same loop. */
const measured = <A>(comparison: Comparison<A>, count: number) => ({
  name: comparison.name,
  floor: comparison.floor,
  runs: count,
  run: () => interleave(comparison, { warmup: WARMUP, clients }),
});
/** The comparison again, its floor asked as plain JSON over the bench's HTTP server (see plainFloors). */
function overHttp<A>(comparison: Comparison<A>, key: string): Comparison<A> {
  plainFloors.set(key, comparison.lower as (args: never) => Promise<unknown>);
  const floorUrl = url.replace(/\/graphql$/, `/floor/${key}`);
  return {
    ...comparison,
    name: `${comparison.name} ·http`,
    floor: `${comparison.floor}, over plain HTTP`,
    lower: async (args) => (await postJson(floorUrl, args))[1],
  };
}

const workloads = [
  measured(company, runs),
  measured(overHttp(company, 'company'), runs),
  measured(products, runs),
  measured(companiesPage, runs),
  measured(search, runs),
  measured(overHttp(search, 'search'), runs),
  measured(match, runs),
  measured(overHttp(match, 'match'), runs),
  measured(nis2Kept, runs),
  // Forgetting one client's kept answers mid-way through another's request would make "cold" a guess.
  ...(clients === 1 ? [measured(nis2Cold, coldRuns)] : []),
].filter((workload) => workload.name.includes(only));

const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
console.log(
  `GraphQL over HTTP against its floor: ${counts?.companies} companies, ${counts?.products} products, ` +
    `${clients} client${clients === 1 ? '' : 's'}, ${WARMUP} warm-up requests per workload not counted`,
);
console.log(`load average (1, 5, 15 min) at start: ${load(startedAt)}`);
const ms = (value: number) => fmt(value).padStart(9);
console.log(
  `${'workload'.padEnd(32)} ${'runs'.padStart(4)}  ${'GraphQL p50'.padStart(11)} ${'p95'.padStart(9)}  ${'floor p50'.padStart(
    9,
  )} ${'p95'.padStart(9)}  ${'ratio p50'.padStart(9)} ${'p95'.padStart(6)}  floor`,
);
try {
  for (const workload of workloads) {
    const figures: ComparisonFigures = await workload.run();
    const ratio = (a: number, b: number) => `${(a / b).toFixed(a < b ? 2 : 1)}×`;
    console.log(
      `${workload.name.padEnd(32)} ${String(workload.runs).padStart(4)}  ${ms(figures.upper.p50).padStart(11)} ${ms(
        figures.upper.p95,
      )}  ${ms(figures.lower.p50)} ${ms(figures.lower.p95)}  ${ratio(figures.upper.p50, figures.lower.p50).padStart(
        9,
      )} ${ratio(figures.upper.p95, figures.lower.p95).padStart(6)}  ${workload.floor}`,
    );
  }
  console.log(`load average (1, 5, 15 min) at the end: ${load(loadavg())}`);
} catch (error) {
  if (error instanceof MismatchError) {
    console.error(`MISMATCH — ${error.message}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await analyst.close();
  agent.destroy();
  server.close();
  await services.demand.close();
  await graph.stop();
}
