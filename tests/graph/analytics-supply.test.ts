import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csfCoverage,
  needConcentration,
  nis2Coverage,
  roleScarcity,
  roleScarcityByRegion,
  type SupplyCounts,
  supplyByNeed,
  supplyByNeedAndMunicipality,
  supplyByNeedAndRegion,
  supplyByNeedAndSector,
  thinlyServedNeeds,
} from '../../graph/analytics/supply';
import { writeCompanyRows, writeProductRows } from '../../graph/loaders/ecosystem';
import { GraphWriter } from '../../graph/write';
import { readSupplyAnalytics } from '../../src/use-cases/analytics-supply';
import { analyticsWorld } from '../support/analytics-world';
import { closeTestExecutor, operatorWrite, testExecutor, uniquePrefix } from '../support/graph';
import { removeCompanies } from '../support/listings';

/**
 * A hand-built world of seven companies in two sectors of this file's own, so that filtering by
 * those sectors sees only these companies whatever else the suite graph (the sample, other test
 * files running at the same time) holds. Every expected figure below is worked out from it by hand.
 *
 *   company  located in (region)     serves       languages  certifications                 sectors  competences (role R, finer skill F of R)
 *   A        101 København (1084)    1084         da         verified, valid                S, S2    R 4, F 6
 *   B        147 Frederiksberg (1084) —           en         verified but expired           S        F 3
 *   C        259 Køge (1085)         1084, 1085   en         valid unverified; valid stale  S        R 2
 *   D        101 København (1084)    1085         da         —                              S        —
 *   E        259 Køge (1085)         —            en         —                              S        R 10 (no products)
 *   F        751 Aarhus (1082)       —            en         —                              S        —
 *   G        101 København (1084)    1084         da         —                              S        —
 *
 *   product  company  needs    smeFit  languages  CSF      status
 *   A1       A        N1       yes     en         c1       active
 *   A2       A        N1, N2   no      en         c1, c2   active
 *   A3       A        N1, N3   yes     da         c1       retired (never counts)
 *   B1       B        N1       no      da         —        active
 *   C1       C        N1       yes     en         —        active
 *   C2       C        N2       no      en         c2       active
 *   C3       C        N1       no      en         —        active
 *   D1       D        N3       yes     da         —        active
 *   F1–F3    F        N2       no      en         —        active
 *   G1       G        N2       yes     da         —        active
 */

const executor = testExecutor();
const prefix = uniquePrefix('analytics-supply');
const S = `${prefix}-sector`;
const S2 = `${prefix}-sector-2`;
const { held, company, product } = analyticsWorld(prefix);
let N1: string;
let N2: string;
let N3: string;
let R: string;
let F: string;
let c1: string;
let c2: string;
let certA: string;
let certB: string;
let allNeeds: string[];
let measuresByNeed: Map<string, string[]>;

const isoDay = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

const writer = new GraphWriter(executor);

