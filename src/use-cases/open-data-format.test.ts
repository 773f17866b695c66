import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpenDataCompany } from '../../graph/open-data';
import { msUntilNightlyExport, readOpenDataManifest, writeOpenData } from './open-data';
import {
  COMPANY_COLUMNS,
  companiesCsv,
  csvCell,
  dcatDescription,
  directoryJson,
  ecccAtlas,
  jsonList,
  LICENCE,
  OPEN_DATA_FILES,
  PRODUCT_COLUMNS,
  productsCsv,
} from './open-data-format';

const PUBLIC_URL = 'https://cyberkort.example';
const AT = '2026-12-02T01:00:00.000Z';

const company = (overrides: Partial<OpenDataCompany> = {}): OpenDataCompany => ({
  slug: 'sikker-aps',
  cvr: '12345674',
  name: 'Sikker, "Hurtig" ApS',
  legalForm: 'ApS',
  description: { da: 'Linje 1\nLinje 2', en: 'Line 1' },
  address: 'Vej 1',
  postcode: '8000',
  city: 'Aarhus',
  municipality: { code: '751', name: 'Aarhus' },
  region: { code: '1082', name: 'Region Midtjylland', nameEn: 'Central Denmark Region' },
  website: 'https://sikker.example',
  email: 'kontakt@sikker.example',
  phone: '+45 12 34 56 78',
  founded: 2019,
  employees: 12,
  sizeBand: 'small',
  languages: ['da', 'en'],
  customerSizeBands: ['micro', 'small'],
  sample: true,
  source: 'sample',
  updatedAt: '2026-11-01T10:00:00Z',
  confirmedAt: null,
  regionsServed: ['1082', '1083'],
  sectors: [{ code: 'SEC-HEALTH', name: { da: 'Sundhed', en: 'Health' } }],
  competences: [{ code: 'ECSF-PENTESTER', name: { da: 'Pentester', en: 'Penetration Tester' }, headcount: 3 }],
  certifications: [],
  products: [
    {
      slug: 'sikker-pentest',
      name: '=Pentest',
      kind: 'service',
      description: { da: 'Test', en: 'Test' },
      pricingModel: 'fixed',
      priceFromDkk: 9900,
      delivery: ['remote', 'onsite'],
      languages: ['da'],
      smeFit: true,
      source: 'sample',
      updatedAt: null,
      needs: ['pentest', 'sikker-hjemmeside'],
      categories: [
        {
          code: 'SVC-PENTEST',
          name: { da: 'Penetrationstest', en: 'Penetration testing' },
          domains: [{ code: 'JRC-SME', name: { da: 'Målinger', en: 'Security Measurements' } }],
        },
        {
          code: 'SVC-INCIDENT-RESPONSE',
          name: { da: 'Akut', en: 'Incident response' },
          domains: [
            { code: 'JRC-OIH', name: { da: 'OIH', en: 'Operational Incident Handling and Digital Forensics' } },
          ],
        },
      ],
      csfCategories: ['ID.RA'],
      regulations: ['NIS2'],
    },
  ],
  ...overrides,
});

