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
      .filter((file) => OPENS_WRITE.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(opening.sort()).toEqual([...ALLOWED].sort());
  });
});
