import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { servicesOver } from '../src/services';
import { benchGraph, fmt, intArg, percentiles, prng } from './bench/graph';
import { BENCH_PRODUCTION_ENV } from './bench/production-env';

/**
 * `npm run bench:graphql -- --companies 10000 --runs 300`: p50/p95 of company(slug) and of a
 * filtered companies page, over HTTP to /graphql on the local Neo4j.
 */
const companies = intArg('companies', 300);
const runs = intArg('runs', 300);

const graph = await benchGraph(companies);
const services = await servicesOver(graph.executor, { env: BENCH_PRODUCTION_ENV });
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const response = await services.graphql(
    new Request(`http://localhost${req.url}`, {
      method: req.method,
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    }),
  );
  res.writeHead(response.status, { 'content-type': 'application/json' });
  res.end(await response.text());
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;

async function post(query: string, variables: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[]; data?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const slugs = (
  await graph.executor.read<{ slug: string }>('bench.slugs', 'MATCH (c:Company) RETURN c.slug AS slug')
).map((row) => row.slug);
const needs = (await graph.executor.read<{ slug: string }>('bench.needs', 'MATCH (n:Need) RETURN n.slug AS slug')).map(
  (row) => row.slug,
);
const random = prng(42);
const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
const REGIONS = ['1081', '1082', '1083', '1084', '1085'];

const COMPANY = `query($slug: String!) { company(slug: $slug) {
  slug name cvr description { da } municipality { name } regionsServed { code }
  certifications { code trust } competences { code headcount } products { slug name priceFromDkk needs { slug } } } }`;
const PAGE = `query($filter: ListingFilter) { companies(filter: $filter, limit: 20) { total items {
  slug name city region { code } certifications { code } products { slug name } } } }`;

async function measure(name: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await run(); // warm-up: JIT, page cache, query plans
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  const { p50, p95, p99 } = percentiles(samples);
  console.log(`${name.padEnd(34)} p50 ${fmt(p50)}  p95 ${fmt(p95)}  p99 ${fmt(p99)}  (${runs} runs)`);
}

console.log(`GraphQL over HTTP, ${companies} companies`);
await measure('company(slug)', () => post(COMPANY, { slug: pick(slugs) }));
await measure('companies(filter: region+need)', () =>
  post(PAGE, { filter: { regions: [pick(REGIONS)], needs: [pick(needs)] } }),
);
await measure('companies(filter: need)', () => post(PAGE, { filter: { needs: [pick(needs)] } }));
await measure('companies(filter: size+language)', () =>
  post(PAGE, { filter: { sizeBands: ['small', 'micro'], languages: ['en'] } }),
);

server.close();
await graph.stop();
