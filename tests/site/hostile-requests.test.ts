import http, { type IncomingHttpHeaders } from 'node:http';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { ASTRO_ENTRY, buildServer } from '../../src/server/app';
import { loadAstroHandler } from '../../src/server/astro-site';
import { type Services, servicesOver } from '../../src/services';
import { closeTestExecutor, testExecutor } from '../support/graph';

/**
 * What a visitor controls and the site must not trust: the bytes of the path and the Host header.
 * Garbled paths get the site's own page, and absolute URLs come from PUBLIC_URL alone.
 */

const BASE = new URL(inject('baseUrl'));

/** A request sent as written: node:http neither normalises the path nor refuses a Host header. */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(BASE.port), path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a path that does not percent-decode', () => {
  const unknown = {
    '/%ff': 'da',
    '/virksomhed/%ff': 'da',
    '/en/company/%ff': 'en',
    '/produkt/%E0%A4%A': 'da',
    '/en/product/%C3%A6%ff': 'en',
  } as const;

  for (const [target, lang] of Object.entries(unknown)) {
    it(`gets the site's own not-found page: ${target}`, async () => {
      const response = await get(target);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(response.body).toContain(`<html lang="${lang}"`);
      expect(response.body).toContain('Siden findes ikke');
      expect(response.body).toContain('Page not found');
    });
  }

  for (const [target, lang, words] of [
    ['/soeg?q=%ff', 'da', 'Søgeordene i adressen'],
    ['/en/search?q=backup%E0%A4', 'en', 'The search words in the address'],
  ] as const) {
    it(`gets the search form and what to correct for search words that are not text: ${target}`, async () => {
      const response = await get(target);
      expect(response.status).toBe(400);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.body).toContain(`<html lang="${lang}"`);
      expect(response.body).toContain(words);
      expect(response.body).toMatch(/<form[^>]*class="search-form"/);
    });
  }
});

describe('absolute URLs', () => {
  const HOSTILE = { host: 'evil.example', 'x-forwarded-host': 'evil2.example', 'x-forwarded-proto': 'https' };
  let services: Services;
  let company: { slug: string; products: Array<{ slug: string }> };

  beforeAll(async () => {
    services = await servicesOver(testExecutor(), {});
    const [found] = await services.executor.read<{ slug: string; products: string[] }>(
      'test.company',
      'MATCH (c:Company)-[:OFFERS]->(p:Product) RETURN c.slug AS slug, collect(p.slug) AS products LIMIT 1',
    );
    if (!found) throw new Error('no company with products in the sample');
    company = { slug: found.slug, products: found.products.map((slug) => ({ slug })) };
  });

  afterAll(async () => {
    await services?.demand.close();
    await closeTestExecutor();
  });

  const pages = () => [
    '/',
    '/en/',
    '/soeg?q=backup',
    '/en/search?q=backup',
    '/find-hjaelp',
    '/om',
    '/en/how-we-rank',
    `/virksomhed/${company.slug}`,
    `/en/company/${company.slug}`,
    `/produkt/${company.products[0]?.slug}`,
    `/en/product/${company.products[0]?.slug}`,
    '/findes-ikke',
  ];

  it('never take the Host header a visitor sent (the shared server)', async () => {
    for (const target of pages()) {
      const response = await get(target, HOSTILE);
      expect(response.status, target).toBeLessThan(500);
      expect(response.body, target).not.toMatch(/evil2?\.example/);
    }
  });

  it('come from PUBLIC_URL: canonical, language alternates and JSON-LD', async () => {
    const app = buildServer({
      runtime: { services, ready: async () => ({ neo4j: true, search: true }) },
      astro: await loadAstroHandler(ASTRO_ENTRY),
      config: loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://cyberkort.example' }),
      log: pino({ level: 'silent' }),
    });
    try {
      for (const target of pages()) {
        const response = await app.inject({ url: target, headers: HOSTILE });
        expect(response.statusCode, target).toBeLessThan(500);
        expect(response.body, target).not.toMatch(/evil2?\.example/);
      }
      const profile = (await app.inject({ url: `/virksomhed/${company.slug}`, headers: HOSTILE })).body;
      expect(profile).toContain(`<link rel="canonical" href="https://cyberkort.example/virksomhed/${company.slug}">`);
      expect(profile).toContain(
        `<link rel="alternate" hreflang="en" href="https://cyberkort.example/en/company/${company.slug}">`,
      );
      const jsonLd = JSON.parse(profile.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1] ?? '{}');
      const page = `https://cyberkort.example/virksomhed/${company.slug}`;
      expect(jsonLd).toMatchObject({ '@id': `${page}#organization`, mainEntityOfPage: { '@id': page, url: page } });
      const product = (
        await app.inject({ url: `/en/product/${company.products[0]?.slug}`, headers: HOSTILE })
      ).body.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)?.[1];
      expect(product).toContain('https://cyberkort.example/en/product/');
    } finally {
      await app.close();
    }
  });
});
