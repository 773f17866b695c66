import { createHash } from 'node:crypto';
import type { Executor } from '../executor';
import type { Attribution, CertificationHeld, CompanyRow, Ecosystem, ProductRow } from '../model';
import { type Change, type ChangeOp, GraphWriter, type WriteTransaction } from '../write';
import {
  DEFAULT_BATCH_SIZE,
  inBatches,
  knownKeys,
  type LoadOptions,
  ReferenceCheck,
  replaceTargets,
  targetsOf,
} from './shared';

/**
 * Loads companies and products (graph/model.ts rows) in batches. Each batch is one change
 * through the write path (graph/write.ts) holding the node upserts and the replacement of every
 * outgoing relationship type, so a batch is all or nothing, a re-run converges, and the listings
 * whose rows changed are stamped and logged for search and matching. An approved vendor edit is
 * written by the same statements (writeCompanyRows, writeProductRows), so published data has one shape
 * whoever supplied it.
 *
 * Every changed listing gets a new `version` (1 when created; a pending edit made from an older
 * one is a conflict) and its provenance: the row's source, or `sample`/`import` by the row's
 * sample flag, and who submitted and approved it when the row says so.
 */

// Shared by nodes and relationships: provenance from the row, approval time defaulting to the transaction's.
const provenance = (v: string, row: string, fallbackSource: string) => `
    ${v}.source = coalesce(${row}.source, ${fallbackSource}),
    ${v}.submittedBy = ${row}.submittedBy, ${v}.submittedAt = datetime(${row}.submittedAt),
    ${v}.approvedBy = ${row}.approvedBy,
    ${v}.approvedAt = CASE WHEN ${row}.approvedBy IS NULL THEN null
                      ELSE coalesce(datetime(${row}.approvedAt), datetime.transaction()) END`;

// Returns what changed, for the change log (which also stamps updatedAt): a company whose row
// hash is unchanged is not touched.
const MERGE_COMPANIES = `
UNWIND $rows AS row
MERGE (c:Company {cvr: row.cvr})
WITH c, row, c.rowHash = row.rowHash AS unchanged, c.rowHash IS NULL AS created
WHERE NOT coalesce(unchanged, false)
SET c.slug = row.slug, c.name = row.name, c.legalForm = row.legalForm,
    c.descriptionDa = row.descriptionDa, c.descriptionEn = row.descriptionEn,
    c.address = row.address, c.postcode = row.postcode, c.city = row.city,
    c.website = row.website, c.email = row.email, c.phone = row.phone,
    c.founded = toInteger(row.founded), c.employees = toInteger(row.employees), c.sizeBand = row.sizeBand,
    c.languages = row.languages, c.customerSizeBands = row.customerSizeBands, c.sample = row.sample,
    c.rowHash = row.rowHash,
    c.version = CASE WHEN created THEN 1 ELSE coalesce(c.version, 1) + 1 END,
    c.confirmedAt = coalesce(datetime(row.confirmedAt), c.confirmedAt, datetime.transaction()),
    ${provenance('c', 'row', "CASE WHEN row.sample THEN 'sample' ELSE 'import' END")}
RETURN c.slug AS slug, created`;

const COMPANY_LOCATED_IN = replaceTargets('Company', 'cvr', 'LOCATED_IN', 'Municipality', 'code');
const COMPANY_SERVES = replaceTargets('Company', 'cvr', 'SERVES', 'Region', 'code');
const COMPANY_EXPERIENCED_IN = replaceTargets('Company', 'cvr', 'EXPERIENCED_IN', 'Sector', 'code');
const COMPANY_PARTNER_OF = replaceTargets('Company', 'cvr', 'PARTNER_OF', 'Company', 'slug');

const COMPANY_HAS_COMPETENCE = `
UNWIND $rows AS row
MATCH (c:Company {cvr: row.key})
CALL (c, row) {
  MATCH (c)-[old:HAS_COMPETENCE]->(s:Skill)
  WHERE NOT s.code IN [t IN row.targets | t.skillCode]
  DELETE old
}
CALL (c, row) {
  UNWIND row.targets AS t
  MATCH (s:Skill {code: t.skillCode})
  MERGE (c)-[r:HAS_COMPETENCE]->(s)
  SET r.headcount = toInteger(t.headcount),
      ${provenance('r', 't', 'c.source')}
}`;

