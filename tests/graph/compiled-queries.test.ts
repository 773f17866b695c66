import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilable } from '../../src/api/jit';
import { schema } from '../../src/api/schema/index';
import { type CyberkortYoga, createGraphQLServer } from '../../src/api/yoga';
import { PRODUCTION_GRAPHQL_TIMEOUT, testApi } from '../support/api';
import { closeTestExecutor, testExecutor } from '../support/graph';
import {
  describeRequest,
  type GeneratedOperation,
  generateOperations,
  readRealValues,
  toRequest,
} from '../support/operation-generator';

/**
 * Queries asked for again run compiled (graphql-jit, src/api/jit.ts). A compiled query must
 * answer exactly as graphql-js does: the same data, the same errors with the same codes and
 * paths, the same status. Query operations generated from the schema (real and hostile values,
 * invalid ones, over and at the limits) go to two servers over the same services: one that runs
 * every query compiled from its first run, one that never compiles. Each pair of answers must be
 * equal. Other test files change the shared graph and load the machine meanwhile, so a pair that
 * differs, or times out, is asked again once and must agree then; one that times out again is not
 * compared (more than 200 must be).
 */

const SEED = 20_261_203;
const COUNT = 500;
const CONCURRENCY = 4;

interface Answer {
  status: number;
  body: string;
}

/** What may differ between two correct answers: how long the engine took. */
const comparable = (text: string) => text.replace(/"tookMs":[0-9.e+-]+/g, '"tookMs":0');

async function ask(server: CyberkortYoga, op: GeneratedOperation): Promise<Answer> {
  const response = await server.fetch(toRequest(op.request), {});
  return { status: response.status, body: comparable(await response.text()) };
}

/** Whether the operation's document is one the server compiles (one query, no fragments). */
function compiles(op: GeneratedOperation): boolean {
  try {
    const { query } = JSON.parse(op.request.body ?? '{}') as { query?: string };
    return typeof query === 'string' && compilable(parse(query));
  } catch {
    return false;
  }
}

const retryable = (answer: Answer) => /"code":"(TIMEOUT|CONFLICT|SERVICE_UNAVAILABLE)"/.test(answer.body);

let compiledRuns = 0;
let executed = 0;
const differing: Array<{ op: GeneratedOperation; interpreted: Answer; compiled: Answer }> = [];
let compared = 0;
let unsettled = 0;

beforeAll(async () => {
  const { services } = await testApi(PRODUCTION_GRAPHQL_TIMEOUT);
  const compiled = createGraphQLServer(services, {
    fromRun: 1,
    onCompiledRun: () => {
      compiledRuns += 1;
    },
  });
  const interpreted = createGraphQLServer(services, { fromRun: Number.POSITIVE_INFINITY });
  const real = await readRealValues(testExecutor());
  const ops = generateOperations({ schema, seed: SEED, count: COUNT, real }).filter((op) => op.root === 'query');
  const pair = async (op: GeneratedOperation) => {
    const a = await ask(interpreted, op);
    const b = await ask(compiled, op);
    return [a, b] as const;
  };
  let next = 0;
  const worker = async () => {
    while (next < ops.length) {
      const op = ops[next++] as GeneratedOperation;
      let [a, b] = await pair(op);
      if (a.body !== b.body || a.status !== b.status || retryable(a) || retryable(b)) [a, b] = await pair(op);
      // Still timed out or racing another file's change: the load's answer, not the compiler's.
      if (retryable(a) || retryable(b)) {
        unsettled += 1;
        continue;
      }
      if (a.body.includes('"data"') && compiles(op)) executed += 1;
      compared += 1;
      if (a.body !== b.body || a.status !== b.status) differing.push({ op, interpreted: a, compiled: b });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  console.info(
    `compiled queries: ${compared} operations compared, ${executed} of them executed compiled; ${unsettled} timed out or raced twice`,
  );
}, 600_000);

afterAll(async () => {
  await closeTestExecutor();
});

describe('compiled queries', () => {
  it('answer every generated query exactly as graphql-js does', () => {
    const report = differing
      .slice(0, 5)
      .map(
        ({ op, interpreted, compiled }) =>
          `#${op.id} ${op.category}\n${describeRequest(op.request)}\n  graphql-js ${interpreted.status} ${interpreted.body.slice(0, 1_500)}\n  compiled   ${compiled.status} ${compiled.body.slice(0, 1_500)}`,
      )
      .join('\n');
    expect(compared).toBeGreaterThan(200);
    expect(differing.length, report).toBe(0);
  });

  it('ran compiled every query that was executed and can be', () => {
    // Answers with data were executed; a refused document (invalid, over a limit) never is, and
    // one with fragments or several operations runs through graphql-js (src/api/jit.ts).
    expect(executed).toBeGreaterThan(100);
    expect(compiledRuns).toBeGreaterThanOrEqual(executed);
  });
});
