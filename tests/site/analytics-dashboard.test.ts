import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { closeTestExecutor, operatorWrite } from '../support/graph';
import { type CookieJar, logInAs, send } from '../support/login';
import { htmlTable, parseCsv } from '../support/tables';

/**
 * NCC staff's analytics dashboards over the built site: the anonymous are sent to log in, a vendor
 * gets the 403 page, a reviewer sees the overview and every measure's page in Danish and English,
 * each chart with its table and the table's CSV and JSON holding exactly its rows; a filter with a
 * problem is shown back as typed, with a coded, translated error beside the field.
 *
 * The demand figures are a rollup of this file's own, on days long past that no other file uses (a
 * random week between 1930 and 1968; the demand graph test uses 1971–1998), so their right answers
 * are known:
 *
 *   day     kind    need  region  size   signals  zero results
 *   D1      match   A     1081    small  6        1
 *   D1+1    search  B     1081    —      2        2
 *   D1+7    search  A     1081    —      3        0
 *   D1+7    search  —     1084    —      4        4     (another region: not in a 1081 filter)
 *
 * and searches that found nothing: "kaffe, maskine" in 1081 on D1+1 (5) and D1+8 (2), "kvante" in
 * 1084 on D1+8 (9). The supply figures are the shared graph's, which other files change while this
 * one runs: they are compared between the page and its downloads, not with numbers.
 */

const base = inject('baseUrl');
const A = 'backup-og-gendannelse';
const B = 'tofaktor-login';
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
// 1930-01-06 was a Monday; a random Monday of the next 38 years.
const D1 = addDays('1930-01-06', 7 * Math.floor(Math.random() * 1_990));
const DAYS = [D1, addDays(D1, 1), addDays(D1, 7), addDays(D1, 8)];
const PERIOD = `from=${D1}&to=${addDays(D1, 13)}`;

/** ISO week label, worked out independently of Neo4j: the week-year and week of the Thursday of that week. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

let reviewer: CookieJar;
let vendor: CookieJar;

beforeAll(async () => {
  const day = (
    offset: number,
    kind: string,
    need: string,
    region: string,
    sizeBand: string,
    signals: number,
    zero: number,
  ) => ({
    day: addDays(D1, offset),
    kind,
    need,
    region,
    sizeBand,
    signals,
    zero,
  });
  await operatorWrite(
    'test.dashboard.demand',
    `UNWIND $days AS d
     CREATE (:DemandDay {day: date(d.day), kind: d.kind, need: d.need, region: d.region, sector: '', sizeBand: d.sizeBand,
                         signals: d.signals, zeroResults: d.zero})
     WITH count(*) AS done
     UNWIND $misses AS m
     CREATE (:DemandMiss {day: date(m.day), words: m.words, region: m.region, sector: '', sizeBand: '', searches: m.searches})`,
    {
      days: [
        day(0, 'match', A, '1081', 'small', 6, 1),
        day(1, 'search', B, '1081', '', 2, 2),
        day(7, 'search', A, '1081', '', 3, 0),
        day(7, 'search', '', '1084', '', 4, 4),
      ],
      misses: [
        { day: addDays(D1, 1), words: 'kaffe, maskine', region: '1081', searches: 5 },
        { day: addDays(D1, 8), words: 'kaffe, maskine', region: '1081', searches: 2 },
        { day: addDays(D1, 8), words: 'kvante', region: '1084', searches: 9 },
      ],
    },
  );
  reviewer = (await logInAs(base, { as: 'staff', person: 'Karen Lund' })).jar;
  vendor = (await logInAs(base, { as: 'vendor', person: 'not in the directory' })).jar;
});

afterAll(async () => {
  await operatorWrite(
    'test.dashboard.cleanup',
    'MATCH (n) WHERE (n:DemandDay OR n:DemandMiss) AND n.day IN [x IN $days | date(x)] DETACH DELETE n',
    { days: DAYS },
  );
  await closeTestExecutor();
});

const get = async (jar: CookieJar | null, path: string) => {
  const response = jar
    ? await send(jar, new URL(path, base))
    : await fetch(new URL(path, base), { redirect: 'manual' });
  return { status: response.status, text: await response.text(), response };
};

/** The page's rows of a table without its header row. */
const bodyOf = (html: string, id: string) => htmlTable(html, id).slice(1);

