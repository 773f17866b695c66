import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { DEV_STYLE_HASH, type DevPerson, devLoginPage, devPage } from './dev-login-page';
import { escapeHtml } from './escape-html';

/**
 * A real OpenID provider (oidc-provider) for development and tests, so that logging in locally
 * runs the same code as in production: discovery over HTTP, the authorization code flow with
 * PKCE, state and nonce, a signed ID token, UserInfo. Not a bypass: Cyberkort cannot tell it from
 * NemLog-in except by its issuer URL.
 *
 * One provider plays both issuers, with one client per kind of login: the vendor client is offered
 * the company people, the staff client NCC's reviewer and admin. Each releases the claims under the
 * names the app is configured to read, so changing a claim name in the settings changes both ends.
 * It listens on loopback only, keeps everything in memory (keys, cookies' keys, sessions) and
 * refuses to start in production.
 */

export interface DevClaimNames {
  vendor: { cvr: string; name: string; email: string };
  staff: { name: string; email: string; groups: string };
}

export interface DevProviderOptions {
  nodeEnv: string;
  /** 0: any free port. */
  port: number;
  /** Where the app receives the login (PUBLIC_URL + /auth/callback). */
  redirectUri: string;
  claims: DevClaimNames;
  people: readonly DevPerson[];
}

export interface DevClient {
  clientId: string;
  clientSecret: string;
}

export interface DevProvider {
  issuer: URL;
  clients: { vendor: DevClient; staff: DevClient };
  close(): Promise<void>;
}

export const DEV_PROVIDER_REFUSAL =
  'The development identity provider does not run with NODE_ENV=production: set VENDOR_OIDC_* and STAFF_OIDC_* to the real issuers.';

const MAX_FORM_BYTES = 4096;
const AUTHORIZATION_PATH = '/auth';

/**
 * The request's cookies without the provider's own session, for the authorization endpoint and
 * its resumption after the login page. Every login then starts without one,
 * so the provider asks who you are each time (a development login is for trying different people)
 * and never meets oidc-provider's account-switch step, a page that needs JavaScript.
 */
const withoutProviderSession = (cookie: string) =>
  cookie
    .split(';')
    .filter((pair) => !/^\s*_session(\.|=)/.test(pair))
    .join(';');

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) req.destroy(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function sendPage(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(html);
}

export async function startDevProvider(options: DevProviderOptions): Promise<DevProvider> {
  if (options.nodeEnv === 'production') throw new Error(DEV_PROVIDER_REFUSAL);

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const issuer = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const clients = {
    vendor: { clientId: 'cyberkort-vendor', clientSecret: randomBytes(32).toString('base64url') },
    staff: { clientId: 'cyberkort-staff', clientSecret: randomBytes(32).toString('base64url') },
  };
  const audienceOf = (clientId: unknown) => (clientId === clients.vendor.clientId ? 'vendor' : 'staff');
  const people = new Map(options.people.map((person) => [person.subject, person]));
  const { vendor: vendorClaims, staff: staffClaims } = options.claims;

  const claimsOf = (person: DevPerson): Record<string, unknown> =>
    person.kind === 'vendor'
      ? { [vendorClaims.cvr]: person.cvr, [vendorClaims.name]: person.name, [vendorClaims.email]: person.email }
      : { [staffClaims.name]: person.name, [staffClaims.email]: person.email, [staffClaims.groups]: person.groups };

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };

  const configuration: Configuration = {
    clients: [clients.vendor, clients.staff].map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: [options.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // openid-client's default way of authenticating at the token endpoint.
      token_endpoint_auth_method: 'client_secret_post',
    })),
    // Every claim the app may read, released with the openid scope whatever else it asks for.
    claims: {
      openid: [
        'sub',
        ...new Set([...Object.values(vendorClaims), ...Object.values(staffClaims)].filter((name) => name !== 'sub')),
      ],
    },
    pkce: { required: () => true },
    jwks: { keys: [signingKey as never] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
    },
    routes: { authorization: AUTHORIZATION_PATH },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    clientBasedCORS: () => false,
    findAccount: (_ctx, sub) => {
      const person = people.get(sub);
      return person && { accountId: sub, claims: () => ({ sub, ...claimsOf(person) }) };
    },
    // Both clients are Cyberkort's own: nobody is asked to consent to sharing their login with it.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      const accountId = oidc.session?.accountId;
      if (!oidc.client || !accountId) return undefined;
      const existing = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client.clientId);
      if (existing) return oidc.provider.Grant.find(existing);
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
      grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
      await grant.save();
      return grant;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = devPage(
        'Login failed',
        Object.entries(out)
          .map(([key, value]) => `<p><strong>${escapeHtml(key)}</strong>: ${escapeHtml(String(value))}</p>`)
          .join('\n'),
      );
    },
  };
  const provider = new Provider(issuer.href.replace(/\/$/, ''), configuration);
  const handleProtocol = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, step: string | undefined) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('this login is not the one in progress');
    const audience = audienceOf(details.params.client_id);
    if (req.method === 'GET' && step === undefined) {
      const choices = options.people.filter((person) => person.kind === audience);
      return sendPage(res, 200, devLoginPage(uid, audience, choices));
    }
    if (req.method === 'POST' && step === 'login') {
      const person = people.get((await readForm(req)).get('subject') ?? '');
      if (!person || person.kind !== audience) throw new Error('choose one of the people on the list');
      return provider.interactionFinished(req, res, { login: { accountId: person.subject } });
    }
    if (req.method === 'POST' && step === 'abort') {
      return provider.interactionFinished(req, res, {
        error: 'access_denied',
        error_description: 'The person cancelled the login',
      });
    }
    return sendPage(res, 405, devPage('Not here', '<p>This address takes no such request.</p>'));
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // Its own listener, so its own headers: no scripts at all, its one stylesheet, and forms that
    // may end (through the provider's redirects) at the app's callback.
    res.setHeader(
      'content-security-policy',
      `default-src 'none'; style-src ${DEV_STYLE_HASH}; form-action 'self' ${new URL(options.redirectUri).origin}; ` +
        "frame-ancestors 'none'; base-uri 'none'",
    );
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-robots-tag', 'noindex');
    const { pathname } = new URL(req.url ?? '/', issuer);
    const authorizing = pathname === AUTHORIZATION_PATH || pathname.startsWith(`${AUTHORIZATION_PATH}/`);
    if (authorizing && req.headers.cookie) {
      req.headers.cookie = withoutProviderSession(req.headers.cookie);
    }
    const step = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec(pathname);
    if (step?.[1]) {
      interaction(req, res, step[1], step[2]).catch((error: Error) => {
        if (!res.headersSent) sendPage(res, 400, devPage('Login failed', `<p>${escapeHtml(error.message)}</p>`));
      });
      return;
    }
    if (pathname === '/' && req.method === 'GET') {
      return sendPage(
        res,
        200,
        devPage(
          'Development identity provider',
          `<p>Cyberkort logs in here when no real issuer is configured. Start at Cyberkort's own login page.</p>`,
        ),
      );
    }
    handleProtocol(req, res);
  });

  return {
    issuer,
    clients,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
