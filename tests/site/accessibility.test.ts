import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, RunOptions } from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphWriter } from '../../graph/write';
import type { ListingStore } from '../../src/use-cases/listing-store';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { closeTestExecutor, testExecutor } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';

/**
 * Every kind of page, in Danish and in English, checked in Chromium with axe-core against the
 * WCAG 2.0 and 2.1 level A and AA rules: the public pages, a vendor's portal pages and the NCC
 * staff's pages. A page passes with no violation at all; a failure lists each violation's rule,
 * impact, help text and the elements it was found on.
 *
 * The vendor is the first company the development provider offers (the portal's HTTP tests use it
 * too): this file only looks at its pages, and posts its company and new product forms with errors,
 * which saves nothing. The review item is a change of a test world of this file's own, removed
 * after; the reviewer only tries to reject it without a reason, which is refused.
 */

const BASE = inject('baseUrl').replace(/\/$/, '');
const url = (path: string) => `${BASE}${path}`;

const require = createRequire(import.meta.url);
let axeSource: string;

const WCAG_A_AA: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  // Only violations are read: axe then keeps one node of each pass and inapplicable rule instead
  // of all of them (the same rules run; about a fifth less time per page).
  resultTypes: ['violations'],
};

let browser: Browser;
let visitor: BrowserContext;
/** A visitor without JavaScript: the needs wizard then shows all its steps at once. */
let noScript: BrowserContext;
let vendor: BrowserContext;
/** A vendor whose CVR number is not in the directory: My pages offer to register the company. */
let newcomer: BrowserContext;
let reviewer: BrowserContext;
let admin: BrowserContext;
let world: TestWorld;
let mine: { slug: string; cvr: string; product: string };
let reviewItem: string;

/** Both languages of a page: the Danish path and the English one. */
type Twin = readonly [da: string, en: string];

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is. The site's Content-Security-Policy refuses inline scripts,
 * so a script tag with axe's source would be blocked; axe is evaluated through the DevTools
 * protocol instead (page.evaluate is not subject to the page's CSP), which keeps the policy in
 * force while the page is audited: with `bypassCSP` the page could render differently (styles and
 * scripts the policy blocks for real visitors would apply) and the audit would not see what they see.
 */
async function violationsOf(page: Page): Promise<Violation[]> {
  // Enhanced elements (the needs wizard, the search's auto-update switch) are audited once their
  // script has defined them.
  if (page.context() !== noScript)
    await page.waitForFunction(() => document.querySelectorAll(':not(:defined)').length === 0, null, {
      timeout: 10_000,
    });
  await page.evaluate(axeSource);
  const results = await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run(c: Document, o: unknown): Promise<AxeResults> } }).axe.run(document, options),
    WCAG_A_AA as unknown as Record<string, unknown>,
  );
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? 'unknown',
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}

function report(path: string, violations: Violation[]): string {
  return [
    `${violations.length} accessibility violation(s) on ${path}:`,
    ...violations.map(
      (v) => `  - ${v.id} (${v.impact}): ${v.help}\n${v.targets.map((target) => `      ${target}`).join('\n')}`,
    ),
  ].join('\n');
}

/** Expects no violation on the page as it is now; `what` names it in the failure. */
async function expectNoViolations(page: Page, what: string): Promise<void> {
  const violations = await violationsOf(page);
  if (violations.length > 0) expect.fail(report(what, violations));
}

/** Presses `button` (a locator's selector) of a form that is refused, and expects `status` back. */
async function postRefused(page: Page, button: string, status = 400): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse((next) => next.request().method() === 'POST' && next.url().startsWith(BASE)),
    page.locator(button).click(),
  ]);
  expect(response.status(), page.url()).toBe(status);
  await page.waitForLoadState();
}

/**
 * One tab per person, which `audit` goes from page to page in, as a person browses: a new tab per
 * page made the renderer compile axe anew each time and took twice as long over the whole file.
 */
const tabs = new Map<BrowserContext, Page>();

/** Opens `path` in `context`'s tab, expects `status`, and expects no violation. */
async function audit(context: BrowserContext, path: string, status = 200): Promise<void> {
  let page = tabs.get(context);
  if (!page || page.isClosed()) {
    page = await context.newPage();
    tabs.set(context, page);
  }
  const response = await page.goto(url(path));
  expect(response?.status(), path).toBe(status);
  await expectNoViolations(page, path);
}

