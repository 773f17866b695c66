import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SnapshotMeasures, writeSupplySnapshot } from '../../graph/analytics/snapshot';
import { writeCompanyRows, writeProductRows } from '../../graph/loaders/ecosystem';
import type { CompanyRow } from '../../graph/model';
import { GraphWriter } from '../../graph/write';
import type { Viewer } from '../../src/auth/viewer';
import {
  compareSupply,
  readSupplySeries,
  type SupplyFigures,
  takeSupplySnapshot,
} from '../../src/use-cases/analytics-snapshot';
import { analyticsWorld } from '../support/analytics-world';
import { testApi } from '../support/api';
import { closeTestExecutor, operatorWrite, testExecutor, uniquePrefix } from '../support/graph';
import { removeCompanies } from '../support/listings';

/**
 * The daily supply snapshot on a small world in a sector of this file's own (S), so that supply
 * per need in S — kept in the all-Denmark snapshot as the need × sector rows — counts only these
 * companies whatever else the suite graph holds. N1, N2 are the first two needs by slug.
 *
 *   company  located in (region)   serves  languages  sector
 *   A        101 København (1084)  1084    da         S
 *   B        751 Aarhus (1082)     —       en         S
 *
 *   product  company  needs    smeFit  languages  from
 *   a1       A        N1       yes     en         day 1
 *   b1       B        N1, N2   no      en         day 1
 *   b2       B        N2       yes     da         added before day 2
 *
 * Day 1, supply per need in S: N1 = A, B: 2 providers, 2 products, 1 SME-friendly (A: a1), 1
 * Danish-speaking (A, by its languages), 0 verified; N2 = B: 1, 1, 0, 0, 0. Day 2: N1 unchanged;
 * N2 = B: 1 provider, 2 products, 1 SME-friendly (b2), 1 Danish-speaking (b2 is in Danish).
 *
 * The other measures (roles, CSF, NIS2, concentration) are shared by the whole suite graph, so
 * their reading is checked on snapshots written by hand with keys of this file ('t-…').
 * Snapshot days are far in the future (a random stretch after 2031) and removed at the end.
 */

const executor = testExecutor();
const writer = new GraphWriter(executor);
const prefix = uniquePrefix('analytics-snapshot');
const S = `${prefix}-sector`;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const BASE = addDays('2031-01-01', Math.floor(Math.random() * 20_000));
const D1 = BASE;
const D2 = addDays(BASE, 3);
const D3 = addDays(BASE, 7);
// Hand-written snapshots.
const E1 = addDays(BASE, 20);
const E2 = addDays(BASE, 21);
const E3 = addDays(BASE, 30);
const DAYS = [D1, D2, D3, E1, E2, E3];
const at = (day: string) => new Date(`${day}T12:00:00Z`);
/** A snapshot computes every measure six times: seconds on a quiet machine, far more under a loaded suite. */
const SNAPSHOT_TIMEOUT_MS = 240_000;

let N1: string;
let N2: string;
let needs: string[];
let regions: number;

const reviewer: Viewer = {
  kind: 'staff',
  subject: `${prefix}-reviewer`,
  name: 'Test reviewer',
  email: null,
  roles: ['reviewer'],
  sessionId: 'test',
};
const analyst: Viewer = { kind: 'token', tokenId: `${prefix}-token`, roles: ['analyst'] };
const vendor: Viewer = {
  kind: 'vendor',
  subject: `${prefix}-vendor`,
  name: 'Test vendor',
  email: null,
  cvr: '12345678',
  companies: [],
  sessionId: 'test',
};

const world = analyticsWorld(prefix);
/** A company of this file's own sector S. */
const company = (label: string, facts: Pick<CompanyRow, 'municipalityCode' | 'regionsServed' | 'languages'>) =>
  world.company(label, { ...facts, sectorCodes: [S] });
const product = world.product;

const NONE: SupplyFigures = {
  providers: null,
  products: null,
  smeFriendlyProviders: null,
  danishSpeakingProviders: null,
  verifiedCertifiedProviders: null,
  onSiteProviders: null,
  companies: null,
  headcount: null,
  top3Share: null,
  thin: null,
};
/** Supply per need in S: providers, products, SME-friendly, Danish-speaking, verified (no region: on site null). */
const supply = (p: number, n: number, sme: number, da: number, verified: number): SupplyFigures => ({
  ...NONE,
  providers: p,
  products: n,
  smeFriendlyProviders: sme,
  danishSpeakingProviders: da,
  verifiedCertifiedProviders: verified,
});
const noDifference = { ...NONE } as Omit<SupplyFigures, 'thin'> & { thin?: null };
delete noDifference.thin;

