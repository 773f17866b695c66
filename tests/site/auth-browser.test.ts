import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * A person logs in through Chromium: the header's "Log ind", the login page, the development
 * provider's own page (on its own port, with its own policy), and back to where they were — with
 * no Content-Security-Policy violation anywhere, the form's redirects across ports included.
 */

const BASE = inject('baseUrl').replace(/\/$/, '');

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

describe('logging in with a browser', () => {
  it('goes from the header to the development provider and back, then logs out', async () => {
    const context = await browser.newContext({ locale: 'da-DK' });
    const violations: string[] = [];
    context.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text()))
        violations.push(`${message.page()?.url()}: ${message.text()}`);
    });
    const page = await context.newPage();
    try {
      await page.goto(`${BASE}/soeg?q=backup`);
      await page.locator('a.login-link').click();
      await page.waitForURL(/\/log-ind\?returnTo=/);
      await page.getByRole('link', { name: 'Virksomhed (MitID Erhverv)' }).click();

      await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
      await expect(page.locator('.dev').textContent()).resolves.toContain('Development only');
      const person = page.locator('button[name="subject"]').first();
      const name = ((await person.evaluate((button) => button.firstChild?.textContent)) ?? '').trim();
      await person.click();

      await page.waitForURL(`${BASE}/soeg?q=backup`);
      await expect(page.locator('.account-name').textContent()).resolves.toBe(name);

      await page.getByRole('button', { name: 'Log ud' }).click();
      await page.waitForURL(`${BASE}/`);
      await expect(page.locator('a.login-link').count()).resolves.toBe(1);
      expect(violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
