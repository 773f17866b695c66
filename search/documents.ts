import neo4j from 'neo4j-driver';
import type { Executor } from '../graph/executor';
import { VALID_HOLDING } from '../graph/trust';
import type { SearchDocument } from './types';

/**
 * Builds search documents from the graph: one per company and one per active product. The
 * keywords come from the graph's links (needs and their curated everyday words, category
 * names), so an SME reaches a listing through words the vendor never wrote.
 */

// Returns one row per company in $slugs (or every company when $slugs is null): the company
// document's facets plus one entry per active product with that product's own facets.
export const LISTING_DOCUMENTS = `
MATCH (c:Company)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
WHERE $slugs IS NULL OR c.slug IN $slugs
WITH c, m, r ORDER BY c.slug SKIP $skip LIMIT $limit
RETURN c.slug AS slug, c.name AS name, c.descriptionDa AS descriptionDa, c.descriptionEn AS descriptionEn,
  c.sizeBand AS sizeBand, c.languages AS languages, toString(c.updatedAt) AS updatedAt,
  m.code AS municipality, r.code AS region,
  [(c)-[:SERVES]->(sr:Region) | sr.code] AS regionsServed,
  [(c)-[h:HOLDS]->(cert:Certification) WHERE ${VALID_HOLDING} | cert.code] AS certifications,
  [(c)-[:OFFERS]->(p:Product {status: 'active'}) | {
    slug: p.slug, name: p.name, descriptionDa: p.descriptionDa, descriptionEn: p.descriptionEn,
    languages: p.languages, priceFrom: p.priceFromDkk, smeFit: p.smeFit, updatedAt: toString(p.updatedAt),
    needs: [(p)-[:ADDRESSES]->(n:Need) | {slug: n.slug, words: [n.nameDa, n.nameEn] + n.keywordsDa + n.keywordsEn}],
    categories: [(p)-[:IN_CATEGORY]->(cat:Category) | {code: cat.code, words: [cat.nameDa, cat.nameEn],
                 parents: [(cat)-[:PART_OF]->(parent:Category) | parent.code]}],
    csfFunctions: [(p)-[:COVERS]->(:CsfCategory)-[:IN_FUNCTION]->(f:CsfFunction) | f.code]
  }] AS products`;

interface ProductRow {
  slug: string;
  name: string;
  descriptionDa: string;
  descriptionEn: string;
  languages: string[];
  priceFrom: number | null;
  smeFit: boolean;
  updatedAt: string | null;
  needs: Array<{ slug: string; words: string[] }>;
  categories: Array<{ code: string; words: string[]; parents: string[] }>;
  csfFunctions: string[];
}

export interface CompanyListingRow {
  slug: string;
  name: string;
  descriptionDa: string;
  descriptionEn: string;
  sizeBand: string;
  languages: string[];
  updatedAt: string | null;
  municipality: string;
  region: string;
  regionsServed: string[];
  certifications: string[];
  products: ProductRow[];
}

const unique = (values: Iterable<string>) => [...new Set(values)].sort();
const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0);

function productFacets(product: ProductRow) {
  return {
    needs: product.needs.map((need) => need.slug),
    categories: product.categories.flatMap((category) => [category.code, ...category.parents]),
    csfFunctions: product.csfFunctions,
    keywords: [
      ...product.needs.flatMap((need) => need.words),
      ...product.categories.flatMap((category) => category.words),
    ],
  };
}

/** Pure: turns one company row into its company document and its product documents. */
export function toDocuments(row: CompanyListingRow): SearchDocument[] {
  const regions = unique([row.region, ...row.regionsServed]);
  const shared = {
    companySlug: row.slug,
    companyName: row.name,
    certifications: unique(row.certifications),
    regions,
    municipalities: [row.municipality],
    sizeBand: row.sizeBand,
  };
  const products = row.products.map((product): SearchDocument => {
    const facets = productFacets(product);
    return {
      ...shared,
      id: `product:${product.slug}`,
      kind: 'product',
      slug: product.slug,
      name: product.name,
      descriptionDa: product.descriptionDa,
      descriptionEn: product.descriptionEn,
      keywords: unique(facets.keywords),
      needs: unique(facets.needs),
      categories: unique(facets.categories),
      csfFunctions: unique(facets.csfFunctions),
      languages: unique(product.languages),
      priceFrom: product.priceFrom ?? null,
      smeFit: Boolean(product.smeFit),
      updatedAt: time(product.updatedAt),
    };
  });
  const prices = row.products.map((p) => p.priceFrom).filter((price): price is number => typeof price === 'number');
  const all = row.products.map(productFacets);
  const company: SearchDocument = {
    ...shared,
    id: `company:${row.slug}`,
    kind: 'company',
    slug: row.slug,
    name: row.name,
    descriptionDa: row.descriptionDa,
    descriptionEn: row.descriptionEn,
    keywords: unique([...all.flatMap((f) => f.keywords), ...row.products.map((p) => p.name)]),
    needs: unique(all.flatMap((f) => f.needs)),
    categories: unique(all.flatMap((f) => f.categories)),
    csfFunctions: unique(all.flatMap((f) => f.csfFunctions)),
    languages: unique(row.languages),
    priceFrom: prices.length > 0 ? Math.min(...prices) : null,
    smeFit: row.products.some((p) => p.smeFit),
    updatedAt: Math.max(time(row.updatedAt), ...row.products.map((p) => time(p.updatedAt))),
  };
  return [company, ...products];
}

/** Reads documents for the given companies (all when slugs is null), in pages so memory stays flat. */
export async function* readListingDocuments(
  executor: Executor,
  slugs: string[] | null,
  pageSize = 500,
): AsyncGenerator<SearchDocument[]> {
  for (let skip = 0; ; skip += pageSize) {
    const rows = await executor.read<CompanyListingRow>('search.documents', LISTING_DOCUMENTS, {
      slugs,
      skip: neo4j.int(skip),
      limit: neo4j.int(pageSize),
    });
    if (rows.length === 0) return;
    yield rows.flatMap(toDocuments);
    if (rows.length < pageSize) return;
  }
}
