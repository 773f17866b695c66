import { readFile } from 'node:fs/promises';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseCsv } from '../support/tables';

/**
 * The browser test: a reviewer opens the dashboard from My pages (logging in at the
 * development provider on the way), goes to supply per need, filters by a region with the form,
 * downloads the table as CSV, and the CSV equals the table on the page, cell by cell, header
 * included. With no Content-Security-Policy violation on the way (the charts are inline SVG).
 */

const BASE = inject('baseUrl').replace(/\/$/, '');

let browser: Browser;
let context: BrowserContext;
const cspViolations: string[] = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  context = await browser.newContext({ locale: 'da-DK', acceptDownloads: true });
  context.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text()))
      cspViolations.push(`${message.page()?.url()}: ${message.text()}`);
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** The table's cells as the page shows them: the header row, then each row, trimmed. */
const tableOnPage = (page: Page, id: string) =>
  page
    .locator(`#${id}`)
    .evaluate((table) =>
      [...table.querySelectorAll('tr')].map((row) =>
        [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim()),
      ),
    );

describe('the dashboard in a browser', () => {
  it('filters supply by a region, and the downloaded CSV equals the table on the page', async () => {
    const page = await context.newPage();
    await page.goto(`${BASE}/ncc/analyse`);
    await page.waitForURL(/\/log-ind\?returnTo=%2Fncc%2Fanalyse/);
    await page.getByRole('link', { name: 'NCC-medarbejder' }).click();
    await page.waitForURL((address) => address.pathname.startsWith('/interaction/'));
    await page.locator('button[name="subject"]', { hasText: 'Karen Lund' }).click();
    await page.waitForURL(`${BASE}/ncc/analyse`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Analyse af markedet');

    await page.getByRole('navigation', { name: 'Analyser' }).getByRole('link', { name: 'Udbud pr. behov' }).click();
    await page.waitForURL(`${BASE}/ncc/analyse/udbud`);
    const everywhere = await tableOnPage(page, 'table-needs');

    await page.getByLabel('Region', { exact: true }).selectOption({ label: 'Region Syddanmark' });
    await page.getByRole('button', { name: 'Vis tallene' }).click();
    await page.waitForURL(/\/ncc\/analyse\/udbud\?.*region=1083/);
    await expect(page.getByLabel('Region', { exact: true }).inputValue()).resolves.toBe('1083');
    await expect(page.locator('#areas-heading').textContent()).resolves.toMatch(/pr\. region$/);

    // Other test files publish and retire products while this one runs: the table is read again
    // after the download (the same page, reloaded), and the CSV compared when both readings agree.
    for (let attempt = 1; ; attempt += 1) {
      const shown = await tableOnPage(page, 'table-needs');
      // The region filter changed what the page shows: a column of on-site providers came with it.
      expect(shown[0]).toContain('Udbydere på stedet');
      expect(everywhere[0]).not.toContain('Udbydere på stedet');
      expect(shown.length).toBeGreaterThan(1);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Hent »Udbud pr. behov« som CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^cyberkort-supply-needs-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = parseCsv(await readFile(await download.path(), 'utf8'));
      await page.reload();
      const again = await tableOnPage(page, 'table-needs');
      if (JSON.stringify(again) !== JSON.stringify(shown) && attempt < 5) continue;
      expect(csv).toEqual(shown);
      break;
    }
    expect(cspViolations).toEqual([]);
    await page.close();
  });
});