beforeAll(async () => {
  const [codes] = await executor.read<{
    needs: string[];
    role: string;
    skill: string;
    csf: string[];
    certs: string[];
  }>(
    'test.analyticsSupply.codes',
    `RETURN COLLECT { MATCH (n:Need) RETURN n.slug ORDER BY n.slug } AS needs,
            head(COLLECT { MATCH (f:Skill {kind: 'skill'})-[:PART_OF]->(r:Skill {kind: 'role'})
                           RETURN [r.code, f.code] ORDER BY f.code })[0] AS role,
            head(COLLECT { MATCH (f:Skill {kind: 'skill'})-[:PART_OF]->(r:Skill {kind: 'role'})
                           RETURN f.code ORDER BY f.code }) AS skill,
            COLLECT { MATCH (x:CsfCategory) RETURN x.code ORDER BY x.code }[0..2] AS csf,
            COLLECT { MATCH (x:Certification) RETURN x.code ORDER BY x.code }[0..2] AS certs`,
  );
  if (!codes) throw new Error('the suite graph lacks taxonomy codes');
  allNeeds = codes.needs;
  [N1, N2, N3] = codes.needs as [string, string, string];
  R = codes.role;
  F = codes.skill;
  [c1, c2] = codes.csf as [string, string];
  [certA, certB] = codes.certs as [string, string];
  const links = await executor.read<{ need: string; measures: string[] }>(
    'test.analyticsSupply.measures',
    'MATCH (n:Need) RETURN n.slug AS need, [(n)-[:SUPPORTS_MEASURE]->(x:Nis2Measure) | x.code] AS measures',
  );
  measuresByNeed = new Map(links.map((row) => [row.need, row.measures]));

  // The sectors are this file's own: `key` starting with 't-' marks them as test data for the
  // content fingerprint of tests/graph/generated-operations.test.ts.
  await operatorWrite(
    'test.analyticsSupply.sectors',
    `UNWIND $codes AS code CREATE (:Sector {code: code, key: code, nameDa: code, nameEn: code})`,
    { codes: [S, S2] },
  );

  const fresh = isoDay(10);
  const companies = [
    company('a', {
      municipalityCode: '101',
      regionsServed: ['1084'],
      languages: ['da'],
      sectorCodes: [S, S2],
      certifications: [held(certA, '2099-01-01', fresh)],
      competences: [
        { skillCode: R, headcount: 4 },
        { skillCode: F, headcount: 6 },
      ],
    }),
    company('b', {
      municipalityCode: '147',
      regionsServed: [],
      languages: ['en'],
      sectorCodes: [S],
      certifications: [held(certA, '2020-01-01', fresh)],
      competences: [{ skillCode: F, headcount: 3 }],
    }),
    company('c', {
      municipalityCode: '259',
      regionsServed: ['1084', '1085'],
      languages: ['en'],
      sectorCodes: [S],
      certifications: [held(certA, '2099-01-01', null), held(certB, null, isoDay(800))],
      competences: [{ skillCode: R, headcount: 2 }],
    }),
    company('d', { municipalityCode: '101', regionsServed: ['1085'], languages: ['da'], sectorCodes: [S] }),
    company('e', {
      municipalityCode: '259',
      regionsServed: [],
      languages: ['en'],
      sectorCodes: [S],
      competences: [{ skillCode: R, headcount: 10 }],
    }),
    company('f', { municipalityCode: '751', regionsServed: [], languages: ['en'], sectorCodes: [S] }),
    company('g', { municipalityCode: '101', regionsServed: ['1084'], languages: ['da'], sectorCodes: [S] }),
  ];
  const products = [
    product('a1', 'a', { needSlugs: [N1], smeFit: true, languages: ['en'], csfCategoryCodes: [c1] }),
    product('a2', 'a', { needSlugs: [N1, N2], smeFit: false, languages: ['en'], csfCategoryCodes: [c1, c2] }),
    product('a3', 'a', {
      needSlugs: [N1, N3],
      smeFit: true,
      languages: ['da'],
      csfCategoryCodes: [c1],
      status: 'retired',
    }),
    product('b1', 'b', { needSlugs: [N1], smeFit: false, languages: ['da'] }),
    product('c1', 'c', { needSlugs: [N1], smeFit: true, languages: ['en'] }),
    product('c2', 'c', { needSlugs: [N2], smeFit: false, languages: ['en'], csfCategoryCodes: [c2] }),
    product('c3', 'c', { needSlugs: [N1], smeFit: false, languages: ['en'] }),
    product('d1', 'd', { needSlugs: [N3], smeFit: true, languages: ['da'] }),
    product('f1', 'f', { needSlugs: [N2], smeFit: false, languages: ['en'] }),
    product('f2', 'f', { needSlugs: [N2], smeFit: false, languages: ['en'] }),
    product('f3', 'f', { needSlugs: [N2], smeFit: false, languages: ['en'] }),
    product('g1', 'g', { needSlugs: [N2], smeFit: true, languages: ['da'] }),
  ];
  await writer.change('test.analyticsSupply.companies', (tx) => writeCompanyRows(tx, companies));
  await writer.change('test.analyticsSupply.products', (tx) => writeProductRows(tx, products));
});

afterAll(async () => {
  await removeCompanies(writer, 'test.analyticsSupply.cleanup', prefix);
  await operatorWrite(
    'test.analyticsSupply.cleanupSectors',
    'MATCH (s:Sector) WHERE s.code IN $codes DETACH DELETE s',
    {
      codes: [S, S2],
    },
  );
  await closeTestExecutor();
});

