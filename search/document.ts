import { z } from 'zod';

/**
 * The search document, defined once. Its type, its validation at the write boundary and the field
 * lists both engines configure themselves from (the embedded engine's text index, Meilisearch's
 * searchable, filterable, sortable and displayed attributes) all come from here, so a field is
 * added in one place. Vocabulary values (size band, languages) stay plain strings: the search
 * engine knows nothing about the graph.
 */

export const DOCUMENT_KINDS = ['company', 'product'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const codes = z.array(z.string());

/** A searchable listing: one per company and one per product/service. */
export const searchDocumentSchema = z.object({
  /** `company:<slug>` or `product:<slug>`; the engine's primary key. */
  id: z.string().min(1),
  kind: z.enum(DOCUMENT_KINDS),
  slug: z.string(),
  name: z.string(),
  /** The company that owns the listing (for a company, itself). */
  companySlug: z.string(),
  companyName: z.string(),
  descriptionDa: z.string(),
  descriptionEn: z.string(),
  /** Curated words that reach this listing: need names and keywords, category names, synonyms (da + en). */
  keywords: z.array(z.string()),
  /** Facets. Each is a list of codes/slugs so that filters and counts work the same on both engines. */
  needs: codes,
  categories: codes,
  csfFunctions: codes,
  certifications: codes,
  regions: codes,
  municipalities: codes,
  sizeBand: z.string(),
  languages: codes,
  /** Lowest listed price in DKK, or null when priced on request. */
  priceFrom: z.number().nullable(),
  smeFit: z.boolean(),
  /** Epoch milliseconds of the last change; used for sorting by newest. */
  updatedAt: z.number(),
  /**
   * Epoch milliseconds of the company's last yearly confirmation (its products share it); null or
   * absent when unknown. Results are marked "not confirmed for over a year" from it at query time.
   */
  confirmedAt: z.number().nullable().optional(),
});

export type SearchDocument = z.infer<typeof searchDocumentSchema>;
export type DocumentField = keyof SearchDocument;

/** Every field, in the schema's order. */
export const DOCUMENT_FIELDS: readonly DocumentField[] = searchDocumentSchema.keyof().options;

export type ListField = { [F in DocumentField]: SearchDocument[F] extends string[] ? F : never }[DocumentField];

/** The fields that hold lists of strings. */
export const LIST_FIELDS = DOCUMENT_FIELDS.filter(
  (field) => searchDocumentSchema.shape[field] instanceof z.ZodArray,
) as readonly ListField[];

export const FACETS = [
  'kind',
  'needs',
  'categories',
  'csfFunctions',
  'certifications',
  'regions',
  'municipalities',
  'sizeBand',
  'languages',
] as const satisfies readonly DocumentField[];
export type FacetName = (typeof FACETS)[number];

/**
 * The text fields and their weight in relevance: the listing's name first, then curated keywords, the
 * owner's name, then the descriptions. Listed in the order the embedded engine indexes them.
 */
export const TEXT_FIELD_BOOSTS = {
  name: 6,
  companyName: 2,
  keywords: 3,
  descriptionDa: 1,
  descriptionEn: 1,
} as const satisfies Partial<Record<DocumentField, number>>;
export type TextField = keyof typeof TEXT_FIELD_BOOSTS;
export const TEXT_FIELDS = Object.keys(TEXT_FIELD_BOOSTS) as TextField[];

/** Fields filtered on besides the facets: SearchFilters' smeFit, maxPrice and companySlug. */
export const FILTER_FIELDS = ['smeFit', 'priceFrom', 'companySlug'] as const satisfies readonly DocumentField[];

/** Fields the sort orders compare. */
export const SORT_FIELDS = ['name', 'priceFrom', 'updatedAt'] as const satisfies readonly DocumentField[];

/** Reject malformed documents at the write boundary, where the caller can still be told which one. */
export function assertSearchDocument(doc: unknown): asserts doc is SearchDocument {
  const result = searchDocumentSchema.safeParse(doc);
  if (result.success) return;
  const id = (doc as { id?: unknown } | null)?.id;
  const where = typeof id === 'string' ? ` (${id})` : '';
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'document'}: ${issue.message}`);
  throw new TypeError(`search document${where}: ${problems.join('; ')}`);
}
