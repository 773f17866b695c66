import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, gzipSync } from 'node:zlib';
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import type { Executor } from './executor';
import { migrate } from './migrations';
import { GraphWriter } from './write';

/**
 * Backup and restore of the whole graph: every node of every label, every relationship and
 * every property, bookkeeping included.
 *
 * The file is gzip-compressed JSON Lines. Line 1 is the header
 *   {"format":"cyberkort-backup","version":1,"createdAt",…,"neo4jVersion",…,"counts":{…}}
 * then one line per node and, after all nodes, one per relationship
 *   {"n":"<export id>","labels":["Company"],"props":{…}}
 *   {"r":"<export id>","type":"OFFERS","from":"<node export id>","to":"<node export id>","props":{…}}
 * and last the trailer {"end":"cyberkort-backup","counts":{…},"contentHash":"sha256:…"}.
 * Export ids are the source's elementIds; they only tie relationships to nodes within the file.
 *
 * Property values keep their Neo4j types: strings, booleans and finite floats are plain JSON;
 * everything else is a one-key object: {"$int":"123"} (64-bit safe), {"$float":"NaN"} (also
 * Infinity, -Infinity, -0), {"$bytes":base64}, {"$date":"2026-12-01"},
 * {"$datetime":"2026-11-28T10:00:00.1+01:00[Europe/Copenhagen]"}, {"$localdatetime":…},
 * {"$time":"10:00:00Z"}, {"$localtime":…}, {"$duration":"P1MT2S"}, {"$point":{"srid","x","y","z"?}}.
 * A property value is never a map in Neo4j, so a JSON object is always a tag.
 *
 * The header is written after the export (as its own gzip member, placed first), so its counts
 * are those of the file. The trailer's content hash lets a reader detect a truncated or altered
 * file before it writes anything.
 */

export const BACKUP_FORMAT = 'cyberkort-backup';
export const BACKUP_VERSION = 1;

export interface BackupCounts {
  nodes: number;
  relationships: number;
  /** Nodes per label; a node with two labels counts under both. */
  labels: Record<string, number>;
  types: Record<string, number>;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  neo4jVersion: string;
  neo4jEdition: string;
  database: string;
  counts: BackupCounts;
}

export interface BackupTrailer {
  end: typeof BACKUP_FORMAT;
  counts: BackupCounts;
  contentHash: string;
}

export interface BackupProgress {
  phase: 'nodes' | 'relationships' | 'verify';
  done: number;
  total: number;
}

export class BackupError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_FILE' | 'NOT_EMPTY' | 'UNSUPPORTED' | 'RESTORE_FAILED',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BackupError';
  }
}

type Encoded = string | number | boolean | Encoded[] | { [tag: string]: unknown };
type Props = Record<string, Encoded>;

// A backup streams the whole graph in one transaction: minutes at scale, so not the 30 s every other query gets.
const EXPORT_TIMEOUT_MS = 60 * 60_000;
const PROGRESS_EVERY = 10_000;
const CHUNK_CHARS = 64 * 1024;

// Restore passes labels and types as parameters (dynamic labels, Neo4j 5.26), never spliced into Cypher; plain names
// still keep a file from carrying anything a hand-written query could not name.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function identifier(kind: string, name: unknown): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new BackupError(
      `${kind} ${JSON.stringify(name)} is not a plain name (letters, digits and _, not first a digit)`,
      'UNSUPPORTED',
    );
  }
  return name;
}

const TEMPORAL = {
  $date: { is: neo4j.isDate, type: neo4j.types.Date },
  $datetime: { is: neo4j.isDateTime, type: neo4j.types.DateTime },
  $localdatetime: { is: neo4j.isLocalDateTime, type: neo4j.types.LocalDateTime },
  $time: { is: neo4j.isTime, type: neo4j.types.Time },
  $localtime: { is: neo4j.isLocalTime, type: neo4j.types.LocalTime },
  $duration: { is: neo4j.isDuration, type: neo4j.types.Duration },
} as const;