const counts = (
  providers: number,
  products: number,
  smeFriendlyProviders: number,
  danishSpeakingProviders: number,
  verifiedCertifiedProviders: number,
  onSiteProviders: number | null,
): SupplyCounts => ({
  providers,
  products,
  smeFriendlyProviders,
  danishSpeakingProviders,
  verifiedCertifiedProviders,
  onSiteProviders,
});
const ZERO = (onSite: number | null) => counts(0, 0, 0, 0, 0, onSite);

function pick<T extends object, K extends keyof T>(rows: readonly T[], where: Pick<T, K>): Omit<T, K> {
  const found = rows.filter((row) =>
    Object.entries(where).every(([key, value]) => (row as Record<string, unknown>)[key] === value),
  );
  expect(found, JSON.stringify(where)).toHaveLength(1);
  const row = { ...(found[0] as T) } as Record<string, unknown>;
  for (const key of Object.keys(where)) delete row[key];
  return row as Omit<T, K>;
}

describe('supply per need', () => {
  it('counts providers, products and the SME-friendly, Danish-speaking, verified ones in a sector', async () => {
    const rows = await supplyByNeed(executor, { sector: S });
    expect(rows.map((row) => row.need)).toEqual(allNeeds);
    // N1: A (A1, A2; A3 is retired), B (B1), C (C1, C3). SME: A (A1), C (C1). Danish: A (company),
    // B (its product B1). Verified: only A (B's has expired, C's are unverified and stale).
    expect(pick(rows, { need: N1 })).toEqual(counts(3, 5, 2, 2, 1, null));
    // N2: A (A2), C (C2), F (F1-F3), G (G1). SME: G. Danish: A, G. Verified: A.
    expect(pick(rows, { need: N2 })).toEqual(counts(4, 6, 1, 2, 1, null));
    // N3: only D (D1); A3 is retired.
    expect(pick(rows, { need: N3 })).toEqual(counts(1, 1, 1, 1, 0, null));
    // Every other need has no provider in this sector.
    for (const row of rows.filter((row) => ![N1, N2, N3].includes(row.need))) {
      expect(row).toEqual({ need: row.need, ...ZERO(null) });
    }
  });

  it('without a sector filter counts the whole directory, this world included', async () => {
    // The suite graph's other companies change while this runs, so only what this world
    // guarantees is checked: at least its own figures, and the parts never exceed the whole.
    const all = await supplyByNeed(executor);
    const n1 = pick(all, { need: N1 });
    expect(n1.onSiteProviders).toBeNull();
    expect(n1.providers).toBeGreaterThanOrEqual(3);
    expect(n1.products).toBeGreaterThanOrEqual(5);
    const zealand = await supplyByNeedAndRegion(executor, { region: '1085' });
    expect(pick(zealand, { need: N3, region: '1085' }).providers).toBeGreaterThanOrEqual(1);
    for (const row of [...all, ...zealand]) {
      expect(row.products).toBeGreaterThanOrEqual(row.providers);
      for (const part of [row.smeFriendlyProviders, row.danishSpeakingProviders, row.verifiedCertifiedProviders]) {
        expect(part).toBeLessThanOrEqual(row.providers);
      }
      expect(row.onSiteProviders ?? 0).toBeLessThanOrEqual(row.providers);
    }
  });

  it('counts a provider in a region when it is on site there or serves it, and tells the two apart', async () => {
    const capital = await supplyByNeed(executor, { sector: S, region: '1084' });
    // N1 in 1084: A and B on site, C serves it.
    expect(pick(capital, { need: N1 })).toEqual(counts(3, 5, 2, 2, 1, 2));
    // N2 in 1084: A and G on site, C serves; F (Aarhus, serves nothing) does not count.
    expect(pick(capital, { need: N2 })).toEqual(counts(3, 3, 1, 2, 1, 2));
    // N3: D is on site in 1084 though it serves only 1085.
    expect(pick(capital, { need: N3 })).toEqual(counts(1, 1, 1, 1, 0, 1));

    const zealand = await supplyByNeed(executor, { sector: S, region: '1085' });
    // N1 in 1085: only C, on site. N2: C on site. N3: D serves 1085 without being there.
    expect(pick(zealand, { need: N1 })).toEqual(counts(1, 2, 1, 0, 0, 1));
    expect(pick(zealand, { need: N2 })).toEqual(counts(1, 1, 0, 0, 0, 1));
    expect(pick(zealand, { need: N3 })).toEqual(counts(1, 1, 1, 1, 0, 0));

    const north = await supplyByNeed(executor, { sector: S, region: '1081' });
    expect(pick(north, { need: N1 })).toEqual(ZERO(0));
  });

  it('has a row per need and region, zeros included', async () => {
    const rows = await supplyByNeedAndRegion(executor, { sector: S });
    expect(rows).toHaveLength(allNeeds.length * 5);
    expect(pick(rows, { need: N1, region: '1084' })).toEqual(counts(3, 5, 2, 2, 1, 2));
    expect(pick(rows, { need: N1, region: '1085' })).toEqual(counts(1, 2, 1, 0, 0, 1));
    expect(pick(rows, { need: N1, region: '1082' })).toEqual(ZERO(0));
    // N2 in 1082: F on site (three products).
    expect(pick(rows, { need: N2, region: '1082' })).toEqual(counts(1, 3, 0, 0, 0, 1));
    expect(pick(rows, { need: N3, region: '1084' })).toEqual(counts(1, 1, 1, 1, 0, 1));
    expect(pick(rows, { need: N3, region: '1085' })).toEqual(counts(1, 1, 1, 1, 0, 0));

    const filtered = await supplyByNeedAndRegion(executor, { sector: S, region: '1085' });
    expect(new Set(filtered.map((row) => row.region))).toEqual(new Set(['1085']));
    expect(pick(filtered, { need: N1, region: '1085' })).toEqual(counts(1, 2, 1, 0, 0, 1));
  });

  it('counts in a municipality the providers located there or serving its region', async () => {
    const rows = await supplyByNeedAndMunicipality(executor, { sector: S });
    expect(rows).toHaveLength(allNeeds.length * 98);
    // N1 in København (101): A and C serve 1084; A is on site.
    expect(pick(rows, { need: N1, municipality: '101' })).toEqual({ region: '1084', ...counts(2, 4, 2, 1, 1, 1) });
    // Frederiksberg (147): A and C serve 1084, and B is on site without serving its own region.
    expect(pick(rows, { need: N1, municipality: '147' })).toEqual({ region: '1084', ...counts(3, 5, 2, 2, 1, 1) });
    // Ballerup (151): only those serving 1084, none on site.
    expect(pick(rows, { need: N1, municipality: '151' })).toEqual({ region: '1084', ...counts(2, 4, 2, 1, 1, 0) });
    // Køge (259): C serves 1085 and is on site; Greve (253): C serves it.
    expect(pick(rows, { need: N1, municipality: '259' })).toEqual({ region: '1085', ...counts(1, 2, 1, 0, 0, 1) });
    expect(pick(rows, { need: N1, municipality: '253' })).toEqual({ region: '1085', ...counts(1, 2, 1, 0, 0, 0) });
    expect(pick(rows, { need: N1, municipality: '851' })).toEqual({ region: '1081', ...ZERO(0) });
    // N3: D is on site in København (serving only 1085), so it counts there and all over 1085.
    expect(pick(rows, { need: N3, municipality: '101' })).toEqual({ region: '1084', ...counts(1, 1, 1, 1, 0, 1) });
    expect(pick(rows, { need: N3, municipality: '147' })).toEqual({ region: '1084', ...ZERO(0) });
    expect(pick(rows, { need: N3, municipality: '253' })).toEqual({ region: '1085', ...counts(1, 1, 1, 1, 0, 0) });
    // N2 in København: A, C, G serve 1084 (A and G on site); Aarhus: F on site.
    expect(pick(rows, { need: N2, municipality: '101' })).toEqual({ region: '1084', ...counts(3, 3, 1, 2, 1, 2) });
    expect(pick(rows, { need: N2, municipality: '751' })).toEqual({ region: '1082', ...counts(1, 3, 0, 0, 0, 1) });

    const zealand = await supplyByNeedAndMunicipality(executor, { sector: S, region: '1085' });
    expect(new Set(zealand.map((row) => row.region))).toEqual(new Set(['1085']));
    expect(pick(zealand, { need: N1, municipality: '259' })).toEqual({ region: '1085', ...counts(1, 2, 1, 0, 0, 1) });
  });

  it('counts a provider in every sector it is experienced in', async () => {
    const rows = await supplyByNeedAndSector(executor);
    expect(pick(rows, { need: N1, sector: S })).toEqual(counts(3, 5, 2, 2, 1, null));
    // Only A is in S2: A1 and A2 address N1.
    expect(pick(rows, { need: N1, sector: S2 })).toEqual(counts(1, 2, 1, 1, 1, null));
    expect(pick(rows, { need: N2, sector: S2 })).toEqual(counts(1, 1, 0, 1, 1, null));
    expect(pick(rows, { need: N3, sector: S2 })).toEqual(ZERO(null));

    const zealand = await supplyByNeedAndSector(executor, { sector: S, region: '1085' });
    expect(new Set(zealand.map((row) => row.sector))).toEqual(new Set([S]));
    expect(pick(zealand, { need: N1, sector: S })).toEqual(counts(1, 2, 1, 0, 0, 1));
    expect(pick(zealand, { need: N3, sector: S })).toEqual(counts(1, 1, 1, 1, 0, 0));
  });
});

