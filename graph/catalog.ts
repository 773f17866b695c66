import neo4j from 'neo4j-driver';
import type { Executor } from './executor';
import type { SizeBand, Text } from './model';
import { HOLDING_TRUST, VALID_HOLDING } from './trust';
import type {
  CategoryNode,
  CodeName,
  CompanyProfile,
  CompanySummary,
  CsfFunctionNode,
  NeedSummary,
  NeedView,
  ProductProfile,
  ProductSummary,
  RegionNode,
  TaxonomyLabels,
} from './views';

/**
 * Read queries for companies, products, needs and the taxonomies. Every function is one
 * Cypher round trip whatever the number of items, so GraphQL loaders and pages stay bounded.
 */

export interface ListingFilter {
  regions?: string[];
  municipalities?: string[];
  categories?: string[];
  needs?: string[];
  csfFunctions?: string[];
  certifications?: string[];
  sizeBands?: SizeBand[];
  languages?: string[];
}

export interface Page<T> {
  total: number;
  items: T[];
}

const COMPANY_DESCRIPTION = '{da: c.descriptionDa, en: c.descriptionEn}';
const PRODUCT_DESCRIPTION = '{da: p.descriptionDa, en: p.descriptionEn}';

/** What names a company: all a profile read without its own facts holds besides its parts. */
const COMPANY_NAMING = 'slug: c.slug, name: c.name';
/** A company's summary without its slug, name and description (the one long text in it). */
const COMPANY_SUMMARY_REST = `
  cvr: c.cvr, legalForm: c.legalForm,
  city: c.city, sizeBand: c.sizeBand, languages: c.languages, website: c.website, sample: c.sample,
  municipality: {code: m.code, name: m.name, regionCode: r.code},
  region: {code: r.code, name: r.name, nameEn: r.nameEn}`;
/** A company's summary without its description. */
const COMPANY_SUMMARY_FACTS = `${COMPANY_NAMING}, ${COMPANY_SUMMARY_REST}`;
const COMPANY_SUMMARY_FIELDS = `${COMPANY_SUMMARY_FACTS}, description: ${COMPANY_DESCRIPTION}`;

/** A product's summary without its description. */
const PRODUCT_SUMMARY_FACTS = `
  slug: p.slug, name: p.name, kind: p.kind,
  pricingModel: p.pricingModel, priceFromDkk: p.priceFromDkk, delivery: p.delivery,
  languages: p.languages, smeFit: p.smeFit, status: p.status,
  companySlug: c.slug, companyName: c.name`;
const PRODUCT_SUMMARY_FIELDS = `${PRODUCT_SUMMARY_FACTS}, description: ${PRODUCT_DESCRIPTION}`;

const provenance = (v: string) => `{source: ${v}.source, submittedBy: ${v}.submittedBy,
  submittedAt: toString(${v}.submittedAt), approvedBy: ${v}.approvedBy, approvedAt: toString(${v}.approvedAt)}`;

const codeName = (v: string) => `{code: ${v}.code, name: {da: ${v}.nameDa, en: ${v}.nameEn}}`;
/**
 * A listing's needs are read as slugs: names and summaries come from the needs catalogue, which is
 * read once per process (Catalog.needs), so profiles carry no repeated need texts.
 */
const NEED_SLUG = 'n.slug';

/** How soon a listing naming a need the catalogue lacks may have the catalogue read again. */
const NEEDS_REREAD_MS = 10_000;

/**
 * The parts of a company profile that each take a traversal of their own, or a long text. A reader
 * names the parts it will show (GraphQL: the fields its selection asks for), and the read traverses
 * and carries only those: the full profile at 10,000 companies costs Neo4j about 900 db hits, a
 * company with its products' needs about a fifth of that. The company's other properties (address,
 * contact, founded, …) are read all together or not at all, as one more part (OWN_FACTS).
 */
