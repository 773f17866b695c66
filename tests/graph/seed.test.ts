import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NEEDS } from '../../graph/data/needs';
import { TAXONOMIES } from '../../graph/data/taxonomies';
import type { Executor } from '../../graph/executor';
import { loadEcosystem, seedAll } from '../../graph/load';
import type { Ecosystem } from '../../graph/model';
import { generateEcosystem } from '../../graph/sample/generate';
import type { SearchDocument } from '../../search/types';
import { readListingDocuments } from '../../src/indexing/documents';
import { sampleSearchDocuments } from '../../src/indexing/sample-documents';
import { privateGraph } from '../support/neo4j';

/**
 * Seeding against a real Neo4j. This file starts its own server rather than using the suite's
 * shared one: it must count every node and relationship and start from an empty database,
 * which the shared, concurrently used and already seeded graph cannot offer. Each test starts
 * from an empty database (the schema stays).
 */

let graph: Awaited<ReturnType<typeof privateGraph>>;
let executor: Executor;

beforeAll(async () => {
  graph = await privateGraph('seed-test');
  executor = graph.executor;
});

afterAll(async () => {
  await graph?.stop();
});

// Everything but the migration ledger; the schema (constraints, indexes) stays.
const CLEAR = 'MATCH (n) WHERE NOT n:Migration DETACH DELETE n';
// The change log (graph/write.ts) is bookkeeping about the data, counted on its own.
const NODE_COUNTS =
  'MATCH (n) WHERE NOT n:Migration AND NOT n:Change AND NOT n:ChangeSequence RETURN labels(n)[0] AS key, count(*) AS count';
const LOGGED = "MATCH (c:Change) RETURN c.kind + ':' + c.op AS key, count(*) AS count";
const RELATIONSHIP_COUNTS = 'MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS count';

beforeEach(async () => {
  await executor.transaction('WRITE', 'test.clear', (tx) => tx.run(CLEAR));
});