describe('scarcity per ECSF role profile', () => {
  it('counts companies with the role or a finer skill of it, and their headcount without double counting', async () => {
    const rows = await roleScarcity(executor, { sector: S });
    // R: A (max of 4 and 6 = 6), B (F: 3), C (2), E (10, no products needed).
    expect(pick(rows, { role: R })).toEqual({ region: null, companies: 4, headcount: 21 });
    for (const row of rows.filter((row) => row.role !== R)) expect(row).toMatchObject({ companies: 0, headcount: 0 });

    const byRegion = await roleScarcityByRegion(executor, { sector: S });
    expect(pick(byRegion, { role: R, region: '1084' })).toEqual({ companies: 2, headcount: 9 });
    expect(pick(byRegion, { role: R, region: '1085' })).toEqual({ companies: 2, headcount: 12 });
    expect(pick(byRegion, { role: R, region: '1082' })).toEqual({ companies: 0, headcount: 0 });
    expect(byRegion).toHaveLength(rows.length * 5);

    // Located in 1085 only: C and E (C's serving 1084 does not move its staff).
    expect(pick(await roleScarcity(executor, { sector: S, region: '1085' }), { role: R })).toEqual({
      region: null,
      companies: 2,
      headcount: 12,
    });
    expect(pick(await roleScarcity(executor, { sector: S2 }), { role: R })).toEqual({
      region: null,
      companies: 1,
      headcount: 6,
    });
  });
});

