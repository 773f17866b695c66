import neo4j from 'neo4j-driver';
import type { Executor } from './executor';
import type { Attribution, CertificationHeld, CompanyRow, ProductRow } from './model';
import type { ListingSource, ProductStatus, SubmissionKind, SubmissionOp, SubmissionStatus } from './vocabulary';
import type { WriteTransaction } from './write';

/**
 * Vendors' proposed changes to listings, and the published records they are compared with.
 *
 *   (:User)-[:AUTHORED]->(:Submission)-[:CONCERNS]->(:Company)      (no CONCERNS while a registered company is unpublished)
 *   (:User)-[:DECIDED]->(:Submission)
 *
 * A submission holds the whole proposed record as JSON; nothing of it is on a Company or Product
 * until a reviewer approves it, so every public read (catalog, search documents, match
 * candidates) sees only what is published. Users are named by their random `User.id`.
 */

/** What a vendor may edit of a company: the public profile without the CVR, slug and partners. */
export type CompanyRecord = Pick<
  CompanyRow,
  | 'name'
  | 'legalForm'
  | 'description'
  | 'address'
  | 'postcode'
  | 'city'
  | 'municipalityCode'
  | 'website'
  | 'email'
  | 'phone'
  | 'founded'
  | 'employees'
  | 'sizeBand'
  | 'languages'
  | 'customerSizeBands'
  | 'regionsServed'
  | 'sectorCodes'
> & {
  competences: Array<{ skillCode: string; headcount: number }>;
  certifications: Array<
    Pick<CertificationHeld, 'code' | 'validUntil' | 'evidence'> & {
      certificateNumber: string | null;
      issuer: string | null;
    }
  >;
};

/** What a vendor may edit of a product; create and update publish it active, retire and delete are their own ops. */
export type ProductRecord = Pick<
  ProductRow,
  | 'name'
  | 'kind'
  | 'description'
  | 'pricingModel'
  | 'priceFromDkk'
  | 'delivery'
  | 'languages'
  | 'smeFit'
  | 'needSlugs'
  | 'categoryCodes'
  | 'csfCategoryCodes'
  | 'regulationCodes'
>;

export interface StoredSubmission {
  id: string;
  kind: SubmissionKind;
  op: SubmissionOp;
  status: SubmissionStatus;
  /** The company's or the product's slug (for a create, the slug it will be published under). */
  targetSlug: string;
  companySlug: string;
  /** The CVR number of a company being registered; null otherwise. */
  cvr: string | null;
  /** The listing's version the vendor edited; null for a create. */
  baseVersion: number | null;
  /** The proposed record as JSON; null for retire and delete. */
  payload: string | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  /** The reviewer's reason for a rejection. */
  reason: string | null;
  /** The listing version an approval published. */
  publishedVersion: number | null;
  authorId: string | null;
  /** The author's name and e-mail while their account exists: for staff, never public. */
  author: { id: string; name: string | null; email: string | null } | null;
}

const SUBMISSION = `{
  id: s.id, kind: s.kind, op: s.op, status: s.status, targetSlug: s.targetSlug, companySlug: s.companySlug,
  cvr: s.cvr, baseVersion: s.baseVersion, payload: s.payload,
  createdAt: toString(s.createdAt), updatedAt: toString(s.updatedAt), submittedAt: toString(s.submittedAt),
  decidedAt: toString(s.decidedAt), reason: s.reason, publishedVersion: s.publishedVersion, authorId: s.authorId,
  author: head([(u:User)-[:AUTHORED]->(s) | {id: u.id, name: u.name, email: u.email}])
}`;

const READ = `MATCH (s:Submission {id: $id}) RETURN ${SUBMISSION} AS submission`;

const FOR_VENDOR = `
MATCH (s:Submission)
WHERE s.companySlug IN $companies OR (s.cvr IS NOT NULL AND s.cvr = $cvr)
RETURN ${SUBMISSION} AS submission
ORDER BY s.updatedAt DESC
LIMIT $limit`;

const QUEUE = `
MATCH (s:Submission {status: 'submitted'})
WITH s ORDER BY s.submittedAt, s.id
WITH collect(s) AS queued
RETURN size(queued) AS total, [s IN queued[$offset..($offset + $limit)] | ${SUBMISSION}] AS page`;

const HISTORY = `
MATCH (s:Submission {status: 'approved'})
WHERE s.companySlug IN $companies
RETURN s.id AS submissionId, s.kind AS kind, s.op AS op, s.targetSlug AS targetSlug, s.companySlug AS companySlug,
       s.publishedVersion AS version, toString(s.decidedAt) AS approvedAt
ORDER BY s.decidedAt DESC
LIMIT $limit`;

