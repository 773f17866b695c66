import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphWriter } from '../../graph/write';
import { createMailer } from '../../src/mail/mailer';
import { addressHash } from '../../src/mail/unsubscribe';
import { sendConfirmationReminders } from '../../src/use-cases/confirmation';
import { approveSubmission } from '../../src/use-cases/moderation';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { hiddenField, postForm } from '../support/forms';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';
import { CookieJar, logInAs, send } from '../support/login';

/**
 * The yearly confirmation and provenance as people meet them, without JavaScript: the vendor's
 * "still correct" button on "Mine sider" (CSRF, another company refused), the public pages' last
 * confirmation, marking and provenance in words, the development mail page with the reminder, and
 * the unsubscribe link it carries (GET asks, POST does).
 */

const base = inject('baseUrl');
const origin = new URL(base).origin;

let mine: { cvr: string; slug: string };
let other: { cvr: string; slug: string };
let jar: CookieJar;
let world: TestWorld;
const unsubscribed: string[] = [];

beforeAll(async () => {
  // The development provider offers a person for each of the first three companies by slug; the
  // portal's own tests use the first two.
  const companies = await testExecutor().read<{ cvr: string; slug: string }>(
    'test.confirmationCompanies',
    'MATCH (c:Company) WHERE c.cvr IS NOT NULL RETURN c.cvr AS cvr, c.slug AS slug ORDER BY c.slug LIMIT 3',
  );
  const [first, , third] = companies;
  if (!first || !third) throw new Error('fewer than three companies in the sample');
  mine = third;
  other = first;
  jar = (await logInAs(base, { as: 'vendor', person: mine.cvr })).jar;
  world = await createTestWorld(testExecutor(), 'confirmation-site');
});

afterAll(async () => {
  if (unsubscribed.length > 0) {
    await operatorWrite('test.optOutCleanup', 'MATCH (o:MailOptOut) WHERE o.addressHash IN $hashes DELETE o', {
      hashes: unsubscribed.map((address) => addressHash(address, inject('cookieSecret'))),
    });
  }
  await world?.cleanup();
  await closeTestExecutor();
});

const get = (path: string, as = jar) => send(as, new URL(path, base));

const post = (path: string, form: URLSearchParams, headers: Record<string, string> = { origin }, as = jar) =>
  postForm(as, new URL(path, base), form, headers);

async function confirmedAt(slug: string): Promise<string> {
  const [row] = await testExecutor().read<{ at: string }>(
    'test.confirmedAt',
    'MATCH (c:Company {slug: $slug}) RETURN toString(c.confirmedAt) AS at',
    { slug },
  );
  return row?.at ?? '';
}