describe('coverage of NIST CSF 2.0 categories and NIS2 Art. 21(2) measures', () => {
  it('counts active products that cover each CSF category, and their providers', async () => {
    const rows = await csfCoverage(executor, { sector: S });
    expect(rows).toHaveLength(22);
    // c1: A1, A2 (A3 is retired). c2: A2, C2.
    expect(pick(rows, { category: c1 })).toMatchObject({ products: 2, providers: 1 });
    expect(pick(rows, { category: c2 })).toMatchObject({ products: 2, providers: 2 });
    for (const row of rows.filter((row) => row.category !== c1 && row.category !== c2)) {
      expect(row).toMatchObject({ products: 0, providers: 0 });
    }
    // In 1085 only C counts (C2); A is neither there nor serving it.
    const zealand = await csfCoverage(executor, { sector: S, region: '1085' });
    expect(pick(zealand, { category: c1 })).toMatchObject({ products: 0, providers: 0 });
    expect(pick(zealand, { category: c2 })).toMatchObject({ products: 1, providers: 1 });
  });

  it('derives NIS2 measure coverage from the needs products address', async () => {
    const rows = await nis2Coverage(executor, { sector: S });
    expect(rows.map((row) => row.letter)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    // The active products of the world with their needs and company, worked out from the table above.
    const active: Array<[string, string, string[]]> = [
      ['a1', 'a', [N1]],
      ['a2', 'a', [N1, N2]],
      ['b1', 'b', [N1]],
      ['c1', 'c', [N1]],
      ['c2', 'c', [N2]],
      ['c3', 'c', [N1]],
      ['d1', 'd', [N3]],
      ['f1', 'f', [N2]],
      ['f2', 'f', [N2]],
      ['f3', 'f', [N2]],
      ['g1', 'g', [N2]],
    ];
    let covered = 0;
    for (const row of rows) {
      const covering = active.filter(([, , needs]) =>
        needs.some((need) => (measuresByNeed.get(need) ?? []).includes(row.measure)),
      );
      if (covering.length > 0) covered++;
      expect(row, row.measure).toMatchObject({
        products: covering.length,
        providers: new Set(covering.map(([, owner]) => owner)).size,
      });
    }
    expect(covered).toBeGreaterThan(0);
  });
});

describe('concentration per need', () => {
  it('gives the providers, the share of the three largest and the thinly served needs', async () => {
    const rows = await needConcentration(executor, { sector: S });
    // N1: A 2, B 1, C 2 products: three providers hold everything.
    expect(pick(rows, { need: N1 })).toEqual({ providers: 3, products: 5, top3Share: 1, thin: false });
    // N2: F 3, A 1, C 1, G 1: the three largest hold 5 of 6.
    expect(pick(rows, { need: N2 })).toEqual({ providers: 4, products: 6, top3Share: 5 / 6, thin: false });
    expect(pick(rows, { need: N3 })).toEqual({ providers: 1, products: 1, top3Share: 1, thin: true });
    const other = allNeeds.find((need) => ![N1, N2, N3].includes(need)) as string;
    expect(pick(rows, { need: other })).toEqual({ providers: 0, products: 0, top3Share: null, thin: true });

    const thin = await thinlyServedNeeds(executor, { sector: S });
    expect(thin.map((row) => row.need).sort()).toEqual(allNeeds.filter((need) => need !== N1 && need !== N2).sort());
    expect(thin.at(-1)).toMatchObject({ need: N3, providers: 1 });

    // In 1084: N2 has A, C, G with one product each; N1 has A, B, C.
    const capital = await needConcentration(executor, { sector: S, region: '1084' });
    expect(pick(capital, { need: N2 })).toEqual({ providers: 3, products: 3, top3Share: 1, thin: false });
    // In 1085 N1 has only C (two products): thin.
    const zealand = await thinlyServedNeeds(executor, { sector: S, region: '1085' });
    expect(zealand.find((row) => row.need === N1)).toEqual({
      need: N1,
      providers: 1,
      products: 2,
      top3Share: 1,
      thin: true,
    });
  });
});

describe('readSupplyAnalytics (use case)', () => {
  const reviewer = {
    kind: 'staff',
    subject: `${prefix}-reviewer`,
    name: 'Test reviewer',
    email: null,
    roles: ['reviewer'],
    sessionId: 'test',
  } as const;

  it('gives staff and analyst tokens every measure for the filter', async () => {
    const analyst = { kind: 'token', tokenId: `${prefix}-token`, roles: ['analyst'] } as const;
    for (const viewer of [reviewer, analyst]) {
      const report = await readSupplyAnalytics(executor, viewer, { sector: S, region: '1085' });
      expect(report.filter).toMatchObject({ sector: S, region: '1085', sizeBand: null, from: null, to: null });
      expect(pick(report.byNeed, { need: N1 })).toEqual(counts(1, 2, 1, 0, 0, 1));
      expect(pick(report.scarcity, { role: R })).toEqual({ region: null, companies: 2, headcount: 12 });
      expect(report.thinNeeds.some((row) => row.need === N1)).toBe(true);
      expect(report.csfCoverage).toHaveLength(22);
      expect(report.nis2Coverage).toHaveLength(10);
    }
  });

  it('refuses others and checks the filter', async () => {
    await expect(readSupplyAnalytics(executor, { kind: 'anonymous' }, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(readSupplyAnalytics(executor, reviewer, { region: 'nowhere' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await expect(readSupplyAnalytics(executor, reviewer, { sector: 'SEC-NOT-A-SECTOR-XYZ' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
