import { NEEDS } from '../../graph/data/needs';
import { TAXONOMIES } from '../../graph/data/taxonomies';
import type { CompanyListingRow, ProductListingRow } from '../../graph/listings';
import type { Ecosystem, NeedRow, Taxonomies } from '../../graph/model';
import { generateEcosystem, SAMPLE_REFERENCE_DATE } from '../../graph/sample/generate';
import type { SearchDocument } from '../../search/types';
import { toDocuments } from './documents';

/**
 * The search documents of the product's sample ecosystem, built without Neo4j: the rows that
 * `LISTING_ROWS` (graph/listings.ts) would read after `seedAll` loaded the taxonomies, the needs
 * catalogue and `generateEcosystem(...)`, turned into documents by the product's own `toDocuments`.
 * Used by the relevance benchmark and its floor test, so they measure the listings a visitor of a
 * freshly started Cyberkort searches (300 companies, seed 1: the server's SAMPLE_COMPANIES default).
 *
 * Mirrors the Cypher exactly where it matters for search: only active products; a need's words are
 * its Danish and English names followed by its Danish and English keywords; a category's words are
 * its two names and its parents its PART_OF codes; a product's CSF functions are those of its CSF
 * categories (one per category, as the pattern comprehension yields them); a certification counts
 * while `validUntil` is unset or not before `referenceDate` (the graph compares with today).
 * `updatedAt` and `confirmedAt` are the graph's load-time stamps, so here they are null.
 */
export interface SampleDocumentOptions {
  companies?: number;
  seed?: number;
  /** Also the date certifications are checked against; default SAMPLE_REFERENCE_DATE (deterministic). */
  referenceDate?: string;
}

/** Pure: the listing rows the graph would hold for `ecosystem` over the given catalogue. */
export function sampleListingRows(
  ecosystem: Ecosystem,
  needs: readonly NeedRow[] = NEEDS,
  taxonomies: Taxonomies = TAXONOMIES,
  referenceDate: string = SAMPLE_REFERENCE_DATE,
): CompanyListingRow[] {
  const needsBySlug = new Map(needs.map((n) => [n.slug, n]));
  const categories = new Map(taxonomies.categories.map((c) => [c.code, c]));
  const csfFunction = new Map(taxonomies.csfCategories.map((c) => [c.code, c.functionCode]));
  const regionOf = new Map(taxonomies.municipalities.map((m) => [m.code, m.regionCode]));
  const productsOf = new Map<string, ProductListingRow[]>();
  const known = <T>(value: T | undefined): value is T => value !== undefined;

  for (const p of ecosystem.products) {
    if (p.status !== 'active') continue;
    const row: ProductListingRow = {
      slug: p.slug,
      name: p.name,
      descriptionDa: p.description.da,
      descriptionEn: p.description.en,
      languages: [...p.languages],
      priceFrom: p.priceFromDkk,
      smeFit: p.smeFit,
      updatedAt: null,
      needs: p.needSlugs
        .map((slug) => needsBySlug.get(slug))
        .filter(known)
        .map((n) => ({ slug: n.slug, words: [n.name.da, n.name.en, ...n.keywords.da, ...n.keywords.en] })),
      categories: p.categoryCodes
        .map((code) => categories.get(code))
        .filter(known)
        .map((c) => ({
          code: c.code,
          words: [c.name.da, c.name.en],
          parents: c.parentCode && categories.has(c.parentCode) ? [c.parentCode] : [],
        })),
      csfFunctions: p.csfCategoryCodes.map((code) => csfFunction.get(code)).filter(known),
    };
    productsOf.set(p.companySlug, [...(productsOf.get(p.companySlug) ?? []), row]);
  }

  return ecosystem.companies.flatMap((c): CompanyListingRow[] => {
    const region = regionOf.get(c.municipalityCode);
    if (region === undefined) return []; // the graph's MATCH on LOCATED_IN/IN_REGION would drop it too
    return [
      {
        slug: c.slug,
        name: c.name,
        descriptionDa: c.description.da,
        descriptionEn: c.description.en,
        sizeBand: c.sizeBand,
        languages: [...c.languages],
        updatedAt: null,
        confirmedAt: null,
        municipality: c.municipalityCode,
        region,
        regionsServed: [...c.regionsServed],
        certifications: c.certifications
          .filter((h) => h.validUntil === null || h.validUntil >= referenceDate)
          .map((h) => h.code),
        products: productsOf.get(c.slug) ?? [],
      },
    ];
  });
}

/** The sample's search documents (companies and their active products), deterministic for given options. */
export function sampleSearchDocuments(options: SampleDocumentOptions = {}): SearchDocument[] {
  const referenceDate = options.referenceDate ?? SAMPLE_REFERENCE_DATE;
  const ecosystem = generateEcosystem({ companies: options.companies ?? 300, seed: options.seed ?? 1, referenceDate });
  return sampleListingRows(ecosystem, NEEDS, TAXONOMIES, referenceDate).flatMap(toDocuments);
}
