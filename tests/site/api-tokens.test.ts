import { createHash, randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GraphWriter } from '../../graph/write';
import { loadConfig } from '../../src/config';
import { ASTRO_ENTRY, buildServer } from '../../src/server/app';
import { loadAstroHandler } from '../../src/server/astro-site';
import { servicesOver } from '../../src/services';
import { createApiToken } from '../../src/use-cases/api-tokens';
import type { ListingStore } from '../../src/use-cases/listing-store';
import { csrfOf as csrfOn, postForm } from '../support/forms';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { createTestWorld, type TestWorld } from '../support/listings';
import { type CookieJar, logInAs, send } from '../support/login';

/**
 * The NCC admin pages over the built site, with people logged in through the development
 * provider: an admin issues an analyst's API token (its secret shown once, only its hash stored),
 * a script uses it on /graphql, and a revoked or expired one is refused; an admin grants a named
 * person access to a company and takes it back, and that person's session follows at once;
 * reviewers and vendors are refused. Last, the per-client limit on mutations, on an app of its own.
 */

const base = inject('baseUrl');
const SECRET = /ck_[A-Za-z0-9_-]{43}/;

let world: TestWorld;
let store: ListingStore;
let admin: CookieJar;
let reviewer: CookieJar;
/** The development provider's person for the third sample company: not used by the other site tests. */
let agency: CookieJar;
let agencySubject: string;

const executor = () => testExecutor();

beforeAll(async () => {
  store = { executor: executor(), writer: new GraphWriter(executor()) };
  world = await createTestWorld(executor(), 'apitokens');
  admin = (await logInAs(base, { as: 'staff', person: 'Anders Holt' })).jar;
  reviewer = (await logInAs(base, { as: 'staff', person: 'Karen Lund' })).jar;
  agency = (await logInAs(base, { as: 'vendor', person: 'Sofie Christensen' })).jar;
  const [person] = await executor().read<{ subject: string }>(
    'test.agencySubject',
    "MATCH (u:User {kind: 'vendor', name: 'Sofie Christensen'}) RETURN u.subject AS subject LIMIT 1",
  );
  if (!person) throw new Error('the development provider person did not log in');
  agencySubject = person.subject;
});

afterAll(async () => {
  await operatorWrite(
    'test.apiTokensCleanup',
    `MATCH (t:ApiToken) WHERE t.name CONTAINS $prefix
     OPTIONAL MATCH (e:AuditEvent) WHERE e.actorId = t.id OR e.details CONTAINS t.id
     DETACH DELETE t, e
     WITH count(*) AS done
     MATCH (u:User) WHERE u.subject STARTS WITH $prefix AND u.issuer IS NULL
     DETACH DELETE u`,
    // Grants to the world's companies go with them in the world's cleanup.
    { prefix: world?.prefix ?? 'none' },
  );
  await world?.cleanup();
  await closeTestExecutor();
});

const csrfOf = (jar: CookieJar, path: string) => csrfOn(jar, new URL(path, base));

const post = (jar: CookieJar, path: string, fields: Record<string, string>) =>
  postForm(jar, new URL(path, base), fields);

type GraphQLAnswer = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
};

async function graphql(
  document: string,
  options: { bearer?: string; jar?: CookieJar; authorization?: string } = {},
): Promise<{ status: number; headers: Headers; body: GraphQLAnswer }> {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (options.bearer) headers.set('authorization', `Bearer ${options.bearer}`);
  if (options.authorization) headers.set('authorization', options.authorization);
  // A logged-in browser's own scripts send yoga's CSRF-prevention header; mutations need it.
  if (options.jar) headers.set('x-graphql-yoga-csrf', '1');
  const init = { method: 'POST', headers, body: JSON.stringify({ query: document }) };
  const response = options.jar
    ? await send(options.jar, new URL('/graphql', base), init)
    : await fetch(new URL('/graphql', base), init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLAnswer };
}

