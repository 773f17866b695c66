import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackupSummary, backupGraph, graphContentHash, restoreGraph } from '../../graph/backup';
import { createExecutor, type Executor } from '../../graph/executor';
import { freePort } from '../../graph/local-neo4j/free-port';
import { type LocalNeo4j, startLocalNeo4j } from '../../graph/local-server';
import { closeTestExecutor, operatorWrite, testExecutor, uniquePrefix } from '../support/graph';

/**
 * Backup of the suite's graph, restored into a Neo4j of this file's own: a restore needs an
 * empty database, which the shared, seeded and concurrently used one is not. The shared graph
 * keeps changing while this runs, so the source's content hash is the one the backup computed
 * in its own read transaction (its trailer), not a second reading.
 */

let server: LocalNeo4j;
let dataDir: string;
let workDir: string;
let target: Executor;
let file: string;
let backup: BackupSummary;
let probe: Record<string, unknown>;

const KEY = uniquePrefix('backup');
// One of every type a property can hold, on a node and on a relationship, so each must survive the trip.
const PROBE = `
CREATE (a:BackupProbe {key: $key, int: 9223372036854775807, negative: -42, float: 0.1, nan: 0.0 / 0.0,
  text: 'Æble – "quoted"\nnewline', flag: true, day: date('2026-12-01'), days: [date('2026-01-01'), date('2026-01-02')],
  at: datetime('2026-11-28T10:00:00.123456789+01:00'), atZone: datetime('2026-03-29T03:30:00[Europe/Copenhagen]'),
  local: localdatetime('2026-01-02T03:04:05.000000006'), time: time('23:59:59.999999999-05:00'),
  localTime: localtime('00:00:01'), span: duration('P1Y2M3DT4H5M6.000000007S'), place: point({latitude: 55.68, longitude: 12.57}),
  space: point({x: 1, y: 2, z: 3.5}), numbers: [1, 2, 3], words: ['a', 'b'], empty: []})
CREATE (b:BackupProbe:Extra {key: $key + '-b'})
CREATE (a)-[:PROBED {since: date('2026-12-01'), weight: 2, tags: ['x']}]->(b)`;
const PROBE_PROPS = `MATCH (a:BackupProbe {key: $key})-[r:PROBED]->(b)
RETURN properties(a) AS a, properties(r) AS r, labels(b) AS b`;
const PROBE_CLEANUP = 'MATCH (n:BackupProbe) WHERE n.key STARTS WITH $key DETACH DELETE n';

const LABEL_COUNTS = 'MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS count ORDER BY label';
const TYPE_COUNTS = 'MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count ORDER BY type';

async function rawRow(executor: Executor, cypher: string, params: Record<string, unknown> = {}) {
  const result = await executor.transaction('READ', 'test.raw', (tx) => tx.run(cypher, params));
  return result.records[0]?.toObject();
}

async function counts(executor: Executor) {
  const labels = await executor.read<{ label: string; count: number }>('test.labels', LABEL_COUNTS);
  const types = await executor.read<{ type: string; count: number }>('test.types', TYPE_COUNTS);
  return {
    labels: Object.fromEntries(labels.map((row) => [row.label, row.count])),
    types: Object.fromEntries(types.map((row) => [row.type, row.count])),
  };
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'cyberkort-backup-test-'));
  dataDir = await mkdtemp(path.join(tmpdir(), 'cyberkort-restore-neo4j-'));
  server = await startLocalNeo4j({ port: await freePort(), dataDir });
  target = createExecutor({ uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });

  await operatorWrite('test.probe', PROBE, { key: KEY });
  probe = (await rawRow(testExecutor(), PROBE_PROPS, { key: KEY })) ?? {};
  file = path.join(workDir, 'suite.jsonl.gz');
  const started = performance.now();
  try {
    backup = await backupGraph(testExecutor(), file);
  } finally {
    await operatorWrite('test.probeCleanup', PROBE_CLEANUP, { key: KEY });
  }
  const { nodes, relationships } = backup.header.counts;
  console.info(
    `backup of the suite graph: ${nodes} nodes, ${relationships} relationships in ` +
      `${Math.round(performance.now() - started)} ms, ${(backup.bytes / 1024).toFixed(0)} KiB`,
  );
});

