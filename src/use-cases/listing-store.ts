import { type Executor, GraphError } from '../../graph/executor';
import { knownKeys } from '../../graph/loaders/shared';
import {
  type CompanyRecord,
  type ProductRecord,
  readSubmission,
  type StoredSubmission,
  userIdOf,
} from '../../graph/submissions';
import type { GraphWriter, WriteTransaction } from '../../graph/write';
import { canEditCompany, isStaff, type Viewer } from '../auth/viewer';
import { ForbiddenError, NotFoundError, UseCaseError } from './errors';
import { validateCompanyRecord, validateProductRecord } from './listing-input';

/**
 * What the vendor and moderation use cases share: the graph they read and the one writer they
 * change it through, who the viewer is in the graph, and who may see which submission.
 */
export interface ListingStore {
  executor: Executor;
  writer: GraphWriter;
}

type Reader = Pick<Executor, 'read'>;

/**
 * One use case's writes in one transaction. The executor reports whatever ends a transaction as
 * a graph error; a refusal the use case threw inside it (a conflict found under the lock) comes
 * out as itself, so the caller gets CONFLICT rather than a fault.
 */
export async function inOneTransaction<T>(
  store: ListingStore,
  name: string,
  work: (tx: WriteTransaction) => Promise<T>,
): Promise<T> {
  try {
    return await store.writer.change(name, work);
  } catch (error) {
    if (error instanceof GraphError && error.cause instanceof UseCaseError) throw error.cause;
    throw error;
  }
}

/** A submission as the use cases return it: with its record parsed. */
export interface SubmissionView extends StoredSubmission {
  record: CompanyRecord | ProductRecord | null;
}

export function viewOf(submission: StoredSubmission): SubmissionView {
  return { ...submission, record: submission.payload ? JSON.parse(submission.payload) : null };
}

/** Vendors see their colleagues' submissions but not who wrote them: names and e-mails are for NCC. */
export const withoutAuthor = (submission: SubmissionView): SubmissionView => ({ ...submission, author: null });

export const isReviewer = (viewer: Viewer) => isStaff(viewer, 'reviewer') || isStaff(viewer, 'admin');

/** Vendors of the company (or, for a company being registered, of its CVR number) and NCC reviewers. */
export function maySee(viewer: Viewer, submission: StoredSubmission): boolean {
  return isReviewer(viewer) || mayEdit(viewer, submission);
}

export function mayEdit(viewer: Viewer, submission: StoredSubmission): boolean {
  if (viewer.kind !== 'vendor') return false;
  if (submission.cvr !== null) return submission.cvr === viewer.cvr;
  return canEditCompany(viewer, submission.companySlug);
}

/** The logged-in person's pseudonymous id; a viewer without one (anonymous, a token) may not write. */
export async function actorId(reader: Reader, viewer: Viewer): Promise<string> {
  if (viewer.kind !== 'vendor' && viewer.kind !== 'staff') throw new ForbiddenError('Log in to do this.');
  // The session's own User: a lookup by subject could meet a second node for the same person (a
  // grant's placeholder made while they first logged in) and act on the wrong one.
  if (viewer.userId) return viewer.userId;
  const id = await userIdOf(reader, { subject: viewer.subject, kind: viewer.kind });
  if (!id) throw new ForbiddenError('Your login is not known here any more; log in again.');
  return id;
}

export function requireReviewer(viewer: Viewer): void {
  if (!isReviewer(viewer)) throw new ForbiddenError('Only NCC-DK reviewers may do this.');
}

export async function submissionFor(
  reader: Reader,
  viewer: Viewer,
  id: string,
  may: (viewer: Viewer, submission: StoredSubmission) => boolean,
): Promise<StoredSubmission> {
  const submission = await readSubmission(reader, id);
  if (!submission) throw new NotFoundError(`There is no submission ${id}.`);
  if (!may(viewer, submission)) throw new ForbiddenError('This submission is not yours to see or change.');
  return submission;
}

/** A stored or proposed record, validated against today's taxonomies (a code may have gone since it was saved). */
export async function validRecord(
  executor: Executor,
  kind: StoredSubmission['kind'],
  record: unknown,
): Promise<CompanyRecord | ProductRecord> {
  const known = await knownKeys(executor);
  return kind === 'company' ? validateCompanyRecord(record, known) : validateProductRecord(record, known);
}

/** A payload as stored: valid, since it passed validRecord. */
export const payloadOf = (record: CompanyRecord | ProductRecord | null) => (record ? JSON.stringify(record) : null);

/** An id from outside: anything that cannot be one is simply not found. */
export function checkId(id: string): void {
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new NotFoundError(`There is no submission ${id}.`);
}

/** The listing an audit event about a submission names, so the log can be searched by listing. */
export const auditedListing = (submission: { companySlug: string; kind: string; targetSlug: string }) => ({
  company: submission.companySlug,
  product: submission.kind === 'product' ? submission.targetSlug : null,
});