const codesOf = (answer: GraphQLAnswer) => (answer.errors ?? []).map((error) => error.extensions?.code);

async function tokenNamed(name: string) {
  const [row] = await executor().read<{ id: string; properties: Record<string, unknown> }>(
    'test.tokenNamed',
    'MATCH (t:ApiToken {name: $name}) RETURN t.id AS id, properties(t) AS properties',
    { name },
  );
  return row ?? null;
}

async function auditCount(action: string, filter: { actorId?: string; tokenId?: string; company?: string }) {
  const [row] = await executor().read<{ count: number }>(
    'test.auditCount',
    `MATCH (e:AuditEvent {action: $action})
     WHERE ($actorId IS NULL OR e.actorId = $actorId)
       AND ($tokenId IS NULL OR e.details CONTAINS $tokenId)
       AND ($company IS NULL OR e.company = $company)
     RETURN count(e) AS count`,
    { action, actorId: filter.actorId ?? null, tokenId: filter.tokenId ?? null, company: filter.company ?? null },
  );
  return row?.count ?? 0;
}

/** Creates a token through the page as the admin; returns its secret and stored node. */
async function createThroughPage(name: string, validDays = '30') {
  const token = await csrfOf(admin, '/ncc/api-noegler');
  const response = await post(admin, '/ncc/api-noegler', { _csrf: token, action: 'create', name, validDays });
  expect(response.status).toBe(201);
  const html = await response.text();
  const secret = SECRET.exec(html)?.[0];
  if (!secret) throw new Error('no secret on the page after creating a token');
  const stored = await tokenNamed(name);
  if (!stored) throw new Error('the token was not stored');
  return { secret, html, stored };
}

