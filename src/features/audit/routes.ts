import type { AstroGlobal } from 'astro';
import { exportLog, loadLog } from './load';

/**
 * What the Danish and the English route of the audit log both do: the anonymous go to log in,
 * others than NCC staff get the 403 page, a search with a problem is shown with its errors (400).
 */
export async function logRoute(astro: AstroGlobal) {
  const outcome = await loadLog(astro.locals, astro.currentLocale, astro.url);
  if ('login' in outcome) return astro.redirect(outcome.login, 303);
  if ('forbidden' in outcome) {
    astro.response.status = 403;
    return outcome;
  }
  astro.response.status = outcome.status;
  return outcome;
}

/** The CSV export's endpoint, for both languages (src/pages/ncc/log.csv.ts and its English twin). */
export const logExport = (context: { locals: App.Locals; currentLocale: string | undefined; url: URL }) =>
  exportLog(context.locals, context.currentLocale, context.url);