/** A driver value as it is written to the file (see the format above). */
export function encodeValue(value: unknown): Encoded {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return { $float: '-0' };
    return Number.isFinite(value) ? value : { $float: String(value) };
  }
  if (neo4j.isInt(value)) return { $int: value.toString() };
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value instanceof Int8Array) {
    return { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  for (const [tag, { is }] of Object.entries(TEMPORAL)) if (is(value)) return { [tag]: String(value) };
  if (neo4j.isPoint(value)) {
    const point = { srid: neo4j.integer.toNumber(value.srid), x: value.x, y: value.y };
    return value.z === undefined ? { $point: point } : { $point: { ...point, z: value.z } };
  }
  throw new BackupError(`cannot back up a value of type ${Object.prototype.toString.call(value)}`, 'UNSUPPORTED');
}

/** The driver value an encoded value stands for; throws on anything `encodeValue` would not have written. */
export function decodeValue(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const entries = value !== null && typeof value === 'object' ? Object.entries(value) : [];
  const [tag, inner] = entries.length === 1 ? (entries[0] as [string, unknown]) : ['', undefined];
  // neo4j.int wraps what does not fit in 64 bits, so only a value that reads back the same is one.
  if (tag === '$int' && typeof inner === 'string' && neo4j.int(inner).toString() === inner) return neo4j.int(inner);
  if (tag === '$float' && typeof inner === 'string' && ['NaN', 'Infinity', '-Infinity', '-0'].includes(inner)) {
    return Number(inner);
  }
  if (tag === '$bytes' && typeof inner === 'string') {
    const bytes = Buffer.from(inner, 'base64');
    if (bytes.toString('base64') === inner) return new Int8Array(bytes);
  }
  if (tag in TEMPORAL && typeof inner === 'string') {
    try {
      return TEMPORAL[tag as keyof typeof TEMPORAL].type.fromString(inner);
    } catch {
      // Reported below with the value.
    }
  }
  if (tag === '$point' && inner !== null && typeof inner === 'object') {
    const { srid, x, y, z } = inner as Record<string, unknown>;
    const coordinates = z === undefined ? [x, y] : [x, y, z];
    if (Number.isInteger(srid) && coordinates.every((c) => typeof c === 'number')) {
      return new neo4j.types.Point(neo4j.int(srid as number), x as number, y as number, z as number | undefined);
    }
  }
  throw new BackupError(`not a backed-up value: ${JSON.stringify(value)?.slice(0, 120)}`, 'BAD_FILE');
}

/** JSON with object keys sorted: the same content always gives the same text, whatever order it was read in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function encodeProps(props: Record<string, unknown>): string {
  const encoded: Props = {};
  for (const [key, value] of Object.entries(props)) encoded[identifier('property key', key)] = encodeValue(value);
  return canonical(encoded);
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64');

/**
 * The content hash, independent of internal ids and of order: each node is hashed as its sorted
 * labels and canonical properties; each relationship as its type, its properties and the hashes
 * of its two end nodes; the sorted node hashes and the sorted relationship hashes are hashed
 * together. Two graphs with the same content have the same hash, whichever ids their stores gave.
 */
class ContentHasher {
  private readonly nodes = new Map<string, string>();
  private readonly relationships: string[] = [];
  private readonly labels = new Map<string, number>();
  private readonly types = new Map<string, number>();

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  node(id: string, sortedLabels: string[], canonicalProps: string): void {
    if (this.nodes.has(id)) throw new BackupError(`node ${id} appears twice`, 'BAD_FILE');
    this.nodes.set(id, digest(`[${JSON.stringify(sortedLabels)},${canonicalProps}]`));
    for (const label of sortedLabels) this.labels.set(label, (this.labels.get(label) ?? 0) + 1);
  }

  relationship(type: string, from: string, to: string, canonicalProps: string): void {
    const start = this.nodes.get(from);
    const end = this.nodes.get(to);
    if (!start || !end) throw new BackupError(`a ${type} relationship refers to a node not in the file`, 'BAD_FILE');
    this.relationships.push(digest(`[${JSON.stringify(type)},${canonicalProps},"${start}","${end}"]`));
    this.types.set(type, (this.types.get(type) ?? 0) + 1);
  }

  counts(): BackupCounts {
    const sorted = (map: Map<string, number>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : 1)));
    return {
      nodes: this.nodes.size,
      relationships: this.relationships.length,
      labels: sorted(this.labels),
      types: sorted(this.types),
    };
  }

  digest(): string {
    const hash = createHash('sha256').update(`${BACKUP_FORMAT}-content-v1\n`);
    for (const node of [...this.nodes.values()].sort()) hash.update(`n ${node}\n`);
    for (const relationship of this.relationships.sort()) hash.update(`r ${relationship}\n`);
    return `sha256:${hash.digest('hex')}`;
  }
}

