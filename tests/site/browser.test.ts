import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { RANKING_RULES } from '../../graph/match/rules';

/**
 * Browser tests against the built, running site (real graph and search behind it). The suite's
 * global setup starts the server and provides its address; this file only drives Debian's Chromium.
 */

const BASE = inject('baseUrl').replace(/\/$/, '');
const url = (path: string) => `${BASE}${path}`;

/** A word every sample ecosystem has providers for: "backup" is a catalogue need. */
const QUERY = 'backup';

let browser: Browser;
let context: BrowserContext;

/**
 * Content-Security-Policy violations on any page of any context, reported by the page (the
 * securitypolicyviolation event) and by Chromium's console (which also covers pages without
 * JavaScript). Every test must leave none.
 */
const cspViolations: string[] = [];

async function newContext(options: BrowserContextOptions): Promise<BrowserContext> {
  const created = await browser.newContext(options);
  await created.exposeBinding('reportCspViolation', ({ page }, violation: string) => {
    cspViolations.push(`${page.url()}: ${violation}`);
  });
  await created.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation(violation: string): void }).reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} ${event.sample}`);
    });
  });
  created.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text()))
      cspViolations.push(`${message.page()?.url()}: ${message.text()}`);
  });
  return created;
}

afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await newContext({ locale: 'da-DK' });
});

afterAll(async () => {
  await browser?.close();
});

/** Text of an element, trimmed (textContent: the DOM text, independent of layout). */
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

async function resultCount(page: Page): Promise<number> {
  const heading = await text(page.locator('#results-heading'));
  const digits = heading.match(/[\d.,]+/)?.[0] ?? '';
  return Number(digits.replace(/[.,]/g, ''));
}

/** The search filters start folded in a disclosure: open it as a reader would (a no-op when open). */
async function openFilters(page: Page): Promise<void> {
  const panel = page.locator('details.filter-panel');
  if (!(await panel.evaluate((element) => (element as HTMLDetailsElement).open))) {
    await panel.locator('> summary').click();
  }
}

/** The first unticked facet value that would narrow the results (its count is below the total). */
async function narrowingFacet(page: Page, total: number) {
  await openFilters(page);
  const options = page.locator('fieldset.facet input[type="checkbox"][name]:not(:checked)');
  const count = await options.count();
  for (let index = 0; index < count; index += 1) {
    const option = options.nth(index);
    const name = (await option.getAttribute('name')) ?? '';
    if (name === 'smeFit' || !(await option.isVisible())) continue;
    const id = await option.getAttribute('id');
    const labelText = await text(page.locator(`label[for="${id}"]`));
    const optionCount = Number(labelText.match(/\(([\d.,]+)\)\s*$/)?.[1]?.replace(/[.,]/g, '') ?? Number.NaN);
    if (optionCount > 0 && optionCount < total) {
      return { option, name, value: (await option.getAttribute('value')) ?? '', count: optionCount };
    }
  }
  throw new Error('no facet value narrows the results');
}

async function structuredData(page: Page): Promise<Record<string, unknown>> {
  const json = await page.locator('script[type="application/ld+json"]').first().textContent();
  return JSON.parse(json ?? '{}') as Record<string, unknown>;
}

describe('finding a provider', () => {
  it('searches from the home page', async () => {
    const page = await context.newPage();
    const response = await page.goto(url('/'));
    expect(response?.status()).toBe(200);
    await page.getByLabel('Hvad har du brug for hjælp til?').fill(QUERY);
    await Promise.all([page.waitForURL(/\/soeg\?/), page.getByRole('button', { name: 'Søg' }).click()]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(QUERY);
    expect(await resultCount(page)).toBeGreaterThan(0);
    expect(await page.locator('.result').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('narrows the results with a facet, keeping the filter in the URL', async () => {
    const page = await context.newPage();
    await page.goto(url(`/soeg?q=${QUERY}`));
    const before = await resultCount(page);
    const facet = await narrowingFacet(page, before);
    await facet.option.check();
    await Promise.all([page.waitForURL(/\/soeg\?/), page.getByRole('button', { name: 'Vis resultater' }).click()]);
    expect(new URL(page.url()).searchParams.getAll(facet.name)).toContain(facet.value);
    const after = await resultCount(page);
    expect(after).not.toBe(before);
    expect(after).toBe(facet.count);
    await expect.poll(() => page.locator(`input[name="${facet.name}"][value="${facet.value}"]`).isChecked()).toBe(true);
    await page.close();
  });

  it('opens a company profile and then one of its products', async () => {
    const page = await context.newPage();
    await page.goto(url('/soeg?kind=company'));
    const companyLink = page.locator('.result-title a[href^="/virksomhed/"]').first();
    const companyName = await text(companyLink);
    await Promise.all([page.waitForURL(/\/virksomhed\//), companyLink.click()]);
    expect(await text(page.locator('h1'))).toBe(companyName);
    expect(await page.getByText('CVR-nummer').count()).toBeGreaterThan(0);
    const organization = await structuredData(page);
    expect(organization['@type']).toBe('Organization');
    expect(organization.taxID).toMatch(/^\d{8}$/);

    const productLink = page.locator('.card-title a[href^="/produkt/"]').first();
    const productName = await text(productLink);
    await Promise.all([page.waitForURL(/\/produkt\//), productLink.click()]);
    expect(await text(page.locator('h1'))).toBe(productName);
    expect(await text(page.locator(`.profile-sub a[href^="/virksomhed/"]`))).toBe(companyName);
    expect(['Product', 'Service']).toContain((await structuredData(page))['@type']);
    await page.close();
  });

  it('answers 404 for an unknown company, in both languages', async () => {
    const page = await context.newPage();
    const response = await page.goto(url('/virksomhed/findes-ikke-i-cyberkort'));
    expect(response?.status()).toBe(404);
    await expect.poll(() => text(page.locator('h1'))).toContain('Siden findes ikke');
    expect(await text(page.locator('h1'))).toContain('Page not found');
    await page.close();
  });

  it('reports an invalid search address with status 400 and keeps the form', async () => {
    const page = await context.newPage();
    const response = await page.goto(url('/soeg?q=backup&page=abc'));
    expect(response?.status()).toBe(400);
    expect(await text(page.locator('.notice-error'))).toContain('abc');
    expect(await page.locator('form#search-form input[name="q"]').inputValue()).toBe('backup');
    await page.close();
  });
});

describe('finding help with the needs wizard', () => {
  /** Two catalogue needs every sample ecosystem has providers for, and Aarhus. */
  const NEEDS = ['Backup og gendannelse', 'Tofaktor-login (MFA)'];
  const AARHUS = '751';

  it('fills the plain form without JavaScript, ranks with reasons and compares two providers', async () => {
    const noScript = await newContext({ javaScriptEnabled: false, locale: 'da-DK' });
    const page = await noScript.newPage();
    await page.goto(url('/'));
    await Promise.all([
      page.waitForURL(/\/find-hjaelp$/),
      page.getByRole('link', { name: 'Find hjælp til jeres virksomhed' }).click(),
    ]);
    // Without JavaScript every step is on the page at once.
    expect(await page.locator('.wizard-status').count()).toBe(0);
    for (const need of NEEDS) await page.getByLabel(need, { exact: true }).check();
    await page.getByLabel('Kommune', { exact: true }).selectOption(AARHUS);
    await page.getByLabel('10–49 ansatte').check();
    await Promise.all([
      page.waitForURL(/\/find-hjaelp\?/),
      page.getByRole('button', { name: 'Find udbydere' }).click(),
    ]);

    const params = new URL(page.url()).searchParams;
    expect(params.getAll('need')).toEqual(['backup-og-gendannelse', 'tofaktor-login']);
    expect(params.get('kommune')).toBe(AARHUS);
    expect(await text(page.locator('#fewest-heading'))).toMatch(/dækker/);
    const cards = page.locator('.match-card');
    expect(await cards.count()).toBeGreaterThan(1);
    const first = cards.first();
    expect(await text(first.locator('.eyebrow'))).toBe('Nr. 1');
    expect(await text(first.locator('.match-score'))).toMatch(new RegExp(`af ${RANKING_RULES.totalMax} point$`));
    expect(await first.locator('.match-breakdown > li').count()).toBe(RANKING_RULES.order.length);
    expect(await text(first.locator('.match-breakdown'))).toMatch(/Dækker .*behov/);
    // The municipality was used: every card explains distance from Aarhus.
    expect(await text(page.locator('.match-list'))).toMatch(/Aarhus|din region|betjener kunder i din region/);
    expect(await first.locator('a[href="/saadan-rangerer-vi"]').count()).toBe(1);
    // The choices are kept in the form below the results.
    expect(await page.getByLabel(NEEDS[0] as string, { exact: true }).isChecked()).toBe(true);

    const chosen = [await text(cards.nth(0).locator('h3')), await text(cards.nth(1).locator('h3'))];
    await cards
      .nth(0)
      .getByLabel(/^Sammenlign/)
      .check();
    await cards
      .nth(1)
      .getByLabel(/^Sammenlign/)
      .check();
    const [response] = await Promise.all([
      page.waitForResponse((next) => new URL(next.url()).pathname === '/sammenlign'),
      page.getByRole('button', { name: 'Sammenlign valgte' }).click(),
    ]);
    expect(response.status()).toBe(200);
    await page.waitForURL(/\/sammenlign\?/);
    const compared = new URL(page.url()).searchParams;
    expect(compared.getAll('p')).toHaveLength(2);
    expect(compared.getAll('need')).toEqual(['backup-og-gendannelse', 'tofaktor-login']);

    const table = page.locator('table.compare-table');
    expect(await text(table.locator('caption'))).toBe('Udbyderne sammenlignet ud fra dine behov');
    const headers = await table.locator('thead th').allTextContents();
    expect(headers.slice(1).map((header) => header.trim())).toEqual(chosen);
    for (const criterion of RANKING_RULES.order) {
      const cells = table.locator(`tr[data-criterion="${criterion}"] td`);
      expect(await cells.count(), criterion).toBe(2);
      expect(await text(cells.first()), criterion).toMatch(/af \d+ point/);
    }
    await noScript.close();
  });

  it('reaches a need through a plain-language question', async () => {
    const page = await context.newPage();
    const response = await page.goto(url('/find-hjaelp?q_backup-og-gendannelse=no&kommune=751'));
    expect(response?.status()).toBe(200);
    expect(await text(page.locator('#results'))).toContain('Ud fra dine svar på spørgsmålene har vi også taget');
    expect(await page.locator('.match-card').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('steps through the form one part at a time with JavaScript', async () => {
    const page = await context.newPage();
    await page.goto(url('/find-hjaelp'));
    const status = page.locator('.wizard-status');
    await expect.poll(() => text(status)).toMatch(/^Trin 1 af \d: Hvad har I brug for hjælp til\?$/);
    expect(await page.locator('[data-wizard-step]:visible').count()).toBe(1);
    await page.getByLabel(NEEDS[0] as string, { exact: true }).check();
    await page.getByRole('button', { name: /^Næste: / }).click();
    await expect.poll(() => text(status)).toMatch(/^Trin 2 af /);
    // Focus follows the reader to the new step's heading, so a screen reader announces it.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-questions');
    await Promise.all([
      page.waitForURL(/\/find-hjaelp\?/),
      page.getByRole('button', { name: 'Find udbydere' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.getAll('need')).toEqual(['backup-og-gendannelse']);
    expect(await page.locator('.match-card').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('explains a bad address with status 400 and keeps the valid choices', async () => {
    const page = await context.newPage();
    const response = await page.goto(url('/find-hjaelp?need=backup-og-gendannelse&kommune=999&size=huge'));
    expect(response?.status()).toBe(400);
    const notice = await text(page.locator('.notice-error'));
    expect(notice).toContain('»999«');
    expect(notice).toContain('»huge«');
    expect(await page.getByLabel(NEEDS[0] as string, { exact: true }).isChecked()).toBe(true);

    const english = await page.goto(url('/en/compare?need=backup-og-gendannelse&p=just-one'));
    expect(english?.status()).toBe(400);
    expect(await text(page.locator('.notice-error'))).toContain('Choose 2 or 3 providers to compare. You chose 1.');
    await page.close();
  });
});

describe('how we rank', () => {
  it('shows the same maximum points as the ranking code', async () => {
    const page = await context.newPage();
    const points = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 });
    await page.goto(url('/saadan-rangerer-vi'));
    for (const criterion of RANKING_RULES.order) {
      const rule = RANKING_RULES.criteria[criterion];
      const row = page.locator(`.ranking-table tr[data-criterion="${criterion}"]`);
      expect(await text(row.locator('th')), criterion).toBe(rule.title.da);
      expect(await text(row.locator('td')), criterion).toBe(points.format(rule.max));
    }
    expect(await text(page.locator('.ranking-table [data-total]'))).toBe(points.format(RANKING_RULES.totalMax));
    expect(await page.getByText(RANKING_RULES.ties.description.da).count()).toBe(1);
    // The footer's "how we rank" link leads here from every page.
    await page.goto(url('/'));
    expect(await page.locator('.site-footer a[href="/saadan-rangerer-vi"]').count()).toBe(1);
    await page.close();
  });
});

describe('the auto-update enhancement', () => {
  it('submits on a ticked filter only after the reader has switched it on', async () => {
    // A context of its own: the choice is remembered in localStorage and must not leak into other tests.
    const enhanced = await newContext({ locale: 'da-DK' });
    const page = await enhanced.newPage();
    await page.goto(url(`/soeg?q=${QUERY}`));
    await openFilters(page);
    await page.getByLabel('Opdatér resultaterne, så snart jeg vælger et filter').check();
    const facet = await narrowingFacet(page, await resultCount(page));
    await Promise.all([
      page.waitForURL((next) => next.searchParams.getAll(facet.name).includes(facet.value)),
      facet.option.click(),
    ]);
    expect(await resultCount(page)).toBe(facet.count);
    await enhanced.close();
  });
});

describe('switching to English', () => {
  it('keeps the page and the search', async () => {
    const page = await context.newPage();
    await page.goto(url(`/soeg?q=${QUERY}`));
    await Promise.all([page.waitForURL(/\/en\/search\?/), page.locator('.lang-switch').click()]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(QUERY);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await text(page.locator('h1'))).toBe('Search providers');

    await page.goto(url(`/en/search?q=${QUERY}&kind=product`));
    const productHref =
      (await page.locator('.result-title a[href^="/en/product/"]').first().getAttribute('href')) ?? '';
    await page.goto(url(productHref));
    const name = await text(page.locator('h1'));
    await Promise.all([page.waitForURL(/\/produkt\//), page.locator('.lang-switch').click()]);
    expect(new URL(page.url()).pathname).toBe(productHref.replace('/en/product/', '/produkt/'));
    expect(await text(page.locator('h1'))).toBe(name);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('searches and filters with the plain form', async () => {
    const noScript = await newContext({ javaScriptEnabled: false, locale: 'da-DK' });
    const page = await noScript.newPage();
    await page.goto(url('/'));
    await page.getByLabel('Hvad har du brug for hjælp til?').fill(QUERY);
    await Promise.all([page.waitForURL(/\/soeg\?/), page.getByRole('button', { name: 'Søg' }).click()]);
    const before = await resultCount(page);
    expect(before).toBeGreaterThan(0);
    // The auto-update switch is JavaScript-only, so it must not be shown where it cannot work.
    expect(await page.locator('.auto-update').count()).toBe(0);

    const facet = await narrowingFacet(page, before);
    await facet.option.check();
    await Promise.all([page.waitForURL(/\/soeg\?/), page.getByRole('button', { name: 'Vis resultater' }).click()]);
    expect(new URL(page.url()).searchParams.getAll(facet.name)).toContain(facet.value);
    expect(await resultCount(page)).toBe(facet.count);
    await noScript.close();
  });
});

describe('accessibility basics', () => {
  async function pagesToCheck(): Promise<string[]> {
    const page = await context.newPage();
    await page.goto(url('/soeg?kind=company'));
    const company = await page.locator('.result-title a').first().getAttribute('href');
    await page.goto(url('/soeg?kind=product'));
    const product = await page.locator('.result-title a').first().getAttribute('href');
    const match = '/find-hjaelp?need=backup-og-gendannelse&need=tofaktor-login&kommune=751';
    await page.goto(url(match));
    const providers = await page
      .locator('.match-card input[name="p"]')
      .evaluateAll((inputs) => inputs.slice(0, 2).map((input) => `p=${(input as HTMLInputElement).value}`));
    await page.close();
    return [
      '/find-hjaelp',
      match,
      `/sammenlign?need=backup-og-gendannelse&need=tofaktor-login&kommune=751&${providers.join('&')}`,
      '/saadan-rangerer-vi',
      '/en/how-we-rank',
      '/',
      '/en/',
      `/soeg?q=${QUERY}`,
      '/en/search',
      company ?? '/',
      product ?? '/',
      '/om',
      '/en/about',
      '/findes-ikke',
    ];
  }

  it('has a language, one h1, labelled controls and a skip link first on every page type', async () => {
    const page = await context.newPage();
    for (const path of await pagesToCheck()) {
      await page.goto(url(path));
      expect(['da', 'en'], path).toContain(await page.locator('html').getAttribute('lang'));
      expect(await page.locator('h1').count(), path).toBe(1);

      const unlabelled = await page.evaluate(() =>
        [
          ...document.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
            'input, select, textarea',
          ),
        ]
          .filter((control) => !['hidden', 'submit', 'button', 'reset'].includes(control.type))
          .filter(
            (control) =>
              (control.labels?.length ?? 0) === 0 &&
              !control.getAttribute('aria-label') &&
              !control.getAttribute('aria-labelledby'),
          )
          .map((control) => control.outerHTML),
      );
      expect(unlabelled, path).toEqual([]);

      const fieldsetsWithoutLegend = await page.locator('fieldset:not(:has(> legend))').count();
      expect(fieldsetsWithoutLegend, path).toBe(0);

      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement;
        return { className: element?.className ?? '', href: element?.getAttribute('href') ?? '' };
      });
      expect(focused, path).toEqual({ className: 'skip-link', href: '#main' });
      expect(await page.locator('main#main').count(), path).toBe(1);
    }
    await page.close();
  });
});