const OPEN_FOR_TARGET = `
MATCH (s:Submission {kind: $kind, targetSlug: $targetSlug})
WHERE s.status IN ['draft', 'submitted'] AND s.id <> $except
RETURN s.id AS id LIMIT 1`;

const OPEN_REGISTRATION = `
MATCH (s:Submission {kind: 'company', op: 'create', cvr: $cvr})
WHERE s.status IN ['draft', 'submitted'] AND s.id <> $except
RETURN s.id AS id LIMIT 1`;

const COMPANY_VERSION = 'MATCH (c:Company {slug: $company}) RETURN c.version AS version';
const PRODUCT_VERSION = `
MATCH (:Company {slug: $company})-[:OFFERS]->(p:Product {slug: $product})
RETURN p.version AS version`;

// A person who has logged in before a placeholder from a grant (which has no issuer): theirs.
const USER_OF = `
MATCH (u:User {subject: $subject, kind: $kind})
RETURN u.id AS id ORDER BY u.issuer IS NULL, u.lastLoginAt DESC LIMIT 1`;

const CREATE = `
MATCH (u:User {id: $authorId})
CREATE (u)-[:AUTHORED]->(s:Submission {
  id: randomUUID(), kind: $kind, op: $op, status: 'draft', targetSlug: $targetSlug, companySlug: $companySlug,
  cvr: $cvr, baseVersion: $baseVersion, payload: $payload, authorId: u.id,
  createdAt: datetime.transaction(), updatedAt: datetime.transaction()
})
WITH s
CALL (s) {
  MATCH (c:Company {slug: s.companySlug})
  CREATE (s)-[:CONCERNS]->(c)
}
RETURN s.id AS id`;

const UPDATE_DRAFT = `
MATCH (s:Submission {id: $id, status: 'draft'})
SET s.payload = $payload, s.baseVersion = $baseVersion, s.updatedAt = datetime.transaction()
RETURN s.id AS id`;

// The status it leaves must still be one of $from: a concurrent decision holds the node's lock
// until it commits, and this statement then sees its outcome and matches nothing.
const TRANSITION = `
MATCH (s:Submission {id: $id})
WHERE s.status IN $from
SET s.status = $to, s.updatedAt = datetime.transaction(),
    s.submittedAt = CASE WHEN $to = 'submitted' THEN datetime.transaction() ELSE s.submittedAt END
RETURN s.id AS id`;

const DECIDE = `
MATCH (s:Submission {id: $id, status: 'submitted'}), (u:User {id: $reviewerId})
SET s.status = $status, s.reason = $reason, s.decidedAt = datetime.transaction(), s.updatedAt = datetime.transaction(),
    s.decidedBy = u.id, s.publishedVersion = $publishedVersion
CREATE (u)-[:DECIDED]->(s)
RETURN s.id AS id`;

// Taken before a listing's version is read, so two approvals of the same listing run one after
// the other and the second reads the version the first wrote.
const LOCK_COMPANY = 'MATCH (c:Company {slug: $slug}) SET c._lock = true REMOVE c._lock RETURN c.version AS version';
const LOCK_PRODUCT = `
MATCH (c:Company {slug: $company})-[:OFFERS]->(p:Product {slug: $slug})
SET p._lock = true REMOVE p._lock
RETURN p.version AS version, p.status AS status`;

const EXISTS = `
RETURN EXISTS { MATCH (:Company {slug: $slug}) } AS companySlug,
       EXISTS { MATCH (:Company {cvr: $cvr}) } AS companyCvr,
       EXISTS { MATCH (:Product {slug: $slug}) } AS productSlug`;

const FACT = `source: h.source, submittedBy: h.submittedBy, submittedAt: toString(h.submittedAt),
  approvedBy: h.approvedBy, approvedAt: toString(h.approvedAt)`;

