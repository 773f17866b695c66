import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Viewer } from './viewer';

/**
 * Cross-site request forgery: a form that changes something is accepted only when its Origin is
 * this site's (PUBLIC_URL) and it carries a token bound to the person's session — an HMAC of the
 * session with COOKIE_SECRET, so another site can neither read nor make one. Forms render the
 * token with `csrfToken(locals)` in a hidden `_csrf` field; the page or route that receives the
 * post calls `checkCsrf(request, locals)` (or `csrfValid`) before doing anything. GET changes nothing.
 */

export const CSRF_FIELD = '_csrf';

const sessionOf = (viewer: Viewer | undefined) =>
  viewer && (viewer.kind === 'vendor' || viewer.kind === 'staff') ? viewer.sessionId : null;

export function csrfTokenFor(sessionId: string, secret: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export interface CsrfEvidence {
  /** The request's Origin header. */
  origin: string | null | undefined;
  /** The form's `_csrf` field. */
  token: string | null | undefined;
  viewer: Viewer | undefined;
  secret: string;
  publicUrl: string;
}

/** Both checks; a request without a session has nothing a form could change on its behalf, so it fails. */
export function csrfValid({ origin, token, viewer, secret, publicUrl }: CsrfEvidence): boolean {
  const sessionId = sessionOf(viewer);
  if (!sessionId || !origin || !token || origin !== new URL(publicUrl).origin) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The token for the forms of this page; empty for anonymous visitors, who have no forms that change anything. */
export function csrfToken(locals: App.Locals): string {
  const sessionId = sessionOf(locals.viewer);
  return sessionId ? csrfTokenFor(sessionId, locals.services.config.COOKIE_SECRET) : '';
}

/** Whether a form post to a page may proceed. Reads the token from a copy of the body, so the page can still read it. */
export async function checkCsrf(request: Request, locals: App.Locals): Promise<boolean> {
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const token = form?.get(CSRF_FIELD);
  return csrfValid({
    origin: request.headers.get('origin'),
    token: typeof token === 'string' ? token : null,
    viewer: locals.viewer,
    secret: locals.services.config.COOKIE_SECRET,
    publicUrl: locals.publicUrl,
  });
}
