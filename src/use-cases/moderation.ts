import { z } from 'zod';
import { appendAudit } from '../../graph/audit';
import { confirmCompanyIn } from '../../graph/confirmation';
import { GraphError } from '../../graph/executor';
import { writeCompanyRows, writeProductRows } from '../../graph/loaders/ecosystem';
import type { CompanyRow, ProductRow } from '../../graph/model';
import {
  type CompanyRecord,
  decide,
  deleteCompany,
  deleteProduct,
  inTransaction,
  lockCompany,
  lockProduct,
  type ProductRecord,
  type PublishedCompany,
  type PublishedProduct,
  publishedCompanies,
  publishedProducts,
  retireProduct,
  type StoredSubmission,
  submittedQueue,
  verifyHolding,
} from '../../graph/submissions';
import type { WriteTransaction } from '../../graph/write';
import type { Viewer } from '../auth/viewer';
import { publishedFacts } from './company-facts';
import { diffRecords, type FieldChange } from './diff-records';
import { ConflictError, NotFoundError, parsedInput } from './errors';
import {
  actorId,
  auditedListing,
  checkId,
  inOneTransaction,
  type ListingStore,
  maySee,
  requireReviewer,
  type SubmissionView,
  submissionFor,
  validRecord,
  viewOf,
} from './listing-store';

/**
 * What NCC-DK reviewers do: read the queue of submitted changes with what each would change,
 * approve one (publishing it in one transaction) or reject it with a reason, and verify a
 * certification a company holds.
 *
 * Approval writes the listing with the loaders' own statements (graph/loaders/ecosystem.ts), so
 * approved data has exactly the shape of imported data; the change log then carries it to search
 * and matching within seconds. Inside the same transaction it locks the listing, compares the
 * version the vendor edited with the current one (CONFLICT when another change was published
 * meanwhile), bumps the version, records who submitted and who approved, marks the submission
 * and appends the audit event. Any failure rolls all of it back.
 */

export interface ReviewItem {
  submission: SubmissionView;
  /** What approving would change, field by field, against what is published now. */
  changes: FieldChange[];
  /** The listing's published version now; null when it does not exist. */
  currentVersion: number | null;
  /** The listing changed (or was created) since the vendor's edit: approving it would be refused. */
  stale: boolean;
}

const pageSchema = z.object({
  limit: z.number().int().min(1).max(100),
  offset: z.number().int().min(0).max(10_000),
});

/**
 * What the reviewer compares: the published record and the proposed one. A product's status is
 * shown as a field, since an update publishes a retired product active again.
 */
function comparison(
  submission: StoredSubmission,
  listing: PublishedCompany | PublishedProduct | undefined,
): [object | null, object | null] {
  const status = listing && 'status' in listing ? { status: listing.status } : {};
  const published = listing ? { ...listing.record, ...status } : null;
  if (submission.op === 'delete') return [published, null];
  if (submission.op === 'retire') return [status, { status: 'retired' }];
  const proposed = submission.payload ? JSON.parse(submission.payload) : null;
  return [published, submission.kind === 'product' && listing ? { ...proposed, status: 'active' } : proposed];
}

/** The submitted changes, oldest first, each with its field-by-field diff against what is published. */
export async function listReviewQueue(
  store: ListingStore,
  viewer: Viewer,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: ReviewItem[] }> {
  requireReviewer(viewer);
  const { limit, offset } = parsedInput(pageSchema, page);
  const queue = await submittedQueue(store.executor, limit, offset);
  const slugsOf = (kind: StoredSubmission['kind']) => [
    ...new Set(queue.page.filter((s) => s.kind === kind).map((s) => s.targetSlug)),
  ];
  const [companies, products] = await Promise.all([
    publishedCompanies(store.executor, slugsOf('company')),
    publishedProducts(store.executor, slugsOf('product')),
  ]);
  const companyBySlug = new Map(companies.map((c) => [c.slug, c]));
  const productBySlug = new Map(products.map((p) => [p.slug, p]));
  const items = queue.page.map((submission): ReviewItem => {
    const listing: PublishedCompany | PublishedProduct | undefined =
      submission.kind === 'company'
        ? companyBySlug.get(submission.targetSlug)
        : productBySlug.get(submission.targetSlug);
    const currentVersion = listing?.version ?? null;
    return {
      submission: viewOf(submission),
      changes: diffRecords(...comparison(submission, listing)),
      currentVersion,
      stale: submission.op === 'create' ? listing !== undefined : currentVersion !== submission.baseVersion,
    };
  });
  return { total: queue.total, items };
}

interface Approval {
  reviewerId: string;
  submission: StoredSubmission;
  record: CompanyRecord | ProductRecord | null;
}

const versionConflict = (base: number | null, current: number) =>
  new ConflictError(
    `Another change to this listing was published after this one was made (version ${base} → ${current}). Reject it; the vendor can redo it on the current version.`,
    current,
  );

