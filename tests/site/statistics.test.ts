import { parse } from 'csv-parse/sync';
import { parseHTML } from 'linkedom';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { NEEDS } from '../../graph/data/needs';
import { closeTestExecutor, operatorWrite, testExecutor, uniquePrefix } from '../support/graph';
import { type CookieJar, logInAs, send } from '../support/login';

/**
 * The public statistics, the methods page and the analysts' API page over HTTP on the suite's
 * server, and in Chromium. Demand is this file's own: daily rollup rows (graph/analytics/demand.ts
 * `DemandDay`) for three needs in one quarter of a year far ahead, with 4 (2 + 2 on two days), 5
 * and 6 signals, asked for with that quarter, so no other file's rows are in the cells looked at.
 * They carry a `testRun` property of their own (the queries ignore it) and are removed at the end.
 */

const BASE = inject('baseUrl').replace(/\/$/, '');
const url = (path: string) => `${BASE}${path}`;

const RUN = uniquePrefix('statistics');
const YEAR = 2040 + Math.floor(Math.random() * 50);
const QUARTER = `${YEAR}-Q3`;
const REGION = '1084';
const FOUR = 'backup-og-gendannelse';
const FIVE = 'tofaktor-login';
const SIX = 'opdateringer-og-patching';
const QUESTION = `quarter=${QUARTER}&region=${REGION}`;

/** A need's name as a page in `lang` shows it. */
const needName = (lang: 'da' | 'en', slug: string): string =>
  NEEDS.find((need) => need.slug === slug)?.name[lang] ?? slug;

let staff: CookieJar;
let browser: Browser;
let companySlug: string;

beforeAll(async () => {
  const day = (d: number) => `${YEAR}-08-${String(d).padStart(2, '0')}`;
  await operatorWrite(
    'test.statistics.demand',
    `UNWIND $rows AS x
     CREATE (:DemandDay {day: date(x.day), kind: 'search', need: x.need, region: $region, sector: '', sizeBand: '',
                         signals: x.signals, zeroResults: 0, testRun: $run})`,
    {
      run: RUN,
      region: REGION,
      rows: [
        { day: day(3), need: FOUR, signals: 2 },
        { day: day(10), need: FOUR, signals: 2 },
        { day: day(4), need: FIVE, signals: 5 },
        { day: day(5), need: SIX, signals: 6 },
      ],
    },
  );
  const [company] = await testExecutor().read<{ slug: string }>(
    'test.statistics.company',
    'MATCH (c:Company) WHERE NOT c.slug STARTS WITH "t-" RETURN c.slug AS slug ORDER BY c.slug LIMIT 1',
  );
  companySlug = company?.slug ?? '';
  staff = (await logInAs(BASE, { as: 'staff', person: 'Karen Lund' })).jar;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await operatorWrite('test.statistics.cleanup', 'MATCH (d:DemandDay {testRun: $run}) DELETE d', { run: RUN });
  await closeTestExecutor();
});

async function get(path: string, jar?: CookieJar): Promise<{ status: number; body: string; type: string }> {
  const response = jar ? await send(jar, url(path)) : await fetch(url(path), { redirect: 'manual' });
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') ?? '' };
}

async function graphql(query: string, variables: Record<string, unknown>, jar?: CookieJar) {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  };
  const response = jar ? await send(jar, url('/graphql'), init) : await fetch(url('/graphql'), init);
  return (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
}

/** Every cell of the page's statistics tables: [table id, row heading, column heading, cell]. */
function pageCells(html: string): string[][] {
  const { document } = parseHTML(html);
  const cells: string[][] = [];
  for (const table of document.querySelectorAll('table[data-kind]')) {
    const columns = [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent?.trim() ?? '');
    for (const row of table.querySelectorAll('tbody tr')) {
      const heading = row.querySelector('th')?.textContent?.trim() ?? '';
      [...row.querySelectorAll('td')].forEach((td, index) => {
        cells.push([table.id, heading, columns[index] ?? '', td.textContent?.trim() ?? '']);
      });
    }
  }
  return cells;
}

