import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { slugify } from '../../graph/slug';
import { hashSessionId } from '../../src/auth/session-id';
import { closeTestExecutor, notTestData, operatorWrite, testExecutor } from '../support/graph';

/**
 * The whole loop in Chromium, as the people who use it go through it: a vendor logs in at the
 * development provider, adds a product and submits it; a reviewer logs in, reads the diff and
 * approves; within 5 s the product is found by search and offered by the needs wizard; the vendor
 * retires it, the reviewer approves, and within 5 s it is gone from both. Then: a rejected edit
 * shows the reason to the vendor, an edit made from an outdated version is a conflict, a form
 * post from another origin is refused, and an expired session leads to login and back.
 *
 * The company is the second the development provider offers (the portal's HTTP tests use the
 * first as theirs and the second only to be refused; the confirmation tests use the third).
 */

const BASE = inject('baseUrl').replace(/\/$/, '');
const url = (path: string) => `${BASE}${path}`;
/** The issue's promise: published or retired, search and matching follow within this. */
const FOLLOW_MS = 5_000;

let browser: Browser;
let vendor: BrowserContext;
let reviewer: BrowserContext;
let company: { cvr: string; slug: string; municipality: string };
let codes: { need: string; category: string; csf: string };
const productName = `Beredskabsvagt ${Date.now().toString(36)}`;
const productSlug = slugify(productName);
const cspViolations: string[] = [];

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'da-DK' });
  context.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text()))
      cspViolations.push(`${message.page()?.url()}: ${message.text()}`);
  });
  return context;
}

/** From a page that needs a login: the login page, the development provider, the person, and back. */
async function logIn(page: Page, as: 'vendor' | 'staff', person: string) {
  await page.waitForURL(/\/log-ind\?returnTo=/);
  await page.getByRole('link', { name: as === 'vendor' ? 'Virksomhed (MitID Erhverv)' : 'NCC-medarbejder' }).click();
  await page.waitForURL((address) => address.pathname.startsWith('/interaction/'));
  await page.locator('button[name="subject"]', { hasText: person }).click();
}

/**
 * Presses a form's button and expects the post to be taken (a 303 to the next page); anything
 * else fails with what the page said, so a refusal reads as the person would see it.
 */
async function post(page: Page, button: string): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((next) => next.request().method() === 'POST' && next.url().startsWith(BASE)),
    page.getByRole('button', { name: button }).click(),
  ]);
  if (response.status() !== 303) {
    await page.waitForLoadState();
    const said = await page.locator('main').textContent();
    throw new Error(`the post was answered ${response.status()}: ${said?.replace(/\s+/g, ' ').slice(0, 800)}`);
  }
  await page.waitForURL((address) => address.href !== response.url());
}

/** How long until `check` holds, polling every 100 ms, or null when it did not within `limitMs`. */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started <= limitMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return null;
}

const searchFinds = async (page: Page) => {
  await page.goto(url(`/soeg?q=${encodeURIComponent(productName)}`));
  return (await page.locator('.result-list .result', { hasText: productName }).count()) > 0;
};
const wizardOffers = async (page: Page) => {
  await page.goto(url(`/find-hjaelp?need=${codes.need}&kommune=${company.municipality}&size=small`));
  return (await page.locator('.match-card', { hasText: productName }).count()) > 0;
};

/** Opens the review queue, the item about `target`, and decides it. */
async function decide(target: string, decision: 'approve' | { reject: string }) {
  const page = await reviewer.newPage();
  await page.goto(url('/ncc/gennemgang'));
  await page.locator('a[href^="/ncc/gennemgang/"]', { hasText: target }).first().click();
  await page.waitForURL(/\/ncc\/gennemgang\/[^/?]+$/);
  if (decision === 'approve') {
    await page.getByRole('button', { name: 'Godkend' }).click();
  } else {
    await page.getByLabel(/^Begrundelse/).fill(decision.reject);
    await page.getByRole('button', { name: 'Afvis' }).click();
  }
  await page.waitForURL(/\/ncc\/gennemgang\?/);
  await page.close();
}

