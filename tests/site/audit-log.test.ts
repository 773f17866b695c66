import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAudit } from '../../graph/audit';
import { GraphWriter } from '../../graph/write';
import type { DevPerson } from '../../src/auth/dev-login-page';
import type { ListingStore } from '../../src/use-cases/listing-store';
import { saveDraft, submitDraft, withdrawSubmission } from '../../src/use-cases/submissions';
import { testApi } from '../support/api';
import { closeTestExecutor, testExecutor, uniquePrefix } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';
import { type CookieJar, logInAs, send } from '../support/login';
import { type OwnSite, startOwnSite } from '../support/own-site';

/**
 * The staff audit log over the built site: a reviewer logged in at the development provider
 * finds a test company's events by listing, by person (reference or login subject), by action and
 * by date; the CSV export holds exactly what the page's filters match, with formula-like cells
 * made into text; vendors and anonymous visitors are refused. GraphQL pages the same log by
 * keyset. And a staff login whose groups changed since the last login appends a role change.
 */

const base = inject('baseUrl');
let world: TestWorld;
let store: ListingStore;
let reviewer: CookieJar;
let vendorAId: string;
const FORMULA_ACTOR = '=HYPERLINK("http://evil.example","x")';

async function userId(subject: string): Promise<string> {
  const [row] = await testExecutor().read<{ id: string }>(
    'test.user',
    'MATCH (u:User {subject: $subject}) RETURN u.id AS id',
    {
      subject,
    },
  );
  if (!row) throw new Error(`no user ${subject}`);
  return row.id;
}

beforeAll(async () => {
  const executor = testExecutor();
  store = { executor, writer: new GraphWriter(executor) };
  world = await createTestWorld(executor, 'auditlog');
  // Two submits and a withdrawal by company A's vendor: three events on A's listing.
  for (const name of ['Logydelse et', 'Logydelse to']) {
    const draft = await saveDraft(store, world.viewers.vendorA, {
      kind: 'product',
      op: 'create',
      companySlug: world.companyA.slug,
      record: world.productRecord(`${name} ${world.prefix}`),
    });
    const submitted = await submitDraft(store, world.viewers.vendorA, draft.id);
    if (name === 'Logydelse to') await withdrawSubmission(store, world.viewers.vendorA, submitted.id);
  }
  // An event whose actor reference a spreadsheet would read as a formula, and an action this
  // version has no label for: the log shows (and exports) whatever it holds.
  await appendAudit(store.writer, {
    action: 'future-action' as never,
    actorKind: 'system',
    actorId: FORMULA_ACTOR,
    company: world.companyA.slug,
    details: { note: '+SUM(1,2)' },
  });
  vendorAId = await userId(world.viewers.vendorA.kind === 'vendor' ? world.viewers.vendorA.subject : '');
  reviewer = (await logInAs(base, { as: 'staff', person: 'Karen Lund' })).jar;
});

afterAll(async () => {
  await world?.cleanup();
  await closeTestExecutor();
});

const page = async (jar: CookieJar, path: string) => {
  const response = await send(jar, new URL(path, base));
  return { status: response.status, html: await response.text(), response };
};

/** The event rows of a log page: their action codes, in order. */
const actionsOn = (html: string) => [...html.matchAll(/<td data-action="([^"]+)"/g)].map((match) => match[1]);