describe('who may see the dashboards', () => {
  it('sends the anonymous to log in, and back to the page with its filters', async () => {
    for (const [path, login] of [
      ['/ncc/analyse', '/log-ind'],
      ['/ncc/analyse/udbud?region=1084', '/log-ind'],
      ['/en/ncc/analytics/gaps.csv?region=1084', '/en/log-in'],
    ] as const) {
      const { status, response } = await get(null, path);
      expect(status, path).toBe(303);
      const location = new URL(response.headers.get('location') ?? '', base);
      expect(location.pathname).toBe(login);
      expect(location.searchParams.get('returnTo')).toBe(path);
    }
  });

  it('refuses a vendor with the 403 page, and the downloads too', async () => {
    const page = await get(vendor, '/ncc/analyse/udbud');
    expect(page.status).toBe(403);
    expect(page.text).toContain('Ingen adgang');
    expect(page.text).not.toContain('<table');
    expect((await get(vendor, '/en/ncc/analytics')).status).toBe(403);
    const csv = await get(vendor, '/ncc/analyse/udbud.csv');
    expect(csv.status).toBe(403);
    expect(csv.text).not.toContain(',');
  });

  it('answers a page that is no measure with the 404 page', async () => {
    expect((await get(reviewer, '/ncc/analyse/findes-ikke')).status).toBe(404);
    // A Danish slug under the English path is no page either.
    expect((await get(reviewer, '/en/ncc/analytics/udbud')).status).toBe(404);
    expect((await get(reviewer, '/ncc/analyse/findes-ikke.csv')).status).toBe(404);
  });
});

