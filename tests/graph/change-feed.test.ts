import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { changesAfter, lastChangeSeq, listingFingerprints } from '../../graph/changes';
import { CandidateIndex } from '../../graph/match/candidates';
import { GraphWriter } from '../../graph/write';
import { createSearchEngine } from '../../search/engine';
import type { SearchEngine } from '../../search/types';
import {
  candidateReadModel,
  type Follower,
  followGraphChanges,
  reindexAll,
  searchReadModel,
} from '../../src/indexing/sync';
import { closeTestExecutor, operatorWrite, testExecutor, uniquePrefix } from '../support/graph';

const executor = () => testExecutor();
const writer = () => new GraphWriter(executor());
let engine: SearchEngine;
let candidates: CandidateIndex;
let need: string;

beforeAll(async () => {
  engine = createSearchEngine({});
  await engine.ensureIndex();
  await reindexAll(executor(), engine);
  candidates = new CandidateIndex(executor());
  await candidates.loadAll();
  const [row] = await executor().read<{ slug: string }>(
    'test.firstNeed',
    'MATCH (n:Need) RETURN n.slug AS slug ORDER BY slug LIMIT 1',
  );
  need = row?.slug as string;
});
afterAll(closeTestExecutor);

const CREATE = `
MATCH (m:Municipality {code: '101'}), (n:Need {slug: $need})
CREATE (c:Company {slug: $slug, cvr: $cvr, name: $name, descriptionDa: 'Testfirma', descriptionEn: 'Test company',
                   sizeBand: 'micro', languages: ['da'], customerSizeBands: ['micro'], sample: true})-[:LOCATED_IN]->(m),
       (c)-[:OFFERS]->(:Product {slug: $slug + '-p', name: $name + ' Skjoldtjek', status: 'active', kind: 'service',
                                 descriptionDa: 'Kvartalsvis skjoldtjek', descriptionEn: 'Quarterly shield check',
                                 delivery: ['remote'], languages: ['da'], smeFit: true, priceFromDkk: 900})-[:ADDRESSES]->(n)`;

const CLEANUP = 'MATCH (c:Company {slug: $slug}) OPTIONAL MATCH (c)-[:OFFERS]->(p) DETACH DELETE c, p';

const cvr = () => String(10_000_000 + Math.floor(Math.random() * 89_999_999));

/** A vendor's company with one product, created through the app's write path. */
async function createListing(slug: string, name: string) {
  await writer().change('test.createListing', async (tx) => {
    await tx.run(CREATE, { slug, name, need, cvr: cvr() });
    tx.changed(
      { kind: 'Company', key: slug, op: 'created', company: slug },
      { kind: 'Product', key: `${slug}-p`, op: 'created', company: slug },
    );
  });
}

async function indexedIds(slug: string): Promise<string[]> {
  const found = await engine.search({ query: '', filters: { companySlug: slug }, limit: 100 });
  return found.hits.map((hit) => hit.document.id).sort();
}

const inCandidates = (slug: string) => candidates.candidatesFor([need]).some((c) => c.slug === slug);

function follow(options: { intervalMs?: number } = {}): Promise<Follower> {
  return lastChangeSeq(executor()).then((after) =>
    followGraphChanges(executor(), [searchReadModel(executor(), engine), candidateReadModel(candidates)], {
      after,
      intervalMs: options.intervalMs ?? 3_600_000,
      reconcileMs: 3_600_000,
    }),
  );
}

