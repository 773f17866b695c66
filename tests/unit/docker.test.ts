import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Docker does not run on the development machines, so the image's two safety facts are checked by
 * reading its files: the build context leaves out secrets and local state, and the app does not
 * run as root.
 */

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** A .dockerignore pattern as a regular expression over a path relative to the context (Go filepath.Match plus **). */
function patternToRegExp(pattern: string): RegExp {
  const trimmed = pattern.replace(/^\/+|\/+$/g, '');
  let source = '';
  for (let index = 0; index < trimmed.length; index += 1) {
    const char = trimmed[index] as string;
    if (char === '*' && trimmed[index + 1] === '*') {
      source += '.*';
      index += trimmed[index + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  // A pattern that names a folder leaves out everything in it.
  return new RegExp(`^${source}(?:/.*)?$`);
}

/** Whether Docker leaves `file` out of the build context: the last matching line wins, `!` takes a file back. */
function ignored(lines: string[], file: string): boolean {
  let result = false;
  for (const line of lines) {
    const negated = line.startsWith('!');
    if (patternToRegExp(negated ? line.slice(1) : line).test(file)) result = !negated;
  }
  return result;
}

describe('the Docker build context (.dockerignore)', () => {
  const lines = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it('leaves out secrets, local state, tools, build output and test artefacts', () => {
    for (const file of [
      '.env',
      '.env.production',
      '.env.local',
      'deploy/.env',
      '.data/neo4j/cyberkort-credentials.json',
      '.tools/node/bin/node',
      'node_modules/astro/package.json',
      'dist/server/entry.mjs',
      '.git/config',
      '.astro/types.d.ts',
      'coverage/index.html',
      'npm-debug.log',
    ]) {
      expect(ignored(lines, file), file).toBe(true);
    }
  });

  it('keeps what the image builds and runs from', () => {
    for (const file of [
      'package.json',
      'package-lock.json',
      'astro.config.mjs',
      'tsconfig.json',
      'src/server.ts',
      'src/pages/index.astro',
      'graph/executor.ts',
      'graph/data/needs.json',
      'search/engine.ts',
      'public/favicon.svg',
    ]) {
      expect(ignored(lines, file), file).toBe(false);
    }
  });
});

describe('the Dockerfile', () => {
  const instructions = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
  const lastFrom = instructions.findLastIndex((instruction) => instruction.keyword === 'FROM');
  const finalStage = instructions.slice(lastFrom);

  it('runs the app as an unprivileged user in the final stage', () => {
    const users = finalStage.filter((instruction) => instruction.keyword === 'USER');
    const user = users.at(-1)?.args.split(':')[0];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
    const userIndex = finalStage.findLastIndex((instruction) => instruction.keyword === 'USER');
    const cmdIndex = finalStage.findLastIndex((instruction) => instruction.keyword === 'CMD');
    expect(cmdIndex).toBeGreaterThan(userIndex);
  });

  it("starts the server with npm start's malloc settings, and V8 for speed beside Meilisearch", () => {
    // V8's memory flags in order, and each malloc variable's value.
    const v8Flags = (text: string) => text.match(/--(?:max-semi-space-size=\d+|(?:no-)?optimize-for-size)/g) ?? [];
    const malloc = (text: string, name: string) => text.match(new RegExp(`${name}[=:\\s'"-]+(\\d+)`))?.[1];
    const script = read('scripts/cyberkort.sh');
    const start = script.indexOf('serve_node() {');
    expect(start).toBeGreaterThan(-1);
    const serveNode = script.slice(start, script.indexOf('\n}\n', start));
    const cmd = finalStage.filter((instruction) => instruction.keyword === 'CMD').at(-1)?.args ?? '';
    const env = finalStage
      .filter((instruction) => instruction.keyword === 'ENV')
      .map((instruction) => instruction.args)
      .join(' ');
    // npm start runs the embedded engine, memory first; the image runs beside Meilisearch (README, "Memory").
    expect(v8Flags(serveNode)).toEqual(['--optimize-for-size']);
    expect(read('docker-compose.yml')).toMatch(/MEILI_URL: http:\/\/meilisearch:7700/);
    expect(v8Flags(cmd)).toEqual([]);
    expect(env).toMatch(/HEAP_GROWTH_PERCENT=25\b/);
    // The benchmarks' server starts as npm start does.
    const bench = read('scripts/bench/server.ts');
    expect(v8Flags(bench.split('\n').find((line) => line.includes('const serverFlags')) ?? '')).toEqual(
      v8Flags(serveNode),
    );
    for (const name of ['MALLOC_ARENA_MAX', 'MALLOC_MMAP_THRESHOLD_']) {
      expect(malloc(env, name)).toBeDefined();
      expect(malloc(env, name)).toBe(malloc(serveNode, name));
      expect(malloc(bench, name)).toBe(malloc(serveNode, name));
    }
  });

  it('gives that user no write access to the app it runs', () => {
    for (const instruction of finalStage) {
      if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') {
        expect(instruction.args).not.toMatch(/--chown|--chmod/);
      }
    }
  });
});
