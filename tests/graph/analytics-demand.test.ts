import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAYS_TO_ROLL_UP,
  type DemandCell,
  demandByWeek,
  graphToday,
  missedSearches,
  rollUpDemand,
} from '../../graph/analytics/demand';
import { cvrFromSeed } from '../../graph/cvr';
import { writeCompanyRows, writeProductRows } from '../../graph/loaders/ecosystem';
import type { CompanyRow, ProductRow } from '../../graph/model';
import { GraphWriter } from '../../graph/write';
import { demandGaps, largestGaps, rollUpPastDays, searchesWithoutResults } from '../../src/use-cases/analytics-demand';
import { closeTestExecutor, operatorWrite, testExecutor, uniquePrefix } from '../support/graph';
import { removeCompanies } from '../support/listings';

/**
 * A hand-built set of demand signals on days long past that only this file uses (a random week
 * between 1971 and 1998), in two regions whose codes only this file uses (RA, RB: no Region node,
 * so no provider is located there) and one real region (1081) for the supply side, which is
 * checked as the change this file's own companies make. Needs are real slugs: A, B.
 *
 *   #   kind    day  needs  region  sector  size   results  query (scrubbed)
 *   1   match   D1   A      RA      SX      small  3
 *   2   match   D1   A      RA      SX      small  0
 *   3   match   D1   A, B   RA      SX      micro  2
 *   4   search  D2   A      RA      —       —      5
 *   5   search  D2   —      RA      —       —      0        "Kaffe  maskine"
 *   6   search  D2   —      —       —       —      0        "maskine, kaffe"
 *   7   search  D3   —      RB      —       —      0        "kaffe maskine"
 *   8   search  D3   B      RB      —       micro  0        "pentest aalborg"
 *   9   match   D3   B      RB      SX      small  4
 *   10  match   D1   A      1081    —       —      1
 *   11  match   D5   A      RA      SX      small  2        (on the rollup's `until` day: left for later)
 *
 * D1 is a Monday, D2 = D1 + 2 (same ISO week W1), D3 = D1 + 7 (week W2), D5 = D1 + 8.
 */

const executor = testExecutor();
const writer = new GraphWriter(executor);
const prefix = uniquePrefix('analytics-demand');
const RA = `${prefix}-RA`;
const RB = `${prefix}-RB`;
const SX = `${prefix}-SX`;
const A = 'backup-og-gendannelse';
const B = 'penetrationstest';

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
// 1971-01-04 was a Monday; a random Monday of the next 28 years.
const D1 = addDays('1971-01-04', 7 * Math.floor(Math.random() * 1_450));
const D2 = addDays(D1, 2);
const D3 = addDays(D1, 7);
const D5 = addDays(D1, 8);
const DAYS = [D1, D2, D3, D5];