const NODES = 'MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props';
const RELATIONSHIPS = `MATCH (a)-[r]->(b)
RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS from, elementId(b) AS to, properties(r) AS props`;
const TOTALS = 'RETURN COUNT { MATCH (n) } AS nodes, COUNT { MATCH ()-[r]->() } AS relationships';

/**
 * The graph's lines, read in `tx`, fed to `hasher` as they go. Neo4j's read transactions are
 * read-committed, not snapshots: a relationship whose end node was created after the nodes were
 * read is left out, so the lines always form a graph that restores.
 */
async function* graphLines(
  tx: ManagedTransaction,
  hasher: ContentHasher,
  onProgress: (progress: BackupProgress) => void,
): AsyncGenerator<string> {
  const [totals] = (await tx.run(TOTALS)).records;
  const total = (key: string) => neo4j.integer.toNumber(totals?.get(key) ?? 0);
  let done = 0;
  for await (const record of tx.run(NODES)) {
    const id = record.get('id') as string;
    const labels = (record.get('labels') as unknown[]).map((label) => identifier('label', label)).sort();
    const props = encodeProps(record.get('props'));
    hasher.node(id, labels, props);
    yield `{"n":${JSON.stringify(id)},"labels":${JSON.stringify(labels)},"props":${props}}\n`;
    if (++done % PROGRESS_EVERY === 0) onProgress({ phase: 'nodes', done, total: total('nodes') });
  }
  onProgress({ phase: 'nodes', done, total: done });
  done = 0;
  for await (const record of tx.run(RELATIONSHIPS)) {
    const [from, to] = [record.get('from') as string, record.get('to') as string];
    if (!hasher.hasNode(from) || !hasher.hasNode(to)) continue;
    const type = identifier('relationship type', record.get('type'));
    const props = encodeProps(record.get('props'));
    hasher.relationship(type, from, to, props);
    yield `{"r":${JSON.stringify(record.get('id'))},"type":"${type}","from":${JSON.stringify(from)},"to":${JSON.stringify(to)},"props":${props}}\n`;
    if (++done % PROGRESS_EVERY === 0) onProgress({ phase: 'relationships', done, total: total('relationships') });
  }
  onProgress({ phase: 'relationships', done, total: done });
}