/** Logs `context` in at the development provider, as a person does in the browser. */
async function logIn(context: BrowserContext, as: 'vendor' | 'staff', person: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(url(`/auth/login?as=${as}&returnTo=${encodeURIComponent('/mine-sider')}`));
  await page.waitForURL((address) => address.pathname.startsWith('/interaction/'));
  await page.locator('button[name="subject"]', { hasText: person }).first().click();
  await page.waitForURL(url('/mine-sider'));
  await page.close();
}

beforeAll(async () => {
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const executor = testExecutor();
  // The development provider offers a person for each of the first companies by slug.
  const [first] = await executor.read<{ slug: string; cvr: string; product: string | null }>(
    'test.a11yCompany',
    `MATCH (c:Company) WHERE c.cvr IS NOT NULL
     WITH c ORDER BY c.slug LIMIT 1
     RETURN c.slug AS slug, c.cvr AS cvr,
            head(COLLECT { MATCH (c)-[:OFFERS]->(p:Product {status: 'active'}) RETURN p.slug ORDER BY p.slug }) AS product`,
  );
  if (!first?.product) throw new Error('the first company of the sample offers no active product');
  mine = { ...first, product: first.product };

  // A change waiting in the review queue, so that the review item page has something to show.
  world = await createTestWorld(executor, 'a11y');
  const store: ListingStore = { executor, writer: new GraphWriter(executor) };
  const [row] = await executor.read<{ version: number }>(
    'test.a11yVersion',
    'MATCH (c:Company {slug: $slug}) RETURN c.version AS version',
    { slug: world.companyA.slug },
  );
  const draft = await saveDraft(store, world.viewers.vendorA, {
    kind: 'company',
    op: 'update',
    companySlug: world.companyA.slug,
    baseVersion: row?.version ?? 1,
    record: world.companyRecord({
      description: {
        da: 'Vi hjælper små virksomheder med backup og opdateringer.',
        en: 'We help small businesses with backups and updates.',
      },
    }),
  });
  reviewItem = (await submitDraft(store, world.viewers.vendorA, draft.id)).id;

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const newContext = () => browser.newContext({ locale: 'da-DK' });
  visitor = await newContext();
  vendor = await newContext();
  newcomer = await newContext();
  reviewer = await newContext();
  admin = await newContext();
  noScript = await newContext();
  // The pages as without JavaScript: no script of the site is loaded (all of them are modules the
  // islands load), so nothing hydrates. Not `javaScriptEnabled: false`, under which axe cannot run.
  await noScript.route('**/*', (route) =>
    route.request().resourceType() === 'script' ? route.abort() : route.continue(),
  );
  await logIn(vendor, 'vendor', mine.cvr);
  await logIn(newcomer, 'vendor', 'not in the directory');
  await logIn(reviewer, 'staff', 'Karen Lund');
  await logIn(admin, 'staff', 'Anders Holt');
});

afterAll(async () => {
  await browser?.close();
  await world?.cleanup();
  await closeTestExecutor();
});

const MATCH_QUERY = 'need=backup-og-gendannelse&need=tofaktor-login&kommune=751&size=small';

