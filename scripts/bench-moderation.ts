import { lastChangeSeq } from '../graph/changes';
import { GraphWriter } from '../graph/write';
import type { Viewer } from '../src/auth/viewer';
import { candidateReadModel, followGraphChanges, searchReadModel } from '../src/indexing/sync';
import { servicesOver } from '../src/services';
import { benchGraph, fmt, intArg, percentiles } from './bench/graph';
import { BENCH_PRODUCTION_ENV } from './bench/production-env';

/**
 * `npm run bench:moderation -- --companies 10000 --runs 40`: what a vendor's change costs on a
 * graph of that size, through the GraphQL API exactly as the portal and scripts reach it.
 * Per run: a vendor saves a new product as a draft, submits it, a reviewer approves it; then an
 * edit of the same product goes the same way. Prints p50/p95/p99 per mutation, and the time from
 * the approval's answer until the product is found by search and offered by matching, with the
 * change follower polling as in production (CHANGE_POLL_MS, 1 s by default).
 * Everything the run creates (users, products, submissions, audit events) is removed at the end.
 */
const companies = intArg('companies', 300);
const runs = intArg('runs', 40);
const graph = await benchGraph(companies);
const { executor } = graph;
const writer = new GraphWriter(executor);
const services = await servicesOver(executor, { env: BENCH_PRODUCTION_ENV });
const pollMs = services.config.CHANGE_POLL_MS;
const follower = followGraphChanges(
  executor,
  [searchReadModel(executor, services.search), candidateReadModel(services.matcher.candidates)],
  { after: await lastChangeSeq(executor), intervalMs: pollMs, reconcileMs: 3_600_000 },
);

/** Runs first and not counted: the JIT and Neo4j's page cache warm up on them. */
const WARM_UP = 2;
const RUN = `bench-${Date.now().toString(36)}`;
const [codes] = await executor.read<{ need: string; category: string; csf: string }>(
  'bench.codes',
  `RETURN head(COLLECT { MATCH (n:Need) RETURN n.slug ORDER BY n.slug }) AS need,
          head(COLLECT { MATCH (x:Category {scheme: 'service'}) RETURN x.code ORDER BY x.code }) AS category,
          head(COLLECT { MATCH (x:CsfCategory) RETURN x.code ORDER BY x.code }) AS csf`,
);
if (!codes) throw new Error('the bench graph has no taxonomy');
// Companies spread over the graph, so no run profits from another's cached pages.
const targets = await executor.read<{ slug: string; cvr: string }>(
  'bench.targets',
  `MATCH (c:Company) WITH c ORDER BY c.slug
   WITH collect(c) AS listed
   UNWIND range(0, toInteger($runs) - 1) AS i
   WITH listed[toInteger(i * size(listed) / $runs)] AS c
   RETURN c.slug AS slug, c.cvr AS cvr`,
  { runs: runs + WARM_UP },
);
await writer.run(
  'bench.people',
  `CREATE (:User {id: randomUUID(), issuer: 'bench', subject: $run + '-reviewer', kind: 'staff', roles: ['reviewer']})
   WITH 1 AS one
   UNWIND $targets AS target
   CREATE (:User {id: randomUUID(), issuer: 'bench', subject: $run + '-' + target.slug, kind: 'vendor', cvr: target.cvr})`,
  { run: RUN, targets },
);
const reviewer: Viewer = {
  kind: 'staff',
  subject: `${RUN}-reviewer`,
  name: 'Bench reviewer',
  email: null,
  roles: ['reviewer'],
  sessionId: 'bench',
};
const vendorOf = (target: { slug: string; cvr: string }): Viewer => ({
  kind: 'vendor',
  subject: `${RUN}-${target.slug}`,
  name: 'Bench vendor',
  email: null,
  cvr: target.cvr,
  companies: [target.slug],
  sessionId: 'bench',
});

const RESULT = `__typename ... on Submission { id status targetSlug publishedVersion } ... on Error { code message }`;
async function call(document: string, variables: Record<string, unknown>, viewer: Viewer) {
  const started = performance.now();
  const response = await services.graphql(
    new Request('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document, variables }),
    }),
    { viewer, visitor: { address: '127.0.0.1', userAgent: 'bench', channel: 'api' } },
  );
  const body = (await response.json()) as {
    data?: { result?: { __typename: string; id: string; targetSlug: string; publishedVersion: number | null } };
    errors?: unknown;
  };
  const ms = performance.now() - started;
  const result = body.data?.result;
  if (!result || body.errors || !['Submission'].includes(result.__typename))
    throw new Error(`mutation failed: ${JSON.stringify(body)}`);
  return { ms, result };
}

const SAVE = `mutation ($input: ProductDraftInput!) { result: saveProductDraft(input: $input) { ${RESULT} } }`;
const SUBMIT = `mutation ($id: ID!) { result: submitDraft(id: $id) { ${RESULT} } }`;
const APPROVE = `mutation ($id: ID!) { result: approveSubmission(id: $id) { ${RESULT} } }`;

