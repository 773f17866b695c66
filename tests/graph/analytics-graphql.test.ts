import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetAnalyticsAnswers } from '../../graph/analytics/cache';
import { csfCoverage, supplyByNeedAndRegion } from '../../graph/analytics/supply';
import { NEEDS } from '../../graph/data/needs';
import { writeCompanyRows, writeProductRows } from '../../graph/loaders/ecosystem';
import { GraphWriter } from '../../graph/write';
import { MAX_COST } from '../../src/api/cost';
import type { Viewer } from '../../src/auth/viewer';
import { gapScore } from '../../src/use-cases/analytics-demand';
import { createApiToken, viewerForApiToken } from '../../src/use-cases/api-tokens';
import { analyticsWorld } from '../support/analytics-world';
import { testApi } from '../support/api';
import { closeTestExecutor, operatorWrite, testExecutor, uniquePrefix } from '../support/graph';
import { removeCompanies } from '../support/listings';

/**
 * `analytics` through the real yoga app, on a hand-built world in a sector of this file's own (so
 * the sample and other test files do not change its figures) and on demand rolled up for days in
 * March 2032 (so no real or other test's signal falls in the period).
 *
 *   company  located in (region)      serves  size    languages  products (needs; smeFit; language)
 *   A        101 København (1084)      1084    small   da         a1 (N1; sme; en), a2 (N1, N2; en)
 *   B        147 Frederiksberg (1084)  —       micro   en         b1 (N1; da)
 *   C        259 Køge (1085)           1084    medium  en         c1 (N1; sme; en), c2 (N2; en)
 *   D        751 Aarhus (1082)         —       small   da         d1 (N2; sme; da)
 *   E        101 København (1084)      —       small   en         none; ECSF role R, headcount 4
 *
 *   demand (sector S)  day         kind    need  region  size band  signals  found nothing
 *                      2032-03-01  search  N1    1084    small      6        1
 *                      2032-03-02  match   N1    1084    small      3        0
 *                      2032-03-09  search  N2    1085    micro      4        2
 *                      2032-03-09  search  N1    1085    micro      2        0
 *   searches that found nothing: W1 on 2032-03-01 (1084, small) 7 and 2032-03-09 (1085, micro) 2; W2 on 2032-03-02 (1084, small) 3.
 */

const executor = testExecutor();
const writer = new GraphWriter(executor);
const prefix = uniquePrefix('analytics-graphql');
const S = `${prefix}-sector`;
const { company, product } = analyticsWorld(prefix);
const [N1, N2] = [NEEDS[0]?.slug, NEEDS[1]?.slug] as [string, string];
const W1 = 'zyxkvante zyxkrypto';
const W2 = 'zyxkvante';
const PERIOD = { from: '2032-03-01', to: '2032-03-31' };

type Api = Awaited<ReturnType<typeof testApi>>;
let api: Api;
let R: string;
let adminUserId: string;
let viewers: Record<'vendor' | 'reviewer' | 'admin' | 'analyst', Viewer>;

const staff = (role: 'reviewer' | 'admin'): Viewer => ({
  kind: 'staff',
  subject: `${prefix}-${role}`,
  name: `Test ${role}`,
  email: null,
  roles: [role],
  sessionId: 'test',
});