beforeAll(async () => {
  const companies = await testExecutor().read<{ cvr: string; slug: string; municipality: string }>(
    'test.loopCompanies',
    `MATCH (c:Company)-[:LOCATED_IN]->(m:Municipality) WHERE c.cvr IS NOT NULL
     RETURN c.cvr AS cvr, c.slug AS slug, m.code AS municipality ORDER BY c.slug LIMIT 3`,
  );
  const second = companies[1];
  if (!second) throw new Error('fewer than two companies in the sample');
  company = second;
  // The need with the fewest providers, so that this company is surely among the wizard's results;
  // never one another file adds for a while (`t-`: it has the fewest, and may be gone by the save).
  const [found] = await testExecutor().read<typeof codes>(
    'test.loopCodes',
    `RETURN head(COLLECT {
              MATCH (n:Need) WHERE ${notTestData('n')}
              RETURN n.slug ORDER BY COUNT { (n)<-[:ADDRESSES]-(:Product {status: 'active'}) }, n.slug
            }) AS need,
            head(COLLECT { MATCH (x:Category {scheme: 'service'}) RETURN x.code ORDER BY x.code }) AS category,
            head(COLLECT { MATCH (x:CsfCategory) RETURN x.code ORDER BY x.code }) AS csf`,
  );
  if (!found) throw new Error('the suite graph lacks taxonomy codes');
  codes = found;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  vendor = await newContext();
  reviewer = await newContext();
});

afterAll(async () => {
  await vendor?.close();
  await reviewer?.close();
  await browser?.close();
  // The product and the proposals about it; the audit events stay (the log is append-only).
  await operatorWrite(
    'test.loopCleanup',
    `OPTIONAL MATCH (s:Submission) WHERE s.companySlug = $company AND (s.productSlug = $product OR s.targetSlug = $product)
     DETACH DELETE s`,
    { company: company.slug, product: productSlug },
  );
  await closeTestExecutor();
});

describe('a vendor publishes a product through review, and retires it', () => {
  it('adds a product, submits it; a reviewer approves; search and the wizard find it within 5 s', async () => {
    const page = await vendor.newPage();
    await page.goto(url('/mine-sider'));
    await logIn(page, 'vendor', company.cvr);
    await page.waitForURL(url('/mine-sider'));

    await page.locator(`a[href="/mine-sider/nyt-produkt/${company.slug}"]`).click();
    await page.waitForURL(url(`/mine-sider/nyt-produkt/${company.slug}`));
    await page.locator('#name').fill(productName);
    await page.locator('#descriptionDa').fill('Vagttelefon og hjælp på stedet, når det brænder på efter et angreb.');
    await page.locator('#descriptionEn').fill('An on-call line and help on site when an attack has happened.');
    await page.locator('input[name="kind"][value="service"]').check();
    await page.locator('input[name="smeFit"][value="yes"]').check();
    await page.locator('input[name="pricingModel"][value="fixed"]').check();
    await page.locator('#priceFromDkk').fill('4.900');
    await page.locator('input[name="delivery"][value="remote"]').check();
    await page.locator('input[name="languages"][value="da"]').check();
    await page.locator(`input[name="needSlugs"][value="${codes.need}"]`).check();
    await page.locator(`input[name="categoryCodes"][value="${codes.category}"]`).first().check();
    await page.locator(`input[name="csfCategoryCodes"][value="${codes.csf}"]`).check();
    await post(page, 'Send til godkendelse');
    expect(await page.locator('main').textContent()).toContain('Sendt til godkendelse');
    // Not public while it waits.
    expect((await page.goto(url(`/produkt/${productSlug}`)))?.status()).toBe(404);

    const staff = await reviewer.newPage();
    await staff.goto(url('/ncc/gennemgang'));
    await logIn(staff, 'staff', 'Karen Lund');
    await staff.waitForURL(url('/ncc/gennemgang'));
    await staff.locator('a[href^="/ncc/gennemgang/"]', { hasText: productSlug }).first().click();
    // The diff shows what would be published, field by field.
    const diff = await staff.locator('main').textContent();
    expect(diff).toContain(productName);
    expect(diff).toContain('4.900 kr.');
    await staff.getByRole('button', { name: 'Godkend' }).click();
    await staff.waitForURL(/\/ncc\/gennemgang\?/);
    await staff.close();

    const [searchMs, wizardMs] = [
      await within(FOLLOW_MS, () => searchFinds(page)),
      await within(FOLLOW_MS, () => wizardOffers(page)),
    ];
    console.log(`approval → search ${searchMs} ms, → wizard within ${wizardMs} ms more`);
    expect(searchMs).not.toBeNull();
    expect(wizardMs).not.toBeNull();
    expect((await page.goto(url(`/produkt/${productSlug}`)))?.status()).toBe(200);
    await page.close();
  });

  it('retires the product; once approved it is gone from search and the wizard within 5 s', async () => {
    const page = await vendor.newPage();
    await page.goto(url('/mine-sider'));
    await page.locator(`a[href="/mine-sider/udfas-produkt/${productSlug}"]`).click();
    await post(page, 'Send udfasningen til godkendelse');
    // Still published while the retirement waits.
    expect(await searchFinds(page)).toBe(true);

    await decide(productSlug, 'approve');
    const gone = await within(FOLLOW_MS, async () => !(await searchFinds(page)) && !(await wizardOffers(page)));
    console.log(`retirement approval → gone from search and wizard in ${gone} ms`);
    expect(gone).not.toBeNull();
    await page.close();
  });
});