// date(null) is null, so an open-ended or unverified certificate simply has no such property.
const COMPANY_HOLDS = `
UNWIND $rows AS row
MATCH (c:Company {cvr: row.key})
CALL (c, row) {
  MATCH (c)-[old:HOLDS]->(cert:Certification)
  WHERE NOT cert.code IN [t IN row.targets | t.code]
  DELETE old
}
CALL (c, row) {
  UNWIND row.targets AS t
  MATCH (cert:Certification {code: t.code})
  MERGE (c)-[r:HOLDS]->(cert)
  SET r.validUntil = date(t.validUntil), r.evidence = t.evidence,
      r.certificateNumber = t.certificateNumber, r.issuer = t.issuer,
      r.verifiedBy = t.verifiedBy, r.verifiedAt = date(t.verifiedAt), r.verificationMethod = t.verificationMethod,
      r.verifiedByUser = t.verifiedByUser,
      ${provenance('r', 't', 'c.source')}
}`;

// A product that moved to another company loses the old OFFERS link: a product has one owner.
const MERGE_PRODUCTS = `
UNWIND $rows AS row
MATCH (c:Company {slug: row.companySlug})
MERGE (p:Product {slug: row.slug})
WITH c, p, row, p.rowHash = row.rowHash AS unchanged, p.rowHash IS NULL AS created
SET p.name = row.name, p.kind = row.kind, p.descriptionDa = row.descriptionDa, p.descriptionEn = row.descriptionEn,
    p.pricingModel = row.pricingModel, p.priceFromDkk = toInteger(row.priceFromDkk), p.delivery = row.delivery,
    p.languages = row.languages, p.smeFit = row.smeFit, p.status = row.status,
    p.rowHash = row.rowHash
WITH c, p, row, unchanged, created
CALL (c, p, row, unchanged, created) {
  WITH * WHERE NOT coalesce(unchanged, false)
  SET p.version = CASE WHEN created THEN 1 ELSE coalesce(p.version, 1) + 1 END,
      ${provenance('p', 'row', "CASE WHEN c.sample THEN 'sample' ELSE 'import' END")}
}
CALL (c, p) {
  OPTIONAL MATCH (other:Company)-[old:OFFERS]->(p)
  WHERE other <> c
  DELETE old
  RETURN collect(other.slug) AS movedFrom
}
MERGE (c)-[:OFFERS]->(p)
WITH c, p, unchanged, created, movedFrom WHERE NOT coalesce(unchanged, false) OR size(movedFrom) > 0
RETURN p.slug AS slug, c.slug AS company, created, movedFrom`;

const PRODUCT_ADDRESSES = replaceTargets('Product', 'slug', 'ADDRESSES', 'Need', 'slug');
const PRODUCT_IN_CATEGORY = replaceTargets('Product', 'slug', 'IN_CATEGORY', 'Category', 'code');
const PRODUCT_COVERS = replaceTargets('Product', 'slug', 'COVERS', 'CsfCategory', 'code');
const PRODUCT_HELPS_COMPLY = replaceTargets('Product', 'slug', 'HELPS_COMPLY', 'Regulation', 'code');

const DELETE_UNLISTED_PRODUCTS = `
UNWIND $rows AS row
MATCH (c:Company {cvr: row.cvr})-[:OFFERS]->(p:Product)
WHERE NOT p.slug IN row.productSlugs
WITH c.slug AS company, p, p.slug AS slug
DETACH DELETE p
RETURN slug, company`;

const EXISTING_COMPANIES = 'UNWIND $slugs AS slug MATCH (c:Company {slug: slug}) RETURN c.slug AS slug';

/**
 * Companies, then products, then partner links (which need every company in place), then the
 * products a loaded company offered before but no longer lists are deleted: a company's
 * products in `ecosystem.products` are its complete list. Taxonomies and needs must be loaded;
 * every reference is checked before anything is written.
 */
