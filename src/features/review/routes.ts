import type { AstroGlobal } from 'astro';
import { localeFrom } from '../../i18n';
import { loadUnverified, type VerifyOutcome, verify } from './certifications';
import { readableChanges } from './diff-rows';
import { type DecisionOutcome, decide, loadItem, loadQueue, refusal } from './load';

/**
 * What the Danish and the English route of each staff page both do: the anonymous go to log in,
 * others than reviewers and admins get the 403 page, a POST runs the decision and redirects, a
 * problem is shown on the page with its status.
 */
type Forbidden = { forbidden: true };

function gate(astro: AstroGlobal): Response | Forbidden | null {
  const refused = refusal(astro.locals.viewer, astro.currentLocale, astro.url);
  if (!refused) return null;
  if (refused !== 'forbidden') return astro.redirect(refused.login, 303);
  astro.response.status = 403;
  return { forbidden: true };
}

export async function queueRoute(astro: AstroGlobal) {
  const refused = gate(astro);
  if (refused) return refused;
  const decided = astro.url.searchParams.get('decided');
  return {
    ...(await loadQueue(astro.locals)),
    decided: decided === 'approved' || decided === 'rejected' ? (decided as 'approved' | 'rejected') : null,
  };
}

export async function detailRoute(astro: AstroGlobal) {
  const refused = gate(astro);
  if (refused) return refused;
  const id = astro.params.id ?? '';
  let problem: Exclude<DecisionOutcome, { redirect: string }> | null = null;
  if (astro.request.method === 'POST') {
    const outcome = await decide(astro.request, astro.locals, id, localeFrom(astro.currentLocale));
    if ('redirect' in outcome) return astro.redirect(outcome.redirect, 303);
    problem = outcome;
    astro.response.status = outcome.status;
  }
  const [item, taxonomy] = await Promise.all([loadItem(astro.locals, id), astro.locals.services.catalog.taxonomy()]);
  if (!item && !problem) astro.response.status = 404;
  const rows = item ? readableChanges(item.changes, taxonomy, localeFrom(astro.currentLocale)) : [];
  return { item, problem, rows };
}

export async function certificationsRoute(astro: AstroGlobal) {
  const refused = gate(astro);
  if (refused) return refused;
  const slug = astro.params.slug ?? '';
  let problem: Exclude<VerifyOutcome, { redirect: string }> | null = null;
  if (astro.request.method === 'POST') {
    const outcome = await verify(astro.request, astro.locals, slug, localeFrom(astro.currentLocale));
    if ('redirect' in outcome) return astro.redirect(outcome.redirect, 303);
    problem = outcome;
    astro.response.status = outcome.status;
  }
  const company = await loadUnverified(astro.locals, slug);
  if (!company) astro.response.status = 404;
  return { company, problem, verified: astro.url.searchParams.get('verified') };
}