describe('public pages meet WCAG 2.1 A and AA', () => {
  it('the check finds a violation where there is one', async () => {
    const page = await visitor.newPage();
    await page.goto(url('/'));
    await page.evaluate(() => {
      const main = document.querySelector('main');
      main?.append(document.createElement('img'));
      // Pale grey on white (styled through the CSSOM, which the CSP allows).
      const pale = document.createElement('p');
      pale.textContent = 'Svær at læse';
      pale.style.color = '#ccc';
      pale.style.background = '#fff';
      main?.append(pale);
    });
    const found = (await violationsOf(page)).map((violation) => violation.id);
    expect(found).toContain('image-alt');
    expect(found).toContain('color-contrast');
    await page.close();
  });

  const pages: Array<[string, Twin, number?]> = [
    ['home', ['/', '/en/']],
    ['search with results', ['/soeg?q=backup', '/en/search?q=backup']],
    ['search with no results', ['/soeg?q=xyzzyqwv', '/en/search?q=xyzzyqwv']],
    ['search read as a need', ['/soeg?q=mist%C3%A6nkelig+mail', '/en/search?q=suspicious+email']],
    ['search read as an attack', ['/soeg?q=vi+er+blevet+hacket', '/en/search?q=we+have+been+hacked']],
    ['search too broad: a choice', ['/soeg?q=virus', '/en/search?q=virus']],
    ['search for the words as typed', ['/soeg?q=backup&literal=backup', '/en/search?q=backup&literal=backup']],
    ['search with a 400 problem', ['/soeg?q=backup&page=abc', '/en/search?q=backup&page=abc'], 400],
    ['needs wizard', ['/find-hjaelp', '/en/find-help']],
    ['needs wizard results', [`/find-hjaelp?${MATCH_QUERY}`, `/en/find-help?${MATCH_QUERY}`]],
    ['about', ['/om', '/en/about']],
    ['how we rank', ['/saadan-rangerer-vi', '/en/how-we-rank']],
    ['log in', ['/log-ind', '/en/log-in']],
    ['statistics', ['/statistik', '/en/statistics']],
    ['statistics with a 400 problem', ['/statistik?quarter=2033-Q5', '/en/statistics?quarter=2033-Q5'], 400],
    ['methods', ['/metode', '/en/methods']],
    ['API guide', ['/api', '/en/api']],
    ['404', ['/findes-ikke-i-cyberkort', '/en/not-in-cyberkort'], 404],
  ];
  for (const [name, [da, en], status] of pages) {
    it(`${name} (da, en)`, async () => {
      await audit(visitor, da, status);
      await audit(visitor, en, status);
    });
  }

  it('every step of the needs wizard with JavaScript (da, en)', async () => {
    for (const path of ['/find-hjaelp', '/en/find-help']) {
      const page = await visitor.newPage();
      await page.goto(url(path));
      const steps = page.locator('.wizard-step-link');
      await steps.first().waitFor();
      const count = await steps.count();
      expect(count, path).toBeGreaterThan(1);
      for (let step = 0; step < count; step += 1) {
        await steps.nth(step).click();
        await expectNoViolations(page, `${path}, step ${step + 1} of ${count}`);
      }
      await page.close();
    }
  });

  it('the needs wizard and search without JavaScript (da, en)', async () => {
    await audit(noScript, '/find-hjaelp');
    await audit(noScript, '/en/find-help');
    await audit(noScript, '/soeg?q=backup');
    await audit(noScript, '/en/search?q=backup');
  });

  it('company and product profiles (da, en)', async () => {
    await audit(visitor, `/virksomhed/${mine.slug}`);
    await audit(visitor, `/en/company/${mine.slug}`);
    await audit(visitor, `/produkt/${mine.product}`);
    await audit(visitor, `/en/product/${mine.product}`);
    await audit(visitor, '/virksomhed/findes-ikke-i-cyberkort', 404);
  });

  it('compare (da, en)', async () => {
    const page = await visitor.newPage();
    await page.goto(url(`/find-hjaelp?${MATCH_QUERY}`));
    const providers = await page
      .locator('.match-card input[name="p"]')
      .evaluateAll((inputs) => inputs.slice(0, 2).map((input) => `p=${(input as HTMLInputElement).value}`));
    await page.close();
    expect(providers).toHaveLength(2);
    await audit(visitor, `/sammenlign?${MATCH_QUERY}&${providers.join('&')}`);
    await audit(visitor, `/en/compare?${MATCH_QUERY}&${providers.join('&')}`);
  });
});

describe('a vendor’s pages meet WCAG 2.1 A and AA', () => {
  it('my pages and my data (da, en)', async () => {
    await audit(vendor, '/mine-sider');
    await audit(vendor, '/en/my-pages');
    await audit(vendor, '/mine-sider/mine-oplysninger');
    await audit(vendor, '/en/my-pages/my-data');
  });

  it('the company edit form (da, en)', async () => {
    await audit(vendor, `/mine-sider/virksomhed/${mine.slug}`);
    await audit(vendor, `/en/my-pages/company/${mine.slug}`);
  });

  it('the company edit form after a post with errors (da, en)', async () => {
    for (const path of [`/mine-sider/virksomhed/${mine.slug}`, `/en/my-pages/company/${mine.slug}`]) {
      const page = await vendor.newPage();
      await page.goto(url(path));
      await page.locator('#website').fill('ikke en adresse');
      await page.locator('#descriptionDa').fill('For kort');
      // Saving a draft with errors is refused (400) and saves nothing.
      await postRefused(page, 'button[name="action"][value="save"]:not(.visually-hidden)');
      expect(await page.locator('#website-error').count()).toBe(1);
      await expectNoViolations(page, `${path} after a post with errors`);
      await page.close();
    }
  });

  it('the new product form after a post with errors (da)', async () => {
    const path = `/mine-sider/nyt-produkt/${mine.slug}`;
    const page = await vendor.newPage();
    await page.goto(url(path));
    // Nothing filled in: refused, nothing saved.
    await postRefused(page, 'button[name="action"][value="save"]:not(.visually-hidden)');
    expect(await page.locator('.field-error').count()).toBeGreaterThan(0);
    await expectNoViolations(page, `${path} after a post with errors`);
    await page.close();
  });

  it('my pages confirming a saved change (da, en)', async () => {
    await audit(vendor, '/mine-sider?saved=submitted');
    await audit(vendor, '/en/my-pages?saved=draft');
  });

  it('my pages and the registration form of a company not yet listed (da, en)', async () => {
    await audit(newcomer, '/mine-sider');
    await audit(newcomer, '/mine-sider/registrer');
    await audit(newcomer, '/en/my-pages/register');
  });

  it('the product forms and the retire and delete confirmations (da, en)', async () => {
    await audit(vendor, `/mine-sider/nyt-produkt/${mine.slug}`);
    await audit(vendor, `/en/my-pages/new-product/${mine.slug}`);
    await audit(vendor, `/mine-sider/produkt/${mine.product}`);
    await audit(vendor, `/en/my-pages/product/${mine.product}`);
    await audit(vendor, `/mine-sider/udfas-produkt/${mine.product}`);
    await audit(vendor, `/en/my-pages/retire-product/${mine.product}`);
    await audit(vendor, `/mine-sider/slet-produkt/${mine.product}`);
    await audit(vendor, `/en/my-pages/delete-product/${mine.product}`);
  });
});

