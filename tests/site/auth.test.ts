import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DevPerson } from '../../src/auth/dev-login-page';
import { startDevProvider } from '../../src/auth/dev-provider';
import { redirectUriOf, staffClaimNames, staffGroups, vendorClaimNames } from '../../src/auth/settings';
import { type AppConfig, loadConfig } from '../../src/config';
import { auth } from '../../src/server/auth';
import { cookies } from '../../src/server/cookies';
import { rateLimiting } from '../../src/server/rate-limit';
import { closeTestExecutor, operatorWrite, testExecutor } from '../support/graph';
import { CookieJar, follow, type LoginResult, logInAs, send } from '../support/login';

/**
 * Logging in for real: the shared server's runtime started the development OpenID provider, and
 * every login here goes app → provider's login page → app over HTTP, through openid-client and
 * oidc-provider, with sessions in Neo4j.
 */

const base = inject('baseUrl');
const origin = new URL(base).origin;
const SESSION = 'cyberkort-session';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let company: { cvr: string; slug: string };

beforeAll(async () => {
  // The development provider offers a person for each of the first companies by slug.
  const [first] = await testExecutor().read<{ cvr: string; slug: string }>(
    'test.devCompany',
    'MATCH (c:Company) WHERE c.cvr IS NOT NULL RETURN c.cvr AS cvr, c.slug AS slug ORDER BY c.slug LIMIT 1',
  );
  if (!first) throw new Error('no company in the sample');
  company = first;
});

afterAll(closeTestExecutor);

const sessionOf = (login: LoginResult) => {
  const id = login.jar.get(SESSION);
  if (!id) throw new Error(`no session cookie after the login (ended at ${login.hops.at(-1)?.url})`);
  return id;
};

async function storedSession(id: string) {
  const [row] = await testExecutor().read<{ sessions: number; user: Record<string, unknown> | null }>(
    'test.session',
    `OPTIONAL MATCH (s:Session {idHash: $idHash})-[:OF]->(u:User)
     RETURN count(s) AS sessions, u {.*} AS user`,
    { idHash: sha256(id) },
  );
  return row ?? { sessions: 0, user: null };
}

const get = (jar: CookieJar, path: string) => send(jar, new URL(path, base));

/** The logout form's token, as the header renders it for this session. */
async function csrfTokenOf(jar: CookieJar): Promise<string> {
  const html = await (await get(jar, '/om')).text();
  const token = /<input type="hidden" name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no logout form with a CSRF token in the header');
  return token;
}

const logout = (jar: CookieJar, form: Record<string, string>, headers: Record<string, string> = { origin }) =>
  send(jar, new URL('/auth/logout', base), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });

