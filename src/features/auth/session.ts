import { ANONYMOUS, type Viewer } from '../../auth/viewer';
import { localeFrom } from '../../i18n';
import { loginPath } from '../../i18n/routes';

/** A person logged in with a session (not an API token). */
export type Person = Extract<Viewer, { kind: 'vendor' | 'staff' }>;

/** The viewer of a page; error pages may be rendered without locals, and are then anonymous. */
export const viewerOfPage = (locals: Partial<App.Locals> | undefined): Viewer => locals?.viewer ?? ANONYMOUS;

export const personOf = (viewer: Viewer): Person | null =>
  viewer.kind === 'vendor' || viewer.kind === 'staff' ? viewer : null;

/**
 * Where a page that only a logged-in person may see sends everyone else: the login page, coming
 * back to this page. An expired session is anonymous, so it lands there too.
 */
export const toLogin = (currentLocale: string | undefined, url: URL): string =>
  loginPath(localeFrom(currentLocale), `${url.pathname}${url.search}`);