beforeAll(async () => {
  api = await testApi();
  const [codes] = await executor.read<{ role: string }>(
    'test.analyticsGraphql.codes',
    `RETURN head(COLLECT { MATCH (r:Skill {kind: 'role'}) RETURN r.code ORDER BY r.code }) AS role`,
  );
  if (!codes?.role) throw new Error('the suite graph lacks ECSF roles');
  R = codes.role;
  // `key` starting with 't-' marks the sector as test data for tests/graph/generated-operations.test.ts.
  await operatorWrite(
    'test.analyticsGraphql.sector',
    'CREATE (:Sector {code: $code, key: $code, nameDa: $code, nameEn: $code})',
    { code: S },
  );
  const [admin] = await executor.read<{ id: string }>('test.analyticsGraphql.noop', 'RETURN randomUUID() AS id');
  adminUserId = admin?.id as string;
  await operatorWrite(
    'test.analyticsGraphql.admin',
    `CREATE (:User {id: $id, issuer: 'test', subject: $subject, kind: 'staff', name: 'Test admin', roles: ['admin']})`,
    { id: adminUserId, subject: `${prefix}-admin` },
  );
  await writer.change('test.analyticsGraphql.companies', (tx) =>
    writeCompanyRows(tx, [
      company('a', {
        municipalityCode: '101',
        regionsServed: ['1084'],
        languages: ['da'],
        sectorCodes: [S],
        sizeBand: 'small',
      }),
      company('b', {
        municipalityCode: '147',
        regionsServed: [],
        languages: ['en'],
        sectorCodes: [S],
        sizeBand: 'micro',
        employees: 5,
      }),
      company('c', {
        municipalityCode: '259',
        regionsServed: ['1084'],
        languages: ['en'],
        sectorCodes: [S],
        sizeBand: 'medium',
        employees: 60,
      }),
      company('d', { municipalityCode: '751', regionsServed: [], languages: ['da'], sectorCodes: [S] }),
      company('e', {
        municipalityCode: '101',
        regionsServed: [],
        languages: ['en'],
        sectorCodes: [S],
        competences: [{ skillCode: R, headcount: 4 }],
      }),
    ]),
  );
  await writer.change('test.analyticsGraphql.products', (tx) =>
    writeProductRows(tx, [
      product('a1', 'a', { needSlugs: [N1], smeFit: true, languages: ['en'] }),
      product('a2', 'a', { needSlugs: [N1, N2], smeFit: false, languages: ['en'] }),
      product('b1', 'b', { needSlugs: [N1], smeFit: false, languages: ['da'] }),
      product('c1', 'c', { needSlugs: [N1], smeFit: true, languages: ['en'] }),
      product('c2', 'c', { needSlugs: [N2], smeFit: false, languages: ['en'] }),
      product('d1', 'd', { needSlugs: [N2], smeFit: true, languages: ['da'] }),
    ]),
  );
  await operatorWrite(
    'test.analyticsGraphql.demand',
    `UNWIND $days AS x
     CREATE (:DemandDay {day: date(x.day), kind: x.kind, need: x.need, region: x.region, sector: $sector,
                         sizeBand: x.size, signals: x.signals, zeroResults: x.zero})
     WITH count(*) AS done
     UNWIND $misses AS m
     CREATE (:DemandMiss {day: date(m.day), words: m.words, region: m.region, sector: $sector, sizeBand: m.size,
                          searches: m.searches})`,
    {
      sector: S,
      days: [
        { day: '2032-03-01', kind: 'search', need: N1, region: '1084', size: 'small', signals: 6, zero: 1 },
        { day: '2032-03-02', kind: 'match', need: N1, region: '1084', size: 'small', signals: 3, zero: 0 },
        { day: '2032-03-09', kind: 'search', need: N2, region: '1085', size: 'micro', signals: 4, zero: 2 },
        { day: '2032-03-09', kind: 'search', need: N1, region: '1085', size: 'micro', signals: 2, zero: 0 },
      ],
      misses: [
        { day: '2032-03-01', words: W1, region: '1084', size: 'small', searches: 7 },
        { day: '2032-03-09', words: W1, region: '1085', size: 'micro', searches: 2 },
        { day: '2032-03-02', words: W2, region: '1084', size: 'small', searches: 3 },
      ],
    },
  );
  // A real token, issued by the admin and read back as the HTTP server reads a bearer secret.
  const { secret } = await createApiToken(api.services, staff('admin'), {
    name: `Analysenøgle ${prefix}`,
    validDays: 1,
  });
  const analyst = await viewerForApiToken(api.services, secret, (error) => {
    throw error;
  });
  if (!analyst) throw new Error('the token just issued was not accepted');
  viewers = {
    vendor: {
      kind: 'vendor',
      subject: `${prefix}-vendor`,
      name: 'Test vendor',
      email: null,
      cvr: '12345678',
      companies: [],
      sessionId: 'test',
    },
    reviewer: staff('reviewer'),
    admin: staff('admin'),
    analyst,
  };
});

