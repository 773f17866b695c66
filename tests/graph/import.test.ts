import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cvrFromSeed } from '../../graph/cvr';
import { GraphWriter } from '../../graph/write';
import { ForbiddenError } from '../../src/use-cases/errors';
import { type ImportRowReport, type ImportSummary, importListings, OPERATOR } from '../../src/use-cases/import';
import { csvRows, jsonRows } from '../../src/use-cases/import-format';
import type { ListingStore } from '../../src/use-cases/listing-store';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { testApi } from '../support/api';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { companyCells, csvLines } from '../support/import-files';
import { createTestWorld, listingFingerprint, type TestWorld } from '../support/listings';

/**
 * Import of companies and products against the real Neo4j: the example files import cleanly and
 * a second run writes nothing; a dry run writes nothing; a file with bad rows imports only its
 * good rows, each refusal explained by field; a change names its fields, keeps before and after
 * in the audit log and makes a vendor's open edit of the listing a conflict.
 */

const root = path.resolve(new URL('../..', import.meta.url).pathname);
const EXAMPLE_CVRS = ['24444805', '24444813'];
let store: ListingStore;
let world: TestWorld;
let reviewerId: string;

async function removeCompanies(cvrs: readonly string[]) {
  await store.writer.change('test.import.cleanup', async (tx) => {
    const removed = await tx.run<{ company: string; products: string[] }>(
      `MATCH (c:Company) WHERE c.cvr IN $cvrs
       OPTIONAL MATCH (c)-[:OFFERS]->(p:Product)
       WITH c, c.slug AS company, collect(p) AS products, collect(p.slug) AS productSlugs
       FOREACH (p IN products | DETACH DELETE p)
       DETACH DELETE c
       RETURN company, productSlugs AS products`,
      { cvrs: [...cvrs] },
    );
    for (const { company, products } of removed) {
      tx.changed(
        ...products.map((slug) => ({ kind: 'Product' as const, key: slug, op: 'deleted' as const, company })),
        { kind: 'Company', key: company, op: 'deleted', company },
      );
    }
  });
}

beforeAll(async () => {
  const executor = testExecutor();
  store = { executor, writer: new GraphWriter(executor) };
  world = await createTestWorld(executor, 'import');
  const [row] = await executor.read<{ id: string }>(
    'test.user',
    'MATCH (u:User {subject: $subject}) RETURN u.id AS id',
    {
      subject: `${world.prefix}-reviewer`,
    },
  );
  reviewerId = row?.id as string;
  await removeCompanies(EXAMPLE_CVRS);
});

afterAll(async () => {
  await removeCompanies(EXAMPLE_CVRS);
  await world?.cleanup();
  await closeTestExecutor();
});

async function run(
  rows: Parameters<typeof importListings>[2],
  dryRun: boolean,
  actor: Parameters<typeof importListings>[1] = world.viewers.reviewer,
): Promise<{ summary: ImportSummary; reports: ImportRowReport[] }> {
  const reports: ImportRowReport[] = [];
  const summary = await importListings(store, actor, rows, { dryRun, onRow: (report) => reports.push(report) });
  return { summary, reports };
}

const exampleCsv = () => csvRows(createReadStream(path.join(root, 'docs/import-example.csv')));

/**
 * What an import of these CVR numbers could write: each company with one of them, with its
 * products, links, audit events and change-log entries (listingFingerprint), and every event this
 * test's reviewer is the actor of. Scoped so that other test files writing at the same time do
 * not show up as a change.
 */
async function graphState(cvrs: readonly string[]) {
  const companies = await testExecutor().read<{ cvr: string; slug: string }>(
    'test.byCvr',
    'MATCH (c:Company) WHERE c.cvr IN $cvrs RETURN c.cvr AS cvr, c.slug AS slug ORDER BY c.cvr',
    { cvrs },
  );
  const listings = await Promise.all(
    companies.map(async ({ cvr, slug }) => [cvr, await listingFingerprint(testExecutor(), slug)]),
  );
  const [events] = await testExecutor().read<{ n: number }>(
    'test.reviewerEvents',
    'MATCH (e:AuditEvent {actorId: $id}) RETURN count(e) AS n',
    { id: reviewerId },
  );
  return { listings, events: events?.n };
}

