import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { CompanyProfile, ProductProfile } from '../../graph/views';
import { ANONYMOUS, type Viewer } from '../auth/viewer';
import type { ApiServices } from '../services';
import type { Visitor } from '../use-cases/demand-gate';
import type { ProfileSource } from '../use-cases/read-profile';
import type { MutationAdmission } from './mutation-guard';

/**
 * Per-request context. The loaders batch every nested lookup of one request into one Cypher
 * round trip per kind, so the cost of a query does not grow with the page size.
 */
export interface GraphQLContext {
  services: ApiServices;
  /** The request's logger: its lines carry the request id. */
  log: Logger;
  loaders: {
    companyProfile: DataLoader<string, CompanyProfile | null>;
    productProfile: DataLoader<string, ProductProfile | null>;
  };
  /** The use cases' view of the loaders. */
  profiles: ProfileSource;
  visitor: Visitor | undefined;
  /** Who is asking: what resolvers authorise against. */
  viewer: Viewer;
  /** Counts a mutation against the client's limit; absent when no HTTP client is behind the request. */
  admitMutation: (() => Promise<MutationAdmission>) | undefined;
  /** See GraphQLServerContext.sessionWithoutCsrfHeader. */
  sessionWithoutCsrfHeader: boolean;
}

/** What the HTTP server hands yoga with each request; `services.graphql(request)` passes nothing. */
export interface GraphQLServerContext {
  log?: Logger;
  /** Who asked, for counting demand; absent (not counted) when no HTTP request is behind the call. */
  visitor?: Visitor;
  /** From the session cookie or an API token; anonymous when absent. */
  viewer?: Viewer;
  /** The HTTP route's per-client mutation limit (src/api/mutation-guard.ts). */
  admitMutation?: () => Promise<MutationAdmission>;
  /**
   * The viewer comes from a session cookie and the request lacks yoga's CSRF-prevention header:
   * such a request may read, but a mutation is refused (src/api/mutation-guard.ts), whatever its
   * content type. A browser sends the cookie with any request; only the page's own scripts can add
   * the header.
   */
  sessionWithoutCsrfHeader?: boolean;
}

function bySlug<T extends { slug: string }>(load: (slugs: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(
    async (slugs) => {
      const found = new Map((await load(slugs)).map((item) => [item.slug, item]));
      return slugs.map((slug) => found.get(slug) ?? null);
    },
    { maxBatchSize: 500 },
  );
}

export function createContext(services: ApiServices, server: GraphQLServerContext = {}): GraphQLContext {
  const log = server.log ?? services.log;
  const loaders = {
    companyProfile: bySlug((slugs) => services.catalog.companyProfiles(slugs)),
    productProfile: bySlug((slugs) => services.catalog.productProfiles(slugs)),
  };
  return {
    services,
    log,
    visitor: server.visitor,
    viewer: server.viewer ?? ANONYMOUS,
    admitMutation: server.admitMutation,
    sessionWithoutCsrfHeader: server.sessionWithoutCsrfHeader ?? false,
    loaders,
    profiles: {
      company: (slug) => loaders.companyProfile.load(slug),
      product: (slug) => loaders.productProfile.load(slug),
    },
  };
}
