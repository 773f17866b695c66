import type { Executor } from '../executor';

/** Shared by the loaders: batching, the relationship-replacing Cypher, and checks of references before writing. */

export interface LoadOptions {
  batchSize?: number;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export const DEFAULT_BATCH_SIZE = 1_000;

/** What a relationship-replacing query receives per source node: its key and the keys of all its targets. */
export interface TargetRow {
  key: string;
  targets: string[];
}

/**
 * The Cypher that makes (a)-[:TYPE]->(b) hold for exactly the listed targets of each row's
 * node: links no longer listed are deleted, the rest MERGEd. Labels, keys and types are
 * constants of the loader modules, never input.
 */
export function replaceTargets(from: string, fromKey: string, type: string, to: string, toKey: string): string {
  return `
UNWIND $rows AS row
MATCH (a:${from} {${fromKey}: row.key})
CALL (a, row) {
  MATCH (a)-[old:${type}]->(b:${to})
  WHERE NOT b.${toKey} IN row.targets
  DELETE old
}
CALL (a, row) {
  UNWIND row.targets AS target
  MATCH (b:${to} {${toKey}: target})
  MERGE (a)-[:${type}]->(b)
}`;
}

export function targetsOf<T>(rows: readonly T[], key: (row: T) => string, targets: (row: T) => string[]) {
  return { rows: rows.map((row): TargetRow => ({ key: key(row), targets: targets(row) })) };
}

export async function inBatches<T>(
  rows: readonly T[],
  size: number,
  phase: string,
  onProgress: LoadOptions['onProgress'],
  write: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batchSize must be a positive integer, got ${size}`);
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    await write(batch);
    onProgress?.(start + batch.length, rows.length, phase);
  }
}

/**
 * Collects references that do not resolve, so a load fails with one readable message before
 * it writes anything: a MATCH on a missing code would otherwise silently drop the link.
 */
export class ReferenceCheck {
  private readonly problems: string[] = [];

  require(known: ReadonlySet<string>, owner: string, codes: readonly string[]): void {
    for (const code of codes) if (!known.has(code)) this.problems.push(`${owner} → ${code}`);
  }

  unique(values: readonly string[], what: string): void {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) this.problems.push(`${what} ${value} twice`);
      seen.add(value);
    }
  }

  throwIfAny(context: string): void {
    if (this.problems.length === 0) return;
    const shown = this.problems.slice(0, 10).join('; ');
    const more = this.problems.length > 10 ? `; and ${this.problems.length - 10} more` : '';
    throw new Error(`${context}: ${shown}${more}`);
  }
}

const KNOWN_KEYS = `
RETURN
  COLLECT { MATCH (x:Municipality) RETURN x.code } AS municipalities,
  COLLECT { MATCH (x:Region) RETURN x.code } AS regions,
  COLLECT { MATCH (x:Sector) RETURN x.code } AS sectors,
  COLLECT { MATCH (x:Skill) RETURN x.code } AS skills,
  COLLECT { MATCH (x:Certification) RETURN x.code } AS certifications,
  COLLECT { MATCH (x:Category) RETURN x.code } AS categories,
  COLLECT { MATCH (x:CsfCategory) RETURN x.code } AS csfCategories,
  COLLECT { MATCH (x:Regulation) RETURN x.code } AS regulations,
  COLLECT { MATCH (x:Nis2Measure) RETURN x.code } AS nis2Measures,
  COLLECT { MATCH (x:DMaerketCriterion) RETURN x.code } AS dMaerketCriteria,
  COLLECT { MATCH (x:Need) RETURN x.slug } AS needs`;

const KEY_KINDS = [
  'municipalities',
  'regions',
  'sectors',
  'skills',
  'certifications',
  'categories',
  'csfCategories',
  'regulations',
  'nis2Measures',
  'dMaerketCriteria',
  'needs',
] as const;

export type KnownKeys = Record<(typeof KEY_KINDS)[number], ReadonlySet<string>>;

/** Every taxonomy code and need slug in the graph: a few hundred strings, read once per load. */
export async function knownKeys(executor: Executor): Promise<KnownKeys> {
  const [row] = await executor.read<Record<(typeof KEY_KINDS)[number], string[]>>('load.knownKeys', KNOWN_KEYS);
  if (!row) throw new Error('load.knownKeys returned no row');
  const keys = {} as Record<(typeof KEY_KINDS)[number], ReadonlySet<string>>;
  for (const kind of KEY_KINDS) keys[kind] = new Set(row[kind]);
  return keys;
}

export const names = (text: { da: string; en: string }) => ({ nameDa: text.da, nameEn: text.en });
export const texts = (text: { da: string; en: string }) => ({ textDa: text.da, textEn: text.en });
