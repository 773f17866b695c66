import neo4j from 'neo4j-driver';
import type { Executor } from './executor';
import { VALID_HOLDING } from './trust';

/**
 * What a listing is made of, read from the graph: per company, its facets and its active
 * products with theirs. The keywords come from the graph's links (needs and their curated
 * everyday words, category names), so an SME reaches a listing through words the vendor never
 * wrote. Search documents are built from these rows outside graph/ (src/indexing).
 */

// Returns one row per company in $slugs (or every company when $slugs is null): the company
// document's facets plus one entry per active product with that product's own facets. A fact a
// writer left out reads as empty (as in the match candidates), so one incomplete listing cannot
// stop the whole index from being built.
export const LISTING_ROWS = `
MATCH (c:Company)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
WHERE $slugs IS NULL OR c.slug IN $slugs
WITH c, m, r ORDER BY c.slug SKIP $skip LIMIT $limit
RETURN c.slug AS slug, coalesce(c.name, c.slug) AS name,
  coalesce(c.descriptionDa, '') AS descriptionDa, coalesce(c.descriptionEn, '') AS descriptionEn,
  coalesce(c.sizeBand, '') AS sizeBand, coalesce(c.languages, []) AS languages, toString(c.updatedAt) AS updatedAt,
  toString(c.confirmedAt) AS confirmedAt,
  m.code AS municipality, r.code AS region,
  [(c)-[:SERVES]->(sr:Region) | sr.code] AS regionsServed,
  [(c)-[h:HOLDS]->(cert:Certification) WHERE ${VALID_HOLDING} | cert.code] AS certifications,
  [(c)-[:OFFERS]->(p:Product {status: 'active'}) | {
    slug: p.slug, name: coalesce(p.name, p.slug),
    descriptionDa: coalesce(p.descriptionDa, ''), descriptionEn: coalesce(p.descriptionEn, ''),
    languages: coalesce(p.languages, []), priceFrom: p.priceFromDkk, smeFit: coalesce(p.smeFit, false),
    updatedAt: toString(p.updatedAt),
    needs: [(p)-[:ADDRESSES]->(n:Need) | {slug: n.slug,
            words: [w IN [n.nameDa, n.nameEn] WHERE w IS NOT NULL] + coalesce(n.keywordsDa, []) + coalesce(n.keywordsEn, [])}],
    categories: [(p)-[:IN_CATEGORY]->(cat:Category) | {code: cat.code,
                 words: [w IN [cat.nameDa, cat.nameEn] WHERE w IS NOT NULL],
                 parents: [(cat)-[:PART_OF]->(parent:Category) | parent.code]}],
    csfFunctions: [(p)-[:COVERS]->(:CsfCategory)-[:IN_FUNCTION]->(f:CsfFunction) | f.code]
  }] AS products`;

export interface ProductListingRow {
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
  /** The company's last yearly confirmation; its products share it. */
  confirmedAt: string | null;
  municipality: string;
  region: string;
  regionsServed: string[];
  certifications: string[];
  products: ProductListingRow[];
}

/** Reads listing rows for the given companies (all when slugs is null), in pages so memory stays flat. */
export async function* readListingRows(
  executor: Executor,
  slugs: readonly string[] | null,
  pageSize = 500,
): AsyncGenerator<CompanyListingRow[]> {
  for (let skip = 0; ; skip += pageSize) {
    const rows = await executor.read<CompanyListingRow>('listings.rows', LISTING_ROWS, {
      slugs,
      skip: neo4j.int(skip),
      limit: neo4j.int(pageSize),
    });
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
  }
}
