import { lstat, mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProductRows } from '../../graph/loaders/ecosystem';
import type { ProductRow } from '../../graph/model';
import { GraphWriter } from '../../graph/write';
import { exportOpenData, readOpenDataFile, readOpenDataManifest } from '../../src/use-cases/open-data';
import { LICENCE, OPEN_DATA_FILES } from '../../src/use-cases/open-data-format';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';

/**
 * The open-data export on the suite graph: a company of this test's own world with an active and
 * a retired product, provenance pointing at its vendor's User, and the export's files read back.
 * Assertions look only at this world's rows (other files change the graph at the same time).
 */

const PUBLIC_URL = 'https://cyberkort.example';
let world: TestWorld;
let dir: string;
let vendorId: string;
let files: Record<string, string>;

const product = (slug: string, status: 'active' | 'retired'): ProductRow => ({
  slug,
  companySlug: world.companyA.slug,
  name: `Åben ydelse ${slug}`,
  kind: 'service',
  description: { da: 'Vi tester, om jeres hjemmeside kan hackes.', en: 'We test whether your website can be hacked.' },
  pricingModel: 'fixed',
  priceFromDkk: 7_500,
  delivery: ['remote', 'onsite'],
  languages: ['da', 'en'],
  smeFit: true,
  status,
  needSlugs: [world.codes.need],
  categoryCodes: [world.codes.category],
  csfCategoryCodes: [world.codes.csfCategory],
  regulationCodes: [world.codes.regulation],
});

beforeAll(async () => {
  const executor = testExecutor();
  world = await createTestWorld(executor, 'open-data');
  await new GraphWriter(executor).change('test.openDataProducts', (tx) =>
    writeProductRows(tx, [product(`${world.prefix}-active`, 'active'), product(`${world.prefix}-retired`, 'retired')]),
  );
  // As after a vendor's approved submission: the company and its certificate name the vendor's User id.
  const [vendor] = await executor.read<{ id: string }>(
    'test.vendorId',
    `MATCH (u:User {issuer: 'test', subject: $subject}) RETURN u.id AS id`,
    { subject: `${world.prefix}-vendorA` },
  );
  vendorId = vendor?.id ?? '';
  expect(vendorId).not.toBe('');
  await operatorWrite(
    'test.openDataProvenance',
    `MATCH (c:Company {slug: $slug})
     SET c.submittedBy = $user, c.approvedBy = $user, c.source = 'vendor'
     WITH c MATCH (c)-[h:HOLDS]->() SET h.verifiedByUser = $user, h.verifiedBy = 'NCC-DK', h.verifiedAt = date()`,
    { slug: world.companyA.slug, user: vendorId },
  );
  dir = await mkdtemp(path.join(tmpdir(), 'cyberkort-open-data-'));
  // Small pages, so the export follows on from page to page over the suite graph's 300-odd companies.
  await exportOpenData({ executor, dir, publicUrl: PUBLIC_URL, pageSize: 40 });
  files = {};
  for (const name of Object.values(OPEN_DATA_FILES)) {
    const file = await readOpenDataFile(dir, name);
    files[name] = file?.body.toString('utf8') ?? '';
  }
});

afterAll(async () => {
  await world?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
  await closeTestExecutor();
});

interface JsonCompany {
  slug: string;
  cvr: string;
  name: string;
  email: string;
  phone: string;
  website: string;
  sample: boolean;
  source: string | null;
  url: string;
  products: Array<{ slug: string; needs: string[]; url: string }>;
}

