import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyError, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { Executor } from '../../graph/executor';
import {
  endSession,
  findSession,
  forgetSession,
  SESSION_ABSOLUTE_HOURS,
  type SessionUser,
  startSession,
  touchSession,
} from '../../graph/sessions';
import { GraphWriter } from '../../graph/write';
import { CSRF_FIELD, csrfValid } from '../auth/csrf';
import { LoginError, type LoginFlow, OidcLogin } from '../auth/oidc';
import { safeReturnTo } from '../auth/return-to';
import { hashSessionId, newSessionId } from '../auth/session-id';
import type { IdentitySettings } from '../auth/settings';
import { ANONYMOUS, type StaffRole, type Viewer } from '../auth/viewer';
import type { AppConfig } from '../config';
import { type AuthRefusal, authRefusalPage } from '../features/auth/failure-page';
import { homePath } from '../i18n/routes';
import { perMinute } from './rate-limit';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking, from the session cookie; anonymous without a valid session. */
    viewer: Viewer;
  }
}

export interface AuthOptions {
  executor: Executor;
  /** The issuers to log in at; an app built without them (tests of other concerns) offers no login. */
  identity: IdentitySettings | undefined;
  config: Pick<AppConfig, 'PUBLIC_URL' | 'NODE_ENV' | 'COOKIE_SECRET' | 'RATE_LIMIT_LOGIN' | 'RATE_LIMIT_FORMS'>;
}

/** The login round trip must finish within this time. */
const LOGIN_FLOW_SECONDS = 10 * 60;
const MAX_FORM_BYTES = 4096;

function viewerOf(user: SessionUser, sessionId: string): Viewer {
  const person = { subject: user.subject, name: user.name, email: user.email, sessionId, userId: user.id };
  return user.kind === 'vendor'
    ? { kind: 'vendor', ...person, cvr: user.cvr ?? '', companies: user.companies }
    : { kind: 'staff', ...person, roles: user.roles as StaffRole[] };
}

/**
 * Identity for the whole app: every request gets `request.viewer` from its session cookie, and
 * /auth/login, /auth/callback and /auth/logout run the OpenID Connect login and the logout.
 *
 * The session cookie holds 32 random bytes; the graph holds their hash (graph/sessions.ts). It is
 * HttpOnly, SameSite=Lax (the issuer's redirect back is a top-level GET, which Lax lets through),
 * Secure behind HTTPS (then named with the __Host- prefix, which browsers bind to this host and
 * path /), and lives at most as long as a session may. A session ends after 30 minutes idle or
 * 8 hours in all; an ended, unknown or tampered cookie is cleared and the request is anonymous.
 */
