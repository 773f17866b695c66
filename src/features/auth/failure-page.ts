import { escapeHtml } from '../../auth/escape-html';
import type { LoginFailure } from '../../auth/oidc';
import { LOCALES, t } from '../../i18n';
import { homePath, loginPath } from '../../i18n/routes';

/**
 * The page the login routes answer with when they cannot go on. They are server routes, not
 * Astro pages, and come before the person has chosen a language on our side, so the page says
 * it in Danish and then in English. No styles or scripts: it passes the site's default policy.
 */
export type AuthRefusal = LoginFailure | 'EXPIRED' | 'BAD_REQUEST' | 'FORBIDDEN' | 'RATE_LIMITED' | 'ERROR';

const LOGIN_FAILURES: ReadonlySet<AuthRefusal> = new Set([
  'UNAVAILABLE',
  'CANCELLED',
  'REFUSED',
  'NO_CVR',
  'NO_ROLE',
  'EXPIRED',
  'BAD_REQUEST',
]);

export function authRefusalPage(refusal: AuthRefusal): string {
  const title = LOGIN_FAILURES.has(refusal) ? 'auth.failure.title' : 'auth.failure.refusedTitle';
  const sections = LOCALES.map(
    (locale) => `<section lang="${locale}">
<h1>${escapeHtml(t(locale, title))}</h1>
<p>${escapeHtml(t(locale, `auth.failure.${refusal}`))}</p>
<p><a href="${loginPath(locale)}">${escapeHtml(t(locale, 'auth.failure.tryAgain'))}</a> · <a href="${homePath(locale)}">${escapeHtml(t(locale, 'auth.failure.home'))}</a></p>
</section>`,
  ).join('\n<hr>\n');
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t('da', title))} · Cyberkort</title>
</head>
<body>
<main data-refusal="${refusal}">
${sections}
</main>
</body>
</html>`;
}