const record = (name: string, price: number) => ({
  name,
  kind: 'service',
  description: {
    da: 'En kvartalsvis gennemgang af jeres sikkerhed med en skriftlig plan.',
    en: 'A quarterly review of your security with a written plan.',
  },
  pricingModel: 'fixed',
  priceFromDkk: price,
  delivery: ['remote'],
  languages: ['da'],
  smeFit: true,
  needSlugs: [codes.need],
  categoryCodes: [codes.category],
  csfCategoryCodes: [codes.csf],
  regulationCodes: [],
});

/** Polls every 5 ms until `found()` holds; returns the milliseconds it took, or NaN after 30 s. */
async function until(found: () => Promise<boolean> | boolean, since: number): Promise<number> {
  while (performance.now() - since < 30_000) {
    if (await found()) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return Number.NaN;
}

const timings: Record<'save' | 'submit' | 'approve' | 'editSave' | 'editSubmit' | 'editApprove', number[]> = {
  save: [],
  submit: [],
  approve: [],
  editSave: [],
  editSubmit: [],
  editApprove: [],
};
const searchable: number[] = [];
const matchable: number[] = [];

for (const [index, target] of targets.entries()) {
  if (index === WARM_UP) for (const samples of [...Object.values(timings), searchable, matchable]) samples.length = 0;
  const vendor = vendorOf(target);
  const name = `Benchprodukt ${RUN} ${index}`;
  const saved = await call(
    SAVE,
    { input: { companySlug: target.slug, op: 'create', record: record(name, 4_900) } },
    vendor,
  );
  timings.save.push(saved.ms);
  const submitted = await call(SUBMIT, { id: saved.result.id }, vendor);
  timings.submit.push(submitted.ms);
  const approved = await call(APPROVE, { id: saved.result.id }, reviewer);
  timings.approve.push(approved.ms);
  const at = performance.now();
  const productSlug = approved.result.targetSlug;
  const [inSearch, inMatch] = await Promise.all([
    until(async () => {
      const { hits } = await services.search.search({ query: name, limit: 5, facets: [] });
      return hits.some((hit) => hit.document.slug === productSlug);
    }, at),
    until(
      () =>
        services.matcher.candidates
          .candidatesFor([codes.need])
          .some(
            (candidate) => candidate.slug === target.slug && candidate.products.some((p) => p.slug === productSlug),
          ),
      at,
    ),
  ]);
  searchable.push(inSearch);
  matchable.push(inMatch);

  const edited = await call(
    SAVE,
    {
      input: {
        companySlug: target.slug,
        op: 'update',
        productSlug,
        baseVersion: approved.result.publishedVersion,
        record: record(name, 5_900),
      },
    },
    vendor,
  );
  timings.editSave.push(edited.ms);
  timings.editSubmit.push((await call(SUBMIT, { id: edited.result.id }, vendor)).ms);
  timings.editApprove.push((await call(APPROVE, { id: edited.result.id }, reviewer)).ms);
}

follower.stop();
const row = (label: string, samples: number[]) => {
  const { p50, p95, p99 } = percentiles(samples);
  console.log(
    `${label.padEnd(34)} p50 ${fmt(p50).padStart(9)}  p95 ${fmt(p95).padStart(9)}  p99 ${fmt(p99).padStart(9)}`,
  );
};
console.log(`moderation on ${companies} companies, ${runs} products through GraphQL (production settings):`);
row('save draft (new product)', timings.save);
row('submit', timings.submit);
row('approve (publishes)', timings.approve);
row('save draft (edit of that product)', timings.editSave);
row('submit (edit)', timings.editSubmit);
row('approve (edit)', timings.editApprove);
row(`approval → found by search`, searchable);
row(`approval → offered by matching`, matchable);
console.log(`(the change follower polls every ${pollMs} ms, so about half of that is the expected wait)`);

await writer.change('bench.cleanup', async (tx) => {
  const removed = await tx.run<{ company: string; product: string }>(
    `MATCH (c:Company)-[:OFFERS]->(p:Product) WHERE p.name STARTS WITH $prefix
     WITH c.slug AS company, p.slug AS product, p
     DETACH DELETE p
     RETURN company, product`,
    { prefix: `Benchprodukt ${RUN}` },
  );
  for (const { company, product } of removed) tx.changed({ kind: 'Product', key: product, op: 'deleted', company });
  await tx.run(
    `MATCH (u:User {issuer: 'bench'}) WHERE u.subject STARTS WITH $run
     WITH collect(u.id) AS ids, collect(u) AS users
     CALL (ids) { MATCH (e:AuditEvent) WHERE e.actorId IN ids DELETE e }
     CALL (users) { UNWIND users AS u OPTIONAL MATCH (u)-[:AUTHORED]->(s:Submission) DETACH DELETE s }
     FOREACH (u IN users | DETACH DELETE u)`,
    { run: RUN },
  );
});
await services.demand.close();
await graph.stop();
