import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphWriter } from '../../graph/write';
import type { DevPerson } from '../../src/auth/dev-login-page';
import type { Viewer } from '../../src/auth/viewer';
import type { ListingStore } from '../../src/use-cases/listing-store';
import { saveDraft, submitDraft } from '../../src/use-cases/submissions';
import { testApi } from '../support/api';
import { csrfTokenIn, postForm } from '../support/forms';
import { closeTestExecutor, testExecutor, uniquePrefix } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';
import { type CookieJar, logInAs, send } from '../support/login';
import { type OwnSite, startOwnSite } from '../support/own-site';

/**
 * "Mine oplysninger" over a site of the test's own (tests/support/own-site.ts), so that deleting
 * the account of its person cannot log out anyone another test logged in as. The person logs in
 * through the development provider as a vendor of a test company, twice (two sessions); the page
 * and the JSON download show what the graph holds; the deletion needs the CSRF token and the
 * confirmation, and leaves a tombstone the audit log still names, with nothing personal on it.
 */

let site: OwnSite;
let world: TestWorld;
let store: ListingStore;
let first: CookieJar;
let second: CookieJar;
let userId: string;
let submittedId: string;
let draftId: string;
const userIds: string[] = [];
const person: DevPerson = {
  subject: uniquePrefix('my-data'),
  kind: 'vendor',
  name: 'Dorte Dataejer',
  email: 'dorte.dataejer@testfirma.example',
  description: 'A vendor who deletes her account',
};
const PAGE = '/mine-sider/mine-oplysninger';

const read = <T extends Record<string, unknown>>(cypher: string, params: Record<string, unknown> = {}) =>
  testExecutor().read<T>('test.myData', cypher, params);

beforeAll(async () => {
  const executor = testExecutor();
  store = { executor, writer: new GraphWriter(executor) };
  world = await createTestWorld(executor, 'mydata');
  person.cvr = world.companyA.cvr;
  site = await startOwnSite([person]);
  first = (await logInAs(site.baseUrl, { as: 'vendor', person: person.name })).jar;
  second = (await logInAs(site.baseUrl, { as: 'vendor', person: person.name })).jar;
  const [row] = await read<{ id: string }>('MATCH (u:User {subject: $subject}) RETURN u.id AS id', {
    subject: person.subject,
  });
  userId = row?.id ?? '';
  userIds.push(userId);
  // What she did as a vendor of company A: a product submitted for review, and one left as a draft.
  const viewer = vendorOfA();
  const sent = await saveDraft(store, viewer, {
    kind: 'product',
    op: 'create',
    companySlug: world.companyA.slug,
    record: world.productRecord(`Dataydelse ${world.prefix}`),
  });
  submittedId = (await submitDraft(store, viewer, sent.id)).id;
  draftId = (
    await saveDraft(store, viewer, {
      kind: 'product',
      op: 'create',
      companySlug: world.companyA.slug,
      record: world.productRecord(`Kladdeydelse ${world.prefix}`),
    })
  ).id;
  // Access to company B granted by NCC, as the grants pages write it.
  await testExecutor().transaction('WRITE', 'test.grant', (tx) =>
    tx.run('MATCH (u:User {id: $id}), (c:Company {slug: $slug}) CREATE (u)-[:MAY_EDIT]->(c)', {
      id: userId,
      slug: world.companyB.slug,
    }),
  );
});

afterAll(async () => {
  await site?.close();
  await world?.cleanup();
  await testExecutor().transaction('WRITE', 'test.cleanupMyData', (tx) =>
    tx.run(
      `MATCH (u:User) WHERE u.id IN $ids OR u.subject = $subject
       OPTIONAL MATCH (e:AuditEvent) WHERE e.actorId = u.id
       DETACH DELETE e, u`,
      { ids: userIds, subject: person.subject },
    ),
  );
  await closeTestExecutor();
});

/** The test person as a vendor of company A, as the use cases see her. */
const vendorOfA = (): Viewer => ({
  kind: 'vendor',
  subject: person.subject,
  name: person.name,
  email: person.email,
  cvr: world.companyA.cvr,
  companies: [world.companyA.slug],
  sessionId: 'test',
});

