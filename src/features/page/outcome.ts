import type { Services } from '../../services';
import type { ProfileSource } from '../../use-cases/read-profile';

/**
 * What a page's one data call produced. The route file copies `status` onto the response before
 * anything is streamed (only a page's own frontmatter can still change it), and the feature
 * component renders the matching content.
 */
export type PageOutcome<T> = { status: 200; data: T } | { status: 404 } | { status: 500 } | { status: 503 };

/** How long a visitor (or a crawler) is asked to wait before trying an unavailable page again. */
export const RETRY_AFTER_SECONDS = 30;

/**
 * Neo4j down or too slow is an outage to wait out (503), anything else a fault of ours (500). The
 * error is recognised by name and code, not instanceof: the built site bundles its own copy of
 * graph/executor.ts, while the services that throw were loaded by the server from the source.
 */
export function failureStatus(error: unknown): 500 | 503 {
  if (!(error instanceof Error) || error.name !== 'GraphError') return 500;
  const { code } = error as Error & { code?: unknown };
  return code === 'GRAPH_UNAVAILABLE' || code === 'GRAPH_TIMEOUT' ? 503 : 500;
}

/** Puts an outcome's status on the page's response (`Astro.response`); an outage also says when to come back. */
export function applyStatus(response: { status?: number; headers: Headers }, outcome: { status: number }): void {
  response.status = outcome.status;
  if (outcome.status === 503) response.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
}

/**
 * Runs a page's data call. `null` from the loader means "not found". A failure is logged with the
 * page name and becomes a 503 or 500 outcome, so visitors get a page that says what happened and
 * never a stack trace.
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
    return { status: failureStatus(error) };
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
