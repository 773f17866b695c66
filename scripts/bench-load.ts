import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUDGET_BANDS, COMPLIANCE_DRIVERS, SME_SIZE_BANDS } from '../graph/vocabulary';
import { GraphWriter } from '../graph/write';
import { ASTRO_ENTRY } from '../src/server/app';
import { benchGraph, intArg, percentiles, prng } from './bench/graph';
import { summariseHeapSnapshot } from './bench/heap-summary';
import { startBenchServer } from './bench/server';

/**
 * `npm run bench:load -- --minutes 10 --companies 10000 --clients 8 [--heap-summary]`: a mixed load of pages and
 * GraphQL against the whole server (src/server.ts in a process of its own, so its memory is its
 * own) over the benchmark graph. Every 30 s and at the end: throughput, p50/p95/p99 per kind of
 * request, errors by status and GraphQL code, and the server's resident memory. Clients send
 * requests back to back.
 */
const minutesArg = process.argv.indexOf('--minutes');
const minutes = minutesArg >= 0 ? Number(process.argv[minutesArg + 1]) : 10;
if (!(minutes > 0)) throw new Error('--minutes must be a positive number');
const companies = intArg('companies', 10_000);
/**
 * Flags for the server's node to compare V8 settings, e.g. --node-flags "--no-optimize-for-size --max-semi-space-size=8"
 * (beside --optimize-for-size, which the server runs with, V8 keeps a 1 MiB semi-space whatever is asked).
 */
const nodeFlagsArg = process.argv.indexOf('--node-flags');
const nodeFlags = nodeFlagsArg >= 0 ? (process.argv[nodeFlagsArg + 1] ?? '').split(/\s+/).filter(Boolean) : [];
/** Environment for the server process, e.g. --server-env "MALLOC_ARENA_MAX=2" to compare allocator settings. */
const serverEnvArg = process.argv.indexOf('--server-env');
const serverEnv = Object.fromEntries(
  (serverEnvArg >= 0 ? (process.argv[serverEnvArg + 1] ?? '') : '')
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--server-env takes NAME=value pairs, not "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
);
/** At the end, a heap snapshot of the server and a summary of what holds its memory. */
const heapSummary = process.argv.includes('--heap-summary');
const clients = intArg('clients', 8);
const REPORT_MS = 30_000;
const ROOT = path.resolve(new URL('..', import.meta.url).pathname);
// A browser's user agent: the demand gate leaves scripts out, and visitors' searches are what is measured.
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) cyberkort-bench-load';

if (!existsSync(ASTRO_ENTRY)) throw new Error(`The site is not built (${ASTRO_ENTRY}): run "npm run build" first.`);

const graph = await benchGraph(companies);
const { executor } = graph;
const column = async (name: string, cypher: string) =>
  (await executor.read<{ v: string }>(name, cypher)).map((row) => row.v);
const companySlugs = await column('bench.companies', 'MATCH (c:Company) RETURN c.slug AS v');
const productSlugs = await column('bench.products', "MATCH (p:Product {status: 'active'}) RETURN p.slug AS v");
const needs = await column('bench.needs', 'MATCH (n:Need) RETURN n.slug AS v');
const municipalities = await column('bench.municipalities', 'MATCH (m:Municipality) RETURN m.code AS v');
const sectors = await column('bench.sectors', 'MATCH (s:Sector) RETURN s.code AS v');
const companyWords = (await column('bench.names', 'MATCH (c:Company) RETURN c.name AS v LIMIT 200')).map(
  (name) => name.split(' ')[0] ?? name,
);

// The rate limits are lifted: every client here shares one address.
const starting = performance.now();
const server = await startBenchServer(
  'bench-load',
  graph.connection,
  {
    RATE_LIMIT_GRAPHQL: '100000000',
    RATE_LIMIT_FORMS: '100000000',
    ...serverEnv,
  },
  heapSummary ? [...nodeFlags, '--heapsnapshot-signal=SIGUSR2'] : nodeFlags,
);
console.log(
  `server ready in ${((performance.now() - starting) / 1000).toFixed(1)} s (search index built from the graph)`,
);
const started = performance.now();
const deadline = started + minutes * 60_000;