describe('what goes wrong, and how the vendor hears of it', () => {
  it('shows the reviewer’s reason for a rejected edit to the vendor', async () => {
    const page = await vendor.newPage();
    await page.goto(url(`/mine-sider/virksomhed/${company.slug}`));
    const description = page.locator('#descriptionDa');
    await description.fill(`${await description.inputValue()} Vi svarer inden for en time.`);
    await post(page, 'Send til godkendelse');

    const reason = 'Svartiden kan vi ikke se dokumenteret; send en kilde.';
    await decide(company.slug, { reject: reason });
    await page.goto(url('/mine-sider'));
    const desk = await page.locator('main').textContent();
    expect(desk).toContain('Afvist');
    expect(desk).toContain(reason);
    await page.close();
  });

  it('reports a conflict when an edit was made from a version that is no longer current', async () => {
    const first = await vendor.newPage();
    const second = await vendor.newPage();
    // Both tabs show the same published version of the profile.
    await first.goto(url(`/mine-sider/virksomhed/${company.slug}`));
    await second.goto(url(`/mine-sider/virksomhed/${company.slug}`));
    await first.locator('#city').fill('Testby');
    await post(first, 'Send til godkendelse');
    await decide(company.slug, 'approve');

    await second.locator('#phone').fill('+45 11 22 33 44');
    const [response] = await Promise.all([
      second.waitForResponse((next) => next.request().method() === 'POST'),
      second.getByRole('button', { name: 'Send til godkendelse' }).click(),
    ]);
    expect(response.status()).toBe(409);
    expect(await second.locator('.notice-error').textContent()).toMatch(/ændret|version/i);
    // What was typed is kept.
    expect(await second.locator('#phone').inputValue()).toBe('+45 11 22 33 44');
    await first.close();
    await second.close();
  });

  it('refuses a form post from another origin, even with the session cookie', async () => {
    // A page on another port of the same host: same site, so the browser sends the Lax cookie;
    // only the Origin check and the CSRF token stand in the way.
    const attacker: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(`<!doctype html><title>x</title>
        <form method="post" action="${url(`/mine-sider/nyt-produkt/${company.slug}`)}">
          <input name="name" value="Indsmuglet produkt"><input name="action" value="submit">
          <button>go</button>
        </form>`);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    try {
      const page = await vendor.newPage();
      await page.goto(`http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`);
      const [response] = await Promise.all([
        page.waitForResponse((next) => next.url().startsWith(BASE) && next.request().method() === 'POST'),
        page.getByRole('button', { name: 'go' }).click(),
      ]);
      expect(response.status()).toBe(403);
      const [row] = await testExecutor().read<{ n: number }>(
        'test.loopSmuggled',
        "MATCH (s:Submission {companySlug: $company}) WHERE s.record CONTAINS 'Indsmuglet' RETURN count(s) AS n",
        { company: company.slug },
      );
      expect(row?.n).toBe(0);
      await page.close();
    } finally {
      await new Promise((resolve) => attacker.close(resolve));
    }
  });

  it('sends a person whose session ran out to log in, and back to the page they were on', async () => {
    const page = await vendor.newPage();
    const target = `/mine-sider/virksomhed/${company.slug}`;
    await page.goto(url(target));
    // Thirty-one idle minutes, as the graph would see them.
    const cookie = (await vendor.cookies(BASE)).find((c) => c.name === 'cyberkort-session');
    expect(cookie).toBeDefined();
    await operatorWrite(
      'test.loopIdle',
      'MATCH (s:Session {idHash: $idHash}) SET s.lastSeenAt = datetime() - duration({minutes: 31})',
      { idHash: hashSessionId(cookie?.value ?? '') },
    );
    await page.reload();
    await logIn(page, 'vendor', company.cvr);
    await page.waitForURL(url(target));
    expect(await page.locator('#descriptionDa').count()).toBe(1);
    await page.close();
  });

  it('met no Content-Security-Policy violation on the way', () => {
    expect(cspViolations).toEqual([]);
  });
});