// Tens of kilobytes per write, not a stream chunk per line.
async function* chunked(lines: AsyncIterable<string>): AsyncGenerator<string> {
  let chunk = '';
  for await (const line of lines) {
    chunk += line;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

export interface BackupOptions {
  onProgress?: (progress: BackupProgress) => void;
  timeoutMs?: number;
}

export interface BackupSummary {
  header: BackupHeader;
  trailer: BackupTrailer;
  bytes: number;
}

const SERVER = `CALL dbms.components() YIELD versions, edition
CALL db.info() YIELD name
RETURN versions[0] AS version, edition, name AS database`;

/**
 * Writes the whole graph, read in one read transaction, to `target`: a file path (written
 * beside it first and renamed when complete) or a stream, which is ended.
 */
export async function backupGraph(
  executor: Executor,
  target: string | Writable,
  { onProgress = () => {}, timeoutMs = EXPORT_TIMEOUT_MS }: BackupOptions = {},
): Promise<BackupSummary> {
  const body =
    typeof target === 'string' ? `${target}.body.partial` : join(tmpdir(), `cyberkort-backup-${randomUUID()}.partial`);
  try {
    const { header, trailer } = await executor.transaction(
      'READ',
      'backup.export',
      async (tx) => {
        // A retried transaction starts over, file included.
        const hasher = new ContentHasher();
        const createdAt = new Date().toISOString();
        const [server] = (await tx.run(SERVER)).records;
        const trailer: BackupTrailer = { end: BACKUP_FORMAT, counts: hasher.counts(), contentHash: '' };
        const lines = async function* () {
          yield* graphLines(tx, hasher, onProgress);
          trailer.counts = hasher.counts();
          trailer.contentHash = hasher.digest();
          yield `${JSON.stringify(trailer)}\n`;
        };
        await pipeline(Readable.from(chunked(lines())), createGzip(), createWriteStream(body));
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt,
          neo4jVersion: String(server?.get('version')),
          neo4jEdition: String(server?.get('edition')),
          database: String(server?.get('database')),
          counts: trailer.counts,
        };
        return { header, trailer };
      },
      { timeoutMs },
    );
    // gzip members concatenate into one stream, so the header, known only now, goes first without recompressing.
    const assemble = async function* () {
      yield gzipSync(`${JSON.stringify(header)}\n`);
      yield* createReadStream(body);
    };
    let bytes = 0;
    const count = async function* (source: AsyncIterable<Buffer>) {
      for await (const chunk of source) {
        bytes += chunk.length;
        yield chunk;
      }
    };
    if (typeof target === 'string') {
      const partial = `${target}.partial`;
      try {
        await pipeline(assemble, count, createWriteStream(partial));
        await rename(partial, target);
      } finally {
        await rm(partial, { force: true });
      }
    } else {
      await pipeline(assemble, count, target);
    }
    return { header, trailer, bytes };
  } finally {
    await rm(body, { force: true });
  }
}

/** The content hash of the graph as it is now, read in one transaction (the same as a backup's trailer would hold). */
export async function graphContentHash(executor: Executor, { timeoutMs = EXPORT_TIMEOUT_MS } = {}): Promise<string> {
  return executor.transaction(
    'READ',
    'backup.contentHash',
    async (tx) => {
      const hasher = new ContentHasher();
      for await (const _line of graphLines(tx, hasher, () => {})) {
        // The hasher is fed as the lines are read.
      }
      return hasher.digest();
    },
    { timeoutMs },
  );
}

async function* fileLines(path: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const file = createReadStream(path);
  file.on('error', (error) => gunzip.destroy(error));
  file.pipe(gunzip).setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      yield* lines;
    }
  } catch (error) {
    const reason = (error as { code?: string }).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new BackupError(`${path} is not a complete gzip file (${reason})`, 'BAD_FILE', { cause: error });
  } finally {
    file.destroy();
  }
  if (rest) yield rest;
}

interface NodeLine {
  n: string;
  labels: string[];
  props: Props;
}

interface RelationshipLine {
  r: string;
  type: string;
  from: string;
  to: string;
  props: Props;
}

type Line =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'node'; node: NodeLine }
  | { kind: 'relationship'; relationship: RelationshipLine }
  | { kind: 'trailer'; trailer: BackupTrailer };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isCounts = (value: unknown): value is BackupCounts =>
  isRecord(value) &&
  Number.isInteger(value.nodes) &&
  Number.isInteger(value.relationships) &&
  isRecord(value.labels) &&
  isRecord(value.types);

