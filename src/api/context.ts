import DataLoader from 'dataloader';
import type { CompanyProfile, ProductProfile } from '../../graph/views';
import type { Services } from '../services';

/**
 * Per-request context. The loaders batch every nested lookup of one request into one Cypher
 * round trip per kind, so the cost of a query does not grow with the page size.
 */
export interface GraphQLContext {
  services: Omit<Services, 'graphql'>;
  loaders: {
    companyProfile: DataLoader<string, CompanyProfile | null>;
    productProfile: DataLoader<string, ProductProfile | null>;
  };
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

export function createContext(services: Omit<Services, 'graphql'>): GraphQLContext {
  return {
    services,
    loaders: {
      companyProfile: bySlug((slugs) => services.catalog.companyProfiles(slugs)),
      productProfile: bySlug((slugs) => services.catalog.productProfiles(slugs)),
    },
  };
}