/** The cells of one table's row, by the row's need slug, as the CSV download has them. */
function csvRowOf(csv: Array<Record<string, string>>, table: string, need: string): string[] {
  return csv.filter((line) => line.table === table && line.row_code === need).map((line) => line.value ?? '');
}

const STATISTICS_QUERY = `query Q($filter: StatisticsFilter) {
  statistics(filter: $filter) {
    audience
    filter { quarter from to region }
    demandByNeedAndQuarter { need quarter signals { value shown } }
    demandByNeedAndRegion { need region signals { value shown } }
    supplyByNeed { need providers { value shown } products { value shown } }
  }
}`;

type Signals = { need: string; signals: { value: number | null; shown: string } };

describe('the public statistics', () => {
  it('exist in Danish and English, with the methods and API pages, linked from each other', async () => {
    const pages: Array<[string, string, string]> = [
      ['/statistik', 'da', '<h1>Statistik</h1>'],
      ['/en/statistics', 'en', '<h1>Statistics</h1>'],
      ['/metode', 'da', '<h1>Sådan er statistikken lavet</h1>'],
      ['/en/methods', 'en', '<h1>How the statistics are made</h1>'],
      ['/api', 'da', '<h1>GraphQL-API til analyser</h1>'],
      ['/en/api', 'en', '<h1>GraphQL API for analytics</h1>'],
    ];
    for (const [path, lang, heading] of pages) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain(`<html lang="${lang}"`);
      expect(page.body.replace(/<h1[^>]*>/, '<h1>'), path).toContain(heading);
    }
    const da = (await get('/statistik')).body;
    expect(da).toContain('href="/metode"');
    expect(da).toContain('href="/api"');
    const openData = (await get('/aaben-data')).body;
    expect(openData).toContain('href="/metode"');
    expect(openData).toContain('href="/api"');
    expect((await get('/en/open-data')).body).toContain('href="/en/api"');
    const methods = (await get('/metode')).body;
    expect(methods).toContain('gap(n, r) = ln( ((D(n,r) + 1) / (D(r) + K)) / ((S(n,r) + 1) / (S(r) + K)) )');
    expect(methods).toContain('https://creativecommons.org/licenses/by/4.0/');
  });

  it('are linked from the footer of every kind of page', async () => {
    const pages: Array<[string, string]> = [
      ['/', '/statistik'],
      ['/soeg?q=backup', '/statistik'],
      ['/find-hjaelp', '/statistik'],
      ['/om', '/statistik'],
      [`/virksomhed/${companySlug}`, '/statistik'],
      ['/aaben-data', '/statistik'],
      ['/metode', '/statistik'],
      ['/log-ind', '/statistik'],
      ['/findes-ikke-i-cyberkort', '/statistik'],
      ['/en/', '/en/statistics'],
      ['/en/search?q=backup', '/en/statistics'],
      ['/en/api', '/en/statistics'],
    ];
    for (const [path, link] of pages) {
      const page = await get(path);
      const footer = page.body.slice(page.body.indexOf('<footer'));
      expect(footer, path).toContain(`href="${link}"`);
    }
  });

  it('show fewer than 5 demand signals as "under 5" on the page, in the CSV, the JSON and GraphQL', async () => {
    for (const [path, csvPath, jsonPath] of [
      [`/statistik?${QUESTION}`, `/statistik.csv?${QUESTION}`, `/statistik.json?${QUESTION}`],
      [`/en/statistics?${QUESTION}`, `/en/statistics.csv?${QUESTION}`, `/en/statistics.json?${QUESTION}`],
    ] as const) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      const lang = path.startsWith('/en/') ? 'en' : 'da';
      const { document } = parseHTML(page.body);
      const cellsOf = (table: string, need: string) => {
        const rows = [...document.querySelectorAll(`table#${table} tbody tr`)];
        const labelled = rows.find((row) => row.querySelector('th')?.textContent?.trim() === needName(lang, need));
        return [...(labelled?.querySelectorAll('td') ?? [])].map((td) => td.textContent?.trim());
      };
      for (const table of ['demand-by-quarter', 'demand-by-region']) {
        expect(cellsOf(table, FOUR), `${path} ${table}`).toEqual(['under 5']);
        expect(cellsOf(table, FIVE), `${path} ${table}`).toEqual(['5']);
        expect(cellsOf(table, SIX), `${path} ${table}`).toEqual(['6']);
      }

      const csvFile = await get(csvPath);
      expect(csvFile.status).toBe(200);
      expect(csvFile.type).toMatch(/^text\/csv/);
      const csv = parse(csvFile.body, { columns: true }) as Array<Record<string, string>>;
      for (const table of ['demand-by-quarter', 'demand-by-region']) {
        expect(csvRowOf(csv, table, FOUR)).toEqual(['under 5']);
        expect(csvRowOf(csv, table, FIVE)).toEqual(['5']);
        expect(csvRowOf(csv, table, SIX)).toEqual(['6']);
      }
      expect(csv.filter((line) => line.table?.startsWith('demand') && line.value === '4')).toEqual([]);

      const jsonFile = await get(jsonPath);
      expect(jsonFile.type).toMatch(/^application\/json/);
      const json = JSON.parse(jsonFile.body) as {
        tables: Array<{ id: string; rows: Array<{ code: string; cells: string[] }> }>;
      };
      const jsonRow = (table: string, need: string) =>
        json.tables.find((t) => t.id === table)?.rows.find((row) => row.code === need)?.cells;
      expect(jsonRow('demand-by-quarter', FOUR)).toEqual(['under 5']);
      expect(jsonRow('demand-by-quarter', FIVE)).toEqual(['5']);
      expect(jsonRow('demand-by-region', SIX)).toEqual(['6']);
    }

    const variables = { filter: { quarter: QUARTER, region: REGION } };
    const anonymous = await graphql(STATISTICS_QUERY, variables);
    expect(anonymous.errors).toBeUndefined();
    const stats = anonymous.data?.statistics as {
      audience: string;
      filter: Record<string, string>;
      demandByNeedAndQuarter: Signals[];
      demandByNeedAndRegion: Signals[];
    };
    expect(stats.audience).toBe('public');
    expect(stats.filter).toEqual({ quarter: QUARTER, from: `${YEAR}-07-01`, to: `${YEAR}-09-30`, region: REGION });
    const signalsOf = (rows: Signals[], need: string) => rows.find((row) => row.need === need)?.signals;
    for (const rows of [stats.demandByNeedAndQuarter, stats.demandByNeedAndRegion]) {
      expect(signalsOf(rows, FOUR)).toEqual({ value: null, shown: 'under 5' });
      expect(signalsOf(rows, FIVE)).toEqual({ value: 5, shown: '5' });
      expect(signalsOf(rows, SIX)).toEqual({ value: 6, shown: '6' });
      // No public demand cell is a number under 5.
      expect(rows.filter((row) => row.signals.value !== null && row.signals.value < 5)).toEqual([]);
    }

    const asStaff = await graphql(STATISTICS_QUERY, variables, staff);
    expect(asStaff.errors).toBeUndefined();
    const staffStats = asStaff.data?.statistics as { audience: string; demandByNeedAndQuarter: Signals[] };
    expect(staffStats.audience).toBe('staff');
    expect(signalsOf(staffStats.demandByNeedAndQuarter, FOUR)).toEqual({ value: 4, shown: '4' });
    const staffPage = await get(`/statistik?${QUESTION}`, staff);
    expect(pageCells(staffPage.body)).toContainEqual(['demand-by-quarter', needName('da', FOUR), QUARTER, '4']);
  });

  it('offer downloads that hold exactly the tables on the page', async () => {
    for (const [path, csvPath, jsonPath] of [
      [`/statistik?${QUESTION}`, `/statistik.csv?${QUESTION}`, `/statistik.json?${QUESTION}`],
      ['/en/statistics', '/en/statistics.csv', '/en/statistics.json'],
    ] as const) {
      const page = pageCells((await get(path)).body);
      expect(page.length).toBeGreaterThan(100);
      const csv = parse((await get(csvPath)).body, { columns: true }) as Array<Record<string, string>>;
      expect(csv.map((line) => [line.table, line.row, line.column, line.value])).toEqual(page);
      const json = JSON.parse((await get(jsonPath)).body) as {
        licence: { name: string };
        tables: Array<{
          id: string;
          columns: Array<{ label: string }>;
          rows: Array<{ label: string; cells: string[] }>;
        }>;
      };
      expect(json.licence.name).toBe('CC BY 4.0');
      expect(
        json.tables.flatMap((table) =>
          table.rows.flatMap((row) =>
            row.cells.map((cell, index) => [table.id, row.label, table.columns[index]?.label ?? '', cell]),
          ),
        ),
      ).toEqual(page);
    }
  });

  it('show no figure of a supply cell built from 1 or 2 companies to the public', async () => {
    const result = await graphql(STATISTICS_QUERY, { filter: { quarter: QUARTER } });
    expect(result.errors).toBeUndefined();
    const stats = result.data?.statistics as {
      supplyByNeed: Array<{ providers: { value: number | null; shown: string }; products: { shown: string } }>;
    };
    const rows = stats.supplyByNeed;
    for (const row of rows) {
      if (row.providers.value === null) {
        expect(row.providers.shown).toBe('under 3');
        expect(row.products.shown).toBe('under 3');
      } else {
        expect(row.providers.value === 0 || row.providers.value >= 3).toBe(true);
      }
    }
  });

  it('refuse a bad question with the field named, keeping what was typed', async () => {
    const page = await get('/statistik?quarter=2033-Q5&region=9999');
    expect(page.status).toBe(400);
    expect(page.body).toContain('value="2033-Q5"');
    expect(page.body).toContain('href="#quarter"');
    expect(page.body).toContain('Skriv kvartalet som 2026-Q3');
    const en = await get('/en/statistics?from=2033-01-01&to=2036-01-01');
    expect(en.status).toBe(400);
    expect(en.body).toContain('at most 8 quarters later');
    expect(en.body).toContain('value="2036-01-01"');
    expect((await get('/statistik.csv?quarter=nej')).status).toBe(400);
    const result = await graphql(STATISTICS_QUERY, { filter: { region: '9999' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serve the printed schema the API page links to, and show the examples with curl', async () => {
    const sdl = await get('/api/schema.graphql');
    expect(sdl.status).toBe(200);
    expect(sdl.body).toContain('type PublicStatistics');
    const page = (await get('/en/api')).body;
    expect(page).toContain('href="/api/schema.graphql"');
    expect(page).toContain('href="/en/ncc/api-keys"');
    expect(page).toContain('Authorization: Bearer ck_');
    expect(page).toContain('curl -s ');
    expect(page).toContain('QUERY_TOO_COSTLY');
    expect(page).toContain('id="field-statistics"');
  });
});

describe('the public statistics in the browser', () => {
  it('show no demand cell as a number under 5', async () => {
    const context = await browser.newContext({ locale: 'da-DK' });
    try {
      for (const path of [`/statistik?${QUESTION}`, '/statistik', `/en/statistics?quarter=${QUARTER}`]) {
        const page = await context.newPage();
        const response = await page.goto(url(path));
        expect(response?.status(), path).toBe(200);
        const cells = await page.locator('td[data-demand-cell]').allTextContents();
        expect(cells.length, path).toBeGreaterThan(0);
        const small = cells.map((cell) => cell.trim()).filter((cell) => cell !== 'under 5' && !(Number(cell) >= 5));
        expect(small, path).toEqual([]);
        await page.close();
      }
      const page = await context.newPage();
      await page.goto(url(`/statistik?${QUESTION}`));
      await expect
        .poll(async () => (await page.locator('td[data-demand-cell]').allTextContents()).includes('6'))
        .toBe(true);
      await page.close();
    } finally {
      await context.close();
    }
  });
});