type Section = 'header' | 'nodes' | 'relationships' | 'end';

/** One line, checked for shape, names, values and its place in the file. */
function parseLine(entry: unknown, section: Section): Line {
  if (!isRecord(entry)) throw new Error('not a JSON object');
  if (section === 'end') throw new Error('data after the trailer');
  if (section === 'header') {
    if (entry.format !== BACKUP_FORMAT) throw new Error(`not a ${BACKUP_FORMAT} file`);
    if (entry.version !== BACKUP_VERSION) {
      throw new Error(`format version ${entry.version}; this Cyberkort reads version ${BACKUP_VERSION}`);
    }
    if (!isCounts(entry.counts)) throw new Error('the header has no counts');
    return { kind: 'header', header: entry as unknown as BackupHeader };
  }
  if ('n' in entry) {
    if (section !== 'nodes') throw new Error('a node after the relationships');
    if (typeof entry.n !== 'string' || !Array.isArray(entry.labels) || !isRecord(entry.props)) {
      throw new Error('a node needs n, labels and props');
    }
    for (const label of entry.labels) identifier('label', label);
    checkProps(entry.props);
    return { kind: 'node', node: entry as unknown as NodeLine };
  }
  if ('r' in entry) {
    const { r, type, from, to, props } = entry;
    if (typeof r !== 'string' || typeof from !== 'string' || typeof to !== 'string' || !isRecord(props)) {
      throw new Error('a relationship needs r, type, from, to and props');
    }
    identifier('relationship type', type);
    checkProps(props);
    return { kind: 'relationship', relationship: entry as unknown as RelationshipLine };
  }
  if (entry.end === BACKUP_FORMAT) {
    if (!isCounts(entry.counts) || typeof entry.contentHash !== 'string') throw new Error('an incomplete trailer');
    return { kind: 'trailer', trailer: entry as unknown as BackupTrailer };
  }
  throw new Error('neither a node, a relationship nor the trailer');
}

const NEXT_SECTION: Record<Line['kind'], Section> = {
  header: 'nodes',
  node: 'nodes',
  relationship: 'relationships',
  trailer: 'end',
};

/** The file's lines in order; the content as a whole is checked by `verifyBackup`. */
async function* backupLines(path: string): AsyncGenerator<Line> {
  let number = 0;
  let section: Section = 'header';
  for await (const text of fileLines(path)) {
    number += 1;
    let line: Line;
    try {
      line = parseLine(JSON.parse(text), section);
    } catch (error) {
      const reason = error instanceof SyntaxError ? 'not JSON' : (error as Error).message;
      throw new BackupError(`${path}, line ${number}: ${reason}`, 'BAD_FILE', { cause: error });
    }
    section = NEXT_SECTION[line.kind];
    yield line;
  }
  if (number === 0) throw new BackupError(`${path} is empty`, 'BAD_FILE');
}

function checkProps(props: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(props)) {
    identifier('property key', key);
    decodeValue(value);
  }
}

const decodeProps = (props: Props) =>
  Object.fromEntries(Object.entries(props).map(([key, value]) => [key, decodeValue(value)]));

/**
 * Reads the whole file without touching any database: its shape, every name and value, and its
 * counts and content hash against the trailer. A truncated or altered file fails here.
 */
