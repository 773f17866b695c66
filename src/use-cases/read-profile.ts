import { isSlug } from '../../graph/slug';
import type { CompanyProfile, ProductProfile } from '../../graph/views';

/**
 * Where profiles come from: the catalog for a page, the request's batching loaders for
 * GraphQL (so aliased lookups in one query cost one round trip).
 */
export interface ProfileSource {
  company(slug: string): Promise<CompanyProfile | null>;
  product(slug: string): Promise<ProductProfile | null>;
}

/**
 * Someone reads a company's or a product's public profile (its page, GraphQL `company` and
 * `product`). A value that cannot be a slug cannot name a listing: null without a query.
 */
export function readCompanyProfile<T = CompanyProfile>(
  source: { company(slug: string): Promise<T | null> },
  slug: string | undefined,
): Promise<T | null> {
  return isSlug(slug) ? source.company(slug) : Promise.resolve(null);
}

export function readProductProfile(source: ProfileSource, slug: string | undefined): Promise<ProductProfile | null> {
  return isSlug(slug) ? source.product(slug) : Promise.resolve(null);
}