/** Published company records with what the approval keeps of each certification and competence. */
const COMPANY_RECORDS = `
UNWIND $slugs AS slug
MATCH (c:Company {slug: slug})-[:LOCATED_IN]->(m:Municipality)
RETURN c.slug AS slug, c.cvr AS cvr, c.version AS version, c.sample AS sample, {
  name: c.name, legalForm: c.legalForm, description: {da: c.descriptionDa, en: c.descriptionEn},
  address: c.address, postcode: c.postcode, city: c.city, municipalityCode: m.code,
  website: c.website, email: c.email, phone: c.phone, founded: c.founded, employees: c.employees,
  sizeBand: c.sizeBand, languages: c.languages, customerSizeBands: c.customerSizeBands,
  regionsServed: [(c)-[:SERVES]->(r:Region) | r.code],
  sectorCodes: [(c)-[:EXPERIENCED_IN]->(s:Sector) | s.code],
  competences: [(c)-[h:HAS_COMPETENCE]->(s:Skill) | {skillCode: s.code, headcount: h.headcount}],
  certifications: [(c)-[h:HOLDS]->(x:Certification) | {code: x.code, validUntil: h.validUntil, evidence: h.evidence,
                   certificateNumber: h.certificateNumber, issuer: h.issuer}]
} AS record,
[(c)-[h:HAS_COMPETENCE]->(s:Skill) | {skillCode: s.code, headcount: h.headcount, ${FACT}}] AS competences,
[(c)-[h:HOLDS]->(x:Certification) | {code: x.code, validUntil: h.validUntil, evidence: h.evidence,
  certificateNumber: h.certificateNumber, issuer: h.issuer, verifiedBy: h.verifiedBy, verifiedAt: h.verifiedAt,
  verificationMethod: h.verificationMethod, verifiedByUser: h.verifiedByUser, ${FACT}}] AS certifications`;

const PRODUCT_RECORDS = `
UNWIND $slugs AS slug
MATCH (c:Company)-[:OFFERS]->(p:Product {slug: slug})
RETURN p.slug AS slug, c.slug AS companySlug, p.version AS version, p.status AS status, {
  name: p.name, kind: p.kind, description: {da: p.descriptionDa, en: p.descriptionEn},
  pricingModel: p.pricingModel, priceFromDkk: p.priceFromDkk, delivery: p.delivery, languages: p.languages,
  smeFit: p.smeFit,
  needSlugs: [(p)-[:ADDRESSES]->(n:Need) | n.slug],
  categoryCodes: [(p)-[:IN_CATEGORY]->(x:Category) | x.code],
  csfCategoryCodes: [(p)-[:COVERS]->(x:CsfCategory) | x.code],
  regulationCodes: [(p)-[:HELPS_COMPLY]->(x:Regulation) | x.code]
} AS record`;

// The row hash no longer describes what is stored, so loading the product's row again rewrites it.
const RETIRE_PRODUCT = `
MATCH (c:Company {slug: $company})-[:OFFERS]->(p:Product {slug: $slug})
SET p.status = 'retired', p.version = coalesce(p.version, 1) + 1, p.rowHash = 'retired',
    p.source = $source, p.submittedBy = $submittedBy, p.submittedAt = datetime($submittedAt),
    p.approvedBy = $approvedBy, p.approvedAt = datetime.transaction()
RETURN p.version AS version`;

const DELETE_PRODUCT = `
MATCH (c:Company {slug: $company})-[:OFFERS]->(p:Product {slug: $slug})
DETACH DELETE p`;

const DELETE_COMPANY = `
MATCH (c:Company {slug: $slug})
OPTIONAL MATCH (c)-[:OFFERS]->(p:Product)
WITH c, collect(p) AS products, collect(p.slug) AS productSlugs
FOREACH (p IN products | DETACH DELETE p)
DETACH DELETE c
RETURN productSlugs`;

const VERIFY = `
MATCH (c:Company {slug: $company})-[h:HOLDS]->(x:Certification {code: $code})
SET h.verifiedBy = 'NCC-DK', h.verifiedAt = date(), h.verificationMethod = $method, h.verifiedByUser = $reviewerId
RETURN x.code AS code`;

/** A fact's attribution as stored (on HOLDS and HAS_COMPETENCE). */
export type StoredAttribution = { [K in keyof Required<Attribution>]: Attribution[K] | null };

export interface PublishedCompany {
  slug: string;
  cvr: string;
  version: number;
  sample: boolean;
  record: CompanyRecord;
  competences: Array<StoredAttribution & { skillCode: string; headcount: number }>;
  certifications: Array<
    StoredAttribution &
      CompanyRecord['certifications'][number] & {
        verifiedBy: string | null;
        verifiedAt: string | null;
        verificationMethod: string | null;
        verifiedByUser: string | null;
      }
  >;
}

export interface PublishedProduct {
  slug: string;
  companySlug: string;
  version: number;
  status: ProductStatus;
  record: ProductRecord;
}

export interface PublishedVersion {
  submissionId: string;
  kind: SubmissionKind;
  op: SubmissionOp;
  targetSlug: string;
  companySlug: string;
  version: number | null;
  approvedAt: string;
}

type Reader = Pick<Executor, 'read'>;
type Runner = Pick<WriteTransaction, 'run'>;

const byText = (a: string, b: string) => a.localeCompare(b);

