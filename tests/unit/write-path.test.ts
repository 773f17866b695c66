import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every write to the graph goes through graph/write.ts, which logs what it changes for search
 * and matching; a write that opened its own transaction would change listings nobody follows.
 */

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const OPENS_WRITE = /transaction\(\s*'WRITE'|executeWrite\(|executeQuery\(|\.session\(/;
const ALLOWED = new Set(['graph/write.ts', 'graph/executor.ts']);
/**
 * bench:graphql's Cypher floor is the driver's own `executeQuery`, as the figures it is compared
 * with were: allowed there only routed to readers (Neo4j refuses a write in a read transaction),
 * and with no other way of opening a transaction in the file.
 */
const READ_ONLY_FLOOR = 'scripts/bench-graphql.ts';
const readOnlyFloor = (text: string) => {
  const queries = text.match(/executeQuery\(/g)?.length ?? 0;
  const routedToReaders = text.match(/routing: neo4j\.routing\.READ\b/g)?.length ?? 0;
  const others = /transaction\(\s*'WRITE'|executeWrite\(|\.session\(/.test(text);
  return queries > 0 && routedToReaders === queries && !others;
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx|astro)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('the write path', () => {
  it('is the only code that opens a write transaction', () => {
    const files = ['src', 'graph', 'search', 'scripts'].flatMap((top) => sources(path.join(ROOT, top)));
    expect(files.length).toBeGreaterThan(100);
    const opening = files
      .map((file) => path.relative(ROOT, file))
      .filter((file) => {
        const text = readFileSync(path.join(ROOT, file), 'utf8');
        return OPENS_WRITE.test(text) && !(file === READ_ONLY_FLOOR && readOnlyFloor(text));
      });
    expect(opening.sort()).toEqual([...ALLOWED].sort());
    expect(readOnlyFloor(readFileSync(path.join(ROOT, READ_ONLY_FLOOR), 'utf8'))).toBe(true);
  });
});