afterAll(async () => {
  await closeTestExecutor();
  await target?.driver.close();
  await server?.stop();
  for (const dir of [workDir, dataDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** The file's JSON Lines, changed by `edit`, gzip'd again into a new file. */
async function rewritten(name: string, edit: (lines: string[]) => string[]): Promise<string> {
  const lines = gunzipSync(await readFile(file))
    .toString('utf8')
    .trimEnd()
    .split('\n');
  const out = path.join(workDir, name);
  await writeFile(out, gzipSync(`${edit(lines).join('\n')}\n`));
  return out;
}

const isEmpty = async (executor: Executor) =>
  (await executor.read<{ n: number }>('test.empty', 'MATCH (n) RETURN count(n) AS n'))[0]?.n === 0;

// A restore into a fresh server includes its migrations; on a busy two-core machine that is minutes, not seconds.
describe('backup and restore', () => {
  it('writes a header with the counts, every label including bookkeeping, and a trailer with the content hash', async () => {
    const lines = gunzipSync(await readFile(file))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const header = JSON.parse(lines[0] ?? '{}');
    const trailer = JSON.parse(lines.at(-1) ?? '{}');
    expect(header).toMatchObject({
      format: 'cyberkort-backup',
      version: 1,
      neo4jVersion: expect.stringMatching(/^5\./),
    });
    expect(lines).toHaveLength(2 + header.counts.nodes + header.counts.relationships);
    expect(trailer).toEqual({
      end: 'cyberkort-backup',
      counts: header.counts,
      contentHash: backup.trailer.contentHash,
    });
    expect(trailer.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Object.keys(header.counts.labels)).toEqual(
      expect.arrayContaining(['Company', 'Product', 'Migration', 'Change', 'ChangeSequence', 'BackupProbe']),
    );
    expect(header.counts.labels.Company).toBeGreaterThanOrEqual(300);
    // The probe itself, not its neighbour (whose key is KEY + '-b'), whichever the dump lists first.
    expect(lines.find((line) => line.includes(`"key":"${KEY}"`))).toContain('"day":{"$date":"2026-12-01"}');
  });

  it('refuses a truncated or altered file before writing anything', async () => {
    const bytes = await readFile(file);
    const cut = path.join(workDir, 'cut.jsonl.gz');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(restoreGraph(target, cut)).rejects.toThrow(/not a complete gzip file/);

    const flipped = Buffer.from(bytes);
    const at = Math.floor(flipped.length * 0.6);
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    const corrupt = path.join(workDir, 'corrupt.jsonl.gz');
    await writeFile(corrupt, flipped);
    await expect(restoreGraph(target, corrupt)).rejects.toThrow(/corrupt\.jsonl\.gz/);

    const noTrailer = await rewritten('no-trailer.jsonl.gz', (lines) => lines.slice(0, -1));
    await expect(restoreGraph(target, noTrailer)).rejects.toThrow(/no trailer: the file is truncated/);

    const fewer = await rewritten('fewer.jsonl.gz', (lines) => [...lines.slice(0, -2), ...lines.slice(-1)]);
    await expect(restoreGraph(target, fewer)).rejects.toThrow(/does not match the counts/);

    const altered = await rewritten('altered.jsonl.gz', (lines) =>
      lines.map((line) => (line.includes(KEY) ? line.replace('"flag":true', '"flag":false') : line)),
    );
    await expect(restoreGraph(target, altered)).rejects.toThrow(/content hash sha256:\w+ differs/);

    const injected = await rewritten('injected.jsonl.gz', (lines) =>
      lines.map((line) =>
        line.includes(KEY) ? line.replace('"BackupProbe"', '"BackupProbe`) DETACH DELETE n //"') : line,
      ),
    );
    await expect(restoreGraph(target, injected)).rejects.toThrow(/line \d+: label .* is not a plain name/);

    expect(await isEmpty(target)).toBe(true);
  }, 120_000);

  it('restores into an empty database with the same content, counts and typed values', async () => {
    const started = performance.now();
    const restored = await restoreGraph(target, file);
    console.info(`restore of the suite graph: ${Math.round(performance.now() - started)} ms`);
    expect(restored.appliedMigrations).toEqual([]);

    expect(await graphContentHash(target)).toBe(backup.trailer.contentHash);
    expect(await counts(target)).toEqual({ labels: backup.header.counts.labels, types: backup.header.counts.types });

    const copy = await rawRow(target, PROBE_PROPS, { key: KEY });
    expect(copy).toStrictEqual(probe);
    expect(copy?.a.int).toEqual(neo4j.int('9223372036854775807'));
    expect(neo4j.isDate(copy?.a.day) && copy.a.day.toString()).toBe('2026-12-01');
    expect(neo4j.isDateTime(copy?.a.atZone) && copy.a.atZone.toString()).toBe(
      '2026-03-29T03:30:00+02:00[Europe/Copenhagen]',
    );
    expect(copy?.a.days.map(String)).toEqual(['2026-01-01', '2026-01-02']);
    expect(Number.isNaN(copy?.a.nan)).toBe(true);

    const sample = await rawRow(
      target,
      `MATCH (c:Company)-[h:HOLDS]->() WHERE h.validUntil IS NOT NULL
       RETURN c.updatedAt AS updatedAt, h.validUntil AS validUntil LIMIT 1`,
    );
    expect(neo4j.isDateTime(sample?.updatedAt)).toBe(true);
    expect(neo4j.isDate(sample?.validUntil)).toBe(true);

    // A backup of the copy, into a stream this time, holds the same content.
    const sink = new PassThrough();
    sink.resume();
    const again = await backupGraph(target, sink);
    expect(again.trailer).toEqual(backup.trailer);
  }, 240_000);

  it('refuses to restore into a database that is not empty, and writes nothing', async () => {
    const before = await counts(target);
    await expect(restoreGraph(target, file)).rejects.toThrow(
      /the database is not empty .*restore only into an empty database/,
    );
    expect(await counts(target)).toEqual(before);
    expect((await stat(file)).size).toBe(backup.bytes);
  });
});