afterAll(async () => {
  await removeCompanies(writer, 'test.analyticsGraphql.cleanup', prefix);
  await operatorWrite(
    'test.analyticsGraphql.cleanupRest',
    `MATCH (x) WHERE (x:DemandDay OR x:DemandMiss) AND x.sector = $sector DETACH DELETE x
     WITH count(*) AS done
     MATCH (s:Sector {code: $sector}) DETACH DELETE s
     WITH count(*) AS done
     OPTIONAL MATCH (t:ApiToken) WHERE t.name CONTAINS $prefix
     OPTIONAL MATCH (e:AuditEvent) WHERE e.actorId IN [t.id, $admin]
     DETACH DELETE t, e
     WITH count(*) AS done
     MATCH (u:User {id: $admin}) DETACH DELETE u`,
    { sector: S, prefix, admin: adminUserId },
  );
  await closeTestExecutor();
});

/** Asks `analytics(filter)` for `selection` as `who`; fails the test on any error. */
async function analytics<T = Record<string, unknown>>(
  selection: string,
  filter: Record<string, unknown> | null,
  who: Viewer = viewers.reviewer,
): Promise<T> {
  const result = await api.query<{ analytics: T }>(
    `query A($filter: AnalyticsFilter) { analytics(filter: $filter) { ${selection} } }`,
    { filter },
    who,
  );
  expect(result.errors).toBeUndefined();
  return result.data?.analytics as T;
}

const COUNTS =
  'providers products smeFriendlyProviders danishSpeakingProviders verifiedCertifiedProviders onSiteProviders';

/** A week's rows come ordered by need slug. */
const bySlug = (rows: Array<[string, unknown]>) => rows.sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);

const rowOf = <T extends Record<string, unknown>>(rows: T[], where: Partial<T>): T => {
  const found = rows.filter((row) => Object.entries(where).every(([key, value]) => row[key] === value));
  expect(found, JSON.stringify(where)).toHaveLength(1);
  return found[0] as T;
};