describe('a reviewer’s dashboards', () => {
  const measures: Array<[da: string, en: string, query: string, table: string]> = [
    ['udbud', 'supply', '', 'table-needs'],
    ['efterspoergsel', 'demand', `${PERIOD}&region=1081`, 'table-weeks'],
    ['huller', 'gaps', `${PERIOD}&region=1081&need=${A}`, 'table-regions'],
    ['kompetencer', 'skills', '', 'table-roles'],
    ['daekning', 'coverage', '', 'table-csf'],
    ['koncentration', 'concentration', '', 'table-concentration'],
    ['nul-resultater', 'zero-results', `${PERIOD}&region=1081`, 'table-searches'],
  ];

  it('shows the overview in both languages, linking every measure with the filters', async () => {
    const da = await get(reviewer, `/ncc/analyse?region=1084`);
    expect(da.status).toBe(200);
    expect(da.text).toContain('<h1>Analyse af markedet</h1>');
    for (const [slug] of measures) expect(da.text).toContain(`href="/ncc/analyse/${slug}?region=1084"`);
    expect(da.text).toContain('class="lang-switch" href="/en/ncc/analytics?region=1084"');
    const en = await get(reviewer, '/en/ncc/analytics');
    expect(en.status).toBe(200);
    expect(en.text).toContain('<h1>Market analytics</h1>');
    for (const [, slug] of measures) expect(en.text).toContain(`href="/en/ncc/analytics/${slug}"`);
  });

  for (const [da, en, query, table] of measures) {
    it(`shows ${en} in both languages: a chart, its table with caption and headers, and the downloads`, async () => {
      for (const path of [`/ncc/analyse/${da}?${query}`, `/en/ncc/analytics/${en}?${query}`]) {
        const page = await get(reviewer, path);
        expect(page.status, path).toBe(200);
        expect(page.text, path).toContain(`id="${table}"`);
        expect(page.text).toMatch(/<caption id="[a-z0-9]+-caption">/);
        expect(page.text).toContain('<th scope="col"');
        expect(page.text).toContain('<th scope="row"');
        expect(page.text).toContain('role="img"');
        expect(bodyOf(page.text, table).length, path).toBeGreaterThan(0);
        const csvLink = `${path.split('?')[0]}.csv?`;
        expect(page.text).toContain(`href="${csvLink}`);
      }
    });
  }

  it('counts the weekly demand of the period and region as the rollup holds it, in the table, the CSV and the JSON', async () => {
    const path = `/ncc/analyse/efterspoergsel?${PERIOD}&region=1081`;
    const page = await get(reviewer, path);
    // The rollup's days are UTC days, which the page says, in each language.
    expect(page.text).toContain('Datoerne er døgn i UTC: et døgn begynder kl. 1 dansk tid (kl. 2 om sommeren).');
    expect((await get(reviewer, `/en/ncc/analytics/demand?${PERIOD}`)).text).toContain(
      'The dates are UTC days: a day begins at 01:00 Danish time (02:00 in summer).',
    );
    expect(bodyOf(page.text, 'table-weeks')).toEqual([
      [isoWeek(D1), '8', '3'],
      [isoWeek(addDays(D1, 7)), '3', '0'],
    ]);
    expect(bodyOf(page.text, 'table-needs')).toEqual([
      ['Backup og gendannelse', A, '9', '1'],
      ['Tofaktor-login (MFA)', B, '2', '2'],
    ]);
    const csv = await get(reviewer, `/ncc/analyse/efterspoergsel.csv?${PERIOD}&region=1081&table=needs`);
    expect(csv.status).toBe(200);
    expect(csv.response.headers.get('content-type')).toContain('text/csv');
    expect(csv.response.headers.get('content-disposition')).toMatch(/^attachment; filename="cyberkort-demand-needs-/);
    expect(parseCsv(csv.text)).toEqual(htmlTable(page.text, 'table-needs'));
    const json = await get(reviewer, `/ncc/analyse/efterspoergsel.json?${PERIOD}&region=1081&table=weeks`);
    const body = JSON.parse(json.text) as { filter: { region: string }; rows: Array<Record<string, unknown>> };
    expect(body.filter.region).toBe('1081');
    expect(body.rows).toEqual([
      { week: isoWeek(D1), signals: 8, zeroResults: 3 },
      { week: isoWeek(addDays(D1, 7)), signals: 3, zeroResults: 0 },
    ]);
  });

  it('shows a need’s gap by region with D(n,r) and D(r) of the period, and the searches that found nothing', async () => {
    const gaps = await get(reviewer, `/en/ncc/analytics/gaps?${PERIOD}&region=1081&need=${A}`);
    const [header, ...rows] = htmlTable(gaps.text, 'table-regions');
    expect(rows).toHaveLength(1);
    const cell = (label: string) => rows[0]?.[header?.indexOf(label) ?? -1];
    expect(cell('Region')).toBe('North Denmark Region');
    expect(cell('Demand D(n,r)')).toBe('9');
    expect(cell('Region’s demand D(r)')).toBe('11');
    expect(gaps.text).toContain('<title>North Denmark Region: ');

    const misses = await get(reviewer, `/ncc/analyse/nul-resultater?${PERIOD}&region=1081`);
    expect(bodyOf(misses.text, 'table-searches')).toEqual([['kaffe, maskine', '7', addDays(D1, 1), addDays(D1, 8)]]);
  });

  it('downloads exactly the supply table the page shows, in both languages, by region and municipality', async () => {
    for (const [path, table] of [
      ['/ncc/analyse/udbud?region=1084&show=smeFriendlyProviders', 'needs'],
      [`/en/ncc/analytics/supply?region=1084&level=municipality&need=${A}`, 'areas'],
    ] as const) {
      const [page, csv, json] = await consistentRead(path, table);
      const shown = htmlTable(page, `table-${table}`);
      expect(shown.length).toBeGreaterThan(1);
      expect(parseCsv(csv)).toEqual(shown);
      const body = JSON.parse(json) as { columns: Array<{ label: string }>; rows: Array<Record<string, unknown>> };
      expect(body.columns.map((column) => column.label)).toEqual(shown[0]);
      expect(body.rows.map((row) => Object.values(row).map((value) => (value === null ? '' : String(value))))).toEqual(
        shown.slice(1),
      );
    }
    // Municipalities of the region only, named in English, and the map names them.
    const [page] = await consistentRead(`/en/ncc/analytics/supply?region=1084&level=municipality&need=${A}`, 'areas');
    const names = bodyOf(page, 'table-areas').map((row) => row[0]);
    expect(names).toContain('Copenhagen');
    expect(names).not.toContain('Århus');
    expect(page).toContain('<title>Copenhagen: ');
  });

  it('shows a filter with a problem as typed, with a coded, translated error beside the field (400)', async () => {
    const unknown = await get(reviewer, '/ncc/analyse/udbud?region=9999&need=backup-og-gendannelse');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('role="alert"');
    expect(unknown.text).toMatch(
      /<p class="field-error" id="region-error" data-code="unknown_reference"[^>]*>\s*Cyberkort kender ingen region med den kode\./,
    );
    expect(unknown.text).toMatch(/<option value="9999" selected[^>]*>9999<\/option>/);
    expect(unknown.text).toMatch(/<option value="backup-og-gendannelse" selected/);
    expect(unknown.text).not.toContain('id="table-needs"');

    const shapes = await get(reviewer, '/en/ncc/analytics/demand?from=2026-02-30&sector=not%20a%20code&region=1084');
    expect(shapes.status).toBe(400);
    expect(shapes.text).toMatch(/id="from-error" data-code="custom"[^>]*>\s*Write the from date as YYYY-MM-DD/);
    expect(shapes.text).toMatch(/id="sector-error" data-code="invalid_format"[^>]*>\s*The sector must be one of/);
    expect(shapes.text).toMatch(/<input id="from" name="from" type="date" value="2026-02-30"/);
    expect(shapes.text).toMatch(/<option value="not a code" selected/);
    expect(shapes.text).toMatch(/<option value="1084" selected/);

    const order = await get(reviewer, '/ncc/analyse/huller?from=2026-03-01&to=2026-02-01');
    expect(order.status).toBe(400);
    expect(order.text).toMatch(
      /id="to-error" data-code="custom"[^>]*>\s*Til-datoen skal ligge på eller efter fra-datoen/,
    );

    const choice = await get(reviewer, '/en/ncc/analytics/skills?show=everything&role=ECSF-NOBODY');
    expect(choice.status).toBe(400);
    expect(choice.text).toMatch(/id="show-error" data-code="invalid_value"/);
    expect(choice.text).toMatch(/<option value="everything" selected/);

    const role = await get(reviewer, '/en/ncc/analytics/skills?role=ECSF-NOBODY');
    expect(role.status).toBe(400);
    expect(role.text).toMatch(
      /id="role-error" data-code="unknown_reference"[^>]*>\s*Cyberkort knows no ECSF role profile/,
    );

    const download = await get(reviewer, '/ncc/analyse/udbud.csv?region=9999');
    expect(download.status).toBe(400);
    expect(download.text).toContain('Cyberkort kender ingen region med den kode.');
  });
});

/**
 * A page and its table's CSV and JSON, read so that the graph did not change between them: other
 * files publish and retire products while this one runs, so the page is read again after the
 * downloads and the three are taken only when both readings of the table agree.
 */
async function consistentRead(path: string, table: string): Promise<[string, string, string]> {
  const [pathname, query = ''] = path.split('?');
  const download = (format: string) => get(reviewer, `${pathname}.${format}?${query}&table=${table}`);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const before = await get(reviewer, path);
    expect(before.status, path).toBe(200);
    const [csv, json] = await Promise.all([download('csv'), download('json')]);
    const after = await get(reviewer, path);
    if (
      JSON.stringify(htmlTable(before.text, `table-${table}`)) ===
      JSON.stringify(htmlTable(after.text, `table-${table}`))
    )
      return [before.text, csv.text, json.text];
  }
  throw new Error(`the graph kept changing under ${path}`);
}
