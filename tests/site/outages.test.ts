import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../graph/catalog';
import { createExecutor, type Executor } from '../../graph/executor';
import { loadConfig } from '../../src/config';
import { ASTRO_ENTRY, buildServer } from '../../src/server/app';
import { type AstroHandler, loadAstroHandler } from '../../src/server/astro-site';
import { type Services, servicesOver } from '../../src/services';
import { closeTestExecutor, testExecutor } from '../support/graph';

/**
 * When Neo4j or the search engine is down, a visitor hears so in their language with a 503 and
 * Retry-After, and keeps what they asked for; only a fault of ours is a 500.
 */

let services: Services;
let astro: AstroHandler;
/** An executor on a port nothing listens on: every query fails as Neo4j being down does. */
let down: Executor;

beforeAll(async () => {
  services = await servicesOver(testExecutor(), {});
  astro = await loadAstroHandler(ASTRO_ENTRY);
  down = createExecutor({ uri: 'bolt://127.0.0.1:1', database: 'neo4j' });
});

afterAll(async () => {
  await services?.demand.close();
  await down?.driver.close();
  await closeTestExecutor();
});

function appOver(appServices: Services) {
  return buildServer({
    runtime: { services: appServices, ready: async () => ({ neo4j: false, search: true }) },
    astro,
    config: loadConfig({ NODE_ENV: 'test' }),
    log: pino({ level: 'silent' }),
  });
}

function expectUnavailable(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.statusCode).toBe(503);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.headers['content-type']).toMatch(/^text\/html/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(response.body).toContain('<meta name="robots" content="noindex">');
}

describe('Neo4j is down', () => {
  const DANISH = 'Cyberkort er midlertidigt utilgængelig';
  const ENGLISH = 'Cyberkort is temporarily unavailable';

  it('pages that need data answer 503 in the page’s language, and the search keeps its words', async () => {
    const graphDown = { ...services, executor: down, catalog: new Catalog(down, () => new Map()) };
    const app = appOver(graphDown);
    try {
      const pages = {
        '/': 'da',
        '/en/': 'en',
        '/virksomhed/acme': 'da',
        '/en/company/acme': 'en',
        '/produkt/acme-backup': 'da',
        '/en/product/acme-backup': 'en',
        '/find-hjaelp?need=backup-og-gendannelse': 'da',
        '/en/find-help?need=backup-og-gendannelse': 'en',
        '/soeg?q=backup+til+kontoret': 'da',
        '/en/search?q=backup+for+the+office': 'en',
      } as const;
      // Each one waits out the driver's retries, so they are asked at once.
      const responses = await Promise.all(Object.keys(pages).map((url) => app.inject(url)));
      for (const [index, [url, lang]] of Object.entries(pages).entries()) {
        const response = responses[index];
        if (!response) throw new Error(`no response for ${url}`);
        expectUnavailable(response);
        expect(response.body, url).toContain(`<html lang="${lang}"`);
        expect(response.body, url).toContain(lang === 'da' ? DANISH : ENGLISH);
      }
      const danishSearch = responses[8]?.body ?? '';
      expect(danishSearch).toMatch(/<input[^>]*name="q"[^>]*value="backup til kontoret"/);
      expect(responses[9]?.body).toMatch(/<input[^>]*name="q"[^>]*value="backup for the office"/);
      // A page that needs no data is still served.
      expect((await app.inject('/om')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the search engine is down', () => {
  it('the search page says so with 503 and still shows the header and the form with the query', async () => {
    const searchDown = Object.create(services.search, {
      search: {
        value: async () => {
          throw new Error('connect ECONNREFUSED meilisearch:7700 (test)');
        },
      },
    });
    const app = appOver({ ...services, search: searchDown });
    try {
      for (const [url, lang, message, query] of [
        ['/soeg?q=backup&need=backup-og-gendannelse', 'da', 'Søgningen virker ikke lige nu', 'backup'],
        ['/en/search?q=phishing', 'en', 'Search is not available right now', 'phishing'],
      ] as const) {
        const response = await app.inject(url);
        expectUnavailable(response);
        expect(response.body).toContain(`<html lang="${lang}"`);
        expect(response.body).toContain(message);
        expect(response.body).toContain('class="site-header"');
        expect(response.body).toMatch(new RegExp(`<input[^>]*name="q"[^>]*value="${query}"`));
      }
      const kept = (await app.inject('/soeg?q=backup&need=backup-og-gendannelse')).body;
      expect(kept).toMatch(/<input[^>]*value="backup-og-gendannelse"[^>]*checked/);
    } finally {
      await app.close();
    }
  });
});