describe('supply through GraphQL', () => {
  it('counts the world per need in its sector, with the need names from the catalogue', async () => {
    const answer = await analytics<{ filter: unknown; supplyByNeed: Array<Record<string, unknown>> }>(
      `filter { from to region sector sizeBand need } supplyByNeed { need needName { da en } ${COUNTS} }`,
      { sector: ` ${S} `, region: '' },
    );
    expect(answer.filter).toEqual({ from: null, to: null, region: null, sector: S, sizeBand: null, need: null });
    expect(answer.supplyByNeed).toHaveLength(NEEDS.length);
    // N1: A (a1, a2), B (b1), C (c1); SME-friendly A, C; Danish A (company), B (b1).
    expect(rowOf(answer.supplyByNeed, { need: N1 })).toEqual({
      need: N1,
      needName: NEEDS[0]?.name,
      providers: 3,
      products: 4,
      smeFriendlyProviders: 2,
      danishSpeakingProviders: 2,
      verifiedCertifiedProviders: 0,
      onSiteProviders: null,
    });
    // N2: A (a2), C (c2), D (d1); SME-friendly D; Danish A, D.
    expect(rowOf(answer.supplyByNeed, { need: N2 })).toMatchObject({
      providers: 3,
      products: 3,
      smeFriendlyProviders: 1,
      danishSpeakingProviders: 2,
    });
  });

  it('filters by region, sector and the provider’s size band', async () => {
    const capital = await analytics<{ supplyByNeed: Array<Record<string, unknown>> }>(
      `supplyByNeed { need ${COUNTS} }`,
      { sector: S, region: '1084' },
    );
    // In 1084: A and B on site, C serves it; D (Aarhus) does not count.
    expect(rowOf(capital.supplyByNeed, { need: N1 })).toMatchObject({ providers: 3, products: 4, onSiteProviders: 2 });
    expect(rowOf(capital.supplyByNeed, { need: N2 })).toMatchObject({ providers: 2, products: 2, onSiteProviders: 1 });

    const small = await analytics<{ supplyByNeed: Array<Record<string, unknown>> }>(`supplyByNeed { need ${COUNTS} }`, {
      sector: S,
      region: '1084',
      sizeBand: 'small',
    });
    // Only A is small in 1084 (D is small but in Aarhus, serving nothing).
    expect(rowOf(small.supplyByNeed, { need: N1 })).toEqual({
      need: N1,
      providers: 1,
      products: 2,
      smeFriendlyProviders: 1,
      danishSpeakingProviders: 1,
      verifiedCertifiedProviders: 0,
      onSiteProviders: 1,
    });
    expect(rowOf(small.supplyByNeed, { need: N2 })).toMatchObject({
      providers: 1,
      products: 1,
      smeFriendlyProviders: 0,
    });
  });

  it('equals the measures read directly, with names for regions, municipalities and roles', async () => {
    const answer = await analytics<{
      supplyByNeedAndRegion: Array<Record<string, unknown>>;
      supplyByNeedAndMunicipality: Array<Record<string, unknown>>;
      csfCoverage: Array<Record<string, unknown>>;
      roleScarcity: Array<Record<string, unknown>>;
    }>(
      `supplyByNeedAndRegion { need region ${COUNTS} }
       supplyByNeedAndMunicipality { need municipality municipalityName region providers onSiteProviders }
       csfCoverage { category function products providers }
       roleScarcity(byRegion: true) { role roleName { da } region regionName { da en } companies headcount }`,
      { sector: S },
    );
    expect(answer.supplyByNeedAndRegion).toEqual(await supplyByNeedAndRegion(executor, { sector: S }));
    expect(answer.csfCoverage).toEqual(await csfCoverage(executor, { sector: S }));
    expect(answer.supplyByNeedAndMunicipality).toHaveLength(NEEDS.length * 98);
    // København: A on site and C serving 1084.
    expect(rowOf(answer.supplyByNeedAndMunicipality, { need: N1, municipality: '101' })).toEqual({
      need: N1,
      municipality: '101',
      municipalityName: 'København',
      region: '1084',
      providers: 2,
      onSiteProviders: 1,
    });
    expect(rowOf(answer.roleScarcity, { role: R, region: '1084' })).toMatchObject({
      companies: 1,
      headcount: 4,
      regionName: { da: 'Region Hovedstaden', en: 'Capital Region of Denmark' },
    });
    expect(rowOf(answer.roleScarcity, { role: R, region: '1084' }).roleName).toEqual({ da: expect.any(String) });
  });

  it('gives concentration and the thin needs from one query', async () => {
    const answer = await analytics<{
      concentration: Array<Record<string, unknown>>;
      thinNeeds: Array<Record<string, unknown>>;
    }>('concentration { need providers products top3Share thin } thinNeeds { need providers }', {
      sector: S,
      region: '1085',
    });
    // In 1085: only C is on site, serving 1084 too; nobody serves 1085.
    expect(rowOf(answer.concentration, { need: N1 })).toEqual({
      need: N1,
      providers: 1,
      products: 1,
      top3Share: 1,
      thin: true,
    });
    expect(answer.thinNeeds).toHaveLength(NEEDS.length);
    expect(answer.thinNeeds.slice(0, NEEDS.length - 2).every((row) => row.providers === 0)).toBe(true);
  });
});