describe('the write path', () => {
  it('stamps and logs a change in the transaction that makes it', async () => {
    const slug = uniquePrefix('write');
    const before = await lastChangeSeq(executor());
    try {
      await createListing(slug, 'Stempel ApS');
      const logged = await changesAfter(executor(), before);
      const mine = logged.filter((change) => change.company === slug);
      expect(mine.map((change) => `${change.kind}:${change.key}:${change.op}`).sort()).toEqual([
        `Company:${slug}:created`,
        `Product:${slug}-p:created`,
      ]);
      expect(new Set(mine.map((change) => change.seq)).size).toBe(1);
      expect(mine[0]?.name).toBe('test.createListing');
      const [stamps] = await executor().read<{ company: string | null; product: string | null }>(
        'test.stamps',
        `MATCH (c:Company {slug: $slug})-[:OFFERS]->(p:Product)
         RETURN toString(c.updatedAt) AS company, toString(p.updatedAt) AS product`,
        { slug },
      );
      expect(stamps?.company).toBeTruthy();
      expect(stamps?.company).toBe(stamps?.product);
    } finally {
      await operatorWrite('test.cleanup', CLEANUP, { slug });
    }
  });

  it('writes nothing, not even to the log, when a change fails half-way', async () => {
    const slug = uniquePrefix('atomic');
    const before = await lastChangeSeq(executor());
    await expect(
      writer().change('test.failing', async (tx) => {
        await tx.run(CREATE, { slug, name: 'Halvt ApS', need, cvr: cvr() });
        tx.changed({ kind: 'Company', key: slug, op: 'created', company: slug });
        await tx.run('MATCH (c:Company {slug: $slug}) SET c.cvr = 1 / 0', { slug });
      }),
    ).rejects.toThrow();
    const [row] = await executor().read<{ companies: number }>(
      'test.count',
      'MATCH (c:Company {slug: $slug}) RETURN count(c) AS companies',
      { slug },
    );
    expect(row?.companies).toBe(0);
    expect((await changesAfter(executor(), before)).filter((change) => change.company === slug)).toEqual([]);
  });
});

describe('read models follow the change log', () => {
  it('add, update, retire and delete listings, deletes included, without a rebuild', async () => {
    const slug = uniquePrefix('feed');
    const name = `Zyxwerk ${slug.slice(-6)}`;
    const follower = await follow();
    try {
      await createListing(slug, name);
      await follower.runOnce();
      expect(await indexedIds(slug)).toEqual([`company:${slug}`, `product:${slug}-p`]);
      expect(inCandidates(slug)).toBe(true);

      await writer().change('test.rename', async (tx) => {
        await tx.run("MATCH (p:Product {slug: $slug + '-p'}) SET p.name = 'Omdøbt Skjoldtjek'", { slug });
        tx.changed({ kind: 'Product', key: `${slug}-p`, op: 'updated', company: slug });
      });
      await follower.runOnce();
      const renamed = await engine.search({ query: 'Omdøbt Skjoldtjek', filters: { companySlug: slug } });
      expect(renamed.hits.map((hit) => hit.document.name)).toContain('Omdøbt Skjoldtjek');

      await writer().change('test.deleteProduct', async (tx) => {
        await tx.run("MATCH (p:Product {slug: $slug + '-p'}) DETACH DELETE p", { slug });
        tx.changed({ kind: 'Product', key: `${slug}-p`, op: 'deleted', company: slug });
      });
      await follower.runOnce();
      expect(await indexedIds(slug)).toEqual([`company:${slug}`]);
      expect(inCandidates(slug)).toBe(false);

      await writer().change('test.deleteCompany', async (tx) => {
        await tx.run('MATCH (c:Company {slug: $slug}) DETACH DELETE c', { slug });
        tx.changed({ kind: 'Company', key: slug, op: 'deleted', company: slug });
      });
      await follower.runOnce();
      expect(await indexedIds(slug)).toEqual([]);
      expect(candidates.providerCounts().get(need)).toBe(
        candidates.candidatesFor([need]).filter((c) => c.slug !== slug).length,
      );
    } finally {
      follower.stop();
      await operatorWrite('test.cleanup', CLEANUP, { slug });
    }
  });

  it('remove a deleted product from search and matching within 5 s on their own timer', async () => {
    const slug = uniquePrefix('timer');
    const follower = await follow({ intervalMs: 1_000 });
    try {
      await createListing(slug, `Tidtager ${slug.slice(-6)}`);
      await vi.waitFor(async () => expect(await indexedIds(slug)).toHaveLength(2), { timeout: 5_000, interval: 100 });
      const deletedAt = performance.now();
      await writer().change('test.deleteProduct', async (tx) => {
        await tx.run("MATCH (p:Product {slug: $slug + '-p'}) DETACH DELETE p", { slug });
        tx.changed({ kind: 'Product', key: `${slug}-p`, op: 'deleted', company: slug });
      });
      await vi.waitFor(
        async () => {
          expect(await indexedIds(slug)).toEqual([`company:${slug}`]);
          expect(inCandidates(slug)).toBe(false);
        },
        { timeout: 5_000, interval: 50 },
      );
      console.info(
        `deleted product gone from search and matching after ${Math.round(performance.now() - deletedAt)} ms`,
      );
    } finally {
      follower.stop();
      await operatorWrite('test.cleanup', CLEANUP, { slug });
    }
  });
});

