import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../graph/executor';
import { MAX_COST } from '../../src/api/cost';
import { schema } from '../../src/api/schema/index';
import { GRAPHQL_LIMITS } from '../../src/api/yoga';
import type { Services } from '../../src/services';
import { PRODUCTION_GRAPHQL_TIMEOUT, testApi } from '../support/api';
import { closeTestExecutor, testExecutor } from '../support/graph';
import {
  describeRequest,
  type GeneratedOperation,
  generateOperations,
  isRestricted,
  LIMITS,
  printable,
  readRealValues,
  seedFrom,
  toRequest,
} from '../support/operation-generator';

/**
 * Operations generated from the schema (tests/support/operation-generator.ts), valid and invalid,
 * with real and hostile values, over and at the limits, garbage documents and wrong HTTP shapes,
 * sent through the real yoga instance (no port, no visitor: no demand is recorded). Every answer
 * must be below 500, leak nothing, carry a code on every error and be what the schema and the
 * limits say; the graph's content must be the same afterwards.
 *
 * Seeded: GEN_SEED=<n> reproduces a run, GEN_COUNT=<n> changes its size, GEN_ONLY=<id,id> sends
 * only those operations of the run and prints them in full.
 */

const DEFAULT_SEED = 20_261_128;
const SEED = seedFrom(process.env.GEN_SEED) ?? DEFAULT_SEED;
const COUNT = Number(process.env.GEN_COUNT ?? 2_400);
const ONLY = process.env.GEN_ONLY?.split(',').map((id) => Number(id.trim()));
const CONCURRENCY = Number(process.env.GEN_CONCURRENCY ?? 8);

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: Record<string, unknown>;
}
interface Body {
  data?: unknown;
  errors?: GraphQLErrorShape[];
}
interface Outcome {
  op: GeneratedOperation;
  status: number;
  contentType: string;
  text: string;
  body?: Body;
  ms: number;
  thrown?: string;
}

// ---------------------------------------------------------------------------------------------
// The graph: real values to ask with, and a fingerprint of its content

/**
 * Bookkeeping that reads may legitimately add to, and what concurrently running test files make
 * (their slugs, keys and ids start with 't-'), are not content.
 */
const BOOKKEEPING = [
  'DemandSignal',
  'DemandDay',
  'DemandMiss',
  'DemandRollup',
  'SupplySnapshot',
  'Change',
  'ChangeSequence',
  'ReindexRequest',
];
const CONTENT = (n: string) =>
  `NOT any(label IN labels(${n}) WHERE label IN $bookkeeping) AND NOT any(key IN ['slug', 'key', 'id', 'cvr'] WHERE toString(${n}[key]) STARTS WITH 't-')`;
const IDENTITY = (n: string) =>
  `labels(${n})[0] + ':' + toString(coalesce(${n}.slug, ${n}.code, ${n}.id, ${n}.cvr, elementId(${n})))`;

