import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * How much JavaScript each public page makes a visitor download, in Chromium against the built,
 * running site. An SME on a phone and a slow line reads the pages that help them find a provider
 * (home, search, the needs wizard, its results, compare, the profiles): those may load at most
 * 15 KiB of gzip-compressed script in all. Content pages (about, how we rank, methods, statistics,
 * open data, the API guide, …) are text and tables and load none.
 *
 * Every script the page loads is counted, whoever asked for it: `<script src>`, module imports and
 * modulepreloads (Chromium's request log, so imports found only when a module runs count too) and
 * inline scripts. Each is gzipped here with Node's zlib at its default level, so the figure is the
 * same on every run whatever the server's own compression; JSON-LD is data, not script, and is not
 * counted.
 */

const BASE = inject('baseUrl').replace(/\/$/, '');
const url = (path: string) => `${BASE}${path}`;

const SME_BUDGET = 15 * 1024;
const MATCH_QUERY = 'need=backup-og-gendannelse&need=tofaktor-login&kommune=751&size=small';

/** Script types a browser runs; every other type (`application/ld+json`) is data. */
const RUNNABLE_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

interface ScriptWeight {
  /** The script's path on the site, or `inline` with its position on the page. */
  name: string;
  raw: number;
  gzip: number;
}

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({ locale: 'da-DK' });
});

afterAll(async () => {
  await browser?.close();
});

const weigh = (name: string, body: Buffer): ScriptWeight => ({
  name,
  raw: body.byteLength,
  gzip: gzipSync(body).byteLength,
});

/**
 * Opens `path` (expecting `status`), lets every script it starts finish loading, and returns each
 * script it loaded with its size, raw and gzipped.
 */
async function scriptsOf(path: string, status: number): Promise<ScriptWeight[]> {
  const page = await context.newPage();
  const loaded: Array<Promise<ScriptWeight>> = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const name = new URL(response.url()).pathname;
    loaded.push(response.body().then((body) => weigh(name, body)));
  });
  try {
    const response = await page.goto(url(path), { waitUntil: 'networkidle' });
    expect(response?.status(), path).toBe(status);
    const inline = await inlineScripts(page);
    return [
      ...(await Promise.all(loaded)),
      ...inline.map((source, index) => weigh(`inline #${index + 1}`, Buffer.from(source))),
    ];
  } finally {
    await page.close();
  }
}

async function inlineScripts(page: Page): Promise<string[]> {
  const scripts = await page.locator('script:not([src])').evaluateAll((elements) =>
    elements.map((element) => ({
      type: (element.getAttribute('type') ?? '').trim().toLowerCase(),
      source: element.textContent ?? '',
    })),
  );
  return scripts.filter((script) => RUNNABLE_TYPES.has(script.type)).map((script) => script.source);
}

const total = (scripts: ScriptWeight[]) => scripts.reduce((sum, script) => sum + script.gzip, 0);

/** A line per page for the log: what it loaded and the gzip total, to read when a budget is missed. */
function describeWeight(path: string, scripts: ScriptWeight[]): string {
  const files = scripts.map((script) => `${script.name} ${script.raw} B (gzip ${script.gzip} B)`).join(', ');
  return `${path}: ${total(scripts)} B gzip in ${scripts.length} script(s)${files ? `: ${files}` : ''}`;
}

async function expectWithin(path: string, budget: number, status = 200): Promise<void> {
  const scripts = await scriptsOf(path, status);
  console.log(describeWeight(path, scripts));
  expect(total(scripts), describeWeight(path, scripts)).toBeLessThanOrEqual(budget);
}

/** A company's and a product's slug, from the search results as a visitor would find them. */
async function firstResult(kind: 'company' | 'product'): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(url(`/soeg?kind=${kind}`));
    const href = (await page.locator('.result-title a').first().getAttribute('href')) ?? '';
    const slug = href.split('/').pop() ?? '';
    expect(slug, `a ${kind} in the search results`).not.toBe('');
    return slug;
  } finally {
    await page.close();
  }
}

async function twoMatchedProviders(): Promise<string> {
  const page = await context.newPage();
  try {
    await page.goto(url(`/find-hjaelp?${MATCH_QUERY}`));
    const providers = await page
      .locator('.match-card input[name="p"]')
      .evaluateAll((inputs) => inputs.slice(0, 2).map((input) => `p=${(input as HTMLInputElement).value}`));
    expect(providers).toHaveLength(2);
    return providers.join('&');
  } finally {
    await page.close();
  }
}

describe('the pages an SME reads load at most 15 KiB of gzipped JavaScript', () => {
  const pages: Array<[string, string, string]> = [
    ['home', '/', '/en/'],
    ['search with words', '/soeg?q=backup', '/en/search?q=backup'],
    ['needs wizard', '/find-hjaelp', '/en/find-help'],
    ['match results', `/find-hjaelp?${MATCH_QUERY}`, `/en/find-help?${MATCH_QUERY}`],
  ];
  for (const [name, da, en] of pages) {
    it(`${name} (da, en)`, async () => {
      await expectWithin(da, SME_BUDGET);
      await expectWithin(en, SME_BUDGET);
    });
  }

  it('compare (da, en)', async () => {
    const query = `${MATCH_QUERY}&${await twoMatchedProviders()}`;
    await expectWithin(`/sammenlign?${query}`, SME_BUDGET);
    await expectWithin(`/en/compare?${query}`, SME_BUDGET);
  });

  it('company and product profiles (da, en)', async () => {
    const company = await firstResult('company');
    const product = await firstResult('product');
    await expectWithin(`/virksomhed/${company}`, SME_BUDGET);
    await expectWithin(`/en/company/${company}`, SME_BUDGET);
    await expectWithin(`/produkt/${product}`, SME_BUDGET);
    await expectWithin(`/en/product/${product}`, SME_BUDGET);
  });

  it('without a UI framework runtime: no island on the search and wizard pages', async () => {
    for (const path of ['/soeg?q=backup', '/en/search?q=backup', '/find-hjaelp', '/en/find-help']) {
      const html = await (await fetch(url(path))).text();
      expect(html, path).not.toContain('<astro-island');
    }
  });
});

describe('content pages load no JavaScript', () => {
  const pages: Array<[string, string, string, number?]> = [
    ['about', '/om', '/en/about'],
    ['how we rank', '/saadan-rangerer-vi', '/en/how-we-rank'],
    ['methods', '/metode', '/en/methods'],
    ['statistics', '/statistik', '/en/statistics'],
    ['open data', '/aaben-data', '/en/open-data'],
    ['API guide', '/api', '/en/api'],
    ['log in', '/log-ind', '/en/log-in'],
    // Without a token the page explains that the link is incomplete.
    ['unsubscribe', '/afmeld', '/en/unsubscribe', 400],
    ['not found', '/findes-ikke-i-cyberkort', '/en/not-in-cyberkort', 404],
  ];
  for (const [name, da, en, status] of pages) {
    it(`${name} (da, en)`, async () => {
      await expectWithin(da, 0, status);
      await expectWithin(en, 0, status);
    });
  }
});
