import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import {
  COMPANY_PARTS,
  type CompanyReadPart,
  hasOwnFacts,
  isCompanyPart,
  type PartialCompanyProfile,
  PRODUCT_DESCRIPTIONS,
  READ_PARTS,
} from '../../graph/catalog';
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
    productProfile: DataLoader<string, ProductProfile | null>;
  };
  /**
   * A company with only the profile parts a resolver will show (graph/catalog.ts COMPANY_PARTS,
   * OWN_FACTS for its own facts; READ_PARTS for the whole profile; none for its slug and name);
   * every call made while one level of the query resolves is one round trip together.
   */
  companyWith(slug: string, parts: Iterable<CompanyReadPart>): Promise<PartialCompanyProfile | null>;
  /**
   * Drops what the request has read of a company, after a mutation of the request changed it: the
   * mutations of one request run one after another, and each answers with the company as it left it.
   */
  forgetCompany(slug: string): void;
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

/** The key of a company read for its slug and name alone, which come with any part. */
const NAMING = 'naming';

/**
 * Loads companies by (slug, part). The batch reads each slug once with the union of the parts its
 * keys ask for, so the fields of one level of a query still cost one round trip, and a part asked
 * for again later in the request comes from the loader's cache.
 */
function companyParts(services: ApiServices) {
  const loader = new DataLoader<string, PartialCompanyProfile | null>(
    async (keys) => {
      const slugs = new Set<string>();
      const parts = new Set<CompanyReadPart>();
      for (const key of keys) {
        const [part, slug] = key.split('\u0000') as [string, string];
        slugs.add(slug);
        if (part !== NAMING) parts.add(part as CompanyReadPart);
      }
      // Products' descriptions come with the products: asked for alone they would read nothing.
      if (parts.has(PRODUCT_DESCRIPTIONS)) parts.add('products');
      const found = new Map(
        (await services.catalog.companyProfilesWith([...slugs], parts)).map((company) => [company.slug, company]),
      );
      return keys.map((key) => found.get(key.slice(key.indexOf('\u0000') + 1)) ?? null);
    },
    { maxBatchSize: 500 },
  );
  const load = async (slug: string, wanted: readonly string[]): Promise<PartialCompanyProfile | null> => {
    const loaded = await Promise.all(wanted.map((part) => loader.load(`${part}\u0000${slug}`)));
    if (loaded.some((company) => company === null)) return null;
    const [first, ...others] = loaded as PartialCompanyProfile[];
    if (!first || others.every((company) => company === first)) return first ?? null;
    return mergeParts(first, others);
  };
  /** Each company's first read in the request: any read holds its slug and name. */
  const firstReads = new Map<string, Promise<PartialCompanyProfile | null>>();
  const read = (slug: string, parts: Iterable<CompanyReadPart>): Promise<PartialCompanyProfile | null> => {
    const asked = new Set(parts);
    const wanted = READ_PARTS.filter((part) => asked.has(part));
    const held = firstReads.get(slug);
    // Only its slug and name (a product's `company { name }` under a company already read): no read.
    if (wanted.length === 0 && held) return held;
    const reading = load(slug, wanted.length ? wanted : [NAMING]);
    if (!held) firstReads.set(slug, reading);
    return reading;
  };
  const forget = (slug: string) => {
    firstReads.delete(slug);
    for (const part of [NAMING, ...READ_PARTS]) loader.clear(`${part}\u0000${slug}`);
  };
  return { read, forget };
}

/**
 * One company from reads made in different batches: the own facts of the first read that holds
 * them, all together (so its version goes with them), each part from the first read that holds
 * it, and products from a read that holds their descriptions when one does. A read never lends
 * what it did not read: a fuller profile is never made up of a partial one.
 */
function mergeParts(first: PartialCompanyProfile, others: PartialCompanyProfile[]): PartialCompanyProfile {
  const merged: PartialCompanyProfile = { ...first };
  const target = merged as Record<string, unknown>;
  for (const other of others) {
    if (!hasOwnFacts(merged) && hasOwnFacts(other)) {
      for (const [key, value] of Object.entries(other)) if (!isCompanyPart(key)) target[key] = value;
    }
    for (const part of COMPANY_PARTS) {
      if (target[part] === undefined && other[part] !== undefined) target[part] = other[part];
    }
    if (other.products && !described(merged) && described(other)) merged.products = other.products;
  }
  return merged;
}

const described = (company: PartialCompanyProfile) => company.products?.some((p) => p.description !== undefined);

export function createContext(services: ApiServices, server: GraphQLServerContext = {}): GraphQLContext {
  const log = server.log ?? services.log;
  const { read: companyWith, forget: forgetCompany } = companyParts(services);
  const loaders = {
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
    companyWith,
    forgetCompany,
    profiles: {
      // With every part read, a partial profile is the whole one.
      company: (slug) => companyWith(slug, READ_PARTS) as Promise<CompanyProfile | null>,
      product: (slug) => loaders.productProfile.load(slug),
    },
  };
}