async function counts(): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  const asRecord = (rows: Array<{ key: string; count: number }>) =>
    Object.fromEntries(rows.map((row) => [row.key, row.count]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  return {
    nodes: asRecord(await executor.read('test.nodeCounts', NODE_COUNTS)),
    relationships: asRecord(await executor.read('test.relationshipCounts', RELATIONSHIP_COUNTS)),
  };
}

const sum = <T>(rows: T[], size: (row: T) => number) => rows.reduce((total, row) => total + size(row), 0);

/** The counts the rows alone predict: what the graph must hold after loading them into an empty database. */
function expectedCounts({ companies, products }: Ecosystem) {
  const t = TAXONOMIES;
  return {
    nodes: {
      Category: t.categories.length,
      Certification: t.certifications.length,
      Company: companies.length,
      CsfCategory: t.csfCategories.length,
      CsfFunction: t.csfFunctions.length,
      DMaerketCriterion: t.dMaerketCriteria.length,
      Municipality: t.municipalities.length,
      Need: NEEDS.length,
      Nis2Measure: t.nis2Measures.length,
      Product: products.length,
      Region: t.regions.length,
      Regulation: t.regulations.length,
      Sector: t.sectors.length,
      Skill: t.skills.length,
    },
    relationships: {
      ADDRESSES: sum(products, (p) => p.needSlugs.length),
      ATTESTS: sum(t.certifications, (c) => c.regulationCodes.length),
      COVERS: sum(products, (p) => p.csfCategoryCodes.length),
      EXPERIENCED_IN: sum(companies, (c) => c.sectorCodes.length),
      HAS_COMPETENCE: sum(companies, (c) => c.competences.length),
      HELPS_COMPLY: sum(products, (p) => p.regulationCodes.length),
      HOLDS: sum(companies, (c) => c.certifications.length),
      IN_CATEGORY: sum(products, (p) => p.categoryCodes.length) + sum(NEEDS, (n) => n.categoryCodes.length),
      IN_FUNCTION: t.csfCategories.length,
      IN_REGION: t.municipalities.length,
      LOCATED_IN: companies.length,
      MAPS_TO: sum(NEEDS, (n) => n.csfCategoryCodes.length),
      OFFERS: products.length,
      PARTNER_OF: sum(companies, (c) => c.partnerSlugs.length),
      PART_OF:
        sum(t.skills, (s) => (s.parentCode ? 1 : 0)) +
        sum(t.categories, (c) => (c.parentCode ? 1 : 0)) +
        t.nis2Measures.length +
        t.dMaerketCriteria.length,
      RELATES_TO: sum(NEEDS, (n) => n.regulationCodes.length),
      REQUIRES: sum(NEEDS, (n) => n.skillCodes.length),
      SERVES: sum(companies, (c) => c.regionsServed.length),
      SUPPORTS_CRITERION: sum(NEEDS, (n) => n.dMaerketCriterionCodes.length),
      SUPPORTS_MEASURE: sum(NEEDS, (n) => n.nis2MeasureCodes.length),
    },
  };
}

describe('seeding the graph', () => {
  it('loads a small generated ecosystem into a clean database, exactly as the rows say', async () => {
    const ecosystem = await seedAll(executor, { companies: 20, seed: 5 });
    expect(await counts()).toEqual(expectedCounts(ecosystem));

    const [product] = ecosystem.products;
    const [stored] = await executor.read<{ needs: string[]; company: string; price: unknown }>(
      'test.product',
      `MATCH (c:Company)-[:OFFERS]->(p:Product {slug: $slug})
       RETURN [(p)-[:ADDRESSES]->(n:Need) | n.slug] AS needs, c.slug AS company, p.priceFromDkk AS price`,
      { slug: product?.slug },
    );
    expect(stored?.company).toBe(product?.companySlug);
    expect(stored?.needs.sort()).toEqual([...(product?.needSlugs ?? [])].sort());
    expect(stored?.price).toBe(product?.priceFromDkk);
  }, 120_000);

  it('seeds the 300-company sample with the full taxonomies, and a second run changes no count', async () => {
    const ecosystem = await seedAll(executor, { companies: 300, seed: 1 });
    const first = await counts();
    expect(first).toEqual(expectedCounts(ecosystem));
    expect(first.nodes).toMatchObject({
      Company: 300,
      Municipality: 98,
      Region: 5,
      CsfCategory: 22,
      Nis2Measure: 10,
      DMaerketCriterion: 8,
    });
    expect(first.nodes.Product).toBe(ecosystem.products.length);
    expect(first.nodes.Need).toBeGreaterThanOrEqual(30);
    const [roles] = await executor.read<{ count: number }>(
      'test.roles',
      "MATCH (s:Skill {kind: 'role'}) RETURN count(s) AS count",
    );
    expect(roles?.count).toBe(12);

    const stamps = 'MATCH (c:Company) RETURN c.cvr AS cvr, toString(c.updatedAt) AS updatedAt ORDER BY cvr';
    const before = await executor.read('test.stamps', stamps);
    const logged = await executor.read('test.logged', LOGGED);
    expect(logged).toEqual(
      expect.arrayContaining([
        { key: 'Company:created', count: 300 },
        { key: 'Product:created', count: ecosystem.products.length },
      ]),
    );
    await seedAll(executor, { companies: 300, seed: 1 });
    expect(await counts()).toEqual(first);
    // Nothing changed, so nothing looks new to search and matching: no stamp moved, no change logged.
    expect(await executor.read('test.stamps', stamps)).toEqual(before);
    expect(await executor.read('test.logged', LOGGED)).toEqual(logged);
  }, 240_000);

  it('reflects changed rows on reload: a dropped need, a dropped product, a changed certificate', async () => {
    const ecosystem = await seedAll(executor, { companies: 40, seed: 3 });
    const before = await counts();
    const changed: Ecosystem = structuredClone(ecosystem);
    const product = changed.products.find((p) => p.needSlugs.length >= 2);
    const untouched = changed.products.find((p) => p !== product && p.companySlug !== product?.companySlug);
    const removable = (slug: string) => (p: Ecosystem['products'][number]) =>
      p.companySlug === slug && p !== product && p !== untouched;
    const company = changed.companies.find(
      (c) => c.certifications.length > 0 && c.competences.length > 0 && changed.products.some(removable(c.slug)),
    );
    if (!product || !untouched || !company) throw new Error('the generated sample lacks the rows this test changes');
    const droppedNeed = product.needSlugs.pop();
    product.description.da = 'Ny beskrivelse';
    const droppedCertification = company.certifications.shift();
    const competence = company.competences[0];
    if (competence) competence.headcount += 1;
    const [removed] = changed.products.splice(changed.products.findIndex(removable(company.slug)), 1);
    if (!removed || !droppedCertification || !competence) throw new Error('nothing to remove');
    const stamp = (slug: string) =>
      executor.read<{ updatedAt: string }>(
        'test.productStamp',
        'MATCH (p:Product {slug: $slug}) RETURN toString(p.updatedAt) AS updatedAt',
        { slug },
      );
    const untouchedBefore = await stamp(untouched.slug);
    const changedBefore = await stamp(product.slug);

    await loadEcosystem(executor, changed);

    const [row] = await executor.read<{ needs: string[]; description: string }>(
      'test.changedProduct',
      'MATCH (p:Product {slug: $slug}) RETURN [(p)-[:ADDRESSES]->(n:Need) | n.slug] AS needs, p.descriptionDa AS description',
      { slug: product.slug },
    );
    expect(row?.needs.sort()).toEqual([...product.needSlugs].sort());
    expect(row?.needs).not.toContain(droppedNeed);
    expect(row?.description).toBe('Ny beskrivelse');
    expect(await stamp(untouched.slug)).toEqual(untouchedBefore);
    expect(await stamp(product.slug)).not.toEqual(changedBefore);
    expect(await stamp(removed.slug)).toEqual([]);

    const [holding] = await executor.read<{ certifications: string[]; headcount: number }>(
      'test.changedCompany',
      `MATCH (c:Company {cvr: $cvr})
       RETURN [(c)-[:HOLDS]->(x:Certification) | x.code] AS certifications,
              [(c)-[h:HAS_COMPETENCE]->(:Skill {code: $skill}) | h.headcount][0] AS headcount`,
      { cvr: company.cvr, skill: competence.skillCode },
    );
    expect(holding?.certifications).not.toContain(droppedCertification.code);
    expect(holding?.headcount).toBe(competence.headcount);

    const after = await counts();
    expect(after).toEqual(expectedCounts(changed));
    expect(after.nodes.Product).toBe((before.nodes.Product ?? 0) - 1);
    expect(after.relationships.HOLDS).toBe((before.relationships.HOLDS ?? 0) - 1);
  }, 120_000);

  it('replaces an earlier sample with another one but leaves real companies alone', async () => {
    const first = await seedAll(executor, { companies: 40, seed: 3 });
    const real = generateEcosystem({ companies: 1, seed: 99 });
    for (const c of real.companies) {
      c.sample = false;
      c.slug = 'rigtig-virksomhed';
      c.partnerSlugs = [];
    }
    for (const p of real.products) {
      p.companySlug = 'rigtig-virksomhed';
      p.slug = `rigtig-${p.slug}`;
    }
    await loadEcosystem(executor, real);

    // Same seed, other density: the same CVR numbers come back under other names, and some take a name that
    // another, still present CVR had — renaming those in place would break the unique slug.
    const denser = generateEcosystem({ companies: 40, seed: 3, productsPerCompany: 10 });
    const earlier = new Map(first.companies.map((c) => [c.slug, c.cvr]));
    expect(denser.companies.some((c) => earlier.has(c.slug) && earlier.get(c.slug) !== c.cvr)).toBe(true);
    await seedAll(executor, { companies: 40, seed: 3, productsPerCompany: 10 });
    expect((await counts()).nodes.Company).toBe(41);
    const smaller = await seedAll(executor, { companies: 10, seed: 2 });
    const [row] = await executor.read<{ sample: number; real: number; products: number }>(
      'test.companies',
      `RETURN COUNT { MATCH (c:Company {sample: true}) } AS sample, COUNT { MATCH (c:Company {sample: false}) } AS real,
              COUNT { MATCH (p:Product) } AS products`,
    );
    expect(row).toEqual({ sample: 10, real: 1, products: smaller.products.length + real.products.length });
  }, 120_000);

  it('refuses rows that reference unknown codes, and writes nothing', async () => {
    await seedAll(executor, { companies: 5, seed: 1 });
    const before = await counts();
    const broken = generateEcosystem({ companies: 5, seed: 1 });
    const [product] = broken.products;
    if (!product) throw new Error('no product');
    product.needSlugs.push('findes-ikke');
    await expect(loadEcosystem(executor, broken)).rejects.toThrow(/findes-ikke/);
    expect(await counts()).toEqual(before);
  });
});

const withoutStamps = ({ updatedAt: _u, confirmedAt: _c, ...document }: SearchDocument) => document;

/**
 * The relevance benchmark builds the sample's search documents without Neo4j
 * (src/indexing/sample-documents.ts). They must be the documents the product indexes after seeding
 * the same sample into an empty graph, read through the product's listing query, compared document
 * by document. Only the load-time stamps (updatedAt, confirmedAt) differ by design.
 */
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
