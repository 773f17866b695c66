import { CandidateIndex } from '../graph/match/candidates';
import type { MatchProfile, RankedProvider } from '../graph/match/types';
import { BUDGET_BANDS, SME_SIZE_BANDS } from '../graph/vocabulary';
import { GraphWriter } from '../graph/write';
import { PAGE_SIZE } from '../src/features/match/params';
import { servicesOver } from '../src/services';
import { matchProviders } from '../src/use-cases/match-providers';
import { benchGraph, fmt, intArg, percentiles, prng } from './bench/graph';
import { BENCH_PRODUCTION_ENV } from './bench/production-env';

/**
 * `npm run bench:match -- --companies 10000 --runs 200 [--clients 8]`: p50/p95 of matchProviders for varied
 * profiles on the local Neo4j, and the Cypher round trips per match (demand signal included). Each match
 * counts until its explanations are written for what the match page shows (its first page of providers and
 * the fewest that cover every need): they are written when first read, so an unread one would cost nothing.
 */
const companies = intArg('companies', 300);
const runs = intArg('runs', 200);
const clients = intArg('clients', 1);
const graph = await benchGraph(companies);
const { executor } = graph;
const indexStarted = performance.now();
const candidates = new CandidateIndex(executor);
await candidates.loadAll();
const indexMs = performance.now() - indexStarted;
const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
// Counted like a person's match, so the demand write is part of what is measured.
const BENCH_VISITOR = { address: '127.0.0.1', userAgent: 'Mozilla/5.0 (bench)', channel: 'site' } as const;
const services = await servicesOver(executor, { env: BENCH_PRODUCTION_ENV });
// The signals this run writes are today's and new; those already there (another benchmark's, or an earlier run's
// today) are kept, so this benchmark never deletes demand it did not make.
const [existing] = await executor.read<{ ids: string[] }>(
  'bench.todaysSignals',
  'MATCH (d:DemandSignal) WHERE d.day = date() RETURN collect(d.id) AS ids',
);

const needs = (await executor.read<{ slug: string }>('bench.needs', 'MATCH (n:Need) RETURN n.slug AS slug')).map(
  (row) => row.slug,
);
const municipalities = (
  await executor.read<{ code: string }>('bench.municipalities', 'MATCH (m:Municipality) RETURN m.code AS code')
).map((row) => row.code);
const sectors = (await executor.read<{ code: string }>('bench.sectors', 'MATCH (s:Sector) RETURN s.code AS code')).map(
  (row) => row.code,
);
const random = prng(7);
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;

function profile(): MatchProfile {
  const count = 1 + Math.floor(random() * 5);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(pick(needs));
  return {
    needs: [...chosen],
    municipality: random() < 0.8 ? pick(municipalities) : null,
    sector: random() < 0.6 ? pick(sectors) : null,
    sizeBand: pick(SME_SIZE_BANDS),
    budget: pick(BUDGET_BANDS),
    drivers: random() < 0.5 ? ['NIS2'] : [],
  };
}

for (let i = 0; i < 10; i++) await matchProviders(services, profile(), BENCH_VISITOR, { recordDemand: false });
/** Reads every reason and product a provider's card shows; the number of reasons, so the work is not dropped. */
function explain(shown: readonly RankedProvider[]): number {
  let reasons = 0;
  for (const provider of shown) {
    for (const component of provider.breakdown) reasons += component.reasons.length;
    reasons += provider.coveredNeeds.length + provider.products.length;
  }
  return reasons;
}
let explained = 0;
const samples: number[] = [];
let providers = 0;
const before = executor.counter.roundTrips;
// Profiles are drawn before timing, so every client count asks the same questions.
const profiles = Array.from({ length: runs }, profile);
let next = 0;
async function client() {
  for (let i = next++; i < runs; i = next++) {
    const started = performance.now();
    const result = await matchProviders(services, profiles[i] as MatchProfile, BENCH_VISITOR);
    explained += explain(result.providers.slice(0, PAGE_SIZE)) + explain(result.fewest.providers);
    samples.push(performance.now() - started);
    providers += result.providers.length;
  }
}
const wallStarted = performance.now();
await Promise.all(Array.from({ length: clients }, client));
const wallMs = performance.now() - wallStarted;
await services.demand.close();
const trips = (executor.counter.roundTrips - before) / runs;
const { p50, p95, p99 } = percentiles(samples);
console.log(
  `match on ${companies} companies, ${clients} client(s): p50 ${fmt(p50)}  p95 ${fmt(p95)}  p99 ${fmt(p99)}  ` +
    `(${runs} profiles, ${((runs / wallMs) * 1000).toFixed(0)} matches/s)`,
);
console.log(
  `Cypher round trips per match: ${trips.toFixed(2)} (the reference is read once; demand signals are written in batches)`,
);
console.log(
  `candidate index: ${candidates.size} companies loaded in ${fmt(indexMs)}, heap after load ${heapMiB.toFixed(0)} MiB`,
);
console.log(
  `average ranked providers per match: ${(providers / runs).toFixed(0)}; reasons and products written per match: ` +
    (explained / runs).toFixed(0),
);
await new GraphWriter(executor).run(
  'bench.cleanDemand',
  'MATCH (d:DemandSignal) WHERE d.day = date() AND NOT d.id IN $keep DETACH DELETE d',
  { keep: existing?.ids ?? [] },
);
await graph.stop();