const random = prng(11);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
const some = <T>(items: readonly T[], most: number) => {
  const chosen = new Set<T>();
  const count = 1 + Math.floor(random() * most);
  while (chosen.size < Math.min(count, items.length)) chosen.add(pick(items));
  return [...chosen];
};
const WORDS = [
  'backup',
  'phishing',
  'firewall',
  'nis2',
  'penetrationstest',
  'awareness',
  'microsoft 365',
  'iso 27001',
  'gdpr',
  'overvågning',
  'beredskab',
  'kryptering',
  'password',
  'sårbarhedsscanning',
  'cloud security',
  'incident response',
  'vciso',
  // Finds nothing: the searches an SME gives up on are demand signals with their words kept.
  'zzqxv',
];
const searchWords = () => (random() < 0.15 ? pick(companyWords) : pick(WORDS));

const GQL = {
  search: `query($q: String!, $filters: SearchFilter) { search(query: $q, filters: $filters, limit: 20) {
    total tookMs hits { kind slug name companyName priceFromDkk } facets { name values { value count label { da } } } } }`,
  match: `query($profile: MatchProfile!) { match(profile: $profile) { total day uncoveredNeeds { slug }
    fewest { complete providers { company { slug } } }
    providers(limit: 10) { rank score company { slug name } products { slug name } breakdown { criterion points } } } }`,
  companies: `query($filter: ListingFilter) { companies(filter: $filter, limit: 20) { total items {
    slug name city region { code } certifications { code } products { slug name } } } }`,
  company: `query($slug: String!) { company(slug: $slug) {
    slug name cvr description { da } municipality { name } regionsServed { code }
    certifications { code trust } competences { code headcount } products { slug name priceFromDkk needs { slug } } } }`,
};

const REGIONS = ['1081', '1082', '1083', '1084', '1085'];

function matchProfile() {
  return {
    needs: some(needs, 4),
    ...(random() < 0.8 ? { municipality: pick(municipalities) } : {}),
    ...(random() < 0.6 ? { sector: pick(sectors) } : {}),
    sizeBand: pick(SME_SIZE_BANDS),
    budget: pick(BUDGET_BANDS),
    ...(random() < 0.4 ? { drivers: [pick(COMPLIANCE_DRIVERS)] } : {}),
  };
}

function matchPageUrl(): string {
  const profile = matchProfile();
  const query = new URLSearchParams();
  for (const need of profile.needs) query.append('need', need);
  if (profile.municipality) query.set('kommune', profile.municipality);
  if (profile.sector) query.set('sector', profile.sector);
  query.set('size', profile.sizeBand);
  query.set('budget', profile.budget);
  for (const driver of profile.drivers ?? []) query.append('driver', driver);
  return `${random() < 0.8 ? '/find-hjaelp' : '/en/find-help'}?${query}`;
}

type Ask = { method: 'GET'; url: string } | { method: 'POST'; url: string; body: string };
const graphql = (query: string, variables: Record<string, unknown>): Ask => ({
  method: 'POST',
  url: '/graphql',
  body: JSON.stringify({ query, variables }),
});