export const COMPANY_PARTS = [
  'description',
  'regionsServed',
  'sectors',
  'competences',
  'certifications',
  'products',
  'partners',
  'needs',
] as const;
export type CompanyPart = (typeof COMPANY_PARTS)[number];
const COMPANY_PART_NAMES: ReadonlySet<string> = new Set(COMPANY_PARTS);
export const isCompanyPart = (name: string): name is CompanyPart => COMPANY_PART_NAMES.has(name);
/** Besides the profile's own parts: its products' descriptions (with `products`). */
export const PRODUCT_DESCRIPTIONS = 'productDescriptions';
/**
 * Besides the parts: the company's own facts beyond its slug and name (CVR, address, contact,
 * place, size, stamps, version, provenance). Short, but a read that shows only a name and a part
 * (`company(slug) { name products { … } }`) is about a tenth cheaper in Neo4j without them.
 */
export const OWN_FACTS = 'facts';
export type CompanyReadPart = CompanyPart | typeof PRODUCT_DESCRIPTIONS | typeof OWN_FACTS;
export const READ_PARTS: readonly CompanyReadPart[] = [...COMPANY_PARTS, PRODUCT_DESCRIPTIONS, OWN_FACTS];

/** A company's own facts: the profile but for its slug, name and parts. */
export type CompanyFacts = Omit<CompanyProfile, CompanyPart | 'slug' | 'name'>;

/**
 * A profile read with some of its parts: the parts not asked for are absent, and so are its
 * products' descriptions unless asked for, and its own facts (all of them) unless asked for.
 */
export type PartialCompanyProfile = Pick<CompanyProfile, 'slug' | 'name'> &
  Partial<CompanyFacts> &
  Partial<Omit<Pick<CompanyProfile, CompanyPart>, 'products'>> & {
    products?: Array<Omit<CompanyProfile['products'][number], 'description'> & { description?: Text }>;
  };

/** A partial profile read with its own facts. */
export type CompanyWithFacts = PartialCompanyProfile & CompanyFacts;

/**
 * Whether `company` was read with its own facts: its version comes only with them, and they come
 * all together (companyProfilesQuery reads every one or none; a null property stays a key with a
 * null value), so one of them being there says they all are.
 */
export const hasOwnFacts = <T extends Partial<PartialCompanyProfile>>(company: T): company is T & CompanyFacts =>
  company.version !== undefined;

const COMPANY_PART_CYPHER: Record<Exclude<CompanyPart, 'products'>, string> = {
  description: COMPANY_DESCRIPTION,
  regionsServed: '[(c)-[:SERVES]->(sr:Region) | {code: sr.code, name: sr.name, nameEn: sr.nameEn}]',
  sectors: `[(c)-[:EXPERIENCED_IN]->(s:Sector) | ${codeName('s')}]`,
  competences: `[(c)-[hc:HAS_COMPETENCE]->(sk:Skill) |
    {code: sk.code, name: {da: sk.nameDa, en: sk.nameEn}, kind: sk.kind, headcount: hc.headcount,
     provenance: ${provenance('hc')}}]`,
  certifications: `[(c)-[h:HOLDS]->(cert:Certification) WHERE ${VALID_HOLDING} | {
    code: cert.code, name: cert.name, kind: cert.kind,
    validUntil: toString(h.validUntil), evidence: h.evidence, source: h.source,
    verifiedBy: h.verifiedBy, verifiedAt: toString(h.verifiedAt),
    certificateNumber: h.certificateNumber, issuer: h.issuer, verificationMethod: h.verificationMethod,
    verifiedByUser: h.verifiedByUser, provenance: ${provenance('h')},
    trust: ${HOLDING_TRUST}}]`,
  partners: '[(c)-[:PARTNER_OF]-(o:Company) | {slug: o.slug, name: o.name}]',
  needs: `COLLECT { MATCH (c)-[:OFFERS]->(p:Product {status: 'active'})-[:ADDRESSES]->(n:Need) RETURN DISTINCT ${NEED_SLUG} }`,
};

