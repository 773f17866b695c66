import type { AstroGlobal } from 'astro';
import type { PersonalData } from '../../../graph/personal-data';
import { checkCsrf } from '../../auth/csrf';
import { formatDate, type Locale, localeFrom, t } from '../../i18n';
import { dictionary, type MessageKey } from '../../i18n/dictionary';
import { myDataPath } from '../../i18n/routes';
import { deleteMyAccount, readMyData } from '../../use-cases/personal-data';
import { personOf, toLogin } from '../auth/session';

/**
 * "Mine oplysninger": the person's own data, its JSON download and the deletion of the account.
 * After the deletion the browser is sent to this page with `?deleted=1`; it is then anonymous
 * (its session is gone, and the session cookie is cleared on that very request), and the page
 * says the account is deleted instead of asking it to log in.
 */

/** How many of the person's audit events the page lists; the download has up to MAX_EVENTS. */
export const EVENTS_SHOWN = 100;

export type MyDataOutcome =
  | { deleted: true }
  | { deleted: false; data: PersonalData; problem: 'confirm' | 'csrf' | null };

export async function myDataRoute(astro: AstroGlobal): Promise<Response | MyDataOutcome> {
  const person = personOf(astro.locals.viewer);
  if (!person) {
    if (astro.request.method === 'GET' && astro.url.searchParams.get('deleted') === '1') return { deleted: true };
    return astro.redirect(toLogin(astro.currentLocale, astro.url), 303);
  }
  let problem: 'confirm' | 'csrf' | null = null;
  if (astro.request.method === 'POST') {
    if (!(await checkCsrf(astro.request, astro.locals))) {
      problem = 'csrf';
      astro.response.status = 403;
    } else if ((await astro.request.formData()).get('confirm') !== 'yes') {
      problem = 'confirm';
      astro.response.status = 400;
    } else {
      await deleteMyAccount(astro.locals.services, person);
      astro.locals.log.info({ kind: person.kind }, 'account deleted by its owner');
      return astro.redirect(myDataPath(localeFrom(astro.currentLocale), { deleted: 1 }), 303);
    }
  }
  return { deleted: false, data: await readMyData(astro.locals.services, person, EVENTS_SHOWN), problem };
}

/** The download: the same data as the page, as a JSON file. */
export async function myDataDownload(context: {
  locals: App.Locals;
  currentLocale: string | undefined;
  url: URL;
}): Promise<Response> {
  const person = personOf(context.locals.viewer);
  if (!person)
    return new Response(null, { status: 303, headers: { location: toLogin(context.currentLocale, context.url) } });
  const data = await readMyData(context.locals.services, person);
  const readable = {
    ...data,
    events: data.events.map((event) => ({ ...event, details: event.details ? JSON.parse(event.details) : null })),
  };
  return new Response(`${JSON.stringify(readable, null, 2)}\n`, {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="cyberkort-my-data.json"',
      'cache-control': 'private, no-store',
    },
  });
}

/** The download's address: the page's path with `.json`. */
export const myDataDownloadPath = (locale: Locale): string => `${myDataPath(locale)}.json`;

/** A stored code in words when the site has a label for it, else the code itself. */
export function labelOr(locale: Locale, key: string, code: string): string {
  return key in dictionary[locale] ? t(locale, key as MessageKey) : code;
}

/** A stored instant as a date and a UTC time: a session's times matter to the minute. */
export const dateTime = (locale: Locale, iso: string | null): string | null =>
  iso ? `${formatDate(locale, iso)} ${iso.slice(11, 16)} UTC` : null;