describe('demand through GraphQL', () => {
  it('sums the rollup per week, filtered by period, sector, region and the asker’s size band', async () => {
    const all = await analytics<{ weeklyDemand: unknown[] }>(
      'weeklyDemand { week need needName { en } region regionName { da } sector sectorName { da } sizeBand signals zeroResults }',
      { ...PERIOD, sector: S },
    );
    expect(all.weeklyDemand).toEqual([
      {
        week: '2032-W10',
        need: N1,
        needName: { en: NEEDS[0]?.name.en },
        region: '1084',
        regionName: { da: 'Region Hovedstaden' },
        sector: S,
        sectorName: null,
        sizeBand: 'small',
        signals: 9,
        zeroResults: 1,
      },
      ...bySlug([
        [N1, expect.objectContaining({ week: '2032-W11', need: N1, region: '1085', sizeBand: 'micro', signals: 2 })],
        [N2, expect.objectContaining({ week: '2032-W11', need: N2, region: '1085', signals: 4, zeroResults: 2 })],
      ]),
    ]);
    const micro = await analytics<{ weeklyDemand: Array<{ need: string; signals: number }> }>(
      'weeklyDemand { need signals }',
      { ...PERIOD, sector: S, region: '1085', sizeBand: 'micro', need: N2 },
    );
    expect(micro.weeklyDemand).toEqual([{ need: N2, signals: 4 }]);
    const firstWeek = await analytics<{ weeklyDemand: Array<{ signals: number }> }>('weeklyDemand { signals }', {
      from: '2032-03-02',
      to: '2032-03-08',
      sector: S,
    });
    expect(firstWeek.weeklyDemand).toEqual([{ signals: 3 }]);
  });

  it('scores the gaps by the formula and lists the largest', async () => {
    type Gap = {
      need: string;
      region: string;
      demand: number;
      supply: number;
      regionDemand: number;
      regionSupply: number;
      score: number;
    };
    const answer = await analytics<{ gaps: Gap[]; largestGaps: Gap[] }>(
      'gaps { need region demand supply regionDemand regionSupply score } largestGaps(limit: 1) { need region score }',
      { ...PERIOD, sector: S },
    );
    const capital = rowOf(answer.gaps, { need: N1, region: '1084' });
    // D(N1, 1084) = 6 + 3; D(1084) is only that. S is today's graph: at least A and B are located in 1084.
    expect(capital).toMatchObject({ demand: 9, regionDemand: 9 });
    expect(capital.supply).toBeGreaterThanOrEqual(2);
    expect(capital.score).toBeCloseTo(
      gapScore(capital, { demand: capital.regionDemand, supply: capital.regionSupply }, NEEDS.length),
      12,
    );
    expect(rowOf(answer.gaps, { need: N2, region: '1085' })).toMatchObject({ demand: 4, regionDemand: 6 });
    for (const gap of answer.gaps) {
      expect(gap.score).toBeCloseTo(
        Math.log(
          (gap.demand + 1) / (gap.regionDemand + NEEDS.length) / ((gap.supply + 1) / (gap.regionSupply + NEEDS.length)),
        ),
        12,
      );
    }
    const largest = answer.gaps.filter((gap) => gap.demand > 0 && gap.score > 0);
    expect(answer.largestGaps).toEqual(largest.slice(0, 1).map(({ need, region, score }) => ({ need, region, score })));
  });

  it('lists the searches that found nothing, most frequent first', async () => {
    const answer = await analytics<{ searchesWithoutResults: unknown[]; top: unknown[]; zealand: unknown[] }>(
      `searchesWithoutResults { words searches firstDay lastDay }
       top: searchesWithoutResults(limit: 1) { words }`,
      { ...PERIOD, sector: S },
    );
    expect(answer.searchesWithoutResults).toEqual([
      { words: W1, searches: 9, firstDay: '2032-03-01', lastDay: '2032-03-09' },
      { words: W2, searches: 3, firstDay: '2032-03-02', lastDay: '2032-03-02' },
    ]);
    expect(answer.top).toEqual([{ words: W1 }]);
    const zealand = await analytics<{ searchesWithoutResults: unknown[] }>(
      'searchesWithoutResults { words searches }',
      {
        ...PERIOD,
        sector: S,
        region: '1085',
        sizeBand: 'micro',
      },
    );
    expect(zealand.searchesWithoutResults).toEqual([{ words: W1, searches: 2 }]);
  });
});

