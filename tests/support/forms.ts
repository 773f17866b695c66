import { type CookieJar, send } from './login';

/**
 * The site's HTML forms, for tests: posting one as a browser does (url-encoded, with the page's own
 * Origin unless told otherwise) and reading a page's hidden fields and CSRF token.
 */

/** Posts `fields` to `url` as a browser's form; `headers` replace the default same-site Origin. */
export function postForm(
  jar: CookieJar,
  url: URL,
  fields: Record<string, string> | URLSearchParams,
  headers: Record<string, string> = { origin: url.origin },
): Promise<Response> {
  return send(jar, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The value of a page's hidden field, or '' where there is none. */
export const hiddenField = (html: string, name: string): string =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';

/** The CSRF token a page's form carries, or '' where there is none. */
export const csrfTokenIn = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The CSRF token on the page at `url` as `jar`'s person sees it; throws where the page has none. */
export async function csrfOf(jar: CookieJar, url: URL): Promise<string> {
  const token = csrfTokenIn(await (await send(jar, url)).text());
  if (!token) throw new Error(`no CSRF token on ${url.pathname}`);
  return token;
}