export const auth = fp<AuthOptions>(
  async (app, { executor, identity, config }) => {
    const secure = config.NODE_ENV === 'production' || new URL(config.PUBLIC_URL).protocol === 'https:';
    const sessionCookie = secure ? '__Host-cyberkort-session' : 'cyberkort-session';
    // __Host- would demand path /; the login round trip's cookie is only for /auth/.
    const flowCookie = secure ? '__Secure-cyberkort-login' : 'cyberkort-login';
    const cookieOptions: CookieSerializeOptions = { path: '/', httpOnly: true, sameSite: 'lax', secure };
    const writer = new GraphWriter(executor);

    app.decorateRequest<Viewer | null>('viewer', null);

    app.addHook('onRequest', async (request, reply) => {
      request.viewer = ANONYMOUS;
      const id = request.cookies[sessionCookie];
      if (!id) return;
      const idHash = hashSessionId(id);
      try {
        const session = await findSession(executor, idHash);
        if (session.state === 'active') {
          request.viewer = viewerOf(session.user, idHash);
          if (session.stale) {
            await touchSession(writer, idHash).catch((error) =>
              request.log.warn({ err: error }, 'session still valid, last-seen time not written yet'),
            );
          }
          return;
        }
        if (session.state === 'expired') await forgetSession(writer, idHash);
        reply.clearCookie(sessionCookie, cookieOptions);
      } catch (error) {
        // The graph did not answer: the request goes on as anonymous (a page that needs the graph
        // answers 503 itself); the cookie stays, since the session may well be fine.
        request.log.warn({ err: error }, 'session not checked: the graph did not answer');
      }
    });

    // What a logged-in person sees is theirs alone: no cache may keep it.
    app.addHook('onSend', async (request, reply) => {
      if (request.viewer && request.viewer.kind !== 'anonymous' && !reply.hasHeader('cache-control')) {
        reply.header('cache-control', 'private, no-store');
      }
    });

    await app.register(async (routes) => {
      const login = identity ? new OidcLogin(identity) : null;

      routes.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: MAX_FORM_BYTES },
        (_request, body, done) => done(null, new URLSearchParams(body as string)),
      );

      const refuse = (reply: FastifyReply, status: number, refusal: AuthRefusal) =>
        reply
          .code(status)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(authRefusalPage(refusal));

      routes.setErrorHandler((error: FastifyError, request, reply) => {
        if (error.statusCode === 429) return refuse(reply, 429, 'RATE_LIMITED');
        if (error.statusCode && error.statusCode < 500) return refuse(reply, error.statusCode, 'BAD_REQUEST');
        request.log.error({ err: error }, 'login route failed');
        return refuse(reply, 500, 'ERROR');
      });

      const loginLimit = { rateLimit: perMinute(config.RATE_LIMIT_LOGIN) };

      routes.get<{ Querystring: { as?: string; returnTo?: string } }>(
        '/auth/login',
        { config: loginLimit },
        async (request, reply) => {
          const as = request.query.as;
          if (as !== 'vendor' && as !== 'staff') return refuse(reply, 400, 'BAD_REQUEST');
          if (!login) return refuse(reply, 503, 'UNAVAILABLE');
          try {
            const { url, flow } = await login.begin(as, safeReturnTo(request.query.returnTo));
            return reply
              .setCookie(flowCookie, JSON.stringify(flow), {
                ...cookieOptions,
                path: '/auth/',
                signed: true,
                maxAge: LOGIN_FLOW_SECONDS,
              })
              .header('cache-control', 'no-store')
              .redirect(url.href, 303);
          } catch (error) {
            request.log.warn({ err: error, as }, 'login not started: the issuer did not answer');
            return refuse(reply, 503, 'UNAVAILABLE');
          }
        },
      );

      routes.get('/auth/callback', { config: loginLimit }, async (request, reply) => {
        const signed = request.cookies[flowCookie];
        reply.clearCookie(flowCookie, { ...cookieOptions, path: '/auth/' });
        const unsigned = signed ? request.unsignCookie(signed) : null;
        const flow = unsigned?.valid && unsigned.value ? (JSON.parse(unsigned.value) as LoginFlow) : null;
        if (!flow || !login) return refuse(reply, 400, 'EXPIRED');
        try {
          const person = await login.complete(flow, new URL(request.url, identity?.redirectUri));
          const id = newSessionId();
          const previous = request.cookies[sessionCookie];
          const userId = await startSession(writer, {
            idHash: hashSessionId(id),
            previousIdHash: previous ? hashSessionId(previous) : null,
            login: person,
          });
          // The user's id is the audit log's pseudonym; names and e-mails stay out of the logs.
          request.log.info({ kind: person.kind, userId }, 'logged in');
          return reply
            .setCookie(sessionCookie, id, { ...cookieOptions, maxAge: SESSION_ABSOLUTE_HOURS * 3600 })
            .header('cache-control', 'no-store')
            .redirect(flow.returnTo, 303);
        } catch (error) {
          if (!(error instanceof LoginError)) throw error;
          request.log.warn({ err: error.cause ?? error, failure: error.failure, as: flow.as }, 'login refused');
          return refuse(reply, error.failure === 'UNAVAILABLE' ? 503 : 400, error.failure);
        }
      });

      routes.post<{ Body: URLSearchParams | undefined }>(
        '/auth/logout',
        { config: { rateLimit: perMinute(config.RATE_LIMIT_FORMS) } },
        async (request, reply) => {
          const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
          const home = homePath(form.get('lang') === 'en' ? 'en' : 'da');
          const { viewer } = request;
          if (viewer.kind === 'vendor' || viewer.kind === 'staff') {
            const allowed = csrfValid({
              origin: request.headers.origin,
              token: form.get(CSRF_FIELD),
              viewer,
              secret: config.COOKIE_SECRET,
              publicUrl: config.PUBLIC_URL,
            });
            if (!allowed) return refuse(reply, 403, 'FORBIDDEN');
            await endSession(writer, viewer.sessionId);
            request.log.info({ kind: viewer.kind }, 'logged out');
          }
          // Without a session there is nothing to end: the person is already out.
          return reply.clearCookie(sessionCookie, cookieOptions).redirect(home, 303);
        },
      );
    });
  },
  { name: 'auth', dependencies: ['cookies', 'rate-limit'] },
);
