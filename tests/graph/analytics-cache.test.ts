import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { forgetAnalyticsAnswers } from '../../graph/analytics/cache';
import { demandByWeek } from '../../graph/analytics/demand';
import { supplyByNeed } from '../../graph/analytics/supply';
import { writeCompanyRows, writeProductRows } from '../../graph/loaders/ecosystem';
import { GraphWriter } from '../../graph/write';
import { analyticsWorld } from '../support/analytics-world';
import { closeTestExecutor, operatorWrite, testExecutor, uniquePrefix } from '../support/graph';
import { removeCompanies } from '../support/listings';

/**
 * Kept analytics answers (graph/analytics/cache.ts): given again while the data under them is
 * the same, computed afresh as soon as a listing changes or the rollup adds rows.
 */

const executor = testExecutor();
const writer = new GraphWriter(executor);
const prefix = uniquePrefix('analytics-cache');
const S = `${prefix}-sector`;
const { company, product } = analyticsWorld(prefix);
// A week of its own far in the future, so no other file's demand rows fall in it.
const DAY = `2036-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}`;
let need: string;

const queriesRun = async (ask: () => Promise<unknown>) => {
  const read = vi.spyOn(executor, 'read');
  try {
    await ask();
    return read.mock.calls.map(([name]) => name).filter((name) => name.startsWith('analytics.'));
  } finally {
    read.mockRestore();
  }
};

beforeAll(async () => {
  const [row] = await executor.read<{ need: string }>(
    'test.analyticsCache.need',
    'MATCH (n:Need) RETURN min(n.slug) AS need',
  );
  need = row?.need as string;
  await operatorWrite(
    'test.analyticsCache.sector',
    'CREATE (:Sector {code: $code, key: $code, nameDa: $code, nameEn: $code})',
    { code: S },
  );
  await writer.change('test.analyticsCache.company', (tx) =>
    writeCompanyRows(tx, [
      company('a', { municipalityCode: '101', regionsServed: [], languages: ['da'], sectorCodes: [S] }),
    ]),
  );
  await writer.change('test.analyticsCache.product', (tx) =>
    writeProductRows(tx, [product('a1', 'a', { needSlugs: [need], smeFit: true, languages: ['da'] })]),
  );
});

afterAll(async () => {
  await removeCompanies(writer, 'test.analyticsCache.cleanup', prefix);
  await operatorWrite('test.analyticsCache.cleanupRows', 'MATCH (x:Sector {code: $code}) DETACH DELETE x', { code: S });
  await operatorWrite('test.analyticsCache.cleanupDays', 'MATCH (d:DemandDay {day: date($day)}) DELETE d', {
    day: DAY,
  });
  await closeTestExecutor();
});

describe('kept analytics answers', () => {
  const providersOf = async () =>
    (await supplyByNeed(executor, { sector: S })).find((row) => row.need === need)?.providers ?? 0;

  it('gives an answer again without running its query while the listings are unchanged', async () => {
    forgetAnalyticsAnswers(executor);
    expect(await queriesRun(() => supplyByNeed(executor, { sector: S }))).toEqual([
      'analytics.version',
      'analytics.supplyByNeed',
    ]);
    // Other test files write listings at the same time, so the second ask may meet a new version;
    // a few tries find a moment when it did not move.
    let again: string[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      again = await queriesRun(() => supplyByNeed(executor, { sector: S }));
      if (again.length === 1) break;
    }
    expect(again).toEqual(['analytics.version']);
  });

  it('reads the version once for questions asked together, and again for a question asked after', async () => {
    await supplyByNeed(executor, { sector: S });
    await supplyByNeed(executor, { sector: `${S}-other` });
    const together = await queriesRun(() =>
      Promise.all([supplyByNeed(executor, { sector: S }), supplyByNeed(executor, { sector: `${S}-other` })]),
    );
    expect(together.filter((name) => name === 'analytics.version')).toHaveLength(1);
    const after = await queriesRun(async () => {
      await supplyByNeed(executor, { sector: S });
      await supplyByNeed(executor, { sector: S });
    });
    expect(after.filter((name) => name === 'analytics.version')).toHaveLength(2);
  });

  it('computes afresh after a listing changes', async () => {
    expect(await providersOf()).toBe(1);
    await writer.change('test.analyticsCache.company2', (tx) =>
      writeCompanyRows(tx, [
        company('b', { municipalityCode: '147', regionsServed: [], languages: ['en'], sectorCodes: [S] }),
      ]),
    );
    await writer.change('test.analyticsCache.product2', (tx) =>
      writeProductRows(tx, [product('b1', 'b', { needSlugs: [need], smeFit: false, languages: ['en'] })]),
    );
    expect(await providersOf()).toBe(2);
  });

  it('computes afresh when the rollup adds rows', async () => {
    const filter = { from: DAY, to: DAY, needs: [need] };
    expect(await demandByWeek(executor, filter)).toEqual([]);
    await operatorWrite(
      'test.analyticsCache.day',
      `CREATE (:DemandDay {day: date($day), kind: 'search', need: $need, region: '1084', sector: '', sizeBand: '',
                          signals: 7, zeroResults: 1})`,
      { day: DAY, need },
    );
    const rows = await demandByWeek(executor, filter);
    expect(rows.map((row) => row.signals)).toEqual([7]);
  });

  it('hands out frozen rows, so no caller can change what the next one gets', async () => {
    const rows = await supplyByNeed(executor, { sector: S });
    expect(Object.isFrozen(rows)).toBe(true);
    expect(() => (rows as unknown as unknown[]).sort()).toThrow(TypeError);
    expect(Object.isFrozen(rows[0])).toBe(true);
  });
});