/** The attribution an approval gives every fact it changes. */
const approvedBy = ({ reviewerId, submission }: Approval) => ({
  source: 'vendor' as const,
  submittedBy: submission.authorId,
  submittedAt: submission.submittedAt,
  approvedBy: reviewerId,
  approvedAt: null,
});

async function publishCompany(tx: WriteTransaction, approval: Approval): Promise<number> {
  const { submission } = approval;
  const record = approval.record as CompanyRecord;
  const reader = inTransaction(tx);
  let cvr = submission.cvr as string;
  let sample = false;
  let published: PublishedCompany | null = null;
  if (submission.op === 'update') {
    const current = await lockCompany(tx, submission.targetSlug);
    if (current === null) throw new NotFoundError(`${submission.targetSlug} is no longer in the directory.`);
    if (current !== submission.baseVersion) throw versionConflict(submission.baseVersion, current);
    [published = null] = await publishedCompanies(reader, [submission.targetSlug]);
    if (!published) throw new NotFoundError(`${submission.targetSlug} is no longer in the directory.`);
    ({ cvr, sample } = published);
  }
  const row: CompanyRow = {
    ...record,
    cvr,
    slug: submission.targetSlug,
    sample,
    partnerSlugs: [],
    ...approvedBy(approval),
    ...publishedFacts(record, published, approvedBy(approval)),
  };
  const [written] = await writeCompanyRows(tx, [row]);
  if (submission.op === 'create' && !written?.created) {
    throw new ConflictError(`CVR ${cvr} is already in the directory; the registration cannot be published.`);
  }
  return (await lockCompany(tx, submission.targetSlug)) as number;
}

async function publishProduct(tx: WriteTransaction, approval: Approval): Promise<number> {
  const { submission } = approval;
  const record = approval.record as ProductRecord;
  if (submission.op === 'create') {
    if ((await lockCompany(tx, submission.companySlug)) === null) {
      throw new NotFoundError(`${submission.companySlug} is no longer in the directory.`);
    }
  } else {
    const current = await lockProduct(tx, submission.companySlug, submission.targetSlug);
    if (!current) throw new NotFoundError(`${submission.companySlug} no longer offers ${submission.targetSlug}.`);
    if (current.version !== submission.baseVersion) throw versionConflict(submission.baseVersion, current.version);
  }
  const row: ProductRow = {
    ...record,
    slug: submission.targetSlug,
    companySlug: submission.companySlug,
    status: 'active',
    ...approvedBy(approval),
  };
  const [written] = await writeProductRows(tx, [row]);
  if (!written || written.created !== (submission.op === 'create') || written.movedFrom.length > 0) {
    throw new ConflictError(
      `A product ${submission.targetSlug} is already listed; the new product cannot be published under that name.`,
    );
  }
  return (await lockProduct(tx, submission.companySlug, submission.targetSlug))?.version as number;
}

/** Retires or deletes a product, or deletes a company with its products; returns the version retired at. */
async function withdrawListing(tx: WriteTransaction, approval: Approval): Promise<number | null> {
  const { submission } = approval;
  const company = submission.companySlug;
  if (submission.kind === 'company') {
    const current = await lockCompany(tx, company);
    if (current === null) throw new NotFoundError(`${company} is no longer in the directory.`);
    if (current !== submission.baseVersion) throw versionConflict(submission.baseVersion, current);
    const products = await deleteCompany(tx, company);
    tx.changed(...products.map((slug) => ({ kind: 'Product' as const, key: slug, op: 'deleted' as const, company })), {
      kind: 'Company',
      key: company,
      op: 'deleted',
      company,
    });
    return null;
  }
  const product = { company, slug: submission.targetSlug };
  const current = await lockProduct(tx, company, product.slug);
  if (!current) throw new NotFoundError(`${company} no longer offers ${product.slug}.`);
  if (current.version !== submission.baseVersion) throw versionConflict(submission.baseVersion, current.version);
  if (submission.op === 'delete') {
    await deleteProduct(tx, product);
    tx.changed({ kind: 'Product', key: product.slug, op: 'deleted', company });
    return null;
  }
  const { approvedAt: _now, ...attribution } = approvedBy(approval);
  const version = await retireProduct(tx, product, attribution);
  tx.changed({ kind: 'Product', key: product.slug, op: 'updated', company });
  return version;
}

/**
 * A reviewer approves a submitted change: it is published, in one transaction, or nothing
 * happens (CONFLICT when the listing moved on since the vendor's edit, NOT_FOUND when it is gone).
 */
