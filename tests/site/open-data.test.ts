import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { parse } from 'csv-parse/sync';
import { pino } from 'pino';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { ASTRO_ENTRY, buildServer } from '../../src/server/app';
import { loadAstroHandler } from '../../src/server/astro-site';
import { type Services, servicesOver } from '../../src/services';
import { exportOpenData } from '../../src/use-cases/open-data';
import { closeTestExecutor, testExecutor } from '../support/graph';

/**
 * The open-data page and its file URLs on an app of this test's own, whose OPEN_DATA_DIR is a
 * fresh folder: first without an export (the page says so, the files are 404), then after one.
 * Both states of the page are checked with axe-core (WCAG 2.1 A/AA) in Chromium.
 */

const require = createRequire(import.meta.url);
let browser: Browser;
let baseUrl: string;
let axeSource: string;

let services: Services;
let app: ReturnType<typeof buildServer>;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cyberkort-open-data-site-'));
  const base = await servicesOver(testExecutor(), {});
  services = { ...base, config: { ...base.config, OPEN_DATA_DIR: dir } };
  app = buildServer({
    runtime: { services, ready: async () => ({ neo4j: true, search: true }) },
    astro: await loadAstroHandler(ASTRO_ENTRY),
    config: loadConfig({ NODE_ENV: 'test' }),
    log: pino({ level: 'silent' }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await services?.demand.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  await closeTestExecutor();
});

const get = (url: string) => app.inject({ method: 'GET', url });

/** The page's WCAG 2.1 A/AA violations in Chromium (axe evaluated past the page's CSP, as in accessibility.test.ts). */
async function violations(path: string): Promise<string[]> {
  const page = await browser.newPage();
  try {
    const response = await page.goto(`${baseUrl}${path}`);
    expect(response?.status()).toBe(200);
    await page.evaluate(axeSource);
    const results = await page.evaluate(() =>
      (window as unknown as { axe: { run(c: Document, o: unknown): Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }),
    );
    return results.violations.map((violation) => `${violation.id}: ${violation.help}`);
  } finally {
    await page.close();
  }
}

describe('open data on the site', () => {
  it('says there is no export yet, and the files are 404, before the first export', async () => {
    const da = await get('/aaben-data');
    expect(da.statusCode).toBe(200);
    expect(da.body).toMatch(/<h1[^>]*>Åbne data<\/h1>/);
    expect(da.body).toContain('Den første eksport er ikke lavet endnu');
    expect(da.body).toContain('https://creativecommons.org/licenses/by/4.0/');
    const en = await get('/en/open-data');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('The first export has not been made yet');
    const file = await get('/aaben-data/cyberkort.json');
    expect(file.statusCode).toBe(404);
    expect(file.headers['content-type']).toMatch(/^text\/html/);
    expect(await violations('/aaben-data')).toEqual([]);
    expect(await violations('/en/open-data')).toEqual([]);
  });

  it('lists the files after an export and serves them with their content types', async () => {
    const manifest = await exportOpenData({ executor: testExecutor(), dir, publicUrl: services.config.PUBLIC_URL });
    const page = await get('/aaben-data');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Den første eksport er ikke lavet endnu');
    for (const file of manifest.files) expect(page.body).toContain(`href="/aaben-data/${file.name}"`);
    expect(page.body).toContain('CC BY 4.0');
    expect(page.body).toContain('DCAT-AP');
    expect(page.body).toContain('Cybersecurity Atlas');

    const csv = await get('/aaben-data/cyberkort-virksomheder.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(manifest.companies);

    const dcat = await get('/aaben-data/dcat.jsonld');
    expect(dcat.statusCode).toBe(200);
    expect(dcat.headers['content-type']).toMatch(/^application\/ld\+json/);
    expect(JSON.parse(dcat.body)['@type']).toBe('dcat:Dataset');

    const json = await get('/aaben-data/cyberkort.json');
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(json.body).companyCount).toBe(manifest.companies);

    expect((await get('/aaben-data/manifest.json')).statusCode).toBe(404);
    expect(await violations('/aaben-data')).toEqual([]);
    expect(await violations('/en/open-data')).toEqual([]);
  });

  it('is linked from every page’s footer in both languages', async () => {
    const da = await get('/om');
    expect(da.body).toMatch(/<footer[\s\S]*href="\/aaben-data"[\s\S]*<\/footer>/);
    const en = await get('/en/about');
    expect(en.body).toMatch(/<footer[\s\S]*href="\/en\/open-data"[\s\S]*<\/footer>/);
  });
});