const COMPANY_OWN_FACTS = `,${COMPANY_SUMMARY_REST},
  address: c.address, postcode: c.postcode, email: c.email, phone: c.phone,
  founded: c.founded, employees: c.employees, customerSizeBands: c.customerSizeBands,
  updatedAt: toString(c.updatedAt), confirmedAt: toString(c.confirmedAt), version: c.version,
  provenance: ${provenance('c')}`;

/**
 * Company profiles with the given parts for a batch of slugs; unknown slugs are simply absent.
 * A company is found only where it is placed in a municipality, whether its place is read or not.
 */
export function companyProfilesQuery(parts: Iterable<CompanyReadPart>): string {
  const wanted = new Set(parts);
  const projections = COMPANY_PARTS.filter((part) => wanted.has(part)).map((part) => {
    if (part !== 'products') return `,\n  ${part}: ${COMPANY_PART_CYPHER[part]}`;
    const description = wanted.has(PRODUCT_DESCRIPTIONS) ? `, description: ${PRODUCT_DESCRIPTION}` : '';
    return `,\n  products: [(c)-[:OFFERS]->(p:Product) WHERE p.status = 'active' | {${PRODUCT_SUMMARY_FACTS}${description},
    needs: [(p)-[:ADDRESSES]->(n:Need) | ${NEED_SLUG}]}]`;
  });
  return `
UNWIND $slugs AS slug
MATCH (c:Company {slug: slug})-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
RETURN {${COMPANY_NAMING}${wanted.has(OWN_FACTS) ? COMPANY_OWN_FACTS : ''}${projections.join('')}
} AS company`;
}

/** Full company profiles for a batch of slugs; unknown slugs are simply absent. */
export const COMPANY_PROFILES = companyProfilesQuery(READ_PARTS);

/** Full product profiles (with their company) for a batch of slugs. */
export const PRODUCT_PROFILES = `
UNWIND $slugs AS slug
MATCH (c:Company)-[:OFFERS]->(p:Product {slug: slug})
MATCH (c)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
RETURN {${PRODUCT_SUMMARY_FIELDS},
  updatedAt: toString(p.updatedAt), confirmedAt: toString(c.confirmedAt), version: p.version,
  provenance: ${provenance('p')},
  needs: [(p)-[:ADDRESSES]->(n:Need) | ${NEED_SLUG}],
  categories: [(p)-[:IN_CATEGORY]->(cat:Category) | ${codeName('cat')}],
  csfCategories: [(p)-[:COVERS]->(csf:CsfCategory) | ${codeName('csf')}],
  regulations: [(p)-[:HELPS_COMPLY]->(reg:Regulation) | ${codeName('reg')}],
  company: {${COMPANY_SUMMARY_FIELDS}}
} AS product`;

// Filters are parameters; a null list means "no filter on this facet". Within a facet values are OR-ed.
const COMPANY_CONDITIONS = `($regions IS NULL OR r.code IN $regions)
  AND ($municipalities IS NULL OR m.code IN $municipalities)
  AND ($sizeBands IS NULL OR c.sizeBand IN $sizeBands)
  AND ($languages IS NULL OR any(language IN c.languages WHERE language IN $languages))
  AND ($certifications IS NULL OR EXISTS {
    MATCH (c)-[h:HOLDS]->(cert:Certification) WHERE cert.code IN $certifications AND ${VALID_HOLDING} })`;
const COMPANY_FILTER = `
WHERE ${COMPANY_CONDITIONS}`;

// The product facets besides needs, for the queries that start from the chosen needs.
const PRODUCT_FACETS_BESIDES_NEEDS = `
  ($categories IS NULL OR EXISTS {
    MATCH (p)-[:IN_CATEGORY]->(cat:Category) WHERE cat.code IN $categories
       OR EXISTS { MATCH (cat)-[:PART_OF]->(parent:Category) WHERE parent.code IN $categories } })
  AND ($csfFunctions IS NULL OR EXISTS {
    MATCH (p)-[:COVERS]->(:CsfCategory)-[:IN_FUNCTION]->(f:CsfFunction) WHERE f.code IN $csfFunctions })`;