/** What a visitor or an API client asks for, in rough proportion to how often. */
const MIX: Array<{ kind: string; weight: number; ask: () => Ask }> = [
  { kind: 'home', weight: 10, ask: () => ({ method: 'GET', url: random() < 0.8 ? '/' : '/en/' }) },
  {
    kind: 'search page',
    weight: 15,
    ask: () => {
      const query = new URLSearchParams({ q: searchWords() });
      if (random() < 0.3) query.set('need', pick(needs));
      if (random() < 0.2) query.set('region', pick(REGIONS));
      return { method: 'GET', url: `${random() < 0.8 ? '/soeg' : '/en/search'}?${query}` };
    },
  },
  { kind: 'match page', weight: 15, ask: () => ({ method: 'GET', url: matchPageUrl() }) },
  { kind: 'company page', weight: 12, ask: () => ({ method: 'GET', url: `/virksomhed/${pick(companySlugs)}` }) },
  { kind: 'product page', weight: 8, ask: () => ({ method: 'GET', url: `/produkt/${pick(productSlugs)}` }) },
  {
    kind: 'gql search',
    weight: 10,
    ask: () => graphql(GQL.search, { q: searchWords(), filters: random() < 0.3 ? { needs: [pick(needs)] } : null }),
  },
  {
    kind: 'gql match',
    weight: 10,
    ask: () => {
      const profile = matchProfile();
      // A GraphQL enum value cannot hold '-': D-MAERKET is D_MAERKET there.
      return graphql(GQL.match, {
        profile: { ...profile, drivers: profile.drivers?.map((driver) => driver.replace('-', '_')) },
      });
    },
  },
  {
    kind: 'gql companies',
    weight: 10,
    ask: () => graphql(GQL.companies, { filter: { regions: [pick(REGIONS)], needs: [pick(needs)] } }),
  },
  { kind: 'gql company', weight: 10, ask: () => graphql(GQL.company, { slug: pick(companySlugs) }) },
];
const TOTAL_WEIGHT = MIX.reduce((sum, entry) => sum + entry.weight, 0);
function nextRequest() {
  let at = random() * TOTAL_WEIGHT;
  for (const entry of MIX) {
    at -= entry.weight;
    if (at < 0) return entry;
  }
  return MIX[0] as (typeof MIX)[number];
}

interface Window {
  latencies: Map<string, number[]>;
  /** status (or status and GraphQL code) → count */
  errors: Map<string, number>;
  requests: number;
  startedAt: number;
}
const newWindow = (): Window => ({
  latencies: new Map(),
  errors: new Map(),
  requests: 0,
  startedAt: performance.now(),
});
let current = newWindow();
const total = newWindow();

/** The first request and answer of each kind of error, to tell a slow server from a wrong request. */
const firstOfError = new Map<string, string>();

function record(kind: string, ms: number, error: string | null) {
  for (const target of [current, total]) {
    target.requests += 1;
    const list = target.latencies.get(kind) ?? [];
    list.push(ms);
    target.latencies.set(kind, list);
    if (error) target.errors.set(error, (target.errors.get(error) ?? 0) + 1);
  }
}