describe('open-data CSV', () => {
  it('quotes, doubles quotes and guards formulas but keeps phone numbers', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+45 12 34 56 78')).toBe('+45 12 34 56 78');
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('parses back to the same cells, lists joined with ;', () => {
    const companies = parse(companiesCsv([company()], PUBLIC_URL), { columns: true }) as Record<string, string>[];
    expect(Object.keys(companies[0] ?? {})).toEqual([...COMPANY_COLUMNS]);
    expect(companies[0]).toMatchObject({
      name: 'Sikker, "Hurtig" ApS',
      description_da: 'Linje 1\nLinje 2',
      regions_served: '1082;1083',
      products: 'sikker-pentest',
      sample: 'true',
      url: `${PUBLIC_URL}/virksomhed/sikker-aps`,
      licence: LICENCE.url,
    });
    const products = parse(productsCsv([company()], PUBLIC_URL), { columns: true }) as Record<string, string>[];
    expect(Object.keys(products[0] ?? {})).toEqual([...PRODUCT_COLUMNS]);
    expect(products[0]).toMatchObject({
      name: "'=Pentest",
      company_slug: 'sikker-aps',
      delivery: 'remote;onsite',
      needs: 'pentest;sikker-hjemmeside',
      jrc_domains: 'JRC-SME;JRC-OIH',
      sample: 'true',
    });
  });
});

describe('directory JSON', () => {
  it('names its licence and DCAT description and keeps the sample marking', () => {
    const json = directoryJson([company()], PUBLIC_URL, AT);
    expect(json.licence.url).toBe(LICENCE.url);
    expect(json.datasetDescription).toBe(`${PUBLIC_URL}/aaben-data/dcat.jsonld`);
    expect(json).toMatchObject({ generatedAt: AT, companyCount: 1, productCount: 1 });
    expect(json.companies[0]).toMatchObject({
      sample: true,
      source: 'sample',
      url: `${PUBLIC_URL}/virksomhed/sikker-aps`,
    });
    expect(json.companies[0]?.products[0]?.url).toBe(`${PUBLIC_URL}/produkt/sikker-pentest`);
  });
});

describe('ECCC Atlas export', () => {
  it('maps categories to JRC domains, sectors by JRC name, and derives the fields of expertise', () => {
    const [organisation] = ecccAtlas([company()], PUBLIC_URL, AT).organisations;
    expect(organisation).toMatchObject({
      name: 'Sikker, "Hurtig" ApS',
      country: 'Denmark',
      city: 'Aarhus',
      website: 'https://sikker.example',
      organisationType: 'Private company',
      organisationSize: 'SME',
      jrcDomains: ['Operational Incident Handling and Digital Forensics', 'Security Measurements'],
      sectors: ['Health'],
      technologies: ['Incident response', 'Penetration testing'],
      fieldsOfExpertise: ['Information security or incident response operations'],
      contactEmail: 'kontakt@sikker.example',
      nationalId: { scheme: 'DK-CVR', value: '12345674' },
      sample: true,
    });
    const large = ecccAtlas([company({ sizeBand: 'large', products: [] })], PUBLIC_URL, AT).organisations[0];
    expect(large).toMatchObject({ organisationSize: 'Large enterprise', jrcDomains: [], fieldsOfExpertise: [] });
  });
});

describe('DCAT-AP description', () => {
  const files = [
    { name: OPEN_DATA_FILES.directory, bytes: 1200 },
    { name: OPEN_DATA_FILES.companiesCsv, bytes: 300 },
    { name: OPEN_DATA_FILES.productsCsv, bytes: 400 },
    { name: OPEN_DATA_FILES.eccc, bytes: 500 },
  ];
  const dcat = dcatDescription({ publicUrl: PUBLIC_URL, generatedAt: AT, files });

  it('is a dcat:Dataset with the DCAT-AP mandatory and recommended properties', () => {
    expect(dcat['@context']).toMatchObject({ dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/' });
    expect(dcat['@type']).toBe('dcat:Dataset');
    for (const property of ['dct:title', 'dct:description'] as const) {
      const languages = dcat[property].map((text) => text['@language']).sort();
      expect(languages).toEqual(['da', 'en']);
      for (const text of dcat[property]) expect(text['@value'].length).toBeGreaterThan(10);
    }
    expect(JSON.stringify(dcat['dct:publisher']['foaf:name'])).toContain('NCC-DK');
    expect(dcat['dct:license']['@id']).toBe('http://publications.europa.eu/resource/authority/licence/CC_BY_4_0');
    expect(dcat['dct:modified']).toEqual({ '@value': AT, '@type': 'xsd:dateTime' });
    expect(dcat['dct:spatial']['@id']).toBe('http://publications.europa.eu/resource/authority/country/DNK');
    expect(dcat['dcat:theme'].length).toBeGreaterThan(0);
    for (const theme of dcat['dcat:theme']) {
      expect(theme['@id']).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/data-theme\/[A-Z]{4}$/);
    }
    expect(dcat['dcat:landingPage']['@id']).toBe(`${PUBLIC_URL}/aaben-data`);
  });

  it('has one distribution per data file with download URL, format, media type, licence and size', () => {
    const distributions = dcat['dcat:distribution'];
    expect(distributions.map((d) => d['dcat:downloadURL']['@id']).sort()).toEqual(
      files.map((file) => `${PUBLIC_URL}/aaben-data/${file.name}`).sort(),
    );
    for (const distribution of distributions) {
      expect(distribution['@type']).toBe('dcat:Distribution');
      expect(distribution['dct:format']['@id']).toMatch(/\/authority\/file-type\/(JSON|CSV)$/);
      expect(distribution['dcat:mediaType']['@id']).toMatch(/\/media-types\/(application\/json|text\/csv)$/);
      expect(distribution['dct:license']['@id']).toContain('CC_BY_4_0');
      expect(distribution['dct:modified']['@value']).toBe(AT);
      expect(distribution['dct:title']).toHaveLength(2);
    }
    const csv = distributions.find((d) => d['dcat:downloadURL']['@id'].endsWith(OPEN_DATA_FILES.companiesCsv));
    expect(csv?.['dcat:byteSize']).toEqual({ '@value': '300', '@type': 'xsd:nonNegativeInteger' });
  });
});

describe('the export written a page at a time', () => {
  it('writes a list between its head and end as JSON.stringify(…, null, 1) does', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 }),
        fc.string(),
        fc.array(fc.jsonValue()),
        (head, key, items) => {
          // Index-like keys ("0") go first in any JS object; a file's head and list never have them.
          const indexLike = (name: string) => /^(0|[1-9]\d*)$/.test(name);
          fc.pre(!Object.hasOwn(head, key) && !indexLike(key) && !Object.keys(head).some(indexLike));
          const empty = items.length === 0;
          const pieces =
            jsonList.before(head, key, empty) + items.map(jsonList.item).join(',\n') + jsonList.after(empty);
          expect(pieces).toBe(`${JSON.stringify({ ...head, [key]: items }, null, 1)}\n`);
        },
      ),
    );
    expect(() => jsonList.before({}, 'items', true)).toThrow();
  });

  it('writes the same files from pages of any size as from the whole directory at once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cyberkort-open-data-unit-'));
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.nat(3), { maxLength: 9 }),
          fc.integer({ min: 1, max: 4 }),
          async (productCounts, pageSize) => {
            const base = company().products[0];
            const companies = productCounts.map((count, i) =>
              company({
                slug: `firma-${String(i).padStart(2, '0')}`,
                sizeBand: i % 2 ? 'large' : 'small',
                products: Array.from({ length: count }, (_, j) => ({
                  ...(base as OpenDataCompany['products'][number]),
                  slug: `firma-${i}-ydelse-${j}`,
                  kind: j % 2 ? 'product' : 'service',
                })),
              }),
            );
            async function* pages() {
              for (let at = 0; at < companies.length; at += pageSize) yield companies.slice(at, at + pageSize);
            }
            const out = path.join(dir, `${productCounts.length}-${pageSize}-${Math.random().toString(36).slice(2)}`);
            const manifest = await writeOpenData({
              pages: pages(),
              dir: out,
              publicUrl: PUBLIC_URL,
              now: new Date(AT),
            });
            const read = (name: string) => readFile(path.join(out, 'current', name), 'utf8');
            expect(await read(OPEN_DATA_FILES.directory)).toBe(
              `${JSON.stringify(directoryJson(companies, PUBLIC_URL, AT), null, 1)}\n`,
            );
            expect(await read(OPEN_DATA_FILES.eccc)).toBe(
              `${JSON.stringify(ecccAtlas(companies, PUBLIC_URL, AT), null, 1)}\n`,
            );
            expect(await read(OPEN_DATA_FILES.companiesCsv)).toBe(companiesCsv(companies, PUBLIC_URL));
            expect(await read(OPEN_DATA_FILES.productsCsv)).toBe(productsCsv(companies, PUBLIC_URL));
            expect(manifest).toMatchObject({
              companies: companies.length,
              products: productCounts.reduce((sum, count) => sum + count, 0),
            });
            expect(await readOpenDataManifest(out)).toEqual(manifest);
            for (const file of manifest.files) {
              expect(file.bytes, file.name).toBe(Buffer.byteLength(await read(file.name)));
            }
            // Nothing is left beside the published files: no part files, no temporary folder.
            const version = (await readdir(out)).filter((name) => name !== 'current');
            expect(version).toHaveLength(1);
            expect((await readdir(path.join(out, version[0] ?? ''))).sort()).toEqual(
              [...Object.values(OPEN_DATA_FILES), 'manifest.json'].sort(),
            );
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('publishes nothing and leaves nothing behind when reading fails part-way', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cyberkort-open-data-unit-'));
    try {
      async function* failing() {
        yield [company()];
        throw new Error('graph unavailable');
      }
      await expect(writeOpenData({ pages: failing(), dir, publicUrl: PUBLIC_URL })).rejects.toThrow(
        'graph unavailable',
      );
      expect(await readdir(dir)).toEqual([]);
      expect(await readOpenDataManifest(dir)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('nightly schedule', () => {
  it('waits until the next 01:00 UTC, never zero', () => {
    expect(msUntilNightlyExport(new Date('2026-12-02T00:30:00Z'))).toBe(30 * 60_000);
    expect(msUntilNightlyExport(new Date('2026-12-02T01:00:00Z'))).toBe(24 * 60 * 60_000);
    expect(msUntilNightlyExport(new Date('2026-12-31T23:00:00Z'))).toBe(2 * 60 * 60_000);
  });
});