const get = (jar: CookieJar, path: string) => send(jar, new URL(path, site.baseUrl));
const post = (jar: CookieJar, path: string, fields: Record<string, string>, origin = site.baseUrl) =>
  postForm(jar, new URL(path, site.baseUrl), fields, { origin: new URL(origin).origin });

describe('my data', () => {
  it('is for logged-in people only, and linked from My pages', async () => {
    const anonymous = await fetch(new URL(PAGE, site.baseUrl), { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/log-ind?returnTo=${encodeURIComponent(PAGE)}`);
    const download = await fetch(new URL(`${PAGE}.json`, site.baseUrl), { redirect: 'manual' });
    expect(download.status).toBe(303);
    expect(await (await get(first, '/mine-sider')).text()).toContain(`href="${PAGE}"`);
  });

  it('shows everything stored about the person, in both languages, without session ids', async () => {
    const response = await get(first, PAGE);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const fact of [person.name, person.email, person.subject, world.companyA.cvr, userId]) {
      expect(html).toContain(fact);
    }
    expect(html).toContain(`(<code>${world.companyA.slug}</code>): dit login har virksomhedens CVR-nummer`);
    expect(html).toContain(`(<code>${world.companyB.slug}</code>): NCC-DK har givet dig adgang`);
    expect(html).toContain('Sendt til godkendelse');
    expect(html).toContain('Kladde');
    expect(html).toContain('data-action="login"');
    expect(html).toContain('data-action="submit"');
    expect(html.match(/<caption id="my-sessions-caption">[\s\S]*?<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(3);
    const hashes = await read<{ idHash: string }>(
      'MATCH (s:Session)-[:OF]->(:User {id: $id}) RETURN s.idHash AS idHash',
      { id: userId },
    );
    expect(hashes).toHaveLength(2);
    for (const { idHash } of hashes) expect(html).not.toContain(idHash);

    const en = await get(first, '/en/my-pages/my-data');
    expect(en.status).toBe(200);
    const english = await en.text();
    expect(english).toContain('My data');
    expect(english).toContain('NCC-DK granted you access');
  });

  it('downloads the same as JSON', async () => {
    const response = await get(first, `${PAGE}.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="cyberkort-my-data.json"');
    const data = await response.json();
    expect(data.user).toMatchObject({ id: userId, name: person.name, email: person.email, subject: person.subject });
    expect(data.sessions).toHaveLength(2);
    expect(data.companies).toEqual(
      [
        { slug: world.companyA.slug, name: expect.any(String), reasons: ['cvr'] },
        { slug: world.companyB.slug, name: expect.any(String), reasons: ['grant'] },
      ].sort((a, b) => a.slug.localeCompare(b.slug)),
    );
    expect(data.submissions.map((s: { id: string }) => s.id).sort()).toEqual([submittedId, draftId].sort());
    expect(data.events.filter((e: { action: string }) => e.action === 'login')).toHaveLength(2);
    expect(data.events.find((e: { action: string }) => e.action === 'submit')?.details).toMatchObject({
      submission: submittedId,
    });
  });

  it('refuses a deletion without the CSRF token or from another origin, and one not confirmed', async () => {
    const html = await (await get(first, PAGE)).text();
    const noToken = await post(first, PAGE, { confirm: 'yes' });
    expect(noToken.status).toBe(403);
    const otherOrigin = await post(first, PAGE, { confirm: 'yes', _csrf: csrfTokenIn(html) }, 'https://evil.example');
    expect(otherOrigin.status).toBe(403);
    const unconfirmed = await post(first, PAGE, { _csrf: csrfTokenIn(html) });
    expect(unconfirmed.status).toBe(400);
    const page = await unconfirmed.text();
    expect(page).toContain('id="error-summary"');
    expect(page).toContain('href="#confirm"');
    expect(page).toContain('Sæt kryds for at bekræfte');
    const [still] = await read<{ name: string }>('MATCH (u:User {id: $id}) RETURN u.name AS name', { id: userId });
    expect(still?.name).toBe(person.name);
  });

  it('deletes the personal data, logs out every session and keeps a reference that leads to no one', async () => {
    const html = await (await get(first, PAGE)).text();
    const deleted = await post(first, PAGE, { confirm: 'yes', _csrf: csrfTokenIn(html) });
    expect(deleted.status).toBe(303);
    expect(deleted.headers.get('location')).toBe(`${PAGE}?deleted=1`);
    const receipt = await get(first, `${PAGE}?deleted=1`);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain('Din konto er slettet');
    expect(first.get('cyberkort-session')).toBeUndefined();
    const other = await get(second, '/mine-sider');
    expect(other.status).toBe(303);
    expect(other.headers.get('location')).toMatch(/^\/log-ind/);

    const [user] = await read<{ props: Record<string, unknown> }>(
      'MATCH (u:User {id: $id}) RETURN properties(u) AS props',
      {
        id: userId,
      },
    );
    expect(Object.keys(user?.props ?? {}).sort()).toEqual(['createdAt', 'deletedAt', 'id', 'kind']);
    const [left] = await read<{ sessions: number; grants: number; draft: number; submitted: string | null }>(
      `RETURN COUNT { MATCH (s:Session)-[:OF]->(:User {id: $id}) } AS sessions,
              COUNT { MATCH (:User {id: $id})-[:MAY_EDIT]->() } AS grants,
              COUNT { MATCH (d:Submission {id: $draftId}) } AS draft,
              head(COLLECT { MATCH (s:Submission {id: $submittedId}) RETURN s.authorId }) AS submitted`,
      { id: userId, draftId, submittedId },
    );
    expect(left).toEqual({ sessions: 0, grants: 0, draft: 0, submitted: userId });
    const events = await read<{ action: string }>(
      'MATCH (e:AuditEvent {actorId: $id}) RETURN e.action AS action ORDER BY e.at DESC',
      { id: userId },
    );
    expect(events[0]?.action).toBe('account-delete');
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'login', 'submit']));

    // Staff find the events by the reference, with no name; by the old subject, no account.
    const api = await testApi();
    const query = `query Q($person: String) { auditLog(filter: {person: $person}) { personIds events { action actorName } } }`;
    type Log = { auditLog: { personIds: string[]; events: Array<{ action: string; actorName: string | null }> } };
    const byId = await api.query<Log>(query, { person: userId }, world.viewers.reviewer);
    expect(byId.data?.auditLog.events.length).toBe(events.length);
    expect(byId.data?.auditLog.events.every((e) => e.actorName === null)).toBe(true);
    const bySubject = await api.query<Log>(query, { person: person.subject }, world.viewers.reviewer);
    expect(bySubject.data?.auditLog).toEqual({ personIds: [], events: [] });
  });

  it('gives the same login a fresh account next time, which GraphQL shows and deletes', async () => {
    const again = await logInAs(site.baseUrl, { as: 'vendor', person: person.name });
    const html = await (await get(again.jar, PAGE)).text();
    const [fresh] = await read<{ id: string }>('MATCH (u:User {subject: $subject}) RETURN u.id AS id', {
      subject: person.subject,
    });
    userIds.push(fresh?.id ?? '');
    expect(fresh?.id).not.toBe(userId);
    expect(html).toContain(fresh?.id);
    expect(html).not.toContain(userId);

    const api = await testApi();
    const viewer = vendorOfA();
    const me = await api.query<{
      me: { id: string; name: string; sessions: unknown[]; companies: Array<{ reasons: string[] }> };
    }>('{ me { id name sessions { createdAt lastSeenAt } companies { slug reasons } } }', {}, viewer);
    expect(me.data?.me).toMatchObject({ id: fresh?.id, name: person.name, sessions: [expect.any(Object)] });
    expect(me.data?.me.companies).toEqual([{ slug: world.companyA.slug, reasons: ['cvr'] }]);

    const mutation =
      'mutation M($confirm: Boolean!) { deleteMyAccount(confirm: $confirm) { __typename ... on AccountDeletion { sessions grants drafts } ... on Error { code } } }';
    const unconfirmed = await api.query<{ deleteMyAccount: { __typename: string; code?: string } }>(
      mutation,
      { confirm: false },
      viewer,
    );
    expect(unconfirmed.data?.deleteMyAccount).toEqual({ __typename: 'ValidationError', code: 'BAD_USER_INPUT' });
    const done = await api.query<{ deleteMyAccount: Record<string, unknown> }>(mutation, { confirm: true }, viewer);
    expect(done.data?.deleteMyAccount).toEqual({ __typename: 'AccountDeletion', sessions: 1, grants: 0, drafts: 0 });
    expect((await get(again.jar, '/mine-sider')).status).toBe(303);
  });
});
