import type { Services } from '../../services';

/**
 * What a page's one data call produced. The route file copies `status` onto the response before
 * anything is streamed (only a page's own frontmatter can still change it), and the feature
 * component renders the matching content.
 */
export type PageOutcome<T> = { status: 200; data: T } | { status: 404 } | { status: 500 };

const SLUG = /^[a-z0-9][a-z0-9-]{0,149}$/;

/** Slugs are lowercase words joined by hyphens; anything else cannot exist, so it is a 404 without a query. */
export function isSlug(value: string | undefined): value is string {
  return value !== undefined && SLUG.test(value);
}

/**
 * Runs a page's data call. `null` from the loader means "not found". A failure is logged with the
 * page name and becomes a 500 outcome, so visitors get the error page and never a stack trace.
 */
export async function loadPage<T>(
  services: Services | undefined,
  page: string,
  load: (services: Services) => Promise<T | null>,
): Promise<PageOutcome<T>> {
  try {
    if (!services) throw new Error('Astro.locals.services is missing; serve the site through src/server.ts');
    const data = await load(services);
    return data === null ? { status: 404 } : { status: 200, data };
  } catch (error) {
    reportPageError(services, page, error);
    return { status: 500 };
  }
}

export function reportPageError(services: Services | undefined, page: string, error: unknown): void {
  if (services) services.log.error({ err: error, page }, 'page data could not be loaded');
  else console.error(`[cyberkort] page ${page}: data could not be loaded`, error);
}