describe('the "still correct" button on My pages', () => {
  it('confirms the listing with the CSRF token, in Danish and English, and says so', async () => {
    const page = await (await get('/mine-sider')).text();
    expect(page).toContain('action="/mine-sider/bekraeft"');
    expect(page).toContain('Oplysningerne er stadig rigtige');
    const token = hiddenField(page, '_csrf');
    expect(token).not.toBe('');

    const before = await confirmedAt(mine.slug);
    const done = await post('/mine-sider/bekraeft', new URLSearchParams({ _csrf: token, company: mine.slug }));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/mine-sider?confirmed=${mine.slug}`);
    const after = await confirmedAt(mine.slug);
    expect(Date.parse(after)).toBeGreaterThan(Date.parse(before));
    expect(await (await get(`/mine-sider?confirmed=${mine.slug}`)).text()).toMatch(/Tak\. .* er bekræftet i dag\./);

    const english = await post('/en/my-pages/confirm', new URLSearchParams({ _csrf: token, company: mine.slug }));
    expect(english.status).toBe(303);
    expect(english.headers.get('location')).toBe(`/en/my-pages?confirmed=${mine.slug}`);
    expect(await (await get('/en/my-pages')).text()).toContain('The listing is still correct');
  });

  it('refuses a post without the token, from another site, or for a company the vendor does not act for', async () => {
    const token = hiddenField(await (await get('/mine-sider')).text(), '_csrf');
    const before = await confirmedAt(other.slug);
    const mineBefore = await confirmedAt(mine.slug);

    const noToken = await post('/mine-sider/bekraeft', new URLSearchParams({ company: mine.slug }));
    expect(noToken.status).toBe(403);
    const foreign = await post('/mine-sider/bekraeft', new URLSearchParams({ _csrf: token, company: mine.slug }), {
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    const otherCompany = await post('/mine-sider/bekraeft', new URLSearchParams({ _csrf: token, company: other.slug }));
    expect(otherCompany.status).toBe(403);
    expect(await otherCompany.text()).toContain('Du kan kun bekræfte oplysningerne for en virksomhed');

    expect(await confirmedAt(other.slug)).toBe(before);
    expect(await confirmedAt(mine.slug)).toBe(mineBefore);
  });

  it('changes nothing on GET and sends the anonymous to log in', async () => {
    const before = await confirmedAt(mine.slug);
    const opened = await get('/mine-sider/bekraeft');
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/mine-sider');
    expect(await confirmedAt(mine.slug)).toBe(before);
    const anonymous = await post(
      '/mine-sider/bekraeft',
      new URLSearchParams({ company: mine.slug }),
      { origin },
      new CookieJar(),
    );
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/log-ind\?returnTo=/);
  });
});

describe('public pages', () => {
  it('say in words where the listing, its certifications and competences came from, and when it was last confirmed', async () => {
    // A vendor's change, approved by NCC-DK, as the review pages would.
    const store = { executor: testExecutor(), writer: new GraphWriter(testExecutor()) };
    const slug = world.companyA.slug;
    const draft = await saveDraft(store, world.viewers.vendorA, {
      kind: 'company',
      op: 'update',
      companySlug: slug,
      baseVersion: 1,
      record: world.companyRecord({ name: `Testfirma a ${world.prefix}`, phone: '+45 11 11 11 11' }),
    });
    await submitDraft(store, world.viewers.vendorA, draft.id);
    await approveSubmission(store, world.viewers.reviewer, draft.id);

    const da = await (await get(`/virksomhed/${slug}`)).text();
    expect(da).toMatch(/Kilde: Oplyst af virksomheden \d+\. \p{L}+ \d{4}, godkendt af NCC-DK \d+\. \p{L}+ \d{4}/u);
    // The certification the vendor left unchanged keeps its source: NCC-DK's import.
    expect(da).toMatch(/<p class="cert-provenance[^"]*">\s*Kilde: Importeret af NCC-DK/);
    // The competences' source, said once under their list, besides the listing's own.
    expect(da.match(/class="muted small provenance"/g)?.length).toBe(2);
    expect(da).toMatch(/Sidst bekræftet af virksomheden \d+\. \p{L}+ \d{4}/u);
    expect(da).not.toContain('Ikke bekræftet i over et år');

    const en = await (await get(`/en/company/${slug}`)).text();
    expect(en).toMatch(/Source: Provided by the company on \d+ \p{L}+ \d{4}, approved by NCC-DK on \d+ \p{L}+ \d{4}/u);
    expect(en).toMatch(/Last confirmed by the company on \d+ \p{L}+ \d{4}/u);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(en)?.[1] ?? '{}');
    expect(jsonLd.mainEntityOfPage).toMatchObject({
      '@type': 'WebPage',
      dateCreated: expect.any(String),
      dateModified: expect.any(String),
      lastReviewed: expect.any(String),
    });
  });

  it('mark a sample listing not confirmed for over a year on its pages and in search, and keep the sample recognisable', async () => {
    const [stale] = await testExecutor().read<{ slug: string; name: string; product: string | null }>(
      'test.unconfirmedSample',
      `MATCH (c:Company {sample: true})
       WHERE c.confirmedAt < datetime() - duration({months: 12}) AND c.confirmedAt > datetime() - duration({months: 15})
       RETURN c.slug AS slug, c.name AS name,
         head(COLLECT { MATCH (c)-[:OFFERS]->(p:Product {status: 'active'}) RETURN p.slug ORDER BY p.slug }) AS product
       ORDER BY c.slug LIMIT 1`,
    );
    if (!stale?.product) throw new Error('the sample has no listing between 12 and 15 months unconfirmed');
    const company = await (await get(`/virksomhed/${stale.slug}`)).text();
    expect(company).toContain('Ikke bekræftet i over et år.');
    expect(company).toContain('Kilde: Eksempeldata');
    const product = await (await get(`/en/product/${stale.product}`)).text();
    expect(product).toContain('Not confirmed for over a year.');
    expect(product).toContain('Source: Sample data');

    const search = await (await get(`/soeg?q=${encodeURIComponent(stale.name)}`)).text();
    const card = search.slice(search.indexOf(`/virksomhed/${stale.slug}"`));
    expect(card.slice(0, card.indexOf('</article>'))).toContain('badge-unconfirmed');
  });
});