describe('the API key pages', () => {
  it('send anonymous visitors to log in, and refuse reviewers and vendors with 403', async () => {
    const anonymous = await fetch(new URL('/ncc/api-noegler', base), { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe(`/log-ind?returnTo=${encodeURIComponent('/ncc/api-noegler')}`);

    for (const jar of [reviewer, agency]) {
      for (const path of ['/ncc/api-noegler', '/en/ncc/api-keys', '/ncc/adgange', '/en/ncc/access']) {
        const response = await send(jar, new URL(path, base));
        expect(response.status, path).toBe(403);
        await response.body?.cancel();
      }
    }
    // A reviewer's own valid form token does not make a post acceptable either.
    const reviewerToken = await csrfOf(reviewer, '/mine-sider');
    const name = `Forbudt ${world.prefix}`;
    const refused = await post(reviewer, '/ncc/api-noegler', {
      _csrf: reviewerToken,
      action: 'create',
      name,
      validDays: '30',
    });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toMatch(SECRET);
    expect(await tokenNamed(name)).toBeNull();
  });

  it('create a token whose secret is shown once and stored only as its SHA-256 hash', async () => {
    const name = `Analyse ${world.prefix}`;
    const { secret, html, stored } = await createThroughPage(name);
    expect(html).toContain('Kopiér nøglen nu');
    expect(stored.properties.hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(stored.properties.roles).toEqual(['analyst']);
    for (const value of Object.values(stored.properties)) expect(JSON.stringify(value)).not.toContain(secret.slice(3));
    const createdBy = stored.properties.createdBy as string;
    expect(await auditCount('token-create', { actorId: createdBy, tokenId: stored.id })).toBe(1);

    // Expiry: 30 days from now, as asked.
    const days = (Date.parse(String(stored.properties.expiresAt)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    const again = await (await send(admin, new URL('/ncc/api-noegler', base))).text();
    expect(again).toContain(name);
    expect(again).not.toMatch(SECRET);
    const english = await send(admin, new URL('/en/ncc/api-keys', base));
    expect(english.status).toBe(200);
    expect(await english.text()).toContain('API keys for analysts');
  });

  it('refuse a post without the CSRF token, and keep what was typed when the form is wrong', async () => {
    const name = `Uden token ${world.prefix}`;
    const forged = await post(admin, '/ncc/api-noegler', { action: 'create', name, validDays: '30' });
    expect(forged.status).toBe(403);
    expect(await tokenNamed(name)).toBeNull();

    const token = await csrfOf(admin, '/en/ncc/api-keys');
    const wrong = await post(admin, '/en/ncc/api-keys', {
      _csrf: token,
      action: 'create',
      name: 'x',
      validDays: '999',
    });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('id="error-summary"');
    expect(html).toContain('href="#name"');
    expect(html).toContain('href="#validDays"');
    expect(html).toContain('Write a whole number of days from 1 to 365.');
    expect(html).toMatch(/<input[^>]*id="validDays"[^>]*value="999"/);
    expect(html).toMatch(/<input[^>]*id="name"[^>]*aria-invalid="true"/);
    expect(html).not.toMatch(SECRET);
  });

  it('let a script read with the token, never write, and record its use at most once an hour', async () => {
    const name = `Script ${world.prefix}`;
    const { secret, stored } = await createThroughPage(name);

    const read = await graphql('{ needs { slug } }', { bearer: secret });
    expect(read.status).toBe(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.headers.get('cache-control')).toBe('private, no-store');
    const [used] = await executor().read<{ lastUsedAt: string | null }>(
      'test.lastUsed',
      'MATCH (t:ApiToken {id: $id}) RETURN toString(t.lastUsedAt) AS lastUsedAt',
      { id: stored.id },
    );
    expect(used?.lastUsedAt).toBeTruthy();

    // Admin-only data stays closed to a token, and no mutation runs with one.
    const tokens = await graphql('{ apiTokens { id } }', { bearer: secret });
    expect(codesOf(tokens.body)).toContain('FORBIDDEN');
    const write = await graphql('mutation { submitDraft(id: "x") { __typename } }', { bearer: secret });
    expect(write.status).toBe(403);
    expect(codesOf(write.body)).toEqual(['FORBIDDEN']);

    await graphql('{ needs { slug } }', { bearer: secret });
    expect(await auditCount('token-use', { actorId: stored.id })).toBe(1);
  });

  it('refuse an unknown or malformed token with 401 UNAUTHENTICATED, not as anonymous', async () => {
    for (const authorization of [
      `Bearer ck_${randomBytes(32).toString('base64url')}`,
      'Bearer abc',
      'Basic dXNlcjpwYXNz',
    ]) {
      const answer = await graphql('{ needs { slug } }', { authorization });
      expect(answer.status, authorization).toBe(401);
      expect(codesOf(answer.body)).toEqual(['UNAUTHENTICATED']);
      expect(answer.headers.get('www-authenticate')).toContain('invalid_token');
    }
  });

  it("make a request with a session cookie and a token the token's alone", async () => {
    const { secret } = await createThroughPage(`Cookie og nøgle ${world.prefix}`);
    const withAdminCookie = await graphql('{ apiTokens { id } }', { jar: admin, bearer: secret });
    expect(codesOf(withAdminCookie.body)).toContain('FORBIDDEN');
    const invalid = await graphql('{ apiTokens { id } }', {
      jar: admin,
      bearer: `ck_${randomBytes(32).toString('base64url')}`,
    });
    expect(invalid.status).toBe(401);
    const cookieOnly = await graphql('{ apiTokens { id } }', { jar: admin });
    expect(cookieOnly.body.errors).toBeUndefined();
  });

  it('refuse a token once it is revoked on the page, or expired', async () => {
    const name = `Tilbagekaldes ${world.prefix}`;
    const { secret, stored } = await createThroughPage(name);
    expect((await graphql('{ needs { slug } }', { bearer: secret })).status).toBe(200);

    const token = await csrfOf(admin, '/ncc/api-noegler');
    const revoked = await post(admin, '/ncc/api-noegler', { _csrf: token, action: 'revoke', id: stored.id });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/ncc/api-noegler?revoked=1');
    const answer = await graphql('{ needs { slug } }', { bearer: secret });
    expect(answer.status).toBe(401);
    expect(codesOf(answer.body)).toEqual(['UNAUTHENTICATED']);
    expect(await auditCount('token-revoke', { tokenId: stored.id })).toBe(1);
    const list = await (await send(admin, new URL('/ncc/api-noegler?revoked=1', base))).text();
    expect(list).toContain('Nøglen er tilbagekaldt.');
    expect(list).toContain('Tilbagekaldt');

    const adminViewer = world.viewers.admin;
    const expiring = await createApiToken(store, adminViewer, { name: `Udløber ${world.prefix}`, validDays: 1 });
    expect((await graphql('{ needs { slug } }', { bearer: expiring.secret })).status).toBe(200);
    await operatorWrite(
      'test.expireToken',
      'MATCH (t:ApiToken {id: $id}) SET t.expiresAt = datetime() - duration({minutes: 1})',
      {
        id: expiring.token.id,
      },
    );
    const expired = await graphql('{ needs { slug } }', { bearer: expiring.secret });
    expect(expired.status).toBe(401);
    expect(codesOf(expired.body)).toEqual(['UNAUTHENTICATED']);
  });

  it('give the secret over GraphQL only in the answer to createApiToken', async () => {
    const created = await graphql(
      `mutation { createApiToken(input: { name: "GraphQL ${world.prefix}" }) {
         __typename ... on CreatedApiToken { secret token { id status expiresAt } } } }`,
      { jar: admin },
    );
    expect(created.body.errors).toBeUndefined();
    const result = created.body.data?.createApiToken as {
      secret: string;
      token: { id: string; status: string; expiresAt: string };
    };
    expect(result.secret).toMatch(SECRET);
    expect(result.token.status).toBe('active');
    // The default expiry is 90 days.
    expect(Math.round((Date.parse(result.token.expiresAt) - Date.now()) / 86_400_000)).toBe(90);
    expect((await graphql('{ needs { slug } }', { bearer: result.secret })).status).toBe(200);

    const tooLong = await graphql(
      `mutation { createApiToken(input: { name: "Lang ${world.prefix}", validDays: 400 }) {
         __typename ... on ValidationError { issues { path } } } }`,
      { jar: admin },
    );
    expect(tooLong.body.data?.createApiToken).toEqual({
      __typename: 'ValidationError',
      issues: [{ path: 'validDays' }],
    });
  });
});

describe('access to a company granted by an admin', () => {
  const editPath = () => `/mine-sider/virksomhed/${world.companyA.slug}`;

  it("reaches the person's session at its next request, and ends when revoked", async () => {
    const before = await send(agency, new URL(editPath(), base));
    expect(before.status).toBe(403);
    await before.body?.cancel();

    const token = await csrfOf(admin, '/ncc/adgange');
    const granted = await post(admin, '/ncc/adgange', {
      _csrf: token,
      action: 'grant',
      subject: agencySubject,
      companySlug: world.companyA.slug,
    });
    expect(granted.status).toBe(303);
    expect(granted.headers.get('location')).toBe('/ncc/adgange?done=granted');
    const list = await (await send(admin, new URL('/ncc/adgange?done=granted', base))).text();
    expect(list).toContain('Adgangen er givet.');
    expect(list).toContain(agencySubject);
    expect(list).toContain('Sofie Christensen');
    expect(await auditCount('grant', { company: world.companyA.slug })).toBe(1);

    const during = await send(agency, new URL(editPath(), base));
    expect(during.status).toBe(200);
    await during.body?.cancel();

    const revoked = await post(admin, '/ncc/adgange', {
      _csrf: await csrfOf(admin, '/ncc/adgange'),
      action: 'revoke',
      subject: agencySubject,
      companySlug: world.companyA.slug,
    });
    expect(revoked.status).toBe(303);
    expect(await auditCount('revoke-grant', { company: world.companyA.slug })).toBe(1);
    const after = await send(agency, new URL(editPath(), base));
    expect(after.status).toBe(403);
    await after.body?.cancel();
  });

  it('can be given to a person who has never logged in, and refuses an unknown company keeping what was typed', async () => {
    const subject = `${world.prefix}-bureau`;
    const token = await csrfOf(admin, '/en/ncc/access');
    const unknown = await post(admin, '/en/ncc/access', {
      _csrf: token,
      action: 'grant',
      subject,
      companySlug: `${world.prefix}-findes-ikke`,
    });
    expect(unknown.status).toBe(400);
    const html = await unknown.text();
    expect(html).toContain('There is no company with that short name in Cyberkort.');
    expect(html).toContain('href="#companySlug"');
    expect(html).toMatch(new RegExp(`<input[^>]*id="subject"[^>]*value="${subject}"`));

    const granted = await post(admin, '/en/ncc/access', {
      _csrf: token,
      action: 'grant',
      subject,
      companySlug: world.companyB.slug,
    });
    expect(granted.status).toBe(303);
    const [placeholder] = await executor().read<{ kind: string; name: string | null; companies: string[] }>(
      'test.placeholder',
      `MATCH (u:User {subject: $subject})
       RETURN u.kind AS kind, u.name AS name, COLLECT { MATCH (u)-[:MAY_EDIT]->(c:Company) RETURN c.slug } AS companies`,
      { subject },
    );
    expect(placeholder).toEqual({ kind: 'vendor', name: null, companies: [world.companyB.slug] });
    const list = await (await send(admin, new URL('/en/ncc/access', base))).text();
    expect(list).toContain('has not logged in yet');
  });

  it('is refused to a reviewer', async () => {
    const response = await graphql(
      `mutation { grantCompanyAccess(input: { subject: "${world.prefix}-x", companySlug: "${world.companyA.slug}" }) { __typename } }`,
      { jar: reviewer },
    );
    expect(codesOf(response.body)).toContain('FORBIDDEN');
    const [row] = await executor().read<{ count: number }>(
      'test.noPlaceholder',
      'MATCH (u:User {subject: $subject}) RETURN count(u) AS count',
      { subject: `${world.prefix}-x` },
    );
    expect(row?.count).toBe(0);
  });
});

describe('the mutation rate limit', () => {
  it('counts mutations per client, apart from queries, and answers RATE_LIMITED with Retry-After', async () => {
    const services = await servicesOver(testExecutor(), {});
    const app = buildServer({
      runtime: { services, ready: async () => ({ neo4j: true, search: true }) },
      astro: await loadAstroHandler(ASTRO_ENTRY),
      config: loadConfig({ NODE_ENV: 'test', RATE_LIMIT_MUTATIONS: '2' }),
      log: pino({ level: 'silent' }),
    });
    try {
      const ask = (query: string, cookie?: string) =>
        app.inject({
          method: 'POST',
          url: '/graphql',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie, 'x-graphql-yoga-csrf': '1' } : {}) },
          payload: JSON.stringify({ query }),
        });
      const mutation = 'mutation { submitDraft(id: "x") { __typename } }';
      for (let i = 0; i < 2; i += 1) {
        const allowed = await ask(mutation);
        expect(allowed.statusCode).toBe(200);
        expect(JSON.parse(allowed.body).errors[0].extensions.code).toBe('FORBIDDEN');
      }
      const limited = await ask(mutation);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(JSON.parse(limited.body).errors[0].extensions.code).toBe('RATE_LIMITED');

      // Queries are not mutations, and a logged-in person has a count of their own.
      expect((await ask('{ needs { slug } }')).statusCode).toBe(200);
      const person = await ask(mutation, agency.header());
      expect(person.statusCode).toBe(200);
      expect(codesOf(JSON.parse(person.body))).not.toContain('RATE_LIMITED');
    } finally {
      await app.close();
      await services.demand.close();
    }
  });
});
