import type { Services } from '../../services';
import type { ProfileSource } from '../../use-cases/read-profile';

/**
 * What a page's one data call produced. The route file copies `status` onto the response before
 * anything is streamed (only a page's own frontmatter can still change it), and the feature
 * component renders the matching content.
 */
export type PageOutcome<T> = { status: 200; data: T } | { status: 404 } | { status: 500 };

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

/** Profiles for a page: one lookup each, straight from the catalog. */
export function catalogProfiles(services: Services): ProfileSource {
  return {
    company: (slug) => services.catalog.companyBySlug(slug),
    product: (slug) => services.catalog.productBySlug(slug),
  };
}

export function reportPageError(services: Services | undefined, page: string, error: unknown): void {
  if (services) services.log.error({ err: error, page }, 'page data could not be loaded');
  else console.error(`[cyberkort] page ${page}: data could not be loaded`, error);
}