describe('logging in as a vendor', () => {
  it('goes through the provider and back to the page it started from, with a session cookie', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr, returnTo: '/soeg?q=backup' });

    const [start, toProvider, providerPage] = login.hops;
    expect(start?.url).toContain('/auth/login?as=vendor');
    expect(start?.status).toBe(303);
    expect(new URL(toProvider?.url ?? '').origin).not.toBe(origin);
    expect(toProvider?.url).toMatch(/code_challenge_method=S256/);
    expect(toProvider?.url).toMatch(/[?&]state=/);
    expect(toProvider?.url).toMatch(/[?&]nonce=/);
    expect(providerPage?.status).toBe(200);

    const callback = login.hops.find((hop) => hop.url.startsWith(`${origin}/auth/callback?`));
    expect(callback?.status).toBe(303);
    const cookie = callback?.setCookie.find((line) => line.startsWith(`${SESSION}=`)) ?? '';
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    // PUBLIC_URL is plain http here; behind https the cookie is Secure and __Host- prefixed.
    expect(cookie).not.toMatch(/; Secure/i);

    expect(login.response.status).toBe(200);
    expect(login.hops.at(-1)?.url).toBe(`${origin}/soeg?q=backup`);
    const html = await login.response.text();
    expect(html).toContain('Mette Nielsen');
    expect(html).toContain('action="/auth/logout"');
    expect(html).toContain('href="/mine-sider"');
    expect(html).not.toContain('class="login-link"');
    expect(login.response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('keeps only a hash of the session id, and the person, their CVR and an audit event without their name', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr });
    const id = sessionOf(login);
    expect(Buffer.from(id, 'base64url').length).toBeGreaterThanOrEqual(32);

    const stored = await storedSession(id);
    expect(stored.sessions).toBe(1);
    expect(stored.user).toMatchObject({ kind: 'vendor', cvr: company.cvr, name: 'Mette Nielsen' });
    const [raw] = await testExecutor().read<{ found: number }>(
      'test.rawSessionId',
      'MATCH (s:Session) WHERE s.idHash = $id RETURN count(s) AS found',
      { id },
    );
    expect(raw?.found).toBe(0);

    const [event] = await testExecutor().read<{ event: Record<string, unknown> }>(
      'test.loginAudit',
      `MATCH (e:AuditEvent {action: 'login', actorId: $userId}) RETURN e {.*} AS event ORDER BY e.at DESC LIMIT 1`,
      { userId: stored.user?.id },
    );
    expect(event?.event).toMatchObject({ actorKind: 'vendor' });
    expect(JSON.stringify(event?.event)).not.toContain('Mette');
  });

  it('makes the next request a vendor who may edit the company with the login CVR', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr });
    const mine = await get(login.jar, '/mine-sider');
    expect(mine.status).toBe(200);
    const html = await mine.text();
    expect(html).toContain(`href="/virksomhed/${company.slug}"`);
    expect(html).toContain(company.cvr);

    const english = await get(login.jar, '/en/my-pages');
    expect(await english.text()).toContain(`href="/en/company/${company.slug}"`);
  });

  it('lets in a person whose CVR is not in the directory, with no company to edit', async () => {
    const login = await logInAs(base, { as: 'vendor', person: 'not in the directory' });
    const html = await (await get(login.jar, '/mine-sider')).text();
    expect(html).toContain('Jonas Holm');
    expect(html).toMatch(/CVR-nummer \d{8} findes ikke i Cyberkort endnu/);
  });

  it('rotates the session at login: the session the browser had before is gone', async () => {
    const first = await logInAs(base, { as: 'vendor', person: company.cvr });
    const before = sessionOf(first);
    const second = await logInAs(base, { as: 'staff', person: 'Karen Lund', jar: first.jar });
    const after = sessionOf(second);
    expect(after).not.toBe(before);
    expect((await storedSession(before)).sessions).toBe(0);
    expect((await storedSession(after)).sessions).toBe(1);
  });
});

describe('logging in as NCC staff', () => {
  it('maps the groups claim to roles', async () => {
    const reviewer = await logInAs(base, { as: 'staff', person: 'Karen Lund', returnTo: '/mine-sider' });
    expect(reviewer.hops.at(-1)?.url).toBe(`${origin}/mine-sider`);
    const reviewerPage = await reviewer.response.text();
    expect(reviewerPage).toContain('Karen Lund');
    expect(reviewerPage).toMatch(/class="my-roles">Godkender</);
    expect((await storedSession(sessionOf(reviewer))).user).toMatchObject({ kind: 'staff', roles: ['reviewer'] });

    const admin = await logInAs(base, { as: 'staff', person: 'Anders Holt', returnTo: '/en/my-pages' });
    expect(await admin.response.text()).toMatch(/class="my-roles">Administrator</);
  });

  it('offers the staff client only NCC people, and the vendor client only company people', async () => {
    const jar = new CookieJar();
    const staffPage = await (await follow(jar, `${base}/auth/login?as=staff`)).response.text();
    expect(staffPage).toContain('Karen Lund');
    expect(staffPage).not.toContain('Mette Nielsen');
    expect(staffPage).toContain('Development only');
  });
});

describe('the way back after login', () => {
  for (const evil of ['https://evil.example', '//evil.example', '/\\evil.example']) {
    it(`refuses ${evil} and returns to the front page`, async () => {
      const login = await logInAs(base, { as: 'vendor', person: company.cvr, returnTo: evil });
      expect(login.hops.at(-1)?.url).toBe(`${origin}/`);
      expect(login.response.status).toBe(200);
    });
  }

  it('is offered by the header: "Log ind" links to the login page with this page to return to', async () => {
    const html = await (await fetch(`${base}/soeg?q=backup`)).text();
    expect(html).toContain(`class="login-link" href="/log-ind?returnTo=${encodeURIComponent('/soeg?q=backup')}"`);
    const english = await (await fetch(`${base}/en/about`)).text();
    expect(english).toContain(`href="/en/log-in?returnTo=${encodeURIComponent('/en/about')}"`);

    const loginPage = await (await fetch(`${base}/log-ind?returnTo=${encodeURIComponent('/om')}`)).text();
    expect(loginPage).toContain('Virksomhed (MitID Erhverv)');
    expect(loginPage).toContain('NCC-medarbejder');
    expect(loginPage).toContain(`href="/auth/login?as=vendor&amp;returnTo=${encodeURIComponent('/om')}"`);
    expect(loginPage).toContain(`href="/auth/login?as=staff&amp;returnTo=${encodeURIComponent('/om')}"`);
    expect(loginPage).not.toMatch(/<script/);
  });
});

