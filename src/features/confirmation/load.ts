import type { AstroGlobal } from 'astro';
import { checkCsrf } from '../../auth/csrf';
import { localeFrom } from '../../i18n';
import { myPagesPath } from '../../i18n/routes';
import { confirmListing, unsubscribe, unsubscribeTokenValid } from '../../use-cases/confirmation';
import { personOf, toLogin } from '../auth/session';
import { applyStatus, failureStatus, reportPageError } from '../page/outcome';

/** A use case's refusal, by its code: the built site bundles its own copy of the error classes. */
const codeOf = (error: unknown): unknown =>
  error instanceof Error && 'code' in error ? (error as Error & { code?: unknown }).code : undefined;

export type ConfirmOutcome = { status: 403 | 404 | 500 | 503 };

/**
 * The "still correct" button's POST (from "Mine sider"): for a vendor of the company, with the
 * CSRF token, it confirms the listing and goes back to "Mine sider" saying so. A GET changes
 * nothing and just goes to "Mine sider"; the anonymous are sent to log in.
 */
export async function confirmRoute(astro: AstroGlobal): Promise<Response | ConfirmOutcome> {
  const locale = localeFrom(astro.currentLocale);
  const person = personOf(astro.locals.viewer);
  if (!person) return astro.redirect(toLogin(astro.currentLocale, new URL(myPagesPath(locale), astro.url)), 303);
  if (astro.request.method !== 'POST') return astro.redirect(myPagesPath(locale), 303);
  const { services } = astro.locals;
  let outcome: ConfirmOutcome;
  if (person.kind !== 'vendor' || !(await checkCsrf(astro.request, astro.locals))) {
    outcome = { status: 403 };
  } else {
    const company = String((await astro.request.formData()).get('company') ?? '');
    try {
      await confirmListing(services, person, company);
      return astro.redirect(`${myPagesPath(locale)}?confirmed=${encodeURIComponent(company)}`, 303);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'FORBIDDEN') outcome = { status: 403 };
      else if (code === 'NOT_FOUND') outcome = { status: 404 };
      else {
        reportPageError(services, 'confirm-listing', error);
        outcome = { status: failureStatus(error) };
      }
    }
  }
  applyStatus(astro.response, outcome);
  return outcome;
}

export type UnsubscribeOutcome = {
  status: 200 | 400 | 500 | 503;
  token: string;
  state: 'ask' | 'done' | 'invalid' | 'failed';
};

/**
 * The unsubscribe link's page. GET shows what will happen and a button (mail scanners open links,
 * so opening it must not unsubscribe); the POST, with the link's signed token, records the
 * opt-out. Anyone holding the link may use it, as with any mail's unsubscribe link: the token is
 * the authority, and Astro's origin check keeps other sites from posting it.
 */
export async function unsubscribeRoute(astro: AstroGlobal): Promise<UnsubscribeOutcome> {
  const { services } = astro.locals;
  const secret = services.config.COOKIE_SECRET;
  const posted = astro.request.method === 'POST' ? await astro.request.formData().catch(() => null) : null;
  const token = String(posted?.get('token') ?? astro.url.searchParams.get('token') ?? '');
  let outcome: UnsubscribeOutcome;
  if (!unsubscribeTokenValid(secret, token)) outcome = { status: 400, token, state: 'invalid' };
  else if (!posted) outcome = { status: 200, token, state: 'ask' };
  else {
    try {
      await unsubscribe(services, secret, token);
      outcome = { status: 200, token, state: 'done' };
    } catch (error) {
      reportPageError(services, 'unsubscribe', error);
      outcome = { status: failureStatus(error), token, state: 'failed' };
    }
  }
  applyStatus(astro.response, outcome);
  return outcome;
}