const snapshotNodes = (day: string) =>
  executor
    .read<{ regions: string[] }>(
      'test.snapshot.nodes',
      'MATCH (s:SupplySnapshot {day: date($day)}) RETURN collect(s.region) AS regions',
      { day },
    )
    .then((rows) => [...(rows[0]?.regions ?? [])].sort());

beforeAll(async () => {
  const [codes] = await executor.read<{ needs: string[]; regions: number }>(
    'test.snapshot.codes',
    `RETURN COLLECT { MATCH (n:Need) RETURN n.slug ORDER BY n.slug } AS needs, COUNT { (:Region) } AS regions`,
  );
  if (!codes) throw new Error('the suite graph lacks needs');
  needs = codes.needs;
  regions = codes.regions;
  [N1, N2] = needs as [string, string];
  await operatorWrite(
    'test.snapshot.sector',
    'CREATE (:Sector {code: $code, key: $code, nameDa: $code, nameEn: $code})',
    {
      code: S,
    },
  );
  await writer.change('test.snapshot.companies', (tx) =>
    writeCompanyRows(tx, [
      company('a', { municipalityCode: '101', regionsServed: ['1084'], languages: ['da'] }),
      company('b', { municipalityCode: '751', regionsServed: [], languages: ['en'] }),
    ]),
  );
  await writer.change('test.snapshot.products', (tx) =>
    writeProductRows(tx, [
      product('a1', 'a', { needSlugs: [N1], smeFit: true, languages: ['en'] }),
      product('b1', 'b', { needSlugs: [N1, N2], smeFit: false, languages: ['en'] }),
    ]),
  );
});

afterAll(async () => {
  await operatorWrite(
    'test.snapshot.cleanup',
    'MATCH (s:SupplySnapshot) WHERE s.day IN [day IN $days | date(day)] DETACH DELETE s',
    { days: DAYS },
  );
  await removeCompanies(writer, 'test.snapshot.cleanupCompanies', prefix);
  await operatorWrite('test.snapshot.cleanupSector', 'MATCH (s:Sector {code: $code}) DETACH DELETE s', { code: S });
  await closeTestExecutor();
});