type Fingerprint = Record<string, { count: number; digest: string }>;

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stable((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Per label and relationship type: how many, and a digest of every property and endpoint. */
async function fingerprint(executor: Executor): Promise<Fingerprint> {
  const nodes = await executor.read<{ label: string; row: unknown }>(
    'test.generatedOperations.nodes',
    `MATCH (n) WHERE ${CONTENT('n')} RETURN labels(n)[0] AS label, [labels(n), properties(n)] AS row`,
    { bookkeeping: BOOKKEEPING },
  );
  const relationships = await executor.read<{ label: string; row: unknown }>(
    'test.generatedOperations.relationships',
    `MATCH (a)-[r]->(b) WHERE type(r) <> 'FOR_NEED' AND ${CONTENT('a')} AND ${CONTENT('b')}
     RETURN '-[:' + type(r) + ']->' AS label, [${IDENTITY('a')}, ${IDENTITY('b')}, properties(r)] AS row`,
    { bookkeeping: BOOKKEEPING },
  );
  const groups = new Map<string, string[]>();
  for (const { label, row } of [...nodes, ...relationships]) {
    const lines = groups.get(label) ?? [];
    lines.push(stable(row));
    groups.set(label, lines);
  }
  const out: Fingerprint = {};
  for (const [label, lines] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const digest = createHash('sha256');
    for (const line of lines.sort()) digest.update(line).update('\n');
    out[label] = { count: lines.length, digest: digest.digest('hex').slice(0, 16) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sending

async function send(services: Services, op: GeneratedOperation): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await services.graphql(toRequest(op.request));
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    let parsed: Body | undefined;
    try {
      const json: unknown = text === '' ? undefined : JSON.parse(text);
      if (json && typeof json === 'object' && !Array.isArray(json)) parsed = json as Body;
    } catch {}
    return {
      op,
      status: response.status,
      contentType,
      text,
      ...(parsed ? { body: parsed } : {}),
      ms: performance.now() - started,
    };
  } catch (error) {
    return {
      op,
      status: 0,
      contentType: '',
      text: '',
      ms: performance.now() - started,
      thrown: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}

async function sendAll(services: Services, ops: GeneratedOperation[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(ops.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < ops.length) {
        const index = next++;
        outcomes[index] = await send(services, ops[index] as GeneratedOperation);
      }
    }),
  );
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// Judging

const errorsOf = (outcome: Outcome): GraphQLErrorShape[] =>
  Array.isArray(outcome.body?.errors) ? (outcome.body?.errors as GraphQLErrorShape[]) : [];
const codeOf = (error: GraphQLErrorShape) =>
  typeof error.extensions?.code === 'string' ? (error.extensions.code as string) : undefined;
const hasData = (outcome: Outcome) => outcome.body?.data !== undefined && outcome.body.data !== null;

/** What must never reach a client. A pattern the request itself matches is the client's own text echoed back. */
const LEAKS: ReadonlyArray<readonly [string, RegExp]> = [
  ['a stack frame', /\n\s+at \S|\bat [\w$.<>]+ \(|\(\S+:\d+:\d+\)/],
  ['a file path', /\/work\/|\/home\/|\/tmp\/|\/usr\/|node_modules|file:\/\/|\.[cm]?[jt]sx?:\d|[A-Z]:\\\\/],
  ['Cypher: MATCH', /\bMATCH\b/],
  ['Cypher: RETURN', /\bRETURN\b/],
  ['Cypher: WHERE', /\bWHERE\b/],
  ['Cypher: UNWIND', /\bUNWIND\b/],
  ['Cypher: MERGE/CREATE/DELETE/DETACH', /\b(MERGE|CREATE|DELETE|DETACH|OPTIONAL MATCH|CALL|YIELD)\b/],
  ['Cypher: a query name', /\b(Query|query) [a-z]+\.[A-Za-z.]+ (failed|timed out|not started)/],
  ['neo4j', /neo4j/i],
  ['bolt', /\bbolt\b/i],
  ['a Neo4j error code', /Neo\.(ClientError|TransientError|DatabaseError)/],
  [
    'an internal class name',
    /\b(GraphError|Neo4jError|ZodError|PothosValidationError|PothosSchemaError|UnknownNeedsError|TypeError|ReferenceError|RangeError|DataLoader|AggregateError)\b/,
  ],
  [
    'a JavaScript failure',
    /Cannot read propert|is not a function|\b[A-Za-z_$][\w$]* is not defined|is not iterable|\[object Object\]|Maximum call stack/,
  ],
];

const requestText = (outcome: Outcome) => {
  const { url, body } = outcome.op.request;
  let decoded = url;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {}
  return `${decoded}\n${body ?? ''}`;
};

function leaksIn(outcome: Outcome): string[] {
  const sent = requestText(outcome);
  const found: string[] = [];
  for (const error of errorsOf(outcome)) {
    const text = `${String(error.message)}\n${JSON.stringify(error.extensions ?? {})}`;
    for (const [name, pattern] of LEAKS) {
      if (pattern.test(text) && !pattern.test(sent)) found.push(`${name} in ${JSON.stringify(text.slice(0, 300))}`);
    }
    if (codeOf(error) === 'INTERNAL_SERVER_ERROR' && error.message !== 'Unexpected error.') {
      found.push(`an INTERNAL_SERVER_ERROR not masked as 'Unexpected error.': ${JSON.stringify(error.message)}`);
    }
  }
  return found;
}

/**
 * Errors a correct server may give any operation that takes real work while the suite runs:
 * a TIMEOUT under load, and a CONFLICT for a listing another test file ('t-' slugs, never this
 * file's real values) retired or removed between two reads of one request. Neither fails the
 * operation; a CONFLICT over the sample's own listings still does, as nothing here changes them.
 */
const tolerated = (error: GraphQLErrorShape) => {
  const code = codeOf(error);
  if (code === 'TIMEOUT') return true;
  return (
    code === 'CONFLICT' &&
    /^\w+ t-\S+ was retired or removed while this request read it; ask again$/.test(String(error.message))
  );
};

function expectationProblem(outcome: Outcome): string | undefined {
  const { expect: expected } = outcome.op;
  const errors = errorsOf(outcome);
  const codes = errors.map((error) => codeOf(error) ?? '(none)');
  if (errors.length > 0 && errors.every(tolerated) && expected.outcome !== 'http') return undefined;
  const within = (allowed: readonly string[] | 'any') =>
    allowed === 'any' ? [] : codes.filter((code) => !allowed.includes(code));
  switch (expected.outcome) {
    case 'data':
      if (errors.length > 0) return `expected data, got errors ${codes.join(', ')}`;
      if (!hasData(outcome)) return `expected data, got status ${outcome.status} and no data`;
      return undefined;
    case 'refused': {
      if (errors.length === 0) return `expected a refusal with ${expected.codes.join(' or ')}, got data`;
      const wrong = within(expected.codes);
      if (wrong.length > 0) return `expected ${expected.codes.join(' or ')}, got ${codes.join(', ')}`;
      if (expected.mustInclude && !codes.some((code) => expected.mustInclude?.includes(code))) {
        return `expected ${expected.mustInclude.join(' or ')}, got ${codes.join(', ')}`;
      }
      return undefined;
    }
    case 'either': {
      const wrong = within(expected.codes);
      if (errors.length > 0 && wrong.length > 0) {
        return `expected data or ${expected.codes === 'any' ? 'any code' : expected.codes.join(' or ')}, got ${codes.join(', ')}`;
      }
      if (errors.length === 0 && !hasData(outcome))
        return `expected data or a refusal, got status ${outcome.status} and neither`;
      return undefined;
    }
    case 'http': {
      const [min, max] = expected.status;
      const problems: string[] = [];
      if (outcome.status < min || outcome.status > max)
        problems.push(`expected status ${min}-${max}, got ${outcome.status}`);
      if (errors.length === 0 && !(expected.dataAllowed && hasData(outcome)))
        problems.push('expected errors, got none');
      const wrong = within(expected.codes);
      if (wrong.length > 0) problems.push(`expected ${String(expected.codes)}, got ${codes.join(', ')}`);
      return problems.length > 0 ? problems.join('; ') : undefined;
    }
  }
}

/**
 * GraphQL over HTTP: a response in application/graphql-response+json without `data` is a request
 * error and must have a 4xx status; so must a request that is not a well-formed GraphQL request.
 */
function statusProblem(outcome: Outcome): string | undefined {
  const errors = errorsOf(outcome);
  if (errors.length > 0 && errors.every(tolerated)) return undefined;
  if (
    outcome.contentType.startsWith('application/graphql-response+json') &&
    outcome.body &&
    !('data' in outcome.body)
  ) {
    if (outcome.status < 400 || outcome.status > 499) {
      return `no data in application/graphql-response+json, but status ${outcome.status}`;
    }
  }
  return undefined;
}

function label(outcome: Outcome): string {
  if (outcome.thrown) return 'threw';
  if (outcome.status >= 500) return `${outcome.status}`;
  const errors = errorsOf(outcome);
  if (errors.length === 0) return hasData(outcome) ? 'data' : `${outcome.status} without errors or data`;
  return [...new Set(errors.map((error) => codeOf(error) ?? '(no code)'))].sort().join('+');
}

function report(what: string, problems: Array<{ outcome: Outcome; problem: string }>, show = 12): string {
  const byCategory = new Map<string, number>();
  for (const { outcome } of problems)
    byCategory.set(outcome.op.category, (byCategory.get(outcome.op.category) ?? 0) + 1);
  const lines = [
    `${problems.length} operations ${what} (seed ${SEED}; by category: ${[...byCategory].map(([category, n]) => `${category} ${n}`).join(', ')}).`,
    `Reproduce one: GEN_SEED=${SEED} GEN_COUNT=${COUNT} GEN_ONLY=<id> npx vitest run --project graph tests/graph/generated-operations.test.ts`,
  ];
  // One example per category first, so that every kind of failure shows.
  const seen = new Set<string>();
  const examples = [
    ...problems.filter(({ outcome }) => !seen.has(outcome.op.category) && seen.add(outcome.op.category)),
    ...problems,
  ];
  for (const { outcome, problem } of [...new Set(examples)].slice(0, show)) {
    lines.push(
      `#${outcome.op.id} ${outcome.op.category}: ${problem}`,
      `    ${describeRequest(outcome.op.request, 600)}`,
      `    → ${outcome.thrown ?? `${outcome.status} ${printable(outcome.text.slice(0, 400))}`}`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

let outcomes: Outcome[] = [];
let mutationOutcomes: Outcome[] = [];
let before: Fingerprint;
let after: Fingerprint;
let afterMutations: Fingerprint;

beforeAll(async () => {
  const { services } = await testApi(PRODUCTION_GRAPHQL_TIMEOUT);
  const executor = testExecutor();
  const real = await readRealValues(executor);
  const generated = generateOperations({ schema, seed: SEED, count: COUNT, real });
  const selected = ONLY ? generated.filter((op) => ONLY.includes(op.id)) : generated;
  console.info(
    `generated operations: seed ${SEED}${process.env.GEN_SEED ? ' (GEN_SEED)' : ' (default; GEN_SEED overrides)'}, ${selected.length} operations`,
  );
  before = await fingerprint(executor);
  // A freshly started Neo4j plans every query shape once: warm it up outside the timed run.
  const warmUp = generateOperations({ schema, seed: SEED ^ 0x5eed, count: 60, real }).filter(
    (op) => op.category === 'real',
  );
  for (const op of warmUp) await send(services, op);
  const started = performance.now();
  // Queries first, and the graph compared around them; then mutations, which may change it when they are allowed.
  outcomes = await sendAll(
    services,
    selected.filter((op) => op.root !== 'mutation'),
  );
  const queriesDone = performance.now();
  after = await fingerprint(executor);
  mutationOutcomes = await sendAll(
    services,
    selected.filter((op) => op.root === 'mutation'),
  );
  afterMutations = mutationOutcomes.length > 0 ? await fingerprint(executor) : after;
  const seconds = (performance.now() - started) / 1000;

  const count = (items: string[]) => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .map(([name, n]) => `${name} ${n}`)
      .join(' · ');
  };
  const all = [...outcomes, ...mutationOutcomes];
  const slowest = [...all].sort((a, b) => b.ms - a.ms);
  const timeByKind = new Map<string, number>();
  for (const outcome of all) {
    const kind = outcome.op.category.replace(/:.*/, '');
    timeByKind.set(kind, (timeByKind.get(kind) ?? 0) + outcome.ms);
  }
  console.info(
    [
      `generated operations: ${all.length} in ${seconds.toFixed(1)} s (queries ${((queriesDone - started) / 1000).toFixed(1)} s), ${CONCURRENCY} at a time; ${mutationOutcomes.length} mutations`,
      `  outcomes: ${count(all.map(label))}`,
      `  statuses: ${count(all.map((outcome) => String(outcome.status)))}`,
      `  kinds: ${count(all.map((outcome) => outcome.op.category.replace(/:.*/, '')))}`,
      `  time by kind (s): ${[...timeByKind]
        .sort((a, b) => b[1] - a[1])
        .map(([kind, ms]) => `${kind} ${(ms / 1000).toFixed(1)}`)
        .join(' · ')}`,
      `  slowest: ${slowest
        .slice(0, 8)
        .map(
          (outcome) =>
            `#${outcome.op.id} ${outcome.op.category} ${outcome.ms.toFixed(0)} ms (cost ${outcome.op.analysis?.cost ?? '-'})`,
        )
        .join(', ')}`,
    ].join('\n'),
  );
  if (ONLY) {
    for (const outcome of all) {
      console.info(
        `#${outcome.op.id} ${outcome.op.category} expect ${JSON.stringify(outcome.op.expect)} analysis ${JSON.stringify(outcome.op.analysis)}\n${describeRequest(outcome.op.request)}\nexactly: ${JSON.stringify(outcome.op.request)}\n→ ${outcome.status} ${printable(outcome.text)}`,
      );
    }
  }
}, 300_000);

afterAll(closeTestExecutor);

const everything = () => [...outcomes, ...mutationOutcomes];
const problemsOf = (list: Outcome[], check: (outcome: Outcome) => string | undefined) =>
  list.flatMap((outcome) => {
    const problem = check(outcome);
    return problem ? [{ outcome, problem }] : [];
  });

describe('operations generated from the schema', () => {
  it('the generator knows the limits the API enforces', () => {
    expect(LIMITS).toEqual({
      maxDepth: GRAPHQL_LIMITS.maxDepth,
      maxAliases: GRAPHQL_LIMITS.maxAliases,
      maxTokens: GRAPHQL_LIMITS.maxTokens,
      maxCost: MAX_COST,
    });
    if (!ONLY) expect(outcomes.length + mutationOutcomes.length).toBeGreaterThanOrEqual(Math.min(COUNT, 2_000));
  });

  it('answers none with a 5xx status', () => {
    const problems = problemsOf(everything(), (outcome) =>
      outcome.thrown ? `threw ${outcome.thrown}` : outcome.status >= 500 ? `status ${outcome.status}` : undefined,
    );
    expect(problems.length, report('got a 5xx', problems)).toBe(0);
  });

  it('leaks nothing: no stack, path, Cypher, Neo4j or class name in an error; internal errors masked', () => {
    const problems = problemsOf(everything(), (outcome) => leaksIn(outcome).join('; ') || undefined);
    expect(problems.length, report('leaked internals', problems)).toBe(0);
  });

  it('has no internal error at all', () => {
    const problems = problemsOf(everything(), (outcome) =>
      errorsOf(outcome).some((error) => codeOf(error) === 'INTERNAL_SERVER_ERROR')
        ? 'INTERNAL_SERVER_ERROR'
        : undefined,
    );
    expect(problems.length, report('got INTERNAL_SERVER_ERROR', problems)).toBe(0);
  });

  it('puts a code on every error, and an error with a code in every refusal', () => {
    const problems = problemsOf(everything(), (outcome) => {
      if (outcome.status >= 400 && errorsOf(outcome).length === 0) {
        return `status ${outcome.status} without errors (body ${JSON.stringify(outcome.text.slice(0, 100))})`;
      }
      const missing = errorsOf(outcome).filter((error) => !codeOf(error));
      return missing.length > 0 ? `errors without a code: ${JSON.stringify(missing).slice(0, 300)}` : undefined;
    });
    expect(problems.length, report('had an error without a code', problems)).toBe(0);
  });

  it('refuses operations over the depth, alias, token and cost limits with their codes, and runs those at the limits', () => {
    const problems = problemsOf(
      outcomes.filter((outcome) => outcome.op.category.startsWith('limit:')),
      expectationProblem,
    );
    expect(problems.length, report('were not refused or answered as the limits say', problems)).toBe(0);
  });

  it('answers real values with data, hostile values with data or BAD_USER_INPUT, and wrong ones with their codes', () => {
    const problems = problemsOf(
      everything().filter((outcome) => !outcome.op.category.startsWith('limit:') && outcome.op.root !== 'http'),
      expectationProblem,
    );
    expect(problems.length, report('were not answered as the schema says', problems)).toBe(0);
  });

  it('refuses requests of the wrong HTTP shape with a 4xx and a code', () => {
    const problems = problemsOf(
      everything().filter((outcome) => outcome.op.root === 'http'),
      expectationProblem,
    );
    expect(problems.length, report('of a wrong HTTP shape were not refused with a 4xx and a code', problems)).toBe(0);
  });

  it('answers request errors in application/graphql-response+json with a 4xx status', () => {
    const problems = problemsOf(everything(), statusProblem);
    expect(problems.length, report('were request errors without a 4xx status', problems)).toBe(0);
  });

  it('leaves the content of the graph unchanged', () => {
    expect(after).toEqual(before);
  });

  it('changes nothing through mutations sent without a login, when every mutation needs one', () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    if (!mutations.every((field) => isRestricted(field))) return;
    expect(afterMutations).toEqual(before);
  });
});