describe('reconciliation catches writes that bypassed the log', () => {
  it("finds an operator's deletes and edits by comparing fingerprints", async () => {
    const slug = uniquePrefix('operator');
    const follower = await follow();
    try {
      await createListing(slug, `Operatør ${slug.slice(-6)}`);
      await follower.runOnce();
      await follower.reconcile();
      expect(await indexedIds(slug)).toHaveLength(2);

      await operatorWrite(
        'test.operatorEdit',
        "MATCH (p:Product {slug: $slug + '-p'}) SET p.name = 'Håndrettet ydelse'",
        {
          slug,
        },
      );
      // Other test files write at the same time, so the log and the fingerprints may carry their
      // companies too: what matters is that this edit is not in the log and reconciliation finds it.
      await follower.runOnce();
      const unseen = await engine.search({ query: 'Håndrettet', filters: { companySlug: slug, kind: ['product'] } });
      expect(unseen.hits).toEqual([]);
      expect(await follower.reconcile()).toContain(slug);
      const edited = await engine.search({ query: 'Håndrettet', filters: { companySlug: slug, kind: ['product'] } });
      expect(edited.hits.map((hit) => hit.document.name)).toEqual(['Håndrettet ydelse']);

      await operatorWrite('test.operatorDelete', CLEANUP, { slug });
      expect(await follower.reconcile()).toContain(slug);
      expect(await indexedIds(slug)).toEqual([]);
      expect(inCandidates(slug)).toBe(false);
      expect(await follower.reconcile()).not.toContain(slug);
    } finally {
      follower.stop();
      await operatorWrite('test.cleanup', CLEANUP, { slug });
    }
  });

  it('fingerprints every company, and a change to a product changes its company’s', async () => {
    const before = await listingFingerprints(executor());
    expect(before.size).toBeGreaterThanOrEqual(300);
    const slug = uniquePrefix('print');
    try {
      await createListing(slug, 'Aftryk ApS');
      const created = (await listingFingerprints(executor())).get(slug);
      await operatorWrite('test.retire', "MATCH (p:Product {slug: $slug + '-p'}) SET p.status = 'retired'", { slug });
      const retired = (await listingFingerprints(executor())).get(slug);
      expect(created).toBeTruthy();
      expect(retired).not.toBe(created);
    } finally {
      await operatorWrite('test.cleanup', CLEANUP, { slug });
    }
  });
});

describe('reindex requests', () => {
  it('are answered by a full rebuild of every read model', async () => {
    const id = uniquePrefix('reindex');
    const follower = await follow();
    try {
      await writer().run('test.request', 'CREATE (:ReindexRequest {id: $id, requestedAt: datetime()})', { id });
      await follower.runOnce();
      const [row] = await executor().read<{ documents: number; done: boolean }>(
        'test.requestStatus',
        'MATCH (r:ReindexRequest {id: $id}) RETURN r.documents AS documents, r.completedAt IS NOT NULL AS done',
        { id },
      );
      expect(row?.done).toBe(true);
      // The suite's running server follows the same graph and may answer first; either way it is answered.
      expect(row?.documents).toBeGreaterThan(1_000);
    } finally {
      follower.stop();
      await operatorWrite('test.cleanupRequest', 'MATCH (r:ReindexRequest {id: $id}) DELETE r', { id });
    }
  });
});

describe('a listing with facts left out', () => {
  it('is indexed with those facts read as empty instead of stopping the whole index', async () => {
    const slug = uniquePrefix('sparse-index');
    await operatorWrite(
      'test.createSparse',
      `MATCH (m:Municipality {code: '101'}), (n:Need {slug: $need})
       CREATE (c:Company {slug: $slug, cvr: $cvr})-[:LOCATED_IN]->(m),
              (c)-[:OFFERS]->(:Product {slug: $slug + '-p', status: 'active'})-[:ADDRESSES]->(n)`,
      { slug, need, cvr: cvr() },
    );
    try {
      const fresh = createSearchEngine({});
      await fresh.ensureIndex();
      expect(await reindexAll(executor(), fresh)).toBeGreaterThan(1_000);
      const found = await fresh.search({ query: '', filters: { companySlug: slug }, limit: 10 });
      expect(found.hits.map((hit) => hit.document.id).sort()).toEqual([`company:${slug}`, `product:${slug}-p`]);
      await fresh.close();
    } finally {
      await operatorWrite('test.cleanup', CLEANUP, { slug });
    }
  });
});