export async function loadEcosystem(executor: Executor, ecosystem: Ecosystem, options: LoadOptions = {}) {
  const { batchSize = DEFAULT_BATCH_SIZE, onProgress } = options;
  const { companies, products } = ecosystem;
  await checkEcosystem(executor, ecosystem);

  const writer = new GraphWriter(executor);

  await inBatches(companies, batchSize, 'companies', onProgress, (rows) =>
    writer.change('load.companies', (tx) => writeCompanyRows(tx, rows)),
  );

  await inBatches(products, batchSize, 'products', onProgress, (rows) =>
    writer.change('load.products', (tx) => writeProductRows(tx, rows)),
  );

  await inBatches(companies, batchSize, 'partners', onProgress, (rows) =>
    writer.run(
      'load.partners',
      COMPANY_PARTNER_OF,
      targetsOf(rows, cvr, (c) => c.partnerSlugs),
    ),
  );

  const listed = new Map<string, string[]>(companies.map((c) => [c.slug, []]));
  for (const product of products) listed.get(product.companySlug)?.push(product.slug);
  await inBatches(companies, batchSize, 'unlisted-products', onProgress, (rows) =>
    writer.change('load.deleteUnlistedProducts', async (tx) => {
      const deleted = await tx.run<{ slug: string; company: string }>(DELETE_UNLISTED_PRODUCTS, {
        rows: rows.map((c) => ({ cvr: c.cvr, productSlugs: listed.get(c.slug) ?? [] })),
      });
      tx.changed(
        ...deleted.map((p) => ({ kind: 'Product' as const, key: p.slug, op: 'deleted' as const, company: p.company })),
      );
    }),
  );
}

/**
 * Upserts companies and replaces their outgoing links (not partners: those need every company
 * of a load in place), inside the caller's change. Rows must have passed checkEcosystem's
 * reference checks or an equivalent: a MATCH on an unknown code silently drops the link.
 */
export async function writeCompanyRows(
  tx: WriteTransaction,
  rows: readonly CompanyRow[],
): Promise<Array<{ slug: string; created: boolean }>> {
  const changed = await tx.run<{ slug: string; created: boolean }>(MERGE_COMPANIES, {
    rows: rows.map(companyProperties),
  });
  await tx.run(
    COMPANY_LOCATED_IN,
    targetsOf(rows, cvr, (c) => [c.municipalityCode]),
  );
  await tx.run(
    COMPANY_SERVES,
    targetsOf(rows, cvr, (c) => c.regionsServed),
  );
  await tx.run(
    COMPANY_EXPERIENCED_IN,
    targetsOf(rows, cvr, (c) => c.sectorCodes),
  );
  await tx.run(COMPANY_HAS_COMPETENCE, {
    rows: rows.map((c) => ({ key: c.cvr, targets: c.competences.map(attributed) })),
  });
  await tx.run(COMPANY_HOLDS, {
    rows: rows.map((c) => ({ key: c.cvr, targets: c.certifications.map(holding) })),
  });
  tx.changed(...changed.map((c) => companyChange(c.slug, c.created ? 'created' : 'updated')));
  return changed;
}

/**
 * Upserts products (active or retired as the row says) and replaces their links, inside the
 * caller's change. A product listed under another company moves to this one.
 */
export async function writeProductRows(
  tx: WriteTransaction,
  rows: readonly ProductRow[],
): Promise<Array<{ slug: string; company: string; created: boolean; movedFrom: string[] }>> {
  const changed = await tx.run<{ slug: string; company: string; created: boolean; movedFrom: string[] }>(
    MERGE_PRODUCTS,
    { rows: rows.map(productProperties) },
  );
  await tx.run(
    PRODUCT_ADDRESSES,
    targetsOf(rows, slug, (p) => p.needSlugs),
  );
  await tx.run(
    PRODUCT_IN_CATEGORY,
    targetsOf(rows, slug, (p) => p.categoryCodes),
  );
  await tx.run(
    PRODUCT_COVERS,
    targetsOf(rows, slug, (p) => p.csfCategoryCodes),
  );
  await tx.run(
    PRODUCT_HELPS_COMPLY,
    targetsOf(rows, slug, (p) => p.regulationCodes),
  );
  for (const p of changed) {
    tx.changed({ kind: 'Product', key: p.slug, op: p.created ? 'created' : 'updated', company: p.company });
    // The company that offered it before has lost a product.
    tx.changed(...p.movedFrom.map((company) => companyChange(company, 'updated')));
  }
  return changed;
}

const cvr = (c: CompanyRow) => c.cvr;
const slug = (p: ProductRow) => p.slug;

const companyChange = (slug: string, op: ChangeOp): Change => ({ kind: 'Company', key: slug, op, company: slug });