/** Lists in a stable order, so a record read twice compares equal and diffs are readable. */
function sortedCompanyRecord(record: CompanyRecord): CompanyRecord {
  return {
    ...record,
    languages: [...record.languages].sort(byText),
    customerSizeBands: [...record.customerSizeBands].sort(byText),
    regionsServed: [...record.regionsServed].sort(byText),
    sectorCodes: [...record.sectorCodes].sort(byText),
    competences: [...record.competences].sort((a, b) => byText(a.skillCode, b.skillCode)),
    certifications: [...record.certifications].sort((a, b) => byText(a.code, b.code)),
  };
}

function sortedProductRecord(record: ProductRecord): ProductRecord {
  return {
    ...record,
    delivery: [...record.delivery].sort(byText),
    languages: [...record.languages].sort(byText),
    needSlugs: [...record.needSlugs].sort(byText),
    categoryCodes: [...record.categoryCodes].sort(byText),
    csfCategoryCodes: [...record.csfCategoryCodes].sort(byText),
    regulationCodes: [...record.regulationCodes].sort(byText),
  };
}

export async function publishedCompanies(reader: Reader, slugs: readonly string[]): Promise<PublishedCompany[]> {
  if (slugs.length === 0) return [];
  const rows = await reader.read<PublishedCompany>('submissions.companyRecords', COMPANY_RECORDS, { slugs });
  return rows.map((row) => ({ ...row, sample: Boolean(row.sample), record: sortedCompanyRecord(row.record) }));
}

export async function publishedProducts(reader: Reader, slugs: readonly string[]): Promise<PublishedProduct[]> {
  if (slugs.length === 0) return [];
  const rows = await reader.read<PublishedProduct>('submissions.productRecords', PRODUCT_RECORDS, { slugs });
  return rows.map((row) => ({ ...row, record: sortedProductRecord(row.record) }));
}

/** The same reads inside a write transaction, so an approval compares with what it is about to replace. */
export const inTransaction = (tx: Runner): Reader => ({ read: (_name, cypher, params) => tx.run(cypher, params) });

export async function readSubmission(reader: Reader, id: string): Promise<StoredSubmission | null> {
  const [row] = await reader.read<{ submission: StoredSubmission }>('submissions.read', READ, { id });
  return row?.submission ?? null;
}

/** A vendor's submissions: those of the companies they may edit and their own registrations, newest first. */
export async function submissionsForVendor(
  reader: Reader,
  vendor: { companies: readonly string[]; cvr: string },
  limit = 200,
): Promise<StoredSubmission[]> {
  const rows = await reader.read<{ submission: StoredSubmission }>('submissions.forVendor', FOR_VENDOR, {
    companies: [...vendor.companies],
    cvr: vendor.cvr,
    limit: neo4j.int(limit),
  });
  return rows.map((row) => row.submission);
}

/** Submissions waiting for review, oldest first. */
export async function submittedQueue(
  reader: Reader,
  limit: number,
  offset: number,
): Promise<{ total: number; page: StoredSubmission[] }> {
  const [row] = await reader.read<{ total: number; page: StoredSubmission[] }>('submissions.queue', QUEUE, {
    limit: neo4j.int(limit),
    offset: neo4j.int(offset),
  });
  return row ?? { total: 0, page: [] };
}

/** Approved changes of these companies' listings, newest first: the history of published versions. */
export function publishedHistory(
  reader: Reader,
  companies: readonly string[],
  limit = 200,
): Promise<PublishedVersion[]> {
  return reader.read<PublishedVersion>('submissions.history', HISTORY, {
    companies: [...companies],
    limit: neo4j.int(limit),
  });
}

/** Another open (draft or submitted) submission for the same target, if any. */
export async function openSubmissionFor(
  reader: Reader,
  kind: SubmissionKind,
  targetSlug: string,
  except = '',
): Promise<string | null> {
  const [row] = await reader.read<{ id: string }>('submissions.openForTarget', OPEN_FOR_TARGET, {
    kind,
    targetSlug,
    except,
  });
  return row?.id ?? null;
}

/** An open registration of this CVR number, if any. */
export async function openRegistration(reader: Reader, cvr: string, except = ''): Promise<string | null> {
  const [row] = await reader.read<{ id: string }>('submissions.openRegistration', OPEN_REGISTRATION, { cvr, except });
  return row?.id ?? null;
}

/** The published version of a company, or of a product the company offers; null when there is none. */
export async function listingVersion(
  reader: Reader,
  listing: { company: string; product?: string | null },
): Promise<number | null> {
  const [row] = listing.product
    ? await reader.read<{ version: number }>('submissions.productVersion', PRODUCT_VERSION, listing)
    : await reader.read<{ version: number }>('submissions.companyVersion', COMPANY_VERSION, listing);
  return row ? row.version : null;
}

