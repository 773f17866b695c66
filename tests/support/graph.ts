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
