import type { Executor } from '../../graph/executor';
import { type CompanyListingRow, type ProductListingRow, readListingRows } from '../../graph/listings';
import type { SearchDocument } from '../../search/types';

/**
 * Turns the graph's listing rows into search documents: one per company and one per active
 * product. This is where graph/ and search/ meet, so it lives on the side that may import both.
 */

const unique = (values: Iterable<string>) => [...new Set(values)].sort();
const time = (iso: string | null) => (iso ? Date.parse(iso) || 0 : 0);

function productFacets(product: ProductListingRow) {
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
    confirmedAt: row.confirmedAt ? time(row.confirmedAt) || null : null,
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

/** Documents for the given companies (all when slugs is null), a page of companies at a time. */
export async function* readListingDocuments(
  executor: Executor,
  slugs: readonly string[] | null,
  pageSize = 500,
): AsyncGenerator<SearchDocument[]> {
  for await (const rows of readListingRows(executor, slugs, pageSize)) yield rows.flatMap(toDocuments);
}