async function client() {
  while (performance.now() < deadline) {
    const { kind, ask } = nextRequest();
    const request = ask();
    const begun = performance.now();
    let error: string | null = null;
    let detail = '';
    try {
      const response = await fetch(`${server.base}${request.url}`, {
        method: request.method,
        headers: {
          'user-agent': USER_AGENT,
          ...(request.method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(request.method === 'POST' ? { body: request.body } : {}),
      });
      const body = await response.text();
      const errors = request.method === 'POST' ? graphqlErrors(body) : undefined;
      if (response.status !== 200 || errors?.length) {
        const codes = [...new Set((errors ?? []).map((e) => e.extensions?.code ?? 'error'))];
        error = [response.status, ...codes].join(' ');
        detail = errors?.[0]?.message ?? '';
      }
    } catch (failure) {
      error = 'no response';
      detail = (failure as Error).message;
    }
    record(kind, performance.now() - begun, error);
    if (error && !firstOfError.has(`${kind} ${error}`)) {
      firstOfError.set(`${kind} ${error}`, `${request.url}${detail ? `: ${detail}` : ''}`.slice(0, 300));
    }
  }
}

function graphqlErrors(body: string): Array<{ message?: string; extensions?: { code?: string } }> | undefined {
  try {
    return (JSON.parse(body) as { errors?: Array<{ message?: string; extensions?: { code?: string } }> }).errors;
  } catch {
    return [{ message: body.slice(0, 200), extensions: { code: 'NOT_JSON' } }];
  }
}

/** Asks the server (started with --heapsnapshot-signal) for a snapshot; returns its file once written. */
async function snapshotOf(pid: number): Promise<string> {
  const mine = () => readdirSync(ROOT).filter((name) => name.startsWith('Heap.') && name.includes(`.${pid}.`));
  const before = new Set(mine());
  process.kill(pid, 'SIGUSR2');
  for (let waited = 0; waited < 600; waited += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const file = mine().find((name) => !before.has(name));
    // V8 writes the file in one go and closes it; a size that holds for a second is complete.
    if (file) {
      const size = statSync(path.join(ROOT, file)).size;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      if (statSync(path.join(ROOT, file)).size === size && size > 0) {
        const moved = path.join(tmpdir(), file);
        // A rename cannot cross file systems; then a copy.
        try {
          renameSync(path.join(ROOT, file), moved);
        } catch {
          copyFileSync(path.join(ROOT, file), moved);
          rmSync(path.join(ROOT, file));
        }
        console.log(`heap snapshot: ${moved}`);
        return moved;
      }
    }
  }
  throw new Error('the server wrote no heap snapshot within 10 minutes');
}

/** The server's resident memory in MiB, sampled every second from when it is ready: now, highest, every sample. */
const rss = { now: 0, max: 0, samples: [] as number[] };
async function sampleRss() {
  const status = await readFile(`/proc/${server.pid}/status`, 'utf8').catch(() => '');
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  rss.now = kib / 1024;
  rss.max = Math.max(rss.max, rss.now);
  if (kib > 0) rss.samples.push(rss.now);
}
const mib = (value: number) => `${value.toFixed(0)} MiB`;

function report(title: string, of: Window) {
  const seconds = (performance.now() - of.startedAt) / 1000;
  const errors = [...of.errors].map(([key, n]) => `${key} ×${n}`).join(', ') || 'none';
  const lines = [
    `${title}: ${of.requests} requests in ${seconds.toFixed(0)} s = ${(of.requests / seconds).toFixed(1)} req/s; ` +
      `errors: ${errors}; server RSS ${mib(rss.now)} (max ${mib(rss.max)})`,
    `  ${'kind'.padEnd(14)} ${'n'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
  ];
  for (const { kind } of MIX) {
    const samples = of.latencies.get(kind) ?? [];
    if (samples.length === 0) continue;
    const { p50, p95, p99, n } = percentiles(samples);
    lines.push(
      `  ${kind.padEnd(14)} ${String(n).padStart(6)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${p99.toFixed(1).padStart(8)}`,
    );
  }
  console.log(lines.join('\n'));
}

console.log(
  `bench:load: ${companies} companies, ${clients} clients, ${minutes} min against ${server.base} ` +
    `(server pid ${server.pid}, log ${server.logFile})`,
);
const sampler = setInterval(() => void sampleRss(), 1_000);
const reporter = setInterval(() => {
  report(`[${((performance.now() - started) / 1000).toFixed(0)} s]`, current);
  current = newWindow();
}, REPORT_MS);
// Today's signals from before the load (another benchmark's) are kept; only what this load recorded is removed.
const [existingSignals] = await executor.read<{ ids: string[] }>(
  'bench.todaysSignals',
  'MATCH (d:DemandSignal) WHERE d.day = date() RETURN collect(d.id) AS ids',
);
await sampleRss();
console.log(`server RSS when ready ${mib(rss.now)}`);
await Promise.all(Array.from({ length: clients }, client));
clearInterval(reporter);
clearInterval(sampler);
await sampleRss();
report('total', total);
console.log(`server RSS at the end ${mib(rss.now)}, max ${mib(rss.max)}`);
{
  // How the footprint held through the load, not only its ends: a 400 MB budget is 381 MiB in bytes (10^6).
  const { p50, p95 } = percentiles(rss.samples);
  const over = (limit: number) => rss.samples.filter((sample) => sample >= limit).length;
  console.log(
    `server RSS over ${rss.samples.length} samples (1 s apart): p50 ${mib(p50)}, p95 ${mib(p95)}, max ${mib(rss.max)}; ` +
      `${over(400e6 / 2 ** 20)} samples at or over 400 MB (381 MiB), ${over(400)} at or over 400 MiB`,
  );
}
for (const [key, example] of firstOfError) console.log(`first ${key}: ${example}`);
if (heapSummary) console.log(summariseHeapSnapshot(await snapshotOf(server.pid as number)));

await server.stop();
// The load recorded demand signals as visitors' searches do; the benchmark graph keeps none of them.
await new GraphWriter(executor).run(
  'bench.cleanDemand',
  'MATCH (d:DemandSignal) WHERE d.day = date() AND NOT d.id IN $keep DETACH DELETE d',
  { keep: existingSignals?.ids ?? [] },
);
await graph.stop();