describe('open-data export', () => {
  it('holds the published company with its public contact fields and only its active products', () => {
    const json = JSON.parse(files[OPEN_DATA_FILES.directory] ?? '') as {
      licence: { url: string };
      companies: JsonCompany[];
    };
    expect(json.licence.url).toBe(LICENCE.url);
    // Every company once, in slug order, as many as the file says, across the pages it was read in.
    const slugs = json.companies.map((c) => c.slug);
    expect(slugs.length).toBeGreaterThan(200);
    expect(slugs.every((slug, i) => i === 0 || (slugs[i - 1] as string) < slug)).toBe(true);
    expect((json as unknown as { companyCount: number }).companyCount).toBe(slugs.length);
    const company = json.companies.find((c) => c.slug === world.companyA.slug);
    expect(company).toMatchObject({
      cvr: world.companyA.cvr,
      name: `Testfirma a ${world.prefix}`,
      email: 'kontakt@testfirma.example',
      phone: '+45 00 00 00 00',
      website: 'https://testfirma.example',
      sample: false,
      source: 'vendor',
      url: `${PUBLIC_URL}/virksomhed/${world.companyA.slug}`,
    });
    expect(company?.products.map((p) => p.slug)).toEqual([`${world.prefix}-active`]);
    expect(company?.products[0]?.needs).toEqual([world.codes.need]);
    // The fictional sample keeps its marking.
    const sample = json.companies.find((c) => c.source === 'sample');
    if (sample) expect(sample.sample).toBe(true);
  });

  it('carries no personal data: no User name, e-mail or id, no provenance of people', () => {
    for (const [name, body] of Object.entries(files)) {
      expect(body.length, name).toBeGreaterThan(0);
      expect(body, name).not.toContain(vendorId);
      expect(body, name).not.toContain('vendorA@test.example');
      expect(body, name).not.toContain('Test vendorA');
      for (const key of ['submittedBy', 'approvedBy', 'verifiedByUser', 'sessionId', 'idHash']) {
        expect(body, `${name} ${key}`).not.toContain(key);
      }
    }
  });

  it('writes CSV files that parse back, lists joined with ;', () => {
    const companies = parse(files[OPEN_DATA_FILES.companiesCsv] ?? '', { columns: true }) as Record<string, string>[];
    const row = companies.find((c) => c.slug === world.companyA.slug);
    expect(row).toMatchObject({
      cvr: world.companyA.cvr,
      email: 'kontakt@testfirma.example',
      phone: '+45 00 00 00 00',
      languages: 'da;en',
      products: `${world.prefix}-active`,
      sample: 'false',
      licence: LICENCE.url,
    });
    const products = parse(files[OPEN_DATA_FILES.productsCsv] ?? '', { columns: true }) as Record<string, string>[];
    const ours = products.filter((p) => p.company_slug === world.companyA.slug);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({
      slug: `${world.prefix}-active`,
      delivery: 'remote;onsite',
      categories: world.codes.category,
      sme_fit: 'true',
    });
    expect(ours[0]?.jrc_domains).toMatch(/^JRC-[A-Z]{3}$/);
  });

  it('exports the company to the ECCC Atlas shape with its JRC domain and contact e-mail', () => {
    const eccc = JSON.parse(files[OPEN_DATA_FILES.eccc] ?? '') as {
      fieldMapping: unknown[];
      organisations: Array<Record<string, unknown>>;
    };
    expect(eccc.fieldMapping.length).toBeGreaterThan(5);
    const organisation = eccc.organisations.find(
      (o) => o.nationalId && JSON.stringify(o.nationalId).includes(world.companyA.cvr),
    );
    expect(organisation).toMatchObject({
      country: 'Denmark',
      city: 'København',
      contactEmail: 'kontakt@testfirma.example',
      organisationType: 'Private company',
      organisationSize: 'SME',
    });
    expect(organisation?.jrcDomains).toHaveLength(1);
  });

  it('describes every data file in DCAT-AP and lists every file in the manifest', async () => {
    const dcat = JSON.parse(files[OPEN_DATA_FILES.dcat] ?? '') as {
      '@type': string;
      'dcat:distribution': Array<{ 'dcat:downloadURL': { '@id': string }; 'dcat:byteSize': { '@value': string } }>;
    };
    expect(dcat['@type']).toBe('dcat:Dataset');
    const urls = dcat['dcat:distribution'].map((d) => d['dcat:downloadURL']['@id']).sort();
    const dataFiles = Object.values(OPEN_DATA_FILES).filter((name) => name !== OPEN_DATA_FILES.dcat);
    expect(urls).toEqual(dataFiles.map((name) => `${PUBLIC_URL}/aaben-data/${name}`).sort());
    for (const distribution of dcat['dcat:distribution']) {
      const name = distribution['dcat:downloadURL']['@id'].split('/').pop() ?? '';
      expect(Number(distribution['dcat:byteSize']['@value'])).toBe(Buffer.byteLength(files[name] ?? '', 'utf8'));
    }
    const manifest = await readOpenDataManifest(dir);
    expect(manifest?.files.map((file) => file.name).sort()).toEqual(Object.values(OPEN_DATA_FILES).sort());
  });

  it('replaces the export at once: the current link moves to a new complete folder', async () => {
    const before = await readlink(path.join(dir, 'current'));
    const manifest = await exportOpenData({ executor: testExecutor(), dir, publicUrl: PUBLIC_URL });
    const after = await readlink(path.join(dir, 'current'));
    expect(after).not.toBe(before);
    expect((await lstat(path.join(dir, 'current'))).isSymbolicLink()).toBe(true);
    expect((await readOpenDataManifest(dir))?.generatedAt).toBe(manifest.generatedAt);
    const json = await readFile(path.join(dir, 'current', OPEN_DATA_FILES.directory), 'utf8');
    expect(JSON.parse(json).generatedAt).toBe(manifest.generatedAt);
  });

  it('has nothing to read before the first export, and refuses names that are not its files', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'cyberkort-open-data-empty-'));
    try {
      expect(await readOpenDataManifest(empty)).toBeNull();
      expect(await readOpenDataFile(empty, OPEN_DATA_FILES.directory)).toBeNull();
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    expect(await readOpenDataFile(dir, 'manifest.json')).toBeNull();
    expect(await readOpenDataFile(dir, '../current/cyberkort.json')).toBeNull();
  });
});
