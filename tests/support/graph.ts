import { inject } from 'vitest';
import { createExecutor, type Executor } from '../../graph/executor';

let shared: Executor | undefined;

/** An executor on the suite's Neo4j (seeded with the sample ecosystem). One driver per test file. */
export function testExecutor(): Executor {
  shared ??= createExecutor({
    uri: inject('neo4jUri'),
    user: inject('neo4jUser') || undefined,
    password: inject('neo4jPassword') || undefined,
    database: 'neo4j',
  });
  return shared;
}

export async function closeTestExecutor(): Promise<void> {
  await shared?.driver.close();
  shared = undefined;
}

/** A prefix unique to one test, for data it creates and must clean up. */
export function uniquePrefix(name: string): string {
  return `t-${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A Cypher condition: the node is none of the test files' own data, which they add for a while and
 * remove (its key, code or slug starts with uniquePrefix's `t-`, some upper-cased). A test that
 * picks a need or code from the shared graph must not take one that may be gone before it is used.
 */
export const notTestData = (variable: string) =>
  `NOT toLower(coalesce(${variable}.key, ${variable}.code, ${variable}.slug, '')) STARTS WITH 't-'`;

/**
 * A write that bypasses the app's write path, as an operator's Cypher in Neo4j Browser would:
 * nothing is stamped or logged. Tests use it for data the suite's running server should not
 * follow (it reconciles only hourly in the suite) and to prove that reconciliation catches it.
 */
export async function operatorWrite(name: string, cypher: string, params: Record<string, unknown> = {}) {
  await testExecutor().transaction('WRITE', name, (tx) => tx.run(cypher, params));
}