const PRODUCT_FACETS = `
  ($needs IS NULL OR EXISTS { MATCH (p)-[:ADDRESSES]->(n:Need) WHERE n.slug IN $needs })
  AND ${PRODUCT_FACETS_BESIDES_NEEDS}`;

const PRODUCT_FACETS_ACTIVE = `($needs IS NULL AND $categories IS NULL AND $csfFunctions IS NULL)`;

const COMPANY_PAGE_ORDERED = `
WITH c, m, r ORDER BY c.name, c.slug
WITH collect({c: c, m: m, r: r}) AS rows
RETURN size(rows) AS total,
  [row IN rows[$offset..($offset + $limit)] | {c: row.c, m: row.m, r: row.r}] AS page`;

export const COMPANY_PAGE = `
MATCH (c:Company)
MATCH (c)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
${COMPANY_FILTER}
  AND (${PRODUCT_FACETS_ACTIVE} OR EXISTS {
    MATCH (c)-[:OFFERS]->(p:Product {status: 'active'}) WHERE ${PRODUCT_FACETS} })${COMPANY_PAGE_ORDERED}`;

// Where the chosen needs' active products meet the companies' locations. Both sides are read
// once and joined on the company: expanding each company found from a need to its municipality
// reads all of the company's relationships (~25 db hits a company), while the regions' side reads
// each company once. The planner picked the expansion without the hint (614,000 db hits against
// 214,000 for the product page of the most common need at 10,000 companies).
const NEEDS_MEET_LOCATIONS = `
MATCH (n:Need)<-[:ADDRESSES]-(p:Product {status: 'active'})<-[:OFFERS]-(c:Company)
      -[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
USING JOIN ON c
WHERE n.slug IN $needs AND ${COMPANY_CONDITIONS}
  AND ${PRODUCT_FACETS_BESIDES_NEEDS}`;

// With needs chosen, the query starts from the Need nodes: checking each of 10,000 companies
// for a product that addresses one took a quarter of a second. The products found there are
// checked against the other product facets at once, so a company is not searched again for a
// product that passes them all.
export const COMPANY_PAGE_FOR_NEEDS = `${NEEDS_MEET_LOCATIONS}
WITH DISTINCT c, m, r${COMPANY_PAGE_ORDERED}`;

// The company's place comes with each product, so a page that shows the company costs no
// second round trip.
const PRODUCT_PAGE_ORDERED = `
WITH p, c, m, r ORDER BY p.name, p.slug
WITH collect({p: p, c: c, m: m, r: r}) AS rows
RETURN size(rows) AS total,
  [row IN rows[$offset..($offset + $limit)] | {p: row.p, c: row.c, m: row.m, r: row.r}] AS page`;

export const PRODUCT_PAGE = `
MATCH (c:Company)-[:OFFERS]->(p:Product {status: 'active'})
MATCH (c)-[:LOCATED_IN]->(m:Municipality)-[:IN_REGION]->(r:Region)
${COMPANY_FILTER}
  AND ($kinds IS NULL OR p.kind IN $kinds)
  AND ${PRODUCT_FACETS}${PRODUCT_PAGE_ORDERED}`;

// With needs chosen, the query starts from the Need nodes, as the company page does: scanning
// every active product for one that addresses a need took ~0.4 s at 10,000 companies (98,000
// products). A product addressing two of the needs is met twice, hence DISTINCT: the rows, their
// order and the total are those of the scan.
export const PRODUCT_PAGE_FOR_NEEDS = `${NEEDS_MEET_LOCATIONS}
  AND ($kinds IS NULL OR p.kind IN $kinds)
WITH DISTINCT p, c, m, r${PRODUCT_PAGE_ORDERED}`;