export async function approveSubmission(
  store: ListingStore,
  viewer: Viewer,
  id: string,
): Promise<{ submission: SubmissionView; version: number | null }> {
  requireReviewer(viewer);
  checkId(id);
  const submission = await submissionFor(store.executor, viewer, id, maySee);
  if (submission.status !== 'submitted')
    throw new ConflictError(`This change is ${submission.status}, not waiting for review.`);
  // Validated against today's taxonomies: a need or code may have been removed since it was submitted.
  const record = submission.payload
    ? await validRecord(store.executor, submission.kind, JSON.parse(submission.payload))
    : null;
  let version: number | null;
  try {
    version = await inOneTransaction(store, 'submission.approve', async (tx) => {
      const reader = inTransaction(tx);
      const reviewerId = await actorId(reader, viewer);
      const before = await publishedBefore(reader, submission);
      const approval = { reviewerId, submission, record };
      const published =
        submission.op === 'retire' || submission.op === 'delete'
          ? await withdrawListing(tx, approval)
          : submission.kind === 'company'
            ? await publishCompany(tx, approval)
            : await publishProduct(tx, approval);
      // The vendor has just vouched for the listing and NCC-DK approved it: that is this year's confirmation.
      if (!(submission.kind === 'company' && submission.op === 'delete')) {
        await confirmCompanyIn(tx, submission.companySlug);
      }
      if (!(await decide(tx, { id, reviewerId, status: 'approved', reason: null, publishedVersion: published }))) {
        throw new ConflictError('This change was decided by someone else meanwhile.');
      }
      await appendAudit(tx, {
        action: 'approve',
        actorKind: 'staff',
        actorId: reviewerId,
        ...auditedListing(submission),
        details: {
          submission: id,
          kind: submission.kind,
          op: submission.op,
          version: published,
          before,
          after: record,
        },
      });
      return published;
    });
  } catch (error) {
    // A slug or CVR another listing took between the checks and this write.
    if (error instanceof GraphError && error.code === 'GRAPH_CONSTRAINT') {
      throw new ConflictError(`${submission.targetSlug} is already taken by another listing.`);
    }
    throw error;
  }
  return { submission: viewOf(await submissionFor(store.executor, viewer, id, maySee)), version };
}

async function publishedBefore(reader: ReturnType<typeof inTransaction>, submission: StoredSubmission) {
  if (submission.op === 'create') return null;
  if (submission.kind === 'company')
    return (await publishedCompanies(reader, [submission.targetSlug]))[0]?.record ?? null;
  const [product] = await publishedProducts(reader, [submission.targetSlug]);
  return product ? { ...product.record, status: product.status } : null;
}

const reasonSchema = z
  .string()
  .trim()
  .min(5, 'must say why, in at least 5 characters')
  .max(2_000, 'must be at most 2000 characters');

/** A reviewer rejects a submitted change with a reason the vendor will read. */
export async function rejectSubmission(
  store: ListingStore,
  viewer: Viewer,
  input: { id: string; reason: string },
): Promise<SubmissionView> {
  requireReviewer(viewer);
  checkId(input.id);
  const reason = parsedInput(z.object({ reason: reasonSchema }), { reason: input.reason }).reason;
  const submission = await submissionFor(store.executor, viewer, input.id, maySee);
  if (submission.status !== 'submitted')
    throw new ConflictError(`This change is ${submission.status}, not waiting for review.`);
  await inOneTransaction(store, 'submission.reject', async (tx) => {
    const reviewerId = await actorId(inTransaction(tx), viewer);
    if (!(await decide(tx, { id: input.id, reviewerId, status: 'rejected', reason, publishedVersion: null }))) {
      throw new ConflictError('This change was decided by someone else meanwhile.');
    }
    await appendAudit(tx, {
      action: 'reject',
      actorKind: 'staff',
      actorId: reviewerId,
      ...auditedListing(submission),
      details: { submission: input.id, reason },
    });
  });
  return viewOf(await submissionFor(store.executor, viewer, input.id, maySee));
}

const verificationSchema = z.object({
  companySlug: z.string().min(1).max(200),
  certificationCode: z.string().min(1).max(60),
  method: z.string().trim().min(3, 'must say how it was checked').max(200, 'must be at most 200 characters'),
});

/**
 * A reviewer marks a certification a company holds as verified by NCC-DK today, saying how it
 * was checked. Matching then counts it fully, so the company's listing is logged as changed.
 */
export async function verifyCertification(
  store: ListingStore,
  viewer: Viewer,
  input: { companySlug: string; certificationCode: string; method: string },
): Promise<{ companySlug: string; certificationCode: string }> {
  requireReviewer(viewer);
  const { companySlug, certificationCode, method } = parsedInput(verificationSchema, input);
  await inOneTransaction(store, 'certification.verify', async (tx) => {
    const reviewerId = await actorId(inTransaction(tx), viewer);
    if (!(await verifyHolding(tx, { company: companySlug, code: certificationCode, method, reviewerId }))) {
      throw new NotFoundError(`${companySlug} does not hold ${certificationCode}.`);
    }
    tx.changed({ kind: 'Company', key: companySlug, op: 'updated', company: companySlug });
    await appendAudit(tx, {
      action: 'verify-certification',
      actorKind: 'staff',
      actorId: reviewerId,
      company: companySlug,
      details: { certification: certificationCode, method },
    });
  });
  return { companySlug, certificationCode };
}