describe('the audit log pages', () => {
  it('send anonymous visitors to log in, and answer vendors with 403 (page and export)', async () => {
    const anonymous = await fetch(new URL('/ncc/log', base), { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/log-ind?returnTo=${encodeURIComponent('/ncc/log')}`);
    const anonymousCsv = await fetch(new URL('/ncc/log.csv', base), { redirect: 'manual' });
    expect(anonymousCsv.status).toBe(303);

    const vendor = await logInAs(base, { as: 'vendor', person: 'not in the directory' });
    for (const path of ['/ncc/log', '/en/ncc/log', `/ncc/log?company=${world.companyA.slug}`, '/ncc/log.csv']) {
      const response = await send(vendor.jar, new URL(path, base));
      expect(response.status, path).toBe(403);
      const body = await response.text();
      expect(body).not.toContain('data-action=');
      expect(body).not.toContain(vendorAId);
    }
  });

  it('find a listing’s events, newest first, with actor, listing and readable details, in both languages', async () => {
    const da = await page(reviewer, `/ncc/log?company=${world.companyA.slug}`);
    expect(da.status).toBe(200);
    expect(actionsOn(da.html)).toEqual(['future-action', 'withdraw', 'submit', 'submit']);
    expect(da.html).toContain('Revisionslog');
    expect(da.html).toContain('Ændring indsendt');
    expect(da.html).toContain('Anden handling (future-action)');
    expect(da.html).toContain(vendorAId);
    // Staff see the current name of a person whose account exists.
    expect(da.html).toContain('Test vendorA');
    expect(da.html).toContain(`value="${world.companyA.slug}"`);

    const en = await page(reviewer, `/en/ncc/log?company=${world.companyA.slug}`);
    expect(en.status).toBe(200);
    expect(en.html).toContain('Audit log');
    expect(en.html).toContain('Change submitted');
    expect(en.html).toContain('Other action (future-action)');
  });

  it('find a person’s events by their reference and by their login subject', async () => {
    const byId = await page(reviewer, `/ncc/log?person=${vendorAId}`);
    expect(actionsOn(byId.html)).toEqual(['withdraw', 'submit', 'submit']);
    const subject = world.viewers.vendorA.kind === 'vendor' ? world.viewers.vendorA.subject : '';
    const bySubject = await page(reviewer, `/ncc/log?person=${encodeURIComponent(subject)}`);
    expect(actionsOn(bySubject.html)).toEqual(['withdraw', 'submit', 'submit']);
    expect(bySubject.html).toContain('1 konto logger ind med dette subject');
    const nobody = await page(reviewer, `/ncc/log?person=${uniquePrefix('nobody')}`);
    expect(actionsOn(nobody.html)).toEqual([]);
    expect(nobody.html).toContain('Ingen konto logger ind med dette subject');
  });

  it('filter by action and by date, and show what was typed with errors beside the fields', async () => {
    const submits = await page(reviewer, `/ncc/log?company=${world.companyA.slug}&action=submit`);
    expect(actionsOn(submits.html)).toEqual(['submit', 'submit']);
    expect(submits.html).toMatch(/<option value="submit" selected/);

    const today = new Date().toISOString().slice(0, 10);
    const inRange = await page(reviewer, `/ncc/log?company=${world.companyA.slug}&from=${today}&to=${today}`);
    expect(actionsOn(inRange.html)).toHaveLength(4);
    const before = await page(reviewer, `/ncc/log?company=${world.companyA.slug}&to=2000-01-01`);
    expect(actionsOn(before.html)).toEqual([]);

    const bad = await page(reviewer, '/ncc/log?company=Not+A+Slug&from=31-12-2026');
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="error-summary"');
    expect(bad.html).toContain('href="#company"');
    expect(bad.html).toContain('href="#from"');
    expect(bad.html).toContain('value="Not A Slug"');
    expect(bad.html).toContain('value="31-12-2026"');
    expect(bad.html).toContain('aria-invalid="true"');
  });

  it('export exactly the filtered events as CSV, formulas made into text', async () => {
    const filtered = await page(reviewer, `/ncc/log?company=${world.companyA.slug}`);
    const exportHref = /<a href="([^"]+)" download>/.exec(filtered.html)?.[1]?.replaceAll('&amp;', '&');
    expect(exportHref).toBe(`/ncc/log.csv?company=${world.companyA.slug}`);

    const response = await send(reviewer, new URL(exportHref ?? '', base));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="cyberkort-audit-log-[\d-]+\.csv"$/,
    );
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('tidspunkt,handling,handlingskode,aktørtype,aktørreference,virksomhed,ydelse,detaljer');
    const rows = lines.slice(1);
    expect(rows.map((line) => line.split(',')[2])).toEqual(['future-action', 'withdraw', 'submit', 'submit']);
    expect(rows[0]).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(rows[0]).not.toMatch(/,=/);
    expect(rows.slice(1).every((line) => line.includes(vendorAId))).toBe(true);
    // No names in the export: the log's references travel, the people stay on the page.
    expect(rows.join('\n')).not.toContain('Test vendorA');

    const submitsOnly = await send(
      reviewer,
      new URL(`/en/ncc/log.csv?company=${world.companyA.slug}&action=submit`, base),
    );
    const english = (await submitsOnly.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(english[0]).toBe('at,action,action code,actor kind,actor reference,company,product,details');
    expect(english.slice(1).map((line) => line.split(',')[2])).toEqual(['submit', 'submit']);

    const bad = await send(reviewer, new URL('/ncc/log.csv?from=someday', base));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('ÅÅÅÅ-MM-DD');
  });

  it('are linked from My pages for staff', async () => {
    const myPages = await page(reviewer, '/mine-sider');
    expect(myPages.html).toContain('href="/ncc/log"');
  });
});

describe('the auditLog query', () => {
  it('pages newest first by keyset, for staff only', async () => {
    const api = await testApi();
    const query = `query Q($filter: AuditLogFilter, $after: String) {
      auditLog(filter: $filter, after: $after, limit: 2) { events { id action actorId actorName } next }
    }`;
    type Page = {
      auditLog: { events: Array<{ id: string; action: string; actorName: string | null }>; next: string | null };
    };
    const filter = { company: world.companyA.slug };
    const first = await api.query<Page>(query, { filter }, world.viewers.reviewer);
    expect(first.errors).toBeUndefined();
    expect(first.data?.auditLog.events.map((event) => event.action)).toEqual(['future-action', 'withdraw']);
    const second = await api.query<Page>(query, { filter, after: first.data?.auditLog.next }, world.viewers.reviewer);
    expect(second.data?.auditLog.events.map((event) => event.action)).toEqual(['submit', 'submit']);
    expect(second.data?.auditLog.events[0]?.actorName).toBe('Test vendorA');
    const ids = [...(first.data?.auditLog.events ?? []), ...(second.data?.auditLog.events ?? [])].map((e) => e.id);
    expect(new Set(ids).size).toBe(4);

    const vendor = await api.query(query, { filter }, world.viewers.vendorA);
    expect(vendor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badCursor = await api.query(query, { filter, after: 'bm9wZQ' }, world.viewers.reviewer);
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('a staff login with other roles than the last', () => {
  let site: OwnSite;
  const person: DevPerson = {
    subject: uniquePrefix('role-change'),
    kind: 'staff',
    name: 'Rolle Skifter',
    email: 'rolle.skifter@ncc.example',
    groups: [],
    description: 'NCC-DK staff whose groups the test changes',
  };

  beforeAll(async () => {
    site = await startOwnSite([person]);
  });

  afterAll(async () => {
    await site?.close();
    await testExecutor().transaction('WRITE', 'test.cleanupRoleChange', (tx) =>
      tx.run(
        `MATCH (u:User {subject: $subject})
         OPTIONAL MATCH (e:AuditEvent {actorId: u.id})
         DETACH DELETE e, u`,
        { subject: person.subject },
      ),
    );
  });

  it('appends a role-change event with the roles before and after', async () => {
    person.groups = [site.groups.reviewer];
    await logInAs(site.baseUrl, { as: 'staff', person: 'Rolle Skifter' });
    const id = await userId(person.subject);
    const actions = async () =>
      (
        await testExecutor().read<{ action: string; details: string | null }>(
          'test.events',
          'MATCH (e:AuditEvent {actorId: $id}) RETURN e.action AS action, e.details AS details ORDER BY e.at, e.action',
          { id },
        )
      ).map((row) => ({ action: row.action, details: row.details ? JSON.parse(row.details) : null }));
    // A first login changes no role.
    expect(await actions()).toEqual([{ action: 'login', details: null }]);

    await logInAs(site.baseUrl, { as: 'staff', person: 'Rolle Skifter' });
    expect((await actions()).filter((event) => event.action === 'role-change')).toEqual([]);

    person.groups = [site.groups.reviewer, site.groups.admin];
    const promoted = await logInAs(site.baseUrl, { as: 'staff', person: 'Rolle Skifter' });
    expect((await actions()).filter((event) => event.action === 'role-change')).toEqual([
      { action: 'role-change', details: { before: ['reviewer'], after: ['admin', 'reviewer'] } },
    ]);

    // And the log page shows it, with both lists.
    const log = await send(promoted.jar, new URL(`/ncc/log?person=${id}&action=role-change`, site.baseUrl));
    const html = await log.text();
    expect(log.status).toBe(200);
    expect(html).toContain('Roller ændret');
    expect(html).toMatch(/<td>reviewer<\/td>\s*<td>admin, reviewer<\/td>/);
  });
});
