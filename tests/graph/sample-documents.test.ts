import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../../graph/executor';
import { seedAll } from '../../graph/load';
import type { SearchDocument } from '../../search/types';
import { readListingDocuments } from '../../src/indexing/documents';
import { sampleSearchDocuments } from '../../src/indexing/sample-documents';
import { privateGraph } from '../support/neo4j';

/**
 * The relevance benchmark builds the sample's search documents without Neo4j
 * (src/indexing/sample-documents.ts). This checks that they are the documents the product indexes
 * after seeding the same sample: seeded into a fresh Neo4j of its own (it must hold exactly that
 * sample), read through the product's listing query, compared document by document. Only the
 * load-time stamps (updatedAt, confirmedAt) differ by design.
 */

let graph: Awaited<ReturnType<typeof privateGraph>>;
let executor: Executor;

beforeAll(async () => {
  graph = await privateGraph('sample-documents-test');
  executor = graph.executor;
});

afterAll(async () => {
  await graph?.stop();
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
