import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The search and match pages on a phone (390 × 844 CSS pixels, an iPhone 12–15), in Debian's
 * Chromium against the built, running site: the first result shows without scrolling past the
 * filters, the compare action stays on screen while choosing, and a filter change that reloads
 * the page returns focus to the filter.
 */

const BASE = inject('baseUrl').replace(/\/$/, '');
const url = (path: string) => `${BASE}${path}`;
const PHONE = { width: 390, height: 844 };

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function phone(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, locale: 'da-DK', ...options });
}

/** Where an element is on the screen now; it fails the test if the element is not rendered. */
async function box(locator: Locator): Promise<{ top: number; bottom: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element is not rendered');
  return { top: found.y, bottom: found.y + found.height };
}

async function expectOnScreen(locator: Locator, what: string): Promise<void> {
  const { top, bottom } = await box(locator);
  expect(top, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(bottom, `${what}: bottom`).toBeLessThanOrEqual(PHONE.height);
}

async function resultCount(page: Page): Promise<number> {
  const heading = ((await page.locator('#results-heading').textContent()) ?? '').trim();
  return Number((heading.match(/[\d.,]+/)?.[0] ?? '').replace(/[.,]/g, ''));
}

describe('the search page on a phone', () => {
  for (const [path, javaScriptEnabled] of [
    ['/soeg?q=backup', false],
    ['/soeg?q=backup', true],
    ['/en/search?q=backup', false],
  ] as const) {
    it(`shows the first result without scrolling (${path}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await phone({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(url(path));
      expect(await resultCount(page)).toBeGreaterThan(0);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      const first = page.locator('.result').first();
      const { top } = await box(first);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(top).toBeLessThan(PHONE.height);
      // Its title, the link the reader came for, is on screen too.
      await expectOnScreen(first.locator('.result-title'), 'first result title');
      await context.close();
    });
  }

  it('keeps the filters one tap away, in a disclosure that works without JavaScript', async () => {
    const context = await phone({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url('/soeg?q=backup'));
    const firstFilter = page.locator('fieldset.facet input[type="checkbox"]').first();
    expect(await firstFilter.isVisible()).toBe(false);
    await page.locator('details.filter-panel > summary').click();
    expect(await firstFilter.isVisible()).toBe(true);
    await context.close();
  });

  it('returns focus to the filter the reader changed when the page updates itself', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(url('/soeg?q=backup'));
    await page.locator('details.filter-panel > summary').click();
    await page.getByLabel('Opdatér resultaterne, så snart jeg vælger et filter').check();
    const option = page.locator('fieldset.facet input[type="checkbox"][name]:not([name="smeFit"])').first();
    const id = (await option.getAttribute('id')) ?? '';
    const value = (await option.getAttribute('value')) ?? '';
    const name = (await option.getAttribute('name')) ?? '';
    expect(id).not.toBe('');
    await Promise.all([page.waitForURL((next) => next.searchParams.getAll(name).includes(value)), option.click()]);
    expect(new URL(page.url()).hash).toBe(`#${id}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe(id);
    const focused = page.locator(`[id="${id}"]`);
    expect(await focused.isChecked()).toBe(true);
    expect(await focused.isVisible()).toBe(true);
    await context.close();
  });
});

describe('the match results on a phone', () => {
  const MATCH = '/find-hjaelp?need=backup-og-gendannelse&need=tofaktor-login&kommune=751';

  for (const javaScriptEnabled of [false, true]) {
    it(`keeps the compare button on screen while choosing (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
      const context = await phone({ javaScriptEnabled });
      const page = await context.newPage();
      await page.goto(url(MATCH));
      const checkboxes = page.locator('.match-card input[name="p"]');
      expect(await checkboxes.count()).toBeGreaterThan(2);
      const compare = page.getByRole('button', { name: 'Sammenlign valgte' });

      await checkboxes.first().check();
      await expectOnScreen(checkboxes.first(), 'first checkbox');
      await expectOnScreen(compare, 'compare button after the first choice');
      // Still there further down the list, and it does not cover the checkbox just ticked.
      await checkboxes.nth(1).check();
      await expectOnScreen(compare, 'compare button after the second choice');
      const ticked = await box(checkboxes.nth(1));
      const button = await box(compare);
      expect(ticked.bottom).toBeLessThanOrEqual(button.top);

      await Promise.all([page.waitForURL(/\/sammenlign\?/), compare.click()]);
      expect(new URL(page.url()).searchParams.getAll('p')).toHaveLength(2);
      await context.close();
    });
  }
});
