import type { AstroGlobal } from 'astro';
import type { CompanyGrant } from '../../../graph/company-access';
import { checkCsrf } from '../../auth/csrf';
import { isStaff } from '../../auth/viewer';
import { type Locale, localeFrom } from '../../i18n';
import { apiKeysPath, companyAccessPath, loginPath } from '../../i18n/routes';
import {
  API_TOKEN_DEFAULT_DAYS,
  type ApiTokenView,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../../use-cases/api-tokens';
import { grantCompanyAccess, listCompanyGrants, revokeCompanyAccess } from '../../use-cases/company-access';
import { type FieldIssue, UseCaseError, ValidationError } from '../../use-cases/errors';

/**
 * The NCC admin pages: analysts' API tokens and access to companies granted to named people.
 * Both are for admins only (a reviewer gets the 403 page, an anonymous visitor the login page);
 * the use cases check the role again. Every post checks Origin and the CSRF token first; a
 * problem is shown on the page with what was typed kept; a change ends in a redirect (a new
 * token's secret excepted: it is shown in the answer to the post, once, and stored nowhere).
 */

export type Gate = Response | { forbidden: true } | null;

function gate(astro: AstroGlobal): Gate {
  const { viewer } = astro.locals;
  if (isStaff(viewer, 'admin')) return null;
  if (viewer.kind === 'anonymous') {
    return astro.redirect(loginPath(localeFrom(astro.currentLocale), `${astro.url.pathname}${astro.url.search}`), 303);
  }
  astro.response.status = 403;
  return { forbidden: true };
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** The first problem of each field, by the form's field name. */
function issuesByField(issues: readonly FieldIssue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) byField[issue.path] ??= issue.code;
  return byField;
}

export type Problem = 'csrf' | 'NOT_FOUND';

/** A POST's form once its Origin and CSRF token check out; null when there was no POST, or (403) when they do not. */
async function checkedPost(astro: AstroGlobal, page: { problem: Problem | null }): Promise<FormData | null> {
  if (astro.request.method !== 'POST') return null;
  if (!(await checkCsrf(astro.request, astro.locals))) {
    astro.response.status = 403;
    page.problem = 'csrf';
    return null;
  }
  return astro.request.formData();
}

export interface ApiKeysPage {
  tokens: ApiTokenView[];
  form: { name: string; validDays: string };
  /** Field → problem code ('too_small', 'invalid_type', …), shown beside the field. */
  errors: Record<string, string>;
  problem: Problem | null;
  /** The secret of the token just created: in this answer only. */
  created: { name: string; secret: string; expiresAt: string } | null;
  revoked: boolean;
}

export async function apiKeysRoute(astro: AstroGlobal): Promise<Response | { forbidden: true } | ApiKeysPage> {
  const refused = gate(astro);
  if (refused) return refused;
  const { locals } = astro;
  const locale: Locale = localeFrom(astro.currentLocale);
  const page: ApiKeysPage = {
    tokens: [],
    form: { name: '', validDays: String(API_TOKEN_DEFAULT_DAYS) },
    errors: {},
    problem: null,
    created: null,
    revoked: astro.url.searchParams.get('revoked') === '1',
  };
  const form = await checkedPost(astro, page);
  if (form) {
    try {
      if (text(form, 'action') === 'revoke') {
        await revokeApiToken(locals.services, locals.viewer, text(form, 'id'));
        return astro.redirect(apiKeysPath(locale, { revoked: '1' }), 303);
      }
      page.form = { name: text(form, 'name'), validDays: text(form, 'validDays') };
      const days = page.form.validDays.trim();
      const { token, secret } = await createApiToken(locals.services, locals.viewer, {
        name: page.form.name,
        validDays: /^\d+$/.test(days) ? Number(days) : Number.NaN,
      });
      page.created = { name: token.name, secret, expiresAt: token.expiresAt };
      page.form = { name: '', validDays: String(API_TOKEN_DEFAULT_DAYS) };
      astro.response.status = 201;
    } catch (error) {
      if (!(error instanceof UseCaseError)) throw error;
      if (error instanceof ValidationError && text(form, 'action') !== 'revoke') {
        astro.response.status = 400;
        page.errors = issuesByField(error.issues);
      } else {
        astro.response.status = error.code === 'FORBIDDEN' ? 403 : 404;
        page.problem = 'NOT_FOUND';
      }
    }
  }
  page.tokens = await listApiTokens(locals.services, locals.viewer);
  return page;
}

export interface CompanyAccessPage {
  grants: CompanyGrant[];
  form: { subject: string; companySlug: string };
  errors: Record<string, string>;
  problem: Problem | null;
  done: 'granted' | 'revoked' | null;
}

export async function companyAccessRoute(
  astro: AstroGlobal,
): Promise<Response | { forbidden: true } | CompanyAccessPage> {
  const refused = gate(astro);
  if (refused) return refused;
  const { locals } = astro;
  const locale: Locale = localeFrom(astro.currentLocale);
  const done = astro.url.searchParams.get('done');
  const page: CompanyAccessPage = {
    grants: [],
    form: { subject: '', companySlug: astro.url.searchParams.get('company') ?? '' },
    errors: {},
    problem: null,
    done: done === 'granted' || done === 'revoked' ? done : null,
  };
  const form = await checkedPost(astro, page);
  if (form) {
    const input = { subject: text(form, 'subject'), companySlug: text(form, 'companySlug') };
    const revoking = text(form, 'action') === 'revoke';
    try {
      if (revoking) await revokeCompanyAccess(locals.services, locals.viewer, input);
      else await grantCompanyAccess(locals.services, locals.viewer, input);
      return astro.redirect(companyAccessPath(locale, { done: revoking ? 'revoked' : 'granted' }), 303);
    } catch (error) {
      if (!(error instanceof UseCaseError)) throw error;
      if (!revoking) page.form = input;
      if (error instanceof ValidationError && !revoking) {
        astro.response.status = 400;
        page.errors = issuesByField(error.issues);
      } else if (error.code === 'NOT_FOUND' && !revoking) {
        astro.response.status = 400;
        page.errors = { companySlug: 'unknown_company' };
      } else {
        astro.response.status = error.code === 'FORBIDDEN' ? 403 : 404;
        page.problem = 'NOT_FOUND';
      }
    }
  }
  page.grants = await listCompanyGrants(locals.services, locals.viewer);
  return page;
}
