import type { AstroGlobal } from 'astro';
import { localeFrom } from '../../i18n';
import { personOf, toLogin } from '../auth/session';
import { applyStatus } from '../page/outcome';
import { type CompanyEditOutcome, loadCompanyEdit, loadRegistration } from './load';

/**
 * What the Danish and the English route of a portal form page both do: send the anonymous to
 * log in, refuse staff, run the form (GET shows it, POST saves it) and follow a redirect.
 */
export async function companyFormRoute(
  astro: AstroGlobal,
  form: 'edit' | 'register',
): Promise<Response | Exclude<CompanyEditOutcome, { status: 303 }>> {
  const person = personOf(astro.locals.viewer);
  if (!person) return astro.redirect(toLogin(astro.currentLocale, astro.url), 303);
  const locale = localeFrom(astro.currentLocale);
  const { services } = astro.locals;
  const outcome: CompanyEditOutcome =
    person.kind !== 'vendor'
      ? { status: 403 }
      : form === 'edit'
        ? await loadCompanyEdit(services, astro.locals, astro.request, person, astro.params.slug ?? '', locale)
        : await loadRegistration(services, astro.locals, astro.request, person, locale);
  if (outcome.status === 303) return astro.redirect(outcome.location, 303);
  applyStatus(astro.response, outcome);
  return outcome;
}