describe('a callback that does not belong to the login in progress', () => {
  it('is refused when the state is wrong, and no session is made', async () => {
    const jar = new CookieJar();
    const started = await send(jar, `${base}/auth/login?as=vendor&returnTo=/om`);
    expect(started.status).toBe(303);
    const response = await send(jar, `${base}/auth/callback?code=forged&state=not-the-state`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('data-refusal="REFUSED"');
    expect(html).toContain('Du blev ikke logget ind');
    expect(html).toContain('You were not logged in');
    expect(jar.get(SESSION)).toBeUndefined();
  });

  it('is refused when no login was started in this browser', async () => {
    const response = await fetch(`${base}/auth/callback?code=forged&state=whatever`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('data-refusal="EXPIRED"');
    expect(response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION}=`))).toBe(false);
  });

  it('tells a person who cancels at the provider that nothing happened', async () => {
    const jar = new CookieJar();
    const toProvider = await follow(jar, `${base}/auth/login?as=vendor`);
    const html = await toProvider.response.text();
    const abort = /<form method="post" action="([^"]+\/abort)"/.exec(html)?.[1] ?? '';
    const back = await follow(jar, new URL(abort, toProvider.hops.at(-1)?.url), { method: 'POST' });
    expect(back.response.status).toBe(400);
    expect(await back.response.text()).toContain('data-refusal="CANCELLED"');
    expect(jar.get(SESSION)).toBeUndefined();
  });

  it('asks for one of the two kinds of login', async () => {
    const response = await fetch(`${base}/auth/login?as=admin`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('data-refusal="BAD_REQUEST"');
  });
});

describe('GraphQL with a login session', () => {
  const withdraw = (jar: CookieJar, headers: Record<string, string>) =>
    send(jar, new URL('/graphql', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({
        query: 'mutation { withdrawSubmission(id: "no-such-submission") { __typename ... on Error { code } } }',
      }),
    });

  it('refuses a mutation without the CSRF-prevention header, even as JSON, and reads without it', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr });
    const refused = await withdraw(login.jar, {});
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { errors?: Array<{ extensions?: { code?: string } }>; data?: unknown };
    expect(body.errors?.[0]?.extensions?.code).toBe('CSRF_HEADER_REQUIRED');
    expect(body.data ?? null).toBeNull();

    // With the header the mutation runs (and finds nothing to withdraw).
    const taken = await withdraw(login.jar, { 'x-graphql-yoga-csrf': '1' });
    expect(taken.status).toBe(200);
    expect(await taken.json()).toMatchObject({ data: { withdrawSubmission: { __typename: 'NotFoundError' } } });

    // Reading needs no header: a cross-site page cannot read the answer anyway.
    const read = await send(login.jar, new URL('/graphql', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(read.status).toBe(200);
  });
});

describe('sessions end', () => {
  it('at logout: the session is revoked in the graph, the cookie cleared, and the old cookie no longer works', async () => {
    // The admin: no other test logs this person out, so the count of their logouts is this test's own.
    const login = await logInAs(base, { as: 'staff', person: 'Anders Holt' });
    const id = sessionOf(login);
    const { user } = await storedSession(id);
    const logouts = async () =>
      (
        await testExecutor().read<{ events: number }>(
          'test.logoutAudit',
          `MATCH (e:AuditEvent {action: 'logout', actorId: $userId}) RETURN count(e) AS events`,
          { userId: user?.id },
        )
      )[0]?.events;
    const before = await logouts();
    const response = await logout(login.jar, { _csrf: await csrfTokenOf(login.jar), lang: 'en' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/en/');
    expect(response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION}=`))).toMatch(
      /Expires=Thu, 01 Jan 1970/,
    );
    expect((await storedSession(id)).sessions).toBe(0);
    expect(await logouts()).toBe((before ?? 0) + 1);

    const replay = new CookieJar();
    replay.set(SESSION, id);
    const mine = await get(replay, '/mine-sider');
    expect(mine.status).toBe(303);
    expect(mine.headers.get('location')).toBe(`/log-ind?returnTo=${encodeURIComponent('/mine-sider')}`);
  });

  it('after 30 minutes without a request, sending the person to log in and back', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr });
    const id = sessionOf(login);
    await operatorWrite(
      'test.idle',
      'MATCH (s:Session {idHash: $idHash}) SET s.lastSeenAt = datetime() - duration({minutes: 31})',
      { idHash: sha256(id) },
    );
    const mine = await get(login.jar, '/en/my-pages?tab=1');
    expect(mine.status).toBe(303);
    expect(mine.headers.get('location')).toBe(`/en/log-in?returnTo=${encodeURIComponent('/en/my-pages?tab=1')}`);
    expect(login.jar.get(SESSION)).toBeUndefined();
    expect((await storedSession(id)).sessions).toBe(0);
  });

  it('8 hours after login, however busy the session is', async () => {
    const login = await logInAs(base, { as: 'staff', person: 'Karen Lund' });
    const id = sessionOf(login);
    await operatorWrite(
      'test.absolute',
      `MATCH (s:Session {idHash: $idHash})
       SET s.createdAt = datetime() - duration({hours: 8, minutes: 1}), s.lastSeenAt = datetime()`,
      { idHash: sha256(id) },
    );
    const home = await get(login.jar, '/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('class="login-link"');
    expect((await storedSession(id)).sessions).toBe(0);
  });

  it('stays alive while used, writing the last-seen stamp at most once a minute', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr });
    const idHash = sha256(sessionOf(login));
    const stamp = async () =>
      (
        await testExecutor().read<{ at: string }>(
          'test.lastSeen',
          'MATCH (s:Session {idHash: $idHash}) RETURN toString(s.lastSeenAt) AS at',
          { idHash },
        )
      )[0]?.at;
    await operatorWrite(
      'test.recent',
      'MATCH (s:Session {idHash: $idHash}) SET s.lastSeenAt = datetime() - duration({seconds: 20})',
      { idHash },
    );
    const recent = await stamp();
    expect((await get(login.jar, '/mine-sider')).status).toBe(200);
    expect(await stamp()).toBe(recent);

    await operatorWrite(
      'test.older',
      'MATCH (s:Session {idHash: $idHash}) SET s.lastSeenAt = datetime() - duration({minutes: 29})',
      { idHash },
    );
    const older = await stamp();
    expect((await get(login.jar, '/mine-sider')).status).toBe(200);
    const touched = await stamp();
    expect(touched).not.toBe(older);
    expect(Date.parse(touched ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('never starts from an unknown or tampered cookie', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr });
    const id = sessionOf(login);
    for (const forged of [`${id.slice(0, -2)}AA`, 'x'.repeat(43), sha256(id)]) {
      const jar = new CookieJar();
      jar.set(SESSION, forged);
      const response = await get(jar, '/');
      expect(await response.text()).toContain('class="login-link"');
      expect(response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION}=`))).toMatch(
        /Expires=Thu, 01 Jan 1970/,
      );
    }
    expect((await storedSession(id)).sessions).toBe(1);
  });
});

describe('forms that change something', () => {
  it('are refused without the session token, with a wrong one, or from another origin, and pass with both', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr });
    const id = sessionOf(login);
    const token = await csrfTokenOf(login.jar);
    const other = await logInAs(base, { as: 'staff', person: 'Karen Lund' });
    const attempts: Array<[string, Record<string, string>, Record<string, string>]> = [
      ['no token', {}, { origin }],
      ['a wrong token', { _csrf: 'A'.repeat(token.length) }, { origin }],
      ["another session's token", { _csrf: await csrfTokenOf(other.jar) }, { origin }],
      ['a foreign origin', { _csrf: token }, { origin: 'https://evil.example' }],
      ['no origin', { _csrf: token }, {}],
    ];
    for (const [what, form, headers] of attempts) {
      const response = await logout(login.jar, form, headers);
      expect(response.status, what).toBe(403);
      expect(await response.text(), what).toContain('data-refusal="FORBIDDEN"');
      expect((await storedSession(id)).sessions, what).toBe(1);
    }
    const response = await logout(login.jar, { _csrf: token });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect((await storedSession(id)).sessions).toBe(0);
  });

  it('posted to a page from another origin are refused by Astro before the page runs', async () => {
    const login = await logInAs(base, { as: 'vendor', person: company.cvr });
    const response = await send(login.jar, `${base}/mine-sider`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: '_csrf=x',
    });
    expect(response.status).toBe(403);
  });
});

/** The login routes alone, on an app and a development provider of the test's own settings. */
async function authOnlyApp(config: AppConfig, people: DevPerson[]) {
  const provider = await startDevProvider({
    nodeEnv: 'test',
    port: 0,
    redirectUri: redirectUriOf(config),
    claims: { vendor: vendorClaimNames(config), staff: staffClaimNames(config) },
    people,
  });
  const app = Fastify();
  app.register(cookies, { secret: config.COOKIE_SECRET, production: false });
  app.register(rateLimiting);
  const settings = { issuer: provider.issuer, scope: 'openid' };
  app.register(auth, {
    executor: testExecutor(),
    config,
    identity: {
      vendor: { ...settings, ...provider.clients.vendor, claims: vendorClaimNames(config) },
      staff: { ...settings, ...provider.clients.staff, claims: staffClaimNames(config), groups: staffGroups(config) },
      redirectUri: redirectUriOf(config),
    },
  });
  return { app, provider };
}

describe('login attempts', () => {
  it('are limited per address: the login start and the callback answer 429 with Retry-After and a code', async () => {
    const config = loadConfig({ NODE_ENV: 'test', RATE_LIMIT_LOGIN: '2' });
    const { app, provider } = await authOnlyApp(config, []);
    try {
      for (let i = 0; i < 2; i++) {
        expect((await app.inject({ url: '/auth/login?as=vendor' })).statusCode).toBe(303);
      }
      const limited = await app.inject({ url: '/auth/login?as=vendor' });
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.body).toContain('RATE_LIMITED');
      // The callback has a count of its own, so guessing codes there is limited as well.
      for (let i = 0; i < 2; i++) {
        expect((await app.inject({ url: '/auth/callback?code=x&state=y' })).statusCode).toBe(400);
      }
      expect((await app.inject({ url: '/auth/callback?code=x&state=y' })).statusCode).toBe(429);
    } finally {
      await app.close();
      await provider.close();
    }
  });
});

describe('behind https', () => {
  it('the cookies are Secure and prefixed, the session one bound to this host and path /', async () => {
    const config = loadConfig({ NODE_ENV: 'test', PUBLIC_URL: 'https://cyberkort.example' });
    const { app, provider } = await authOnlyApp(config, [
      {
        subject: 'https-vendor',
        kind: 'vendor',
        name: 'Ida Berg',
        email: 'ida@x.example',
        cvr: company.cvr,
        description: 'https',
      },
    ]);
    try {
      const started = await app.inject({ url: '/auth/login?as=vendor&returnTo=/om' });
      const flow = started.headers['set-cookie']?.toString() ?? '';
      expect(flow).toMatch(/^__Secure-cyberkort-login=/);
      for (const attribute of [/; Path=\/auth\/(;|$)/, /; HttpOnly/, /; Secure/, /; SameSite=Lax/]) {
        expect(flow).toMatch(attribute);
      }

      // The browser's part at the provider, up to the redirect to the https callback.
      const jar = new CookieJar();
      const atProvider = await follow(jar, String(started.headers.location));
      const html = await atProvider.response.text();
      const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1] ?? '';
      let hop = await send(jar, new URL(action, atProvider.hops.at(-1)?.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'subject=https-vendor',
      });
      while (!hop.headers.get('location')?.startsWith('https://cyberkort.example/')) {
        hop = await send(jar, new URL(hop.headers.get('location') ?? '', provider.issuer));
      }
      const callback = new URL(hop.headers.get('location') ?? '');
      expect(callback.pathname).toBe('/auth/callback');

      const back = await app.inject({
        url: `${callback.pathname}${callback.search}`,
        headers: { cookie: flow.split(';')[0] ?? '' },
      });
      expect(back.statusCode).toBe(303);
      expect(back.headers.location).toBe('/om');
      const session = [back.headers['set-cookie']].flat().find((line) => line?.startsWith('__Host-cyberkort-session='));
      for (const attribute of [/; Path=\/(;|$)/, /; HttpOnly/, /; Secure/, /; SameSite=Lax/]) {
        expect(session).toMatch(attribute);
      }
      expect(session).not.toMatch(/Domain=/i);
    } finally {
      await app.close();
      await provider.close();
    }
  });
});