describe('NCC staff’s pages meet WCAG 2.1 A and AA', () => {
  it('the review queue and a review item (da, en)', async () => {
    await audit(reviewer, '/ncc/gennemgang');
    await audit(reviewer, '/en/ncc/review');
    await audit(reviewer, `/ncc/gennemgang/${reviewItem}`);
    await audit(reviewer, `/en/ncc/review/${reviewItem}`);
  });

  it('a review item after a rejection without a reason (da)', async () => {
    const path = `/ncc/gennemgang/${reviewItem}`;
    const page = await reviewer.newPage();
    await page.goto(url(path));
    // Refused (400): a rejection needs a reason; nothing is decided.
    await postRefused(page, 'form:has(input[name="decision"][value="reject"]) button[type="submit"]');
    expect(await page.locator('#reason-error').count()).toBe(1);
    await expectNoViolations(page, `${path} after a rejection without a reason`);
    await page.close();
  });

  it('the certifications of a company (da, en)', async () => {
    await audit(reviewer, `/ncc/certificeringer/${mine.slug}`);
    await audit(reviewer, `/en/ncc/certifications/${mine.slug}`);
  });

  it('the audit log (da, en)', async () => {
    await audit(reviewer, '/ncc/log');
    await audit(reviewer, '/en/ncc/log');
    await audit(reviewer, '/ncc/log?company=Not+A+Slug&from=31-12-2026', 400);
    await audit(reviewer, '/en/ncc/log?company=Not+A+Slug&from=31-12-2026', 400);
  });

  const dashboards: Array<[string, Twin, number?]> = [
    ['overview', ['/ncc/analyse', '/en/ncc/analytics']],
    ['supply', ['/ncc/analyse/udbud', '/en/ncc/analytics/supply']],
    [
      'supply by municipality',
      ['/ncc/analyse/udbud?region=1084&level=municipality', '/en/ncc/analytics/supply?level=municipality'],
    ],
    ['demand', ['/ncc/analyse/efterspoergsel', '/en/ncc/analytics/demand']],
    ['gaps', ['/ncc/analyse/huller', '/en/ncc/analytics/gaps']],
    ['skills', ['/ncc/analyse/kompetencer', '/en/ncc/analytics/skills']],
    ['coverage', ['/ncc/analyse/daekning', '/en/ncc/analytics/coverage']],
    ['concentration', ['/ncc/analyse/koncentration', '/en/ncc/analytics/concentration']],
    ['zero results', ['/ncc/analyse/nul-resultater', '/en/ncc/analytics/zero-results']],
    [
      'with a filter problem',
      ['/ncc/analyse/udbud?region=9999', '/en/ncc/analytics/demand?from=2026-02-30&sector=not+a+code'],
      400,
    ],
  ];
  for (const [name, [da, en], status] of dashboards) {
    it(`the analytics dashboard: ${name} (da, en)`, async () => {
      await audit(reviewer, da, status);
      await audit(reviewer, en, status);
    });
  }

  it('the import page (da, en)', async () => {
    await audit(admin, '/ncc/import');
    await audit(admin, '/en/ncc/import');
  });

  it('the API keys and company access pages (da, en)', async () => {
    await audit(admin, '/ncc/api-noegler');
    await audit(admin, '/en/ncc/api-keys');
    await audit(admin, '/ncc/adgange');
    await audit(admin, '/en/ncc/access');
  });
});
