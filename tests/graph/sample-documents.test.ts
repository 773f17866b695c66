import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExecutor, type Executor } from '../../graph/executor';
import { seedAll } from '../../graph/load';
import { freePort } from '../../graph/local-neo4j/free-port';
import { type LocalNeo4j, startLocalNeo4j } from '../../graph/local-server';
import { migrate } from '../../graph/migrations';
import type { SearchDocument } from '../../search/types';
import { readListingDocuments } from '../../src/indexing/documents';
import { sampleSearchDocuments } from '../../src/indexing/sample-documents';

/**
 * The relevance benchmark builds the sample's search documents without Neo4j
 * (src/indexing/sample-documents.ts). This checks that they are the documents the product indexes
 * after seeding the same sample: seeded into a fresh Neo4j of its own (it must hold exactly that
 * sample), read through the product's listing query, compared document by document. Only the
 * load-time stamps (updatedAt, confirmedAt) differ by design.
 */

let server: LocalNeo4j;
let dataDir: string;
let executor: Executor;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'cyberkort-sample-documents-test-'));
  server = await startLocalNeo4j({ port: await freePort(), dataDir });
  executor = createExecutor({ uri: server.uri, user: server.user, password: server.password, database: 'neo4j' });
  await migrate(executor);
});

afterAll(async () => {
  await executor?.driver.close();
  await server?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const withoutStamps = ({ updatedAt: _u, confirmedAt: _c, ...document }: SearchDocument) => document;

describe('sample search documents without Neo4j', () => {
  it('equal the documents the graph yields for the same seeded sample', async () => {
    // Today, as the server seeds: the graph checks certificates against date(), the builder against this date.
    const referenceDate = new Date().toISOString().slice(0, 10);
    await seedAll(executor, { companies: 60, seed: 3, referenceDate });
    const fromGraph: SearchDocument[] = [];
    for await (const page of readListingDocuments(executor, null)) fromGraph.push(...page);
    const built = sampleSearchDocuments({ companies: 60, seed: 3, referenceDate });

    expect(built.length).toBeGreaterThan(60);
    const byId = (docs: SearchDocument[]) =>
      Object.fromEntries(
        docs.map((d) => [d.id, withoutStamps(d)]).sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    expect(byId(built)).toEqual(byId(fromGraph));
  }, 180_000);
});