describe('the daily supply snapshot', () => {
  it(
    'takes a day once, for all of Denmark and each region, and follows the world from day to day',
    async () => {
      const first = await takeSupplySnapshot(writer, at(D1));
      expect(first).toMatchObject({ day: D1, taken: true, regions });
      expect(first.bytes).toBeGreaterThan(1_000);
      expect(await snapshotNodes(D1)).toHaveLength(1 + regions);
      expect((await snapshotNodes(D1))[0]).toBe('');

      const again = await takeSupplySnapshot(writer, at(D1));
      expect(again).toMatchObject({ day: D1, taken: false, regions: 0, bytes: 0 });
      expect(await snapshotNodes(D1)).toHaveLength(1 + regions);

      await writer.change('test.snapshot.moreProducts', (tx) =>
        writeProductRows(tx, [product('b2', 'b', { needSlugs: [N2], smeFit: true, languages: ['da'] })]),
      );
      expect(await takeSupplySnapshot(writer, at(D2))).toMatchObject({ day: D2, taken: true, regions });

      const series = await readSupplySeries(executor, reviewer, {
        measure: 'supplyByNeed',
        filter: { sector: S, from: D1, to: D2 },
      });
      // Every need on both days, zeros included, in need order.
      expect(series.map((point) => [point.day, point.key])).toEqual([
        ...needs.map((need) => [D1, need]),
        ...needs.map((need) => [D2, need]),
      ]);
      const point = (day: string, key: string) => {
        const { day: _day, key: _key, ...figures } = series.find((p) => p.day === day && p.key === key) ?? {};
        return figures;
      };
      expect(point(D1, N1)).toEqual(supply(2, 2, 1, 1, 0));
      expect(point(D1, N2)).toEqual(supply(1, 1, 0, 0, 0));
      expect(point(D2, N1)).toEqual(supply(2, 2, 1, 1, 0));
      expect(point(D2, N2)).toEqual(supply(1, 2, 1, 1, 0));
      for (const other of series.filter((p) => p.key !== N1 && p.key !== N2)) {
        expect(other).toEqual({ day: other.day, key: other.key, ...supply(0, 0, 0, 0, 0) });
      }

      const oneNeed = await readSupplySeries(executor, analyst, {
        measure: 'supplyByNeed',
        filter: { sector: S, need: N2, from: D1, to: D2 },
      });
      expect(oneNeed.map((p) => [p.day, p.key, p.products])).toEqual([
        [D1, N2, 1],
        [D2, N2, 2],
      ]);

      const comparison = await compareSupply(executor, reviewer, {
        measure: 'supplyByNeed',
        first: D1,
        second: D2,
        filter: { sector: S },
      });
      expect(comparison.map((row) => row.key)).toEqual(needs);
      expect(comparison.find((row) => row.key === N2)).toEqual({
        key: N2,
        first: supply(1, 1, 0, 0, 0),
        second: supply(1, 2, 1, 1, 0),
        difference: {
          ...noDifference,
          providers: 0,
          products: 1,
          smeFriendlyProviders: 1,
          danishSpeakingProviders: 1,
          verifiedCertifiedProviders: 0,
        },
      });
      expect(comparison.find((row) => row.key === N1)?.difference).toEqual({
        ...noDifference,
        providers: 0,
        products: 0,
        smeFriendlyProviders: 0,
        danishSpeakingProviders: 0,
        verifiedCertifiedProviders: 0,
      });

      // A region's snapshot: the measures with the region filter, where on-site providers are counted.
      // The whole suite graph counts there, so only what this world guarantees is checked.
      const capital = await readSupplySeries(executor, reviewer, {
        measure: 'supplyByNeed',
        filter: { region: '1084', need: N1, from: D1, to: D2 },
      });
      expect(capital.map((p) => p.day)).toEqual([D1, D2]);
      for (const p of capital) {
        expect(p.providers).toBeGreaterThanOrEqual(1);
        expect(p.onSiteProviders).toBeGreaterThanOrEqual(1);
      }
      const roles = await readSupplySeries(executor, reviewer, {
        measure: 'roleScarcity',
        filter: { from: D1, to: D1 },
      });
      expect(roles.length).toBeGreaterThan(0);
      expect(roles[0]).toMatchObject({ day: D1, providers: null, products: null });
      expect(roles[0]?.companies).toEqual(expect.any(Number));
    },
    SNAPSHOT_TIMEOUT_MS,
  );

  it(
    'keeps one snapshot of a day when several runs take it at once',
    async () => {
      const runs = await Promise.all([1, 2].map(() => takeSupplySnapshot(writer, at(D3))));
      expect(runs.filter((run) => run.taken)).toHaveLength(1);
      expect(runs.every((run) => run.day === D3)).toBe(true);
      expect(await snapshotNodes(D3)).toHaveLength(1 + regions);

      const measures: Partial<SnapshotMeasures> = {
        scarcity: [{ role: 't-role', region: null, companies: 1, headcount: 1 }],
      };
      const writes = await Promise.all(
        [1, 2, 3, 4, 5].map(() =>
          writeSupplySnapshot(writer, E3, [
            { region: '', measures },
            { region: '1081', measures },
          ]),
        ),
      );
      expect(writes.filter((write) => write.taken)).toHaveLength(1);
      expect(await snapshotNodes(E3)).toEqual(['', '1081']);
    },
    SNAPSHOT_TIMEOUT_MS,
  );
});