describe('import of companies and products', () => {
  it('imports the example file: a dry run writes nothing, the real run creates every row, a second run nothing', async () => {
    const before = await graphState(EXAMPLE_CVRS);
    const dry = await run(exampleCsv(), true);
    expect(dry.summary).toEqual({ dryRun: true, rows: 5, create: 5, change: 0, unchanged: 0, refused: 0 });
    expect(await graphState(EXAMPLE_CVRS)).toEqual(before);

    const real = await run(exampleCsv(), false);
    expect(real.reports.map((r) => [r.type, r.outcome, r.slug])).toEqual([
      ['company', 'create', 'eksempel-sikkerhed-aps'],
      ['company', 'create', 'nordlys-eksempel-a-s'],
      ['product', 'create', 'eksempel-backup-tjek'],
      ['product', 'create', 'eksempel-tofaktor-paa-en-dag'],
      ['product', 'create', 'nordlys-eksempel-soc-abonnement'],
    ]);
    const [company] = await testExecutor().read<Record<string, unknown>>(
      'test.imported',
      `MATCH (c:Company {cvr: '24444805'})-[:OFFERS]->(p:Product {slug: 'eksempel-backup-tjek'})
       MATCH (c)-[h:HOLDS]->(:Certification {code: 'ISO27001'})
       RETURN c.source AS source, c.approvedBy AS approvedBy, c.version AS version, c.approvedAt IS NOT NULL AS approved,
              p.source AS productSource, p.status AS status, h.source AS holdsSource, h.verifiedBy AS verifiedBy,
              h.certificateNumber AS certificateNumber`,
    );
    expect(company).toEqual({
      source: 'import',
      approvedBy: reviewerId,
      version: 1,
      approved: true,
      productSource: 'import',
      status: 'active',
      holdsSource: 'import',
      verifiedBy: null,
      certificateNumber: 'CERT-2024-001',
    });
    const audit = await testExecutor().read<{ company: string; product: string | null; details: string }>(
      'test.audit',
      `MATCH (e:AuditEvent {action: 'import', actorId: $id}) WHERE e.company IN ['eksempel-sikkerhed-aps', 'nordlys-eksempel-a-s']
       RETURN e.company AS company, e.product AS product, e.details AS details, e.actorKind AS actorKind`,
      { id: reviewerId },
    );
    expect(audit).toHaveLength(5);
    expect(audit.map((e) => JSON.parse(e.details).op)).toEqual(['create', 'create', 'create', 'create', 'create']);

    const afterImport = await graphState(EXAMPLE_CVRS);
    expect(afterImport.listings).toHaveLength(2);
    const second = await run(exampleCsv(), false);
    expect(second.summary).toEqual({ dryRun: false, rows: 5, create: 0, change: 0, unchanged: 5, refused: 0 });
    expect(await graphState(EXAMPLE_CVRS)).toEqual(afterImport);

    const json = await readFile(path.join(root, 'docs/import-example.json'), 'utf8');
    const sameInJson = await run(jsonRows(json), false);
    expect(sameInJson.summary).toEqual({ dryRun: false, rows: 5, create: 0, change: 0, unchanged: 5, refused: 0 });
    expect(await graphState(EXAMPLE_CVRS)).toEqual(afterImport);
  });

  it('imports only the good rows of a file with bad ones, and explains each refusal by field', async () => {
    const good = cvrFromSeed(8_099_100 + Math.floor(Math.random() * 800));
    const product = {
      type: 'product',
      cvr: good,
      kind: 'service',
      descriptionDa: 'En kvartalsvis gennemgang af jeres sikkerhed med en skriftlig plan.',
      descriptionEn: 'A quarterly review of your security with a written plan.',
      pricingModel: 'fixed',
      priceFromDkk: '4900',
      delivery: 'remote',
      languages: 'da',
      smeFit: 'ja',
      needSlugs: world.codes.need,
      categoryCodes: world.codes.category,
    };
    const file = csvLines([
      companyCells(world, { cvr: good, name: `Godt Firma ${world.prefix}` }),
      companyCells(world, { cvr: '12345678', name: `Forkert CVR ${world.prefix}` }),
      companyCells(world, { cvr: good, name: `Igen ${world.prefix}` }),
      { ...product, slug: `${world.prefix}-godt`, name: 'Godt produkt' },
      { ...product, slug: `${world.prefix}-ukendt-behov`, name: 'Ukendt behov', needSlugs: 'findes-ikke' },
      { ...product, slug: `${world.prefix}-kort`, name: 'Kort', descriptionDa: 'For kort' },
      { ...product, slug: `${world.prefix}-godt`, name: 'Samme slug' },
      { ...product, cvr: cvrFromSeed(8_099_990), slug: `${world.prefix}-intet-firma`, name: 'Intet firma' },
      { ...product, slug: `${world.prefix}-pris`, name: 'Pris', pricingModel: 'quote', founded: '1999' },
    ]);
    const inFile = [good, '12345678', cvrFromSeed(8_099_990)];
    const before = await graphState(inFile);
    const dry = await run(csvRows(file), true);
    expect(await graphState(inFile)).toEqual(before);
    expect(dry.summary).toMatchObject({ rows: 9, create: 2, refused: 7 });

    const real = await run(csvRows(file), false);
    const byRow = new Map(real.reports.map((r) => [r.row, r]));
    const issues = (row: number) => byRow.get(row)?.issues.map((i) => [i.path, i.code]);
    expect(real.reports.map((r) => r.outcome)).toEqual(dry.reports.map((r) => r.outcome));
    expect(byRow.get(2)?.outcome).toBe('create');
    expect(issues(3)).toEqual([['cvr', 'invalid_cvr']]);
    expect(issues(4)).toEqual([['cvr', 'duplicate']]);
    expect(byRow.get(5)?.outcome).toBe('create');
    expect(issues(6)).toEqual([['needSlugs.0', 'unknown_reference']]);
    expect(issues(7)).toEqual([['description.da', 'too_small']]);
    expect(issues(8)).toEqual([['slug', 'duplicate']]);
    expect(issues(9)).toEqual([['cvr', 'unknown_company']]);
    expect(issues(10)).toEqual([
      ['founded', 'not_for_type'],
      ['priceFromDkk', 'custom'],
    ]);
    const [written] = await testExecutor().read<{ products: string[] }>(
      'test.written',
      'MATCH (c:Company {cvr: $cvr}) RETURN [(c)-[:OFFERS]->(p) | p.slug] AS products',
      { cvr: good },
    );
    expect(written?.products).toEqual([`${world.prefix}-godt`]);
    await removeCompanies([good]);
  });

  it('runs two imports of one file at once one batch after the other: one creates, the other finds it unchanged', async () => {
    const cvr = cvrFromSeed(8_099_000 + Math.floor(Math.random() * 90));
    const file = csvLines([companyCells(world, { cvr, name: `Samtidig ${world.prefix}` })]);
    const [first, second] = await Promise.all([run(csvRows(file), false), run(csvRows(file), false)]);
    const reports = JSON.stringify([first.reports, second.reports]);
    expect([first.summary.create, second.summary.create].sort(), reports).toEqual([0, 1]);
    expect([first.summary.unchanged, second.summary.unchanged].sort()).toEqual([0, 1]);
    const [row] = await testExecutor().read<{ companies: number; version: number; events: number }>(
      'test.concurrentImport',
      `MATCH (c:Company {cvr: $cvr})
       RETURN count(c) AS companies, max(c.version) AS version,
              COUNT { MATCH (e:AuditEvent {action: 'import'}) WHERE e.company = c.slug } AS events`,
      { cvr },
    );
    expect(row).toEqual({ companies: 1, version: 1, events: 1 });
  });

  it('reports a change by field, keeps before and after in the audit log, and a vendor edit made before it conflicts', async () => {
    const { slug, cvr } = world.companyA;
    const [published] = await testExecutor().read<{ version: number }>(
      'test.version',
      'MATCH (c:Company {slug: $slug}) RETURN c.version AS version',
      { slug },
    );
    const draft = await saveDraft(store, world.viewers.vendorA, {
      kind: 'company',
      op: 'update',
      companySlug: slug,
      baseVersion: published?.version ?? 1,
      record: world.companyRecord({ name: `Testfirma a ${world.prefix}`, city: 'Odense' }),
    });
    // Only the columns the file has: everything else keeps what is published.
    const file = [`type,cvr,phone\n`, `company,${cvr},+45 11 22 33 44\n`];
    const fingerprint = await listingFingerprint(testExecutor(), slug);
    const dry = await run(csvRows(file), true);
    expect(await listingFingerprint(testExecutor(), slug)).toBe(fingerprint);
    expect(dry.reports).toEqual([
      expect.objectContaining({ outcome: 'change', fields: ['phone'], pendingSubmission: true }),
    ]);

    await run(csvRows(file), false);
    const [after] = await testExecutor().read<{ version: number; phone: string; city: string }>(
      'test.after',
      'MATCH (c:Company {slug: $slug}) RETURN c.version AS version, c.phone AS phone, c.city AS city',
      { slug },
    );
    expect(after).toEqual({ version: (published?.version ?? 1) + 1, phone: '+45 11 22 33 44', city: 'København' });
    const [event] = await testExecutor().read<{ details: string; actorKind: string }>(
      'test.audit',
      `MATCH (e:AuditEvent {action: 'import', company: $slug}) RETURN e.details AS details, e.actorKind AS actorKind`,
      { slug },
    );
    const details = JSON.parse(event?.details ?? '{}');
    expect(event?.actorKind).toBe('staff');
    expect(details).toMatchObject({ op: 'change', fields: ['phone'] });
    expect(details.before.phone).toBe('+45 00 00 00 00');
    expect(details.after.phone).toBe('+45 11 22 33 44');

    await expect(submitDraft(store, world.viewers.vendorA, draft.id)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await run(csvRows(file), false)).summary.unchanged).toBe(1);
  });

  it('lets only reviewers and admins import; the command line imports as the operator', async () => {
    for (const who of ['vendorA', 'anonymous', 'analyst'] as const) {
      await expect(run(exampleCsv(), true, world.viewers[who])).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await run(exampleCsv(), true, world.viewers.admin)).summary.refused).toBe(0);
    const file = [`type,cvr,city\n`, `company,${world.companyB.cvr},Vejle\n`];
    await run(csvRows(file), false, OPERATOR);
    const [event] = await testExecutor().read<{ actorKind: string; actorId: string | null; source: string }>(
      'test.operator',
      `MATCH (e:AuditEvent {action: 'import', company: $slug}), (c:Company {slug: $slug})
       RETURN e.actorKind AS actorKind, e.actorId AS actorId, c.source AS source`,
      { slug: world.companyB.slug },
    );
    expect(event).toEqual({ actorKind: 'system', actorId: null, source: 'import' });
    await operatorWrite(
      'test.import.auditCleanup',
      `MATCH (e:AuditEvent {action: 'import', company: $slug}) DELETE e`,
      {
        slug: world.companyB.slug,
      },
    );
  });

  it('imports through GraphQL: a dry run writes nothing, the real run writes, a vendor is refused, an unreadable file is a validation error', async () => {
    const api = await testApi();
    const { slug, cvr } = world.companyB;
    const IMPORT = `mutation M($format: ImportFormat!, $content: String!, $dryRun: Boolean!) {
      importListings(format: $format, content: $content, dryRun: $dryRun) {
        __typename
        ... on ImportReport { dryRun rows create change unchanged refused
          report { row kind cvr slug outcome fields pendingSubmission issues { path code message } } }
        ... on ValidationError { code issues { path code } }
      }
    }`;
    const content = `type,cvr,phone\ncompany,${cvr},+45 22 33 44 55\ncompany,12345678,+45 22 33 44 55\n`;
    const fingerprint = await listingFingerprint(testExecutor(), slug);
    const dry = await api.query(IMPORT, { format: 'csv', content, dryRun: true }, world.viewers.reviewer);
    expect(dry.errors).toBeUndefined();
    expect(dry.data?.importListings).toMatchObject({
      __typename: 'ImportReport',
      dryRun: true,
      rows: 2,
      change: 1,
      refused: 1,
      report: [
        { row: 2, kind: 'company', cvr, slug, outcome: 'change', fields: ['phone'], issues: [] },
        {
          row: 3,
          kind: 'company',
          cvr: '12345678',
          outcome: 'refused',
          fields: [],
          // A new company: the bad CVR number, and every required field the file leaves out.
          issues: expect.arrayContaining([expect.objectContaining({ path: 'cvr', code: 'invalid_cvr' })]),
        },
      ],
    });
    expect(await listingFingerprint(testExecutor(), slug)).toBe(fingerprint);

    const real = await api.query(IMPORT, { format: 'csv', content, dryRun: false }, world.viewers.admin);
    expect(real.data?.importListings).toMatchObject({ dryRun: false, change: 1, refused: 1 });
    const [after] = await testExecutor().read<{ phone: string }>(
      'test.graphqlImport',
      'MATCH (c:Company {slug: $slug}) RETURN c.phone AS phone',
      { slug },
    );
    expect(after?.phone).toBe('+45 22 33 44 55');

    const vendor = await api.query(IMPORT, { format: 'csv', content, dryRun: true }, world.viewers.vendorB);
    expect(vendor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(vendor.data?.importListings ?? null).toBeNull();

    const unreadable = await api.query(
      IMPORT,
      { format: 'json', content: 'not json', dryRun: false },
      world.viewers.reviewer,
    );
    expect(unreadable.data?.importListings).toEqual({
      __typename: 'ValidationError',
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'file', code: 'invalid_json' }],
    });
    await operatorWrite(
      'test.import.graphqlAuditCleanup',
      `MATCH (e:AuditEvent {action: 'import', company: $slug}) DELETE e`,
      {
        slug,
      },
    );
  });
});