describe('who may ask, and what is refused', () => {
  it('answers reviewers, admins and analyst tokens, and refuses vendors and anonymous visitors', async () => {
    const ask = (who?: Viewer) => api.query('{ analytics { filter { region } } }', {}, who);
    for (const who of [viewers.reviewer, viewers.admin, viewers.analyst]) {
      expect(await ask(who)).toEqual({ data: { analytics: { filter: { region: null } } } });
    }
    for (const who of [viewers.vendor, undefined]) {
      const refused = await ask(who);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses a bad filter with BAD_USER_INPUT and every problem by field', async () => {
    const shapes = await api.query(
      'query A($filter: AnalyticsFilter) { analytics(filter: $filter) { supplyByNeed { need } } }',
      { filter: { from: '2032-02-30', region: 'nowhere', sizeBand: 'huge' } },
      viewers.analyst,
    );
    expect(shapes.data ?? null).toBeNull();
    expect(shapes.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const issues = shapes.errors?.[0]?.extensions?.issues as Array<{ path: string; code: string }>;
    expect(issues.map((issue) => issue.path).sort()).toEqual(['from', 'region', 'sizeBand']);

    const unknown = await api.query(
      'query A($filter: AnalyticsFilter) { analytics(filter: $filter) { supplyByNeed { need } } }',
      { filter: { sector: `${prefix}-no-such-sector`, from: '2032-03-02', to: '2032-03-01' } },
      viewers.reviewer,
    );
    expect((unknown.errors?.[0]?.extensions?.issues as unknown[]) ?? []).toEqual([
      { path: 'to', code: 'custom', message: 'is before the first day' },
    ]);
    const missing = await api.query(
      'query A($filter: AnalyticsFilter) { analytics(filter: $filter) { supplyByNeed { need } } }',
      { filter: { sector: `${prefix}-no-such-sector` } },
      viewers.reviewer,
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'sector', code: 'unknown_reference' }],
    });

    const limit = await api.query('{ analytics { largestGaps(limit: 0) { need } } }', {}, viewers.reviewer);
    expect(limit.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs only the queries of the fields asked for', async () => {
    const read = vi.spyOn(api.services.executor, 'read');
    // Kept answers (graph/analytics/cache.ts) are forgotten first, and the version read every
    // question makes is left out: the question is which measures a selection computes.
    const asked = async (selection: string, filter: Record<string, unknown> | null) => {
      forgetAnalyticsAnswers(api.services.executor);
      read.mockClear();
      await analytics(selection, filter);
      return read.mock.calls
        .map(([name]) => name)
        .filter((name) => name.startsWith('analytics.') && name !== 'analytics.version');
    };
    try {
      expect(await asked('filter { sizeBand }', { sizeBand: 'micro' })).toEqual([]);
      expect(await asked('csfCoverage { category }', { sector: S })).toEqual([
        'analytics.filter.codes',
        'analytics.csfCoverage',
      ]);
      expect(await asked('concentration { need } thinNeeds { need }', null)).toEqual(['analytics.needConcentration']);
      expect((await asked('gaps { need } largestGaps { need }', PERIOD)).sort()).toEqual([
        'analytics.demand.need-region',
        'analytics.supply.need-region',
      ]);
      expect(await asked('searchesWithoutResults { words }', PERIOD)).toEqual(['analytics.demand.missed']);
    } finally {
      read.mockRestore();
    }
  });
});

describe('cost', () => {
  const DASHBOARD = `
    filter { from to region sector sizeBand need }
    supplyByNeed { need needName { da en } ${COUNTS} }
    supplyByNeedAndRegion { need region regionName { da } ${COUNTS} }
    supplyByNeedAndMunicipality { need municipality municipalityName providers onSiteProviders }
    supplyByNeedAndSector { need sector providers }
    roleScarcity(byRegion: true) { role roleName { da } region companies headcount }
    csfCoverage { category function products providers }
    nis2Coverage { measure letter products providers }
    concentration { need providers products top3Share thin }
    thinNeeds { need providers }
    weeklyDemand { week need region sector sizeBand signals zeroResults }
    gaps { need region demand supply regionDemand regionSupply score }
    largestGaps { need region score }
    searchesWithoutResults { words searches firstDay lastDay }`;
  const FULL_MUNICIPALITIES = `supplyByNeedAndMunicipality { need needName { da en } municipality municipalityName region ${COUNTS} }`;

  it('lets a dashboard ask for every measure, and a script for the whole municipality table', async () => {
    const dashboard = await analytics<Record<string, unknown[]>>(DASHBOARD, { ...PERIOD, sector: S });
    expect(dashboard.supplyByNeedAndMunicipality).toHaveLength(NEEDS.length * 98);
    const table = await analytics<{ supplyByNeedAndMunicipality: unknown[] }>(FULL_MUNICIPALITIES, {
      sector: S,
      region: '1081',
    });
    expect(table.supplyByNeedAndMunicipality.length).toBeGreaterThan(0);
  });

  it('refuses more than that in one request before anything runs', async () => {
    const before = api.services.executor.counter.roundTrips;
    const costly = await api.query(
      `{ a: analytics { ${FULL_MUNICIPALITIES} } b: analytics { ${FULL_MUNICIPALITIES} } }`,
      {},
      viewers.reviewer,
    );
    expect(costly.data).toBeUndefined();
    expect(costly.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', maxCost: MAX_COST });
    expect(costly.errors?.[0]?.extensions?.cost).toBeGreaterThan(2 * NEEDS.length * 98 * 10);
    expect(api.services.executor.counter.roundTrips).toBe(before);
  });
});