describe('series and comparisons of every measure', () => {
  // Two hand-written days, for all of Denmark and region 1081 (the first day only there).
  beforeAll(async () => {
    const day1: Partial<SnapshotMeasures> = {
      scarcity: [
        { role: 't-role-1', region: null, companies: 2, headcount: 5 },
        { role: 't-role-2', region: null, companies: 1, headcount: 3 },
      ],
      csfCoverage: [{ category: 't-PR.AA', function: 't-PR', products: 3, providers: 2 }],
      nis2Coverage: [{ measure: 't-NIS2-a', letter: 'a', products: 4, providers: 2 }],
      concentration: [
        { need: 't-need-1', providers: 4, products: 6, top3Share: 5 / 6, thin: false },
        { need: 't-need-2', providers: 1, products: 1, top3Share: 1, thin: true },
      ],
    };
    const day2: Partial<SnapshotMeasures> = {
      scarcity: [
        { role: 't-role-1', region: null, companies: 3, headcount: 9 },
        { role: 't-role-3', region: null, companies: 1, headcount: 0 },
      ],
      csfCoverage: [{ category: 't-PR.AA', function: 't-PR', products: 2, providers: 2 }],
      nis2Coverage: [{ measure: 't-NIS2-a', letter: 'a', products: 4, providers: 3 }],
      concentration: [
        { need: 't-need-1', providers: 3, products: 4, top3Share: 1, thin: false },
        { need: 't-need-2', providers: 0, products: 0, top3Share: null, thin: true },
      ],
    };
    const north: Partial<SnapshotMeasures> = {
      scarcity: [{ role: 't-role-1', region: null, companies: 1, headcount: 2 }],
    };
    expect(
      await writeSupplySnapshot(writer, E1, [
        { region: '', measures: day1 },
        { region: '1081', measures: north },
      ]),
    ).toMatchObject({ taken: true });
    expect(await writeSupplySnapshot(writer, E2, [{ region: '', measures: day2 }])).toMatchObject({ taken: true });
  });

  it('gives each measure its own figures, keyed by its codes', async () => {
    const period = { from: E1, to: E2 };
    const csf = await readSupplySeries(executor, analyst, { measure: 'csfCoverage', filter: period });
    expect(csf).toEqual([
      { ...NONE, day: E1, key: 't-PR.AA', products: 3, providers: 2 },
      { ...NONE, day: E2, key: 't-PR.AA', products: 2, providers: 2 },
    ]);
    const nis2 = await readSupplySeries(executor, analyst, { measure: 'nis2Coverage', filter: period });
    expect(nis2.map((p) => [p.day, p.key, p.products, p.providers])).toEqual([
      [E1, 't-NIS2-a', 4, 2],
      [E2, 't-NIS2-a', 4, 3],
    ]);
    const concentration = await readSupplySeries(executor, analyst, { measure: 'concentration', filter: period });
    expect(concentration[0]).toEqual({
      ...NONE,
      day: E1,
      key: 't-need-1',
      providers: 4,
      products: 6,
      top3Share: 5 / 6,
      thin: false,
    });
    const north = await readSupplySeries(executor, analyst, {
      measure: 'roleScarcity',
      filter: { ...period, region: '1081' },
    });
    expect(north).toEqual([{ ...NONE, day: E1, key: 't-role-1', companies: 1, headcount: 2 }]);
  });

  it('compares two days key by key, keys found on one day only included', async () => {
    const roles = await compareSupply(executor, reviewer, { measure: 'roleScarcity', first: E1, second: E2 });
    const figures = (companies: number, headcount: number) => ({ ...NONE, companies, headcount });
    expect(roles).toEqual([
      {
        key: 't-role-1',
        first: figures(2, 5),
        second: figures(3, 9),
        difference: { ...noDifference, companies: 1, headcount: 4 },
      },
      { key: 't-role-2', first: figures(1, 3), second: null, difference: noDifference },
      { key: 't-role-3', first: null, second: figures(1, 0), difference: noDifference },
    ]);
    const concentration = await compareSupply(executor, reviewer, { measure: 'concentration', first: E1, second: E2 });
    expect(concentration[0]?.difference).toEqual({
      ...noDifference,
      providers: -1,
      products: -2,
      top3Share: 0.166666666667,
    });
    expect(concentration[1]?.difference).toEqual({ ...noDifference, providers: -1, products: -1, top3Share: null });
    // Backwards is the same rows with the difference the other way.
    const backwards = await compareSupply(executor, reviewer, { measure: 'roleScarcity', first: E2, second: E1 });
    expect(backwards[0]?.difference).toMatchObject({ companies: -1, headcount: -4 });
  });

  it('refuses a day without a snapshot, naming the nearest days that have one', async () => {
    const between = addDays(E1, -1);
    const refused = compareSupply(executor, reviewer, { measure: 'csfCoverage', first: between, second: E2 });
    await expect(refused).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'first', code: 'no_snapshot', message: expect.stringContaining(E1) }],
    });
    // Region 1081 has E1 only.
    await expect(
      compareSupply(executor, reviewer, {
        measure: 'roleScarcity',
        first: E1,
        second: E2,
        filter: { region: '1081' },
      }),
    ).rejects.toMatchObject({
      issues: [
        { path: 'second', code: 'no_snapshot', message: expect.stringMatching(new RegExp(`region 1081.*${E1}`)) },
      ],
    });
  });

  it('refuses bad dates and filters the snapshots cannot answer, with codes', async () => {
    const issuesOf = async (work: Promise<unknown>) => {
      const error = (await work.then(
        () => null,
        (thrown: unknown) => thrown,
      )) as { code?: string; issues?: Array<{ path: string; code: string }> } | null;
      expect(error?.code).toBe('BAD_USER_INPUT');
      return (error?.issues ?? []).map((issue) => [issue.path, issue.code]);
    };
    expect(
      await issuesOf(
        compareSupply(executor, reviewer, { measure: 'csfCoverage', first: '2031-02-30', second: 'today' }),
      ),
    ).toEqual([
      ['first', 'custom'],
      ['second', 'invalid_format'],
    ]);
    expect(
      await issuesOf(
        compareSupply(executor, reviewer, { measure: 'csfCoverage', first: E1, second: E2, filter: { from: E1 } }),
      ),
    ).toEqual([['from', 'not_applicable']]);
    expect(
      await issuesOf(readSupplySeries(executor, reviewer, { measure: 'supplyByNeed', filter: { from: E2, to: E1 } })),
    ).toEqual([['to', 'custom']]);
    expect(
      await issuesOf(readSupplySeries(executor, reviewer, { measure: 'supplyByNeed', filter: { sizeBand: 'small' } })),
    ).toEqual([['sizeBand', 'not_in_snapshots']]);
    expect(
      await issuesOf(
        readSupplySeries(executor, reviewer, { measure: 'supplyByNeed', filter: { sector: S, region: '1084' } }),
      ),
    ).toEqual([['sector', 'not_in_snapshots']]);
    expect(
      await issuesOf(readSupplySeries(executor, reviewer, { measure: 'roleScarcity', filter: { sector: S } })),
    ).toEqual([['sector', 'not_in_snapshots']]);
    expect(
      await issuesOf(readSupplySeries(executor, reviewer, { measure: 'csfCoverage', filter: { need: N1 } })),
    ).toEqual([['need', 'not_applicable']]);
    expect(await issuesOf(readSupplySeries(executor, reviewer, { measure: 'nothing' as never, filter: {} }))).toEqual([
      ['measure', 'invalid_value'],
    ]);
  });

  it('reads a default period that would start before the first day a date can name from that day', async () => {
    // 90 days back from 0000-01-05 is in year -1, which no date parameter can name: not an internal error.
    expect(
      await readSupplySeries(executor, reviewer, { measure: 'csfCoverage', filter: { to: '0000-01-05' } }),
    ).toEqual([]);
  });

  it('is for NCC-DK staff and analysts only', async () => {
    for (const viewer of [{ kind: 'anonymous' } as const, vendor]) {
      await expect(readSupplySeries(executor, viewer, { measure: 'csfCoverage' })).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
      await expect(
        compareSupply(executor, viewer, { measure: 'csfCoverage', first: E1, second: E2 }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('GraphQL', () => {
  it('answers supplySeries and supplyComparison, with coded errors', async () => {
    const api = await testApi();
    const SERIES = `query S($filter: SeriesFilter) {
      supplySeries(measure: roleScarcity, filter: $filter) { day key companies headcount providers }
    }`;
    const series = await api.query<{ supplySeries: unknown[] }>(
      SERIES,
      { filter: { from: E1, to: E2, region: '1081' } },
      analyst,
    );
    expect(series.errors).toBeUndefined();
    expect(series.data?.supplySeries).toEqual([
      { day: E1, key: 't-role-1', companies: 1, headcount: 2, providers: null },
    ]);

    const COMPARISON = `query C($first: String!, $second: String!) {
      supplyComparison(measure: concentration, first: $first, second: $second) {
        key first { providers top3Share thin } second { thin } difference { providers top3Share }
      }
    }`;
    const comparison = await api.query<{ supplyComparison: unknown[] }>(
      COMPARISON,
      { first: E1, second: E2 },
      reviewer,
    );
    expect(comparison.errors).toBeUndefined();
    expect(comparison.data?.supplyComparison[0]).toEqual({
      key: 't-need-1',
      first: { providers: 4, top3Share: 5 / 6, thin: false },
      second: { thin: false },
      difference: { providers: -1, top3Share: 0.166666666667 },
    });

    const missing = await api.query(COMPARISON, { first: addDays(E1, -1), second: E2 }, reviewer);
    expect(missing.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [{ path: 'first', code: 'no_snapshot' }],
    });
    const anonymous = await api.query(SERIES, {});
    expect(anonymous.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const asVendor = await api.query(SERIES, {}, vendor);
    expect(asVendor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    // A series costs its points: ten years of every need is refused before anything is read.
    const costly = await api.query(
      `{ supplySeries(measure: supplyByNeed, filter: {from: "2020-01-01", to: "2029-12-31"}) { day key providers products } }`,
      {},
      analyst,
    );
    expect(costly.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY' });
  });
});