export async function taken(
  reader: Reader,
  keys: { slug: string; cvr?: string },
): Promise<{ companySlug: boolean; companyCvr: boolean; productSlug: boolean }> {
  const [row] = await reader.read<{ companySlug: boolean; companyCvr: boolean; productSlug: boolean }>(
    'submissions.taken',
    EXISTS,
    { slug: keys.slug, cvr: keys.cvr ?? null },
  );
  return row ?? { companySlug: false, companyCvr: false, productSlug: false };
}

/** The pseudonymous id of the logged-in person; the session's login created the User. */
export async function userIdOf(reader: Reader, person: { subject: string; kind: string }): Promise<string | null> {
  const [row] = await reader.read<{ id: string }>('submissions.userOf', USER_OF, person);
  return row?.id ?? null;
}

export interface NewSubmission {
  kind: SubmissionKind;
  op: SubmissionOp;
  targetSlug: string;
  companySlug: string;
  cvr: string | null;
  baseVersion: number | null;
  payload: string | null;
  authorId: string;
}

export async function createSubmission(tx: Runner, submission: NewSubmission): Promise<string> {
  const [row] = await tx.run<{ id: string }>(CREATE, {
    ...submission,
    baseVersion: submission.baseVersion === null ? null : neo4j.int(submission.baseVersion),
  });
  if (!row) throw new Error('submission not created: its author is not in the graph');
  return row.id;
}

/** Replaces a draft's record; false when it is no longer a draft. */
export async function updateDraft(
  tx: Runner,
  draft: { id: string; payload: string | null; baseVersion: number | null },
): Promise<boolean> {
  const rows = await tx.run(UPDATE_DRAFT, {
    ...draft,
    baseVersion: draft.baseVersion === null ? null : neo4j.int(draft.baseVersion),
  });
  return rows.length > 0;
}

/** Moves a submission on (submit, withdraw); false when its status is no longer one of `from`. */
export async function transition(
  tx: Runner,
  id: string,
  from: readonly SubmissionStatus[],
  to: SubmissionStatus,
): Promise<boolean> {
  const rows = await tx.run(TRANSITION, { id, from: [...from], to });
  return rows.length > 0;
}

/** Approves or rejects a submitted submission; false when it was no longer waiting. */
export async function decide(
  tx: Runner,
  decision: {
    id: string;
    reviewerId: string;
    status: 'approved' | 'rejected';
    reason: string | null;
    publishedVersion: number | null;
  },
): Promise<boolean> {
  const rows = await tx.run(DECIDE, {
    ...decision,
    publishedVersion: decision.publishedVersion === null ? null : neo4j.int(decision.publishedVersion),
  });
  return rows.length > 0;
}

/** Locks a published company for this transaction; its version, or null when there is none. */
export async function lockCompany(tx: Runner, slug: string): Promise<number | null> {
  const [row] = await tx.run<{ version: number }>(LOCK_COMPANY, { slug });
  return row ? row.version : null;
}

/** Locks a company's product for this transaction; its version and status, or null when the company does not offer it. */
export async function lockProduct(
  tx: Runner,
  company: string,
  slug: string,
): Promise<{ version: number; status: ProductStatus } | null> {
  const [row] = await tx.run<{ version: number; status: ProductStatus }>(LOCK_PRODUCT, { company, slug });
  return row ?? null;
}

export async function retireProduct(
  tx: Runner,
  product: { company: string; slug: string },
  attribution: { source: ListingSource; submittedBy: string | null; submittedAt: string | null; approvedBy: string },
): Promise<number | null> {
  const [row] = await tx.run<{ version: number }>(RETIRE_PRODUCT, { ...product, ...attribution });
  return row?.version ?? null;
}

export async function deleteProduct(tx: Runner, product: { company: string; slug: string }): Promise<void> {
  await tx.run(DELETE_PRODUCT, product);
}

/** Deletes a company and its products; returns the products' slugs. */
export async function deleteCompany(tx: Runner, slug: string): Promise<string[]> {
  const [row] = await tx.run<{ productSlugs: string[] }>(DELETE_COMPANY, { slug });
  return row?.productSlugs ?? [];
}

/** Marks a held certification verified by NCC-DK today; false when the company does not hold it. */
export async function verifyHolding(
  tx: Runner,
  holding: { company: string; code: string; method: string; reviewerId: string },
): Promise<boolean> {
  const rows = await tx.run(VERIFY, holding);
  return rows.length > 0;
}
