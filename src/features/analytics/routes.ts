import type { AstroGlobal } from 'astro';
import { localeFrom } from '../../i18n';
import { dashboardDownload, loadDashboard } from './load';
import { measureOfSlug } from './measures';

/**
 * What the Danish and the English routes of the dashboards do: the overview (slug null) or the
 * measure whose page the slug is (another slug: the site's 404); the anonymous go to log in, others
 * than reviewers and admins get the 403 page, a filter with a problem is shown with its errors (400).
 */
export async function dashboardRoute(astro: AstroGlobal, slug: string | null) {
  const measure = slug === null ? null : measureOfSlug(localeFrom(astro.currentLocale), slug);
  // An empty 404 from a page lets Astro answer with the site's 404 page.
  if (slug !== null && measure === null) return new Response(null, { status: 404 });
  const outcome = await loadDashboard(astro.locals, astro.currentLocale, astro.url, measure);
  if ('login' in outcome) return astro.redirect(outcome.login, 303);
  if ('forbidden' in outcome) {
    astro.response.status = 403;
    return outcome;
  }
  astro.response.status = outcome.status;
  return outcome;
}

/** A table download's endpoint (`<page>.csv`, `<page>.json`), for both languages. */
export const dashboardExport =
  (format: 'csv' | 'json') =>
  (context: {
    locals: App.Locals;
    currentLocale: string | undefined;
    url: URL;
    params: Record<string, string | undefined>;
  }) =>
    dashboardDownload(context, measureOfSlug(localeFrom(context.currentLocale), context.params.measure), format);