// Every key present, so the Cypher never reads a missing one as something else than null.
function attribution(row: Attribution) {
  return {
    source: row.source ?? null,
    submittedBy: row.submittedBy ?? null,
    submittedAt: row.submittedAt ?? null,
    approvedBy: row.approvedBy ?? null,
    approvedAt: row.approvedAt ?? null,
  };
}

const attributed = (competence: CompanyRow['competences'][number]) => ({
  ...attribution(competence),
  skillCode: competence.skillCode,
  headcount: competence.headcount,
});

const holding = (held: CertificationHeld) => ({
  ...attribution(held),
  source: held.source,
  code: held.code,
  validUntil: held.validUntil,
  evidence: held.evidence,
  certificateNumber: held.certificateNumber ?? null,
  issuer: held.issuer ?? null,
  verifiedBy: held.verifiedBy,
  verifiedAt: held.verifiedAt,
  verificationMethod: held.verificationMethod ?? null,
  verifiedByUser: held.verifiedByUser ?? null,
});

function companyProperties(c: CompanyRow) {
  return {
    cvr: c.cvr,
    slug: c.slug,
    name: c.name,
    legalForm: c.legalForm,
    descriptionDa: c.description.da,
    descriptionEn: c.description.en,
    address: c.address,
    postcode: c.postcode,
    city: c.city,
    website: c.website,
    email: c.email,
    phone: c.phone,
    founded: c.founded,
    employees: c.employees,
    sizeBand: c.sizeBand,
    languages: c.languages,
    customerSizeBands: c.customerSizeBands,
    sample: c.sample,
    confirmedAt: c.confirmedAt ?? null,
    ...attribution(c),
    rowHash: rowHash(c),
  };
}

function productProperties(p: ProductRow) {
  return {
    slug: p.slug,
    companySlug: p.companySlug,
    name: p.name,
    kind: p.kind,
    descriptionDa: p.description.da,
    descriptionEn: p.description.en,
    pricingModel: p.pricingModel,
    priceFromDkk: p.priceFromDkk,
    delivery: p.delivery,
    languages: p.languages,
    smeFit: p.smeFit,
    status: p.status,
    ...attribution(p),
    rowHash: rowHash(p),
  };
}

/** Hashes the whole row, links included, so a changed link also counts as a change for updatedAt. */
function rowHash(row: CompanyRow | ProductRow): string {
  return createHash('sha1').update(JSON.stringify(row)).digest('base64url');
}

async function checkEcosystem(executor: Executor, { companies, products }: Ecosystem): Promise<void> {
  const check = new ReferenceCheck();
  const cvrs = companies.map((c) => c.cvr);
  const companySlugs = companies.map((c) => c.slug);
  const productSlugs = products.map((p) => p.slug);
  check.unique(cvrs, 'company cvr');
  check.unique(companySlugs, 'company slug');
  check.unique(productSlugs, 'product slug');
  const known = await knownKeys(executor);
  for (const c of companies) {
    check.require(known.municipalities, c.slug, [c.municipalityCode]);
    check.require(known.regions, c.slug, c.regionsServed);
    check.require(known.sectors, c.slug, c.sectorCodes);
    for (const competence of c.competences) check.require(known.skills, c.slug, [competence.skillCode]);
    for (const held of c.certifications) check.require(known.certifications, c.slug, [held.code]);
  }
  for (const p of products) {
    check.require(known.needs, p.slug, p.needSlugs);
    check.require(known.categories, p.slug, p.categoryCodes);
    check.require(known.csfCategories, p.slug, p.csfCategoryCodes);
    check.require(known.regulations, p.slug, p.regulationCodes);
  }
  // A product's company and a partner may be in this load or already in the graph.
  const companiesKnown = new Set(companySlugs);
  const referenced = new Set([...products.map((p) => p.companySlug), ...companies.flatMap((c) => c.partnerSlugs)]);
  const elsewhere = [...referenced].filter((slug) => !companiesKnown.has(slug));
  if (elsewhere.length > 0) {
    const found = await executor.read<{ slug: string }>('load.existingCompanies', EXISTING_COMPANIES, {
      slugs: elsewhere,
    });
    for (const row of found) companiesKnown.add(row.slug);
  }
  for (const p of products) check.require(companiesKnown, p.slug, [p.companySlug]);
  for (const c of companies) check.require(companiesKnown, c.slug, c.partnerSlugs);
  check.throwIfAny('Ecosystem rows cannot be loaded');
}