describe('the development mail page', () => {
  it('lists the reminder with both parts, and its unsubscribe link asks on GET and unsubscribes on POST', async () => {
    const slug = world.companyB.slug;
    const address = `${world.prefix}-b@test.example`;
    unsubscribed.push(address);
    await operatorWrite(
      'test.vendorBAddress',
      "MATCH (u:User {issuer: 'test', subject: $subject}) SET u.email = $email",
      {
        subject: `${world.prefix}-vendorB`,
        email: address,
      },
    );
    // The reminder as the server's daily job sends it: same outbox, same signing secret.
    const mailer = createMailer({
      SMTP_URL: undefined,
      MAIL_FROM: 'Cyberkort <ikke-svar@cyberkort.example>',
      MAIL_OUTBOX_DIR: inject('mailOutbox'),
    });
    const run = await sendConfirmationReminders(
      {
        executor: testExecutor(),
        writer: new GraphWriter(testExecutor()),
        mailer,
        config: { PUBLIC_URL: origin, COOKIE_SECRET: inject('cookieSecret') },
        log: pino({ level: 'silent' }),
      },
      new Date(Date.now() + 366 * 24 * 60 * 60_000),
      [slug],
    );
    mailer.close();
    expect(run).toEqual({ sent: 1, skipped: 0, failed: 0 });

    const page = await get('/dev/post', new CookieJar());
    expect(page.status).toBe(200);
    const html = await page.text();
    const start = html.indexOf(address);
    expect(start).toBeGreaterThan(-1);
    const mail = html.slice(html.lastIndexOf('<article', start), html.indexOf('</article>', start));
    expect(mail).toContain('Jeres profil er ikke bekræftet i over et år / Your listing has not been confirmed');
    expect(mail).toContain('List-Unsubscribe: &lt;');
    expect(mail).toMatch(/<pre class="outbox-text">[\s\S]*Hej Testfirma[\s\S]*— English —[\s\S]*Hello Testfirma/);
    expect(mail).toMatch(/<pre class="outbox-html">[\s\S]*&lt;div lang=&quot;da&quot;&gt;/);

    const link = /Afmeld her: (http\S+)/.exec(mail)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(link).toMatch(new RegExp(`^${origin}/afmeld\\?token=`));
    const anyone = new CookieJar();
    const ask = await get(link, anyone);
    expect(ask.status).toBe(200);
    const form = await ask.text();
    expect(form).toContain('Afmeld mails');
    const optedOut = () =>
      testExecutor().read('test.optedOut', 'MATCH (o:MailOptOut {addressHash: $hash}) RETURN o', {
        hash: addressHash(address, inject('cookieSecret')),
      });
    expect(await optedOut()).toHaveLength(0);

    const token = hiddenField(form, 'token');
    const bad = await post('/afmeld', new URLSearchParams({ token: `${token}x` }), { origin }, anyone);
    expect(bad.status).toBe(400);
    expect(await optedOut()).toHaveLength(0);
    const done = await post('/en/unsubscribe', new URLSearchParams({ token }), { origin }, anyone);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are unsubscribed.');
    expect(await optedOut()).toHaveLength(1);
  });
});
