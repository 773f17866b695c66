import type { AstroGlobal } from 'astro';
import { type Locale, localeFrom } from '../../i18n';
import type { Services } from '../../services';
import { personOf, toLogin } from '../auth/session';
import { applyStatus } from '../page/outcome';
import { type CompanyEditOutcome, loadCompanyEdit, loadRegistration, type Vendor } from './load';
import {
  loadProductEdit,
  loadProductNew,
  loadProductRemoval,
  type ProductEditOutcome,
  type ProductRemovalOutcome,
  type RemovalOp,
} from './products';
import { loadWithdraw, type WithdrawOutcome } from './withdraw';

/**
 * What the Danish and the English route of a portal page both do: send the anonymous to log in,
 * refuse staff, run the page (GET shows it, POST acts) and follow a redirect.
 */
async function vendorRoute<O extends { status: number }>(
  astro: AstroGlobal,
  run: (
    services: Services | undefined,
    vendor: Vendor,
    locale: Locale,
  ) => Promise<O | { status: 303; location: string }>,
): Promise<Response | Exclude<O, { status: 303 }> | { status: 403 }> {
  const person = personOf(astro.locals.viewer);
  if (!person) return astro.redirect(toLogin(astro.currentLocale, astro.url), 303);
  const locale = localeFrom(astro.currentLocale);
  const outcome =
    person.kind !== 'vendor' ? { status: 403 as const } : await run(astro.locals.services, person, locale);
  if ('location' in outcome) return astro.redirect(outcome.location, 303);
  applyStatus(astro.response, outcome);
  return outcome as Exclude<O, { status: 303 }> | { status: 403 };
}

export function companyFormRoute(
  astro: AstroGlobal,
  form: 'edit' | 'register',
): Promise<Response | Exclude<CompanyEditOutcome, { status: 303 }>> {
  return vendorRoute<CompanyEditOutcome>(astro, (services, vendor, locale) =>
    form === 'edit'
      ? loadCompanyEdit(services, astro.locals, astro.request, vendor, astro.params.slug ?? '', locale)
      : loadRegistration(services, astro.locals, astro.request, vendor, locale),
  );
}

/** A new product (`[slug]` is the company's, `?draft=` a draft to go on with) or an edit (`[slug]` is the product's). */
export function productFormRoute(
  astro: AstroGlobal,
  form: 'new' | 'edit',
): Promise<Response | Exclude<ProductEditOutcome, { status: 303 }>> {
  const slug = astro.params.slug ?? '';
  return vendorRoute<ProductEditOutcome>(astro, (services, vendor, locale) =>
    form === 'new'
      ? loadProductNew(services, astro.locals, astro.request, vendor, slug, astro.url.searchParams.get('draft'), locale)
      : loadProductEdit(services, astro.locals, astro.request, vendor, slug, locale),
  );
}

export function productRemovalRoute(
  astro: AstroGlobal,
  op: RemovalOp,
): Promise<Response | Exclude<ProductRemovalOutcome, { status: 303 }>> {
  return vendorRoute<ProductRemovalOutcome>(astro, (services, vendor, locale) =>
    loadProductRemoval(services, astro.locals, astro.request, vendor, astro.params.slug ?? '', op, locale),
  );
}

export function withdrawRoute(astro: AstroGlobal): Promise<Response | Exclude<WithdrawOutcome, { status: 303 }>> {
  return vendorRoute<WithdrawOutcome>(astro, (services, vendor, locale) =>
    loadWithdraw(services, astro.locals, astro.request, vendor, astro.params.id ?? '', locale),
  );
}