/** ISO week label, worked out independently of Neo4j: the week-year and week of the Thursday of that week. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
const W1 = isoWeek(D1);
const W2 = isoWeek(D3);

interface Signal {
  kind: 'search' | 'match';
  day: string;
  needs: string[];
  region: string | null;
  sector: string | null;
  sizeBand: string | null;
  results: number;
  query: string | null;
}
const signal = (s: Partial<Signal> & Pick<Signal, 'kind' | 'day' | 'results'>): Signal => ({
  needs: [],
  region: null,
  sector: null,
  sizeBand: null,
  query: null,
  ...s,
});
const SIGNALS: Signal[] = [
  signal({ kind: 'match', day: D1, needs: [A], region: RA, sector: SX, sizeBand: 'small', results: 3 }),
  signal({ kind: 'match', day: D1, needs: [A], region: RA, sector: SX, sizeBand: 'small', results: 0 }),
  signal({ kind: 'match', day: D1, needs: [A, B], region: RA, sector: SX, sizeBand: 'micro', results: 2 }),
  signal({ kind: 'search', day: D2, needs: [A], region: RA, results: 5 }),
  signal({ kind: 'search', day: D2, region: RA, results: 0, query: 'kaffe  maskine' }),
  signal({ kind: 'search', day: D2, results: 0, query: 'maskine, kaffe' }),
  signal({ kind: 'search', day: D3, region: RB, results: 0, query: 'kaffe maskine' }),
  signal({ kind: 'search', day: D3, needs: [B], region: RB, sizeBand: 'micro', results: 0, query: 'pentest aalborg' }),
  signal({ kind: 'match', day: D3, needs: [B], region: RB, sector: SX, sizeBand: 'small', results: 4 }),
  signal({ kind: 'match', day: D1, needs: [A], region: '1081', results: 1 }),
  signal({ kind: 'match', day: D5, needs: [A], region: RA, sector: SX, sizeBand: 'small', results: 2 }),
];

async function writeSignals(signals: readonly Signal[]) {
  await operatorWrite(
    'test.demand.signals',
    `UNWIND $signals AS s
     CREATE (:DemandSignal {id: randomUUID(), kind: s.kind, day: date(s.day), needs: s.needs, region: s.region,
                            sector: s.sector, sizeBand: s.sizeBand, results: s.results, zeroResults: s.results = 0,
                            query: s.query})`,
    { signals: signals.map((s) => ({ ...s, results: neo4j.int(s.results) })) },
  );
}

const cell = (
  week: string,
  need: string | null,
  region: string | null,
  sector: string | null,
  sizeBand: string | null,
  signals: number,
  zeroResults: number,
): DemandCell => ({ week, need, region, sector, sizeBand, signals, zeroResults });
const sorted = (cells: DemandCell[]) => [...cells].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
const period = { from: D1, to: D5 };

beforeAll(async () => {
  await writeSignals(SIGNALS);
});

afterAll(async () => {
  await operatorWrite(
    'test.demand.cleanup',
    `UNWIND $days AS day
     CALL (day) {
       MATCH (n) WHERE (n:DemandSignal OR n:DemandDay OR n:DemandMiss OR n:DemandRollup) AND n.day = date(day)
       DETACH DELETE n
     }`,
    { days: DAYS },
  );
  await closeTestExecutor();
});

describe('the daily demand rollup', () => {
  it('rolls up every past day once, and running it again changes nothing', async () => {
    const first = await rollUpDemand(writer, D5);
    expect(first.days).toEqual(expect.arrayContaining([D1, D2, D3]));
    expect(first.days).not.toContain(D5);

    const rows = await executor.read<{ day: string; key: string[]; signals: number; zeroResults: number }>(
      'test.demand.days',
      `MATCH (d:DemandDay) WHERE d.day IN [x IN $days | date(x)]
       RETURN toString(d.day) AS day, [d.kind, d.need, d.region, d.sector, d.sizeBand] AS key,
              d.signals AS signals, d.zeroResults AS zeroResults ORDER BY day, key`,
      { days: DAYS },
    );
    expect(rows).toEqual([
      { day: D1, key: ['match', A, '1081', '', ''], signals: 1, zeroResults: 0 },
      { day: D1, key: ['match', A, RA, SX, 'micro'], signals: 1, zeroResults: 0 },
      { day: D1, key: ['match', A, RA, SX, 'small'], signals: 2, zeroResults: 1 },
      { day: D1, key: ['match', B, RA, SX, 'micro'], signals: 1, zeroResults: 0 },
      { day: D2, key: ['search', '', '', '', ''], signals: 1, zeroResults: 1 },
      { day: D2, key: ['search', '', RA, '', ''], signals: 1, zeroResults: 1 },
      { day: D2, key: ['search', A, RA, '', ''], signals: 1, zeroResults: 0 },
      { day: D3, key: ['match', B, RB, SX, 'small'], signals: 1, zeroResults: 0 },
      { day: D3, key: ['search', '', RB, '', ''], signals: 1, zeroResults: 1 },
      { day: D3, key: ['search', B, RB, '', 'micro'], signals: 1, zeroResults: 1 },
    ]);
    const marks = await executor.read<{ day: string; signals: number }>(
      'test.demand.marks',
      'MATCH (r:DemandRollup) WHERE r.day IN [x IN $days | date(x)] RETURN toString(r.day) AS day, r.signals AS signals ORDER BY day',
      { days: DAYS },
    );
    expect(marks).toEqual([
      { day: D1, signals: 4 },
      { day: D2, signals: 3 },
      { day: D3, signals: 3 },
    ]);

    const again = await rollUpDemand(writer, D5);
    expect(again.days).not.toEqual(expect.arrayContaining([D1]));
    expect(again.days.filter((day) => DAYS.includes(day))).toEqual([]);
    const after = await executor.read(
      'test.demand.days',
      'MATCH (d:DemandDay) WHERE d.day IN [x IN $days | date(x)] RETURN count(d) AS n, sum(d.signals) AS s',
      {
        days: DAYS,
      },
    );
    // 10 signals on D1–D3, #3 counted for both its needs.
    expect(after).toEqual([{ n: 10, s: 11 }]);

    // The next day's run (as the CLI's --now does it) takes D5, and only D5.
    const later = await rollUpPastDays(writer, new Date(`${addDays(D5, 1)}T12:00:00Z`));
    expect(later.days.filter((day) => DAYS.includes(day))).toEqual([D5]);
  });

  it('refuses an `until` that is not an ISO date, and takes today from Neo4j', async () => {
    await expect(rollUpDemand(writer, 'yesterday')).rejects.toThrow(/ISO date/);
    const today = await graphToday(executor);
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Within a day of the UTC day here (Neo4j's time zone is UTC unless configured otherwise).
    expect(Math.abs(Date.parse(today) - Date.parse(new Date().toISOString().slice(0, 10)))).toBeLessThanOrEqual(
      86_400_000,
    );
  });

  it('finds the days to roll up without reading the signals of days already rolled up', async () => {
    // Every day before D5 with signals of this file is rolled up now (no other file uses these
    // years), so the search must read no signal at all: the days done are skipped by the index.
    const session = executor.driver.session({ database: 'neo4j' });
    try {
      const result = await session.run(`PROFILE ${DAYS_TO_ROLL_UP}`, { until: D5 });
      expect(result.records.map((record) => record.get('day'))).toEqual([]);
      type Step = { operatorType: string; rows: number; arguments: Record<string, unknown>; children: Step[] };
      const signalRows = (step: Step): number =>
        (String(step.arguments.Details ?? '').includes('DemandSignal') ? step.rows : 0) +
        step.children.reduce((sum, child) => sum + signalRows(child), 0);
      const profile = result.summary.profile;
      if (!profile) throw new Error('Neo4j gave no profile');
      expect(signalRows(profile as unknown as Step)).toBe(0);
    } finally {
      await session.close();
    }
  });
});

describe('demand per need × region × sector × size band × week', () => {
  it('sums the rollup by ISO week, dimensions not named as null', async () => {
    expect(W1).not.toBe(W2);
    const cells = await demandByWeek(executor, { ...period, to: D3 });
    expect(sorted(cells)).toEqual(
      sorted([
        cell(W1, A, '1081', null, null, 1, 0),
        cell(W1, A, RA, SX, 'micro', 1, 0),
        cell(W1, A, RA, SX, 'small', 2, 1),
        cell(W1, A, RA, null, null, 1, 0),
        cell(W1, B, RA, SX, 'micro', 1, 0),
        cell(W1, null, RA, null, null, 1, 1),
        cell(W1, null, null, null, null, 1, 1),
        cell(W2, B, RB, SX, 'small', 1, 0),
        cell(W2, B, RB, null, 'micro', 1, 1),
        cell(W2, null, RB, null, null, 1, 1),
      ]),
    );
    // Ordered by week first.
    expect(cells.map((c) => c.week)).toEqual([...cells.map((c) => c.week)].sort());
  });

  it('filters by period, region, sector, size band, need and kind', async () => {
    expect(sorted(await demandByWeek(executor, { ...period, sectors: [SX] }))).toEqual(
      sorted([
        cell(W1, A, RA, SX, 'micro', 1, 0),
        cell(W1, A, RA, SX, 'small', 2, 1),
        cell(W1, B, RA, SX, 'micro', 1, 0),
        cell(W2, B, RB, SX, 'small', 1, 0),
        // D5 is in week W2 and rolled up by the first test's last run.
        cell(W2, A, RA, SX, 'small', 1, 0),
      ]),
    );
    expect(await demandByWeek(executor, { ...period, regions: [RB], sizeBands: ['micro'] })).toEqual([
      cell(W2, B, RB, null, 'micro', 1, 1),
    ]);
    expect(sorted(await demandByWeek(executor, { from: D2, to: D2, regions: [RA, RB] }))).toEqual(
      sorted([cell(W1, A, RA, null, null, 1, 0), cell(W1, null, RA, null, null, 1, 1)]),
    );
    expect(
      sorted(await demandByWeek(executor, { ...period, regions: [RA, RB], needs: [B], kinds: ['match'] })),
    ).toEqual(sorted([cell(W1, B, RA, SX, 'micro', 1, 0), cell(W2, B, RB, SX, 'small', 1, 0)]));
  });
});

describe('searches that found nothing', () => {
  it('groups them by their scrubbed words, most frequent first, with the filters', async () => {
    expect(await missedSearches(executor, period)).toEqual([
      { words: 'kaffe maskine', searches: 3, firstDay: D2, lastDay: D3 },
      { words: 'aalborg pentest', searches: 1, firstDay: D3, lastDay: D3 },
    ]);
    expect(await searchesWithoutResults(executor, { ...period, regions: [RA] })).toEqual([
      { words: 'kaffe maskine', searches: 1, firstDay: D2, lastDay: D2 },
    ]);
    expect(await missedSearches(executor, { ...period, sizeBands: ['micro'] })).toEqual([
      { words: 'aalborg pentest', searches: 1, firstDay: D3, lastDay: D3 },
    ]);
    expect(await missedSearches(executor, period, 1)).toEqual([
      { words: 'kaffe maskine', searches: 3, firstDay: D2, lastDay: D3 },
    ]);
  });
});

describe('gap score per need × region', () => {
  it('ranks the largest gaps by the documented formula (regions without providers)', async () => {
    // RA: D(A) = 2 + 1 + 1 = 4 (#1, #2, #3, #4), D(B) = 1 (#3), D(RA) = 5; RB: D(B) = 2 (#8, #9), D(RB) = 2.
    // No provider in RA or RB: S = 0. K = 34.
    const gaps = await largestGaps(executor, { from: D1, to: D3, regions: [RA, RB] });
    expect(gaps.map((g) => [g.need, g.region, g.demand, g.supply, g.regionDemand, g.regionSupply])).toEqual([
      [A, RA, 4, 0, 5, 0],
      [B, RB, 2, 0, 2, 0],
      [B, RA, 1, 0, 5, 0],
    ]);
    expect(gaps[0]?.score).toBeCloseTo(Math.log((5 / 39) * 34), 10); // 1.4722
    expect(gaps[1]?.score).toBeCloseTo(Math.log((3 / 36) * 34), 10); // 1.0415
    expect(gaps[2]?.score).toBeCloseTo(Math.log((2 / 39) * 34), 10); // 0.5555
    // Sector and size band narrow the demand: only #3 is micro in RA.
    const micro = await largestGaps(executor, { from: D1, to: D3, regions: [RA], sizeBands: ['micro'] });
    expect(micro.map((g) => [g.need, g.demand, g.regionDemand])).toEqual([
      [A, 1, 2],
      [B, 1, 2],
    ]);
    expect(await largestGaps(executor, { from: D1, to: D3, regions: [RA, RB] }, 1)).toHaveLength(1);
  });

  it('counts supply as the providers located in the region, and scores against it', async () => {
    const [where] = await executor.read<{ north: string; south: string }>(
      'test.demand.municipalities',
      `RETURN head(COLLECT { MATCH (m:Municipality)-[:IN_REGION]->(:Region {code: '1081'}) RETURN m.code ORDER BY m.code }) AS north,
              head(COLLECT { MATCH (m:Municipality)-[:IN_REGION]->(:Region {code: '1083'}) RETURN m.code ORDER BY m.code }) AS south`,
    );
    if (!where) throw new Error('the suite graph lacks municipalities');
    const supplyIn = async (region: string) =>
      new Map(
        (await demandGaps(executor, { from: D1, to: D3, regions: [region] })).map((g) => [g.need, g.supply] as const),
      );
    const before = { north: await supplyIn('1081'), south: await supplyIn('1083') };

    // X (north): two active products for A, a retired one for B. Y (north): one for A and B.
    // Z (south) serves the north but is not located there.
    const company = (label: string, municipalityCode: string): CompanyRow => ({
      cvr: cvrFromSeed(Math.floor(Math.random() * 8_000_000)),
      slug: `${prefix}-${label}`,
      name: `Efterspørgselsfirma ${label} ${prefix}`,
      legalForm: 'ApS',
      description: { da: 'Testfirma.', en: 'Test company.' },
      address: 'Prøvevej 1',
      postcode: '9000',
      city: 'Testby',
      municipalityCode,
      website: 'https://test.example',
      email: 'test@test.example',
      phone: '+45 00 00 00 00',
      founded: 2020,
      employees: 5,
      sizeBand: 'micro',
      languages: ['da'],
      sample: false,
      regionsServed: label === 'z' ? ['1081'] : [],
      sectorCodes: [],
      competences: [],
      certifications: [],
      customerSizeBands: ['micro'],
      partnerSlugs: [],
    });
    const product = (label: string, owner: string, needSlugs: string[], status: ProductRow['status']): ProductRow => ({
      slug: `${prefix}-${label}`,
      companySlug: `${prefix}-${owner}`,
      name: `Efterspørgselsprodukt ${label}`,
      kind: 'service',
      description: { da: 'Et testprodukt.', en: 'A test product.' },
      pricingModel: 'fixed',
      priceFromDkk: 1_000,
      delivery: ['remote'],
      languages: ['da'],
      smeFit: true,
      status,
      needSlugs,
      categoryCodes: [],
      csfCategoryCodes: [],
      regulationCodes: [],
    });
    const companies = [company('x', where.north), company('y', where.north), company('z', where.south)];
    const products = [
      product('x1', 'x', [A], 'active'),
      product('x2', 'x', [A], 'active'),
      product('x3', 'x', [B], 'retired'),
      product('y1', 'y', [A, B], 'active'),
      product('z1', 'z', [A], 'active'),
    ];
    await writer.change('test.demand.companies', async (tx) => {
      await writeCompanyRows(tx, companies);
      await writeProductRows(tx, products);
    });
    try {
      const after = { north: await supplyIn('1081'), south: await supplyIn('1083') };
      expect((after.north.get(A) ?? 0) - (before.north.get(A) ?? 0)).toBe(2);
      expect((after.north.get(B) ?? 0) - (before.north.get(B) ?? 0)).toBe(1);
      expect((after.south.get(A) ?? 0) - (before.south.get(A) ?? 0)).toBe(1);

      // Signal #10 is the only demand in 1081 in the period: D(A, 1081) = D(1081) = 1.
      const [gap] = await demandGaps(executor, { from: D1, to: D3, regions: ['1081'], needs: [A] });
      const [north] = await executor.read<{ total: number; forA: number }>(
        'test.demand.supply',
        `MATCH (:Region {code: '1081'})<-[:IN_REGION]-(:Municipality)<-[:LOCATED_IN]-(c:Company)
         MATCH (c)-[:OFFERS]->(:Product {status: 'active'})-[:ADDRESSES]->(n:Need)
         WITH n, count(DISTINCT c) AS providers
         RETURN sum(providers) AS total, sum(CASE WHEN n.slug = $need THEN providers ELSE 0 END) AS forA`,
        { need: A },
      );
      expect(gap).toMatchObject({ need: A, region: '1081', demand: 1, regionDemand: 1, supply: north?.forA });
      expect(gap?.regionSupply).toBe(north?.total);
      expect(gap?.score).toBeCloseTo(Math.log(2 / 35 / (((north?.forA ?? 0) + 1) / ((north?.total ?? 0) + 34))), 10);
    } finally {
      await removeCompanies(writer, 'test.demand.cleanupCompanies', prefix);
    }
  });
});
