import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Imports go one way: src → graph, search; graph and search import neither src nor each other;
 * scripts import no tests. A lint rule cannot see where a relative path lands, so this reads
 * every source file, resolves each relative import and checks the folder it reaches.
 */

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);
const TOP = ['src', 'graph', 'search', 'scripts', 'tests'] as const;
type Top = (typeof TOP)[number];

const FORBIDDEN: Record<Top, readonly Top[]> = {
  src: ['scripts', 'tests'],
  graph: ['src', 'search', 'scripts', 'tests'],
  search: ['src', 'graph', 'scripts', 'tests'],
  scripts: ['tests'],
  tests: [],
};

const SOURCE = /\.(ts|tsx|mts|mjs|js|astro)$/;
const SPECIFIERS = [
  /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const pattern of SPECIFIERS) for (const match of text.matchAll(pattern)) found.push(match[1] as string);
  return found;
}

function topOf(file: string): Top | null {
  const first = path.relative(ROOT, file).split(path.sep)[0];
  return (TOP as readonly string[]).includes(first ?? '') ? (first as Top) : null;
}

/** The imports in `file` whose target folder its own folder may not import. */
function wrongImports(file: string, text: string): string[] {
  const from = topOf(file);
  if (!from) return [];
  // A test beside its module may use the suite's fixtures; it still keeps the direction between the rest.
  const isTest = /\.test\.tsx?$/.test(file);
  return importsOf(text).filter((specifier) => {
    if (!specifier.startsWith('.')) return false;
    const to = topOf(path.resolve(path.dirname(file), specifier));
    return to !== null && FORBIDDEN[from].includes(to) && !(isTest && to === 'tests');
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

describe('import direction', () => {
  it('recognises every import form and flags one going the wrong way', () => {
    const text = [
      "import { a } from '../src/services';",
      "import type { B } from '../search/types';",
      "export { c } from './local';",
      "import '../tests/support/side-effect';",
      "const d = await import('../src/late');",
      "import neo4j from 'neo4j-driver';",
    ].join('\n');
    expect(importsOf(text)).toHaveLength(6);
    expect(wrongImports(path.join(ROOT, 'graph', 'x.ts'), text)).toEqual([
      '../src/services',
      '../search/types',
      '../tests/support/side-effect',
      '../src/late',
    ]);
    expect(wrongImports(path.join(ROOT, 'src', 'x.ts'), text)).toEqual(['../tests/support/side-effect']);
    expect(wrongImports(path.join(ROOT, 'graph', 'x.test.ts'), text)).toEqual([
      '../src/services',
      '../search/types',
      '../src/late',
    ]);
  });

  it('holds for every source file in the project', () => {
    const files = TOP.filter((top) => top !== 'tests').flatMap((top) => sourceFiles(path.join(ROOT, top)));
    expect(files.length).toBeGreaterThan(100);
    const wrong = files.flatMap((file) =>
      wrongImports(file, readFileSync(file, 'utf8')).map((to) => `${path.relative(ROOT, file)} → ${to}`),
    );
    expect(wrong).toEqual([]);
  });
});