export async function verifyBackup(
  path: string,
  { onProgress = () => {} }: Pick<BackupOptions, 'onProgress'> = {},
): Promise<{ header: BackupHeader; trailer: BackupTrailer }> {
  const hasher = new ContentHasher();
  let header: BackupHeader | undefined;
  let trailer: BackupTrailer | undefined;
  let done = 0;
  for await (const line of backupLines(path)) {
    if (line.kind === 'header') header = line.header;
    else if (line.kind === 'trailer') trailer = line.trailer;
    else {
      try {
        if (line.kind === 'node') {
          const { n, labels, props } = line.node;
          hasher.node(n, [...labels].sort(), canonical(props));
        } else {
          const { type, from, to, props } = line.relationship;
          hasher.relationship(type, from, to, canonical(props));
        }
      } catch (error) {
        throw new BackupError(`${path}: ${(error as Error).message}`, 'BAD_FILE', { cause: error });
      }
      const total = (header?.counts.nodes ?? 0) + (header?.counts.relationships ?? 0);
      if (++done % PROGRESS_EVERY === 0) onProgress({ phase: 'verify', done, total });
    }
  }
  if (!header || !trailer) throw new BackupError(`${path} has no trailer: the file is truncated`, 'BAD_FILE');
  const counts = canonical(hasher.counts());
  if (counts !== canonical(trailer.counts) || counts !== canonical(header.counts)) {
    throw new BackupError(`${path}: its content does not match the counts in its header and trailer`, 'BAD_FILE');
  }
  const contentHash = hasher.digest();
  if (contentHash !== trailer.contentHash) {
    throw new BackupError(
      `${path}: content hash ${contentHash} differs from the trailer's ${trailer.contentHash}`,
      'BAD_FILE',
    );
  }
  onProgress({ phase: 'verify', done, total: done });
  return { header, trailer };
}

const OCCUPIED = `RETURN COUNT { MATCH (n) WHERE labels(n) <> ['Migration'] } AS nodes,
       COUNT { MATCH ()-[r]->() } AS relationships`;
const LABEL_COUNTS = 'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count';
const TYPE_COUNTS = 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count';
const DELETE_CREATED = 'UNWIND $ids AS id MATCH (n) WHERE elementId(n) = id DETACH DELETE n';

export interface RestoreOptions extends Pick<BackupOptions, 'onProgress'> {
  batchSize?: number;
}

export interface RestoreSummary {
  header: BackupHeader;
  trailer: BackupTrailer;
  /** Migrations the backup predates, applied after loading it. */
  appliedMigrations: string[];
}

/**
 * Loads a backup into an empty database: one whose only nodes are the migration ledger. The
 * file is verified first; then the schema migrations run (constraints and indexes exist before
 * the data), the ledger they wrote gives way to the file's, nodes and then relationships load in
 * batches through the write path, and migrations newer than the backup run on the restored data.
 * A load that fails removes what it had loaded. Every write goes through graph/write.ts; none
 * is logged as a change, since the file carries the change log as it was.
 */
export async function restoreGraph(
  executor: Executor,
  path: string,
  { onProgress = () => {}, batchSize = 1_000 }: RestoreOptions = {},
): Promise<RestoreSummary> {
  const { header, trailer } = await verifyBackup(path, { onProgress });
  const [occupied] = await executor.read<{ nodes: number; relationships: number }>('restore.occupied', OCCUPIED);
  if (occupied && (occupied.nodes > 0 || occupied.relationships > 0)) {
    throw new BackupError(
      `the database is not empty (${occupied.nodes} nodes besides the migration ledger, ${occupied.relationships} relationships): ` +
        'restore only into an empty database',
      'NOT_EMPTY',
    );
  }
  const writer = new GraphWriter(executor);
  await migrate(executor);
  // Export id → the new node's elementId: relationships find their ends by it, so no temporary key is stored.
  const created = new Map<string, string>();
  try {
    await writer.run('restore.dropLedger', 'MATCH (m:Migration) DELETE m');
    await load(writer, path, created, batchSize, header.counts, onProgress);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    try {
      const ids = [...created.values()];
      for (let start = 0; start < ids.length; start += batchSize) {
        await writer.run('restore.undo', DELETE_CREATED, { ids: ids.slice(start, start + batchSize) });
      }
      await migrate(executor);
    } catch (undoError) {
      throw new BackupError(
        `restore failed (${reason}), and so did removing what it had loaded (${(undoError as Error).message}): ` +
          'empty the database before restoring again',
        'RESTORE_FAILED',
        { cause: error },
      );
    }
    throw new BackupError(`restore failed and what it had loaded was removed: ${reason}`, 'RESTORE_FAILED', {
      cause: error,
    });
  }
  const appliedMigrations = await migrate(executor);
  await checkCounts(executor, trailer.counts, appliedMigrations.length);
  return { header, trailer, appliedMigrations };
}