export const NEEDS = `
MATCH (n:Need)
RETURN {slug: n.slug, name: {da: n.nameDa, en: n.nameEn}, summary: {da: n.summaryDa, en: n.summaryEn},
  question: {da: n.questionDa, en: n.questionEn},
  keywords: {da: n.keywordsDa, en: n.keywordsEn},
  csfCategories: [(n)-[:MAPS_TO]->(x:CsfCategory) | ${codeName('x')}],
  nis2Measures: [(n)-[:SUPPORTS_MEASURE]->(x:Nis2Measure) | {code: x.code, name: {da: x.textDa, en: x.textEn}}],
  dMaerketCriteria: [(n)-[:SUPPORTS_CRITERION]->(x:DMaerketCriterion) | {code: x.code, name: {da: x.textDa, en: x.textEn}}],
  skills: [(n)-[:REQUIRES]->(x:Skill) | ${codeName('x')}],
  regulations: [(n)-[:RELATES_TO]->(x:Regulation) | ${codeName('x')}],
  categories: [(n)-[:IN_CATEGORY]->(x:Category) | ${codeName('x')}]
} AS need
ORDER BY need.name.da`;

export const TAXONOMY = `
RETURN
  COLLECT { MATCH (x:Category) OPTIONAL MATCH (x)-[:PART_OF]->(parent:Category)
            RETURN {code: x.code, scheme: x.scheme, name: {da: x.nameDa, en: x.nameEn}, parent: parent.code} } AS categories,
  COLLECT { MATCH (f:CsfFunction)
            RETURN {code: f.code, name: {da: f.nameDa, en: f.nameEn},
                    categories: [(f)<-[:IN_FUNCTION]-(x:CsfCategory) | ${codeName('x')}]} } AS csfFunctions,
  COLLECT { MATCH (r:Region)
            RETURN {code: r.code, name: r.name, nameEn: r.nameEn,
                    municipalities: [(r)<-[:IN_REGION]-(m:Municipality) | {code: m.code, name: m.name, regionCode: r.code}]} } AS regions,
  COLLECT { MATCH (x:Sector) RETURN ${codeName('x')} } AS sectors,
  COLLECT { MATCH (x:Regulation) RETURN ${codeName('x')} } AS regulations,
  COLLECT { MATCH (x:Certification) RETURN {code: x.code, name: {da: x.name, en: x.name}, kind: x.kind} } AS certifications,
  COLLECT { MATCH (x:Skill) OPTIONAL MATCH (x)-[:PART_OF]->(parent:Skill)
            RETURN {code: x.code, kind: x.kind, name: {da: x.nameDa, en: x.nameEn}, parent: parent.code} } AS skills,
  COLLECT { MATCH (n:Need) RETURN {code: n.slug, name: {da: n.nameDa, en: n.nameEn}} } AS needs`;

export interface SkillNode extends CodeName {
  kind: 'role' | 'skill';
  children: SkillNode[];
}

export interface Taxonomy {
  categories: CategoryNode[];
  csfFunctions: CsfFunctionNode[];
  regions: RegionNode[];
  sectors: CodeName[];
  regulations: CodeName[];
  certifications: Array<CodeName & { kind: string }>;
  skills: SkillNode[];
  needs: CodeName[];
  labels: TaxonomyLabels;
}

const byCode = <T extends { code: string }>(a: T, b: T) => a.code.localeCompare(b.code, 'da');
const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'da');
const bySlug = <T extends { slug: string }>(a: T, b: T) => a.slug.localeCompare(b.slug);