async function load(
  writer: GraphWriter,
  path: string,
  created: Map<string, string>,
  batchSize: number,
  counts: BackupCounts,
  onProgress: (progress: BackupProgress) => void,
): Promise<void> {
  let nodes: NodeLine[] = [];
  let relationships: RelationshipLine[] = [];
  let nodesLoaded = 0;
  let relationshipsLoaded = 0;

  const flushNodes = async () => {
    if (nodes.length === 0) return;
    const batch = nodes;
    nodes = [];
    const rows = await writer.run<{ id: string; elementId: string }>(
      'restore.nodes',
      'UNWIND $rows AS row CREATE (n:$(row.labels)) SET n = row.props RETURN row.id AS id, elementId(n) AS elementId',
      { rows: batch.map((node) => ({ id: node.n, labels: node.labels, props: decodeProps(node.props) })) },
    );
    for (const row of rows) created.set(row.id, row.elementId);
    nodesLoaded += batch.length;
    onProgress({ phase: 'nodes', done: nodesLoaded, total: counts.nodes });
  };

  const flushRelationships = async () => {
    if (relationships.length === 0) return;
    const batch = relationships;
    relationships = [];
    const rows = batch.map(({ type, from, to, props }) => ({
      type,
      from: created.get(from),
      to: created.get(to),
      props: decodeProps(props),
    }));
    const [result] = await writer.run<{ created: number }>(
      'restore.relationships',
      `UNWIND $rows AS row
       MATCH (a) WHERE elementId(a) = row.from
       MATCH (b) WHERE elementId(b) = row.to
       CREATE (a)-[r:$(row.type)]->(b) SET r = row.props
       RETURN count(r) AS created`,
      { rows },
    );
    if (result?.created !== rows.length) {
      throw new Error(`${rows.length - (result?.created ?? 0)} relationships lost their end nodes`);
    }
    relationshipsLoaded += batch.length;
    onProgress({ phase: 'relationships', done: relationshipsLoaded, total: counts.relationships });
  };

  for await (const line of backupLines(path)) {
    if (line.kind === 'node') {
      nodes.push(line.node);
      if (nodes.length >= batchSize) await flushNodes();
    } else if (line.kind === 'relationship') {
      await flushNodes();
      relationships.push(line.relationship);
      if (relationships.length >= batchSize) await flushRelationships();
    }
  }
  await flushNodes();
  await flushRelationships();
}

async function checkCounts(executor: Executor, expected: BackupCounts, newMigrations: number): Promise<void> {
  const labels = await executor.read<{ label: string; count: number }>('restore.labelCounts', LABEL_COUNTS);
  const types = await executor.read<{ type: string; count: number }>('restore.typeCounts', TYPE_COUNTS);
  const want = { ...expected.labels };
  if (newMigrations > 0) want.Migration = (want.Migration ?? 0) + newMigrations;
  const have = Object.fromEntries(labels.map(({ label, count }) => [label, count]));
  const haveTypes = Object.fromEntries(types.map(({ type, count }) => [type, count]));
  if (canonical(have) !== canonical(want) || canonical(haveTypes) !== canonical(expected.types)) {
    throw new BackupError(
      `the restored graph's counts differ from the file's: labels ${canonical(have)} (file ${canonical(want)}), ` +
        `types ${canonical(haveTypes)} (file ${canonical(expected.types)})`,
      'RESTORE_FAILED',
    );
  }
}