function tree<T extends { code: string; parent: string | null }, N extends { code: string; children: N[] }>(
  rows: T[],
  toNode: (row: T) => N,
): N[] {
  const nodes = new Map(rows.map((row) => [row.code, toNode(row)]));
  const roots: N[] = [];
  for (const row of [...rows].sort(byCode)) {
    const node = nodes.get(row.code) as N;
    const parent = row.parent ? nodes.get(row.parent) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

const labelMap = (items: CodeName[]): Record<string, Text> =>
  Object.fromEntries(items.map((item) => [item.code, item.name]));

export class Catalog {
  private taxonomyCache: Promise<Taxonomy> | undefined;
  private needsCache: Promise<Array<Omit<NeedView, 'providerCount'>>> | undefined;
  private needIndexCache: Promise<Map<string, NeedSummary>> | undefined;
  /** When the needs catalogue was last read (ms since the epoch). */
  private needsReadAt = 0;

  /**
   * @param providerCounts companies with an active product per need slug. The match candidate
   * index keeps these current in memory; counting them in Cypher took ~0.5 s per page at 10,000
   * companies.
   */
  /** The profile query per set of parts, built once (at most 2^9 of them). */
  private readonly profileQueries = new Map<string, string>();

  constructor(
    private readonly executor: Executor,
    private readonly providerCounts: () => ReadonlyMap<string, number>,
  ) {}

  async companyProfiles(slugs: readonly string[]): Promise<CompanyProfile[]> {
    return (await this.companyProfilesWith(slugs, READ_PARTS)) as CompanyProfile[];
  }

  /** Profiles with only the given parts (see COMPANY_PARTS); one round trip for the whole batch. */
  async companyProfilesWith(
    slugs: readonly string[],
    parts: Iterable<CompanyReadPart>,
  ): Promise<PartialCompanyProfile[]> {
    if (slugs.length === 0) return [];
    const wanted = new Set(parts);
    const key = READ_PARTS.filter((part) => wanted.has(part)).join(',');
    let cypher = this.profileQueries.get(key);
    if (!cypher) {
      cypher = companyProfilesQuery(wanted);
      this.profileQueries.set(key, cypher);
    }
    type Row = Omit<PartialCompanyProfile, 'products' | 'needs'> & {
      products?: Array<Omit<ProductSummary, 'description'> & { description?: Text; needs: string[] }>;
      needs?: string[];
    };
    const rows = await this.executor.read<{ company: Row }>('catalog.companyProfiles', cypher, { slugs });
    const needs = await this.needSummaries(
      rows.flatMap(({ company }) => [...(company.needs ?? []), ...(company.products ?? []).flatMap((p) => p.needs)]),
    );
    // Parts not asked for stay absent (not undefined-valued), so profiles read in parts can be merged.
    return rows.map(({ company: row }) => {
      const { products, needs: needSlugs, ...rest } = row;
      const company: PartialCompanyProfile = rest;
      company.regionsServed?.sort(byCode);
      company.sectors?.sort(byCode);
      company.competences?.sort((a, b) => b.headcount - a.headcount || byCode(a, b));
      company.certifications?.sort(byCode);
      company.partners?.sort(byName);
      if (products) {
        company.products = products
          .map((product) => ({ ...product, needs: needs(product.needs).sort(bySlug) }))
          .sort(byName);
      }
      if (needSlugs) company.needs = needs(needSlugs).sort((a, b) => a.name.da.localeCompare(b.name.da, 'da'));
      return company;
    });
  }

  /**
   * Need summaries for slugs read from listings, from the needs catalogue. A slug the catalogue
   * lacks (a need added since it was read) has it read again, at most every 10 s; a need that is
   * still unknown is left out.
   */
  private async needSummaries(slugs: readonly string[]): Promise<(slugs: readonly string[]) => NeedSummary[]> {
    // A read that named no need (a company's address, its version) does not wait for the catalogue.
    if (slugs.length === 0) return () => [];
    let known = await this.needIndex();
    if (slugs.some((slug) => !known.has(slug)) && Date.now() - this.needsReadAt > NEEDS_REREAD_MS) {
      this.needsCache = undefined;
      this.needIndexCache = undefined;
      known = await this.needIndex();
    }
    return (some) => some.flatMap((slug) => known.get(slug) ?? []);
  }

  private needIndex(): Promise<Map<string, NeedSummary>> {
    this.needIndexCache ??= this.needs().then(
      (needs) => new Map(needs.map(({ slug, name, summary }) => [slug, { slug, name, summary }])),
      (error) => {
        this.needIndexCache = undefined;
        throw error;
      },
    );
    return this.needIndexCache;
  }

  async companyBySlug(slug: string): Promise<CompanyProfile | null> {
    return (await this.companyProfiles([slug]))[0] ?? null;
  }

  async productProfiles(slugs: readonly string[]): Promise<ProductProfile[]> {
    if (slugs.length === 0) return [];
    type Row = Omit<ProductProfile, 'needs'> & { needs: string[] };
    const rows = await this.executor.read<{ product: Row }>('catalog.productProfiles', PRODUCT_PROFILES, { slugs });
    const needs = await this.needSummaries(rows.flatMap(({ product }) => product.needs));
    return rows.map(({ product }) => ({
      ...product,
      needs: needs(product.needs).sort(bySlug),
      categories: product.categories.sort(byCode),
      csfCategories: product.csfCategories.sort(byCode),
      regulations: product.regulations.sort(byCode),
    }));
  }

  async productBySlug(slug: string): Promise<ProductProfile | null> {
    return (await this.productProfiles([slug]))[0] ?? null;
  }

  async companies(filter: ListingFilter, limit: number, offset: number): Promise<Page<CompanySummary>> {
    type Row = {
      total: number;
      page: Array<{ c: Record<string, unknown>; m: Record<string, unknown>; r: Record<string, unknown> }>;
    };
    const query = filter.needs?.length ? COMPANY_PAGE_FOR_NEEDS : COMPANY_PAGE;
    const [row] = await this.executor.read<Row>('catalog.companies', query, {
      ...filterParams(filter),
      ...window(limit, offset),
    });
    return { total: row?.total ?? 0, items: (row?.page ?? []).map(({ c, m, r }) => companySummary(c, m, r)) };
  }

  async products(
    filter: ListingFilter & { kinds?: string[] },
    limit: number,
    offset: number,
  ): Promise<Page<ProductSummary & { company: CompanySummary }>> {
    type Row = { total: number; page: Array<{ p: Props; c: Props; m: Props; r: Props }> };
    const query = filter.needs?.length ? PRODUCT_PAGE_FOR_NEEDS : PRODUCT_PAGE;
    const [row] = await this.executor.read<Row>('catalog.products', query, {
      ...filterParams(filter),
      kinds: nonEmpty(filter.kinds),
      ...window(limit, offset),
    });
    return {
      total: row?.total ?? 0,
      items: (row?.page ?? []).map(({ p, c, m, r }) => ({ ...productSummary(p, c), company: companySummary(c, m, r) })),
    };
  }

  /** The catalogue changes only with a deploy or a re-seed, so it is read once per process; counts are live. */
  async needs(): Promise<NeedView[]> {
    this.needsCache ??= this.executor
      .read<{ need: Omit<NeedView, 'providerCount'> }>('catalog.needs', NEEDS)
      .then((rows) => {
        this.needsReadAt = Date.now();
        return rows.map(({ need }) => need);
      })
      .catch((error) => {
        this.needsCache = undefined;
        throw error;
      });
    const counts = this.providerCounts();
    return (await this.needsCache).map((need) => ({ ...need, providerCount: counts.get(need.slug) ?? 0 }));
  }

  /** Taxonomies change only with a deploy or a re-seed, so they are read once per process. */
  taxonomy(): Promise<Taxonomy> {
    this.taxonomyCache ??= this.loadTaxonomy().catch((error) => {
      this.taxonomyCache = undefined;
      throw error;
    });
    return this.taxonomyCache;
  }

  private async loadTaxonomy(): Promise<Taxonomy> {
    type Parent = { parent: string | null };
    type Row = {
      categories: Array<CodeName & Parent & { scheme: 'jrc-domain' | 'service' }>;
      csfFunctions: CsfFunctionNode[];
      regions: RegionNode[];
      sectors: CodeName[];
      regulations: CodeName[];
      certifications: Array<CodeName & { kind: string }>;
      skills: Array<CodeName & Parent & { kind: 'role' | 'skill' }>;
      needs: CodeName[];
    };
    const [row] = await this.executor.read<Row>('catalog.taxonomy', TAXONOMY);
    if (!row) throw new Error('taxonomy query returned nothing');
    const categories = tree(row.categories, ({ code, name, scheme }) => ({ code, name, scheme, children: [] }));
    const skills = tree(row.skills, ({ code, name, kind }) => ({ code, name, kind, children: [] }));
    const csfFunctions = row.csfFunctions
      .map((f) => ({ ...f, categories: f.categories.sort(byCode) }))
      .sort((a, b) => CSF_ORDER.indexOf(a.code) - CSF_ORDER.indexOf(b.code));
    const regions = row.regions
      .map((region) => ({ ...region, municipalities: region.municipalities.sort(byName) }))
      .sort(byCode);
    const municipalities = regions.flatMap((region) => region.municipalities);
    return {
      categories,
      csfFunctions,
      regions,
      sectors: row.sectors.sort(byCode),
      regulations: row.regulations.sort(byCode),
      certifications: row.certifications.sort(byCode),
      skills,
      needs: row.needs.sort((a, b) => a.name.da.localeCompare(b.name.da, 'da')),
      labels: {
        needs: labelMap(row.needs),
        categories: labelMap(row.categories),
        csfFunctions: labelMap(csfFunctions),
        certifications: labelMap(row.certifications),
        regions: Object.fromEntries(regions.map((r) => [r.code, { da: r.name, en: r.nameEn }])),
        municipalities: Object.fromEntries(municipalities.map((m) => [m.code, { da: m.name, en: m.name }])),
        sectors: labelMap(row.sectors),
      },
    };
  }
}

const CSF_ORDER = ['GV', 'ID', 'PR', 'DE', 'RS', 'RC'];

// Cypher wants integers for slicing; JS numbers travel as floats.
const window = (limit: number, offset: number) => ({ limit: neo4j.int(limit), offset: neo4j.int(offset) });

function nonEmpty<T>(values: T[] | undefined): T[] | null {
  return values && values.length > 0 ? values : null;
}

function filterParams(filter: ListingFilter) {
  return {
    regions: nonEmpty(filter.regions),
    municipalities: nonEmpty(filter.municipalities),
    categories: nonEmpty(filter.categories),
    needs: nonEmpty(filter.needs),
    csfFunctions: nonEmpty(filter.csfFunctions),
    certifications: nonEmpty(filter.certifications),
    sizeBands: nonEmpty(filter.sizeBands),
    languages: nonEmpty(filter.languages),
  };
}

type Props = Record<string, unknown>;

function companySummary(c: Props, m: Props, r: Props): CompanySummary {
  return {
    slug: c.slug as string,
    cvr: c.cvr as string,
    name: c.name as string,
    legalForm: c.legalForm as string,
    description: { da: c.descriptionDa as string, en: c.descriptionEn as string },
    city: c.city as string,
    sizeBand: c.sizeBand as SizeBand,
    languages: c.languages as CompanySummary['languages'],
    website: c.website as string,
    sample: Boolean(c.sample),
    municipality: { code: m.code as string, name: m.name as string, regionCode: r.code as string },
    region: { code: r.code as string, name: r.name as string, nameEn: r.nameEn as string },
  };
}

function productSummary(p: Props, c: Props): ProductSummary {
  return {
    slug: p.slug as string,
    name: p.name as string,
    kind: p.kind as ProductSummary['kind'],
    description: { da: p.descriptionDa as string, en: p.descriptionEn as string },
    pricingModel: p.pricingModel as ProductSummary['pricingModel'],
    priceFromDkk: (p.priceFromDkk as number | null) ?? null,
    delivery: p.delivery as ProductSummary['delivery'],
    languages: p.languages as ProductSummary['languages'],
    smeFit: Boolean(p.smeFit),
    status: p.status as ProductSummary['status'],
    companySlug: c.slug as string,
    companyName: c.name as string,
  };
}
