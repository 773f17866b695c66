import { appendAudit } from '../../graph/audit';
import { isValidCvr } from '../../graph/cvr';
import { slugify } from '../../graph/slug';
import {
  createSubmission,
  inTransaction,
  listingVersion,
  openRegistration,
  openSubmissionFor,
  type PublishedVersion,
  publishedHistory,
  readSubmission,
  type StoredSubmission,
  submissionsForVendor,
  taken,
  transition,
  updateDraft,
} from '../../graph/submissions';
import type { SubmissionKind, SubmissionOp } from '../../graph/vocabulary';
import { canEditCompany, type Viewer } from '../auth/viewer';
import { ConflictError, type FieldIssue, ForbiddenError, NotFoundError, ValidationError } from './errors';
import {
  actorId,
  auditedListing,
  checkId,
  inOneTransaction,
  type ListingStore,
  mayEdit,
  maySee,
  payloadOf,
  type SubmissionView,
  submissionFor,
  validRecord,
  viewOf,
  withoutAuthor,
} from './listing-store';

/**
 * What a vendor does with their company's listing: propose a change as a draft, submit it for
 * review, withdraw it, register a company that is not in the directory yet, and follow what
 * became of it all. Nothing here touches a published listing: approval does (./moderation.ts).
 *
 * Conflicts: every draft of an existing listing records the version it was made from. Saving
 * and submitting refuse a draft whose listing has moved on since (CONFLICT), so the vendor
 * redoes it on what is published now; approval checks again inside its transaction, which is
 * what makes it safe when two drafts from the same version are both submitted.
 */

export interface DraftInput {
  /** A draft to replace; absent for a new one. */
  id?: string | null;
  kind: SubmissionKind;
  op: SubmissionOp;
  companySlug: string;
  /** The product an update, retirement or deletion is about. */
  productSlug?: string | null;
  /** The listing's version the vendor's form showed; required except for a new product. */
  baseVersion?: number | null;
  /** The whole proposed record, for a create or an update. */
  record?: unknown;
}

const OPS: Record<SubmissionKind, readonly SubmissionOp[]> = {
  company: ['update', 'delete'],
  product: ['create', 'update', 'retire', 'delete'],
};

function shapeIssues(input: DraftInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, code: 'invalid_combination', message });
  if (!OPS[input.kind].includes(input.op)) {
    issue(
      'op',
      input.kind === 'company' && input.op === 'create'
        ? 'a new company is registered, not drafted'
        : `a ${input.kind} cannot be proposed for ${input.op}`,
    );
  }
  const needsRecord = input.op === 'create' || input.op === 'update';
  if (needsRecord && (input.record === undefined || input.record === null)) issue('record', 'is required');
  if (!needsRecord && input.record !== undefined && input.record !== null)
    issue('record', `must be empty for ${input.op}`);
  if (input.kind === 'product' && input.op !== 'create' && !input.productSlug) issue('productSlug', 'is required');
  if (input.op !== 'create' && (input.baseVersion === undefined || input.baseVersion === null)) {
    issue('baseVersion', 'is required: the version of the listing the change was made from');
  }
  return issues;
}

function requireVendor(viewer: Viewer): asserts viewer is Extract<Viewer, { kind: 'vendor' }> {
  if (viewer.kind !== 'vendor') throw new ForbiddenError("Only a company's own people can propose changes to it.");
}

/** The slug a new listing will be published under: the name's, made unique against listings and open drafts. */
async function freeSlug(
  store: ListingStore,
  kind: SubmissionKind,
  name: string,
  suffixes: (base: string) => string[],
): Promise<string> {
  const base = slugify(name);
  for (const candidate of [base, ...suffixes(base)]) {
    const [inUse, open] = await Promise.all([
      taken(store.executor, { slug: candidate }),
      openSubmissionFor(store.executor, kind, candidate),
    ]);
    const listed = kind === 'company' ? inUse.companySlug : inUse.productSlug;
    if (!listed && !open) return candidate;
  }
  throw new ConflictError(`The name "${name}" is taken; choose another.`);
}

const numbered = (base: string) => Array.from({ length: 20 }, (_, i) => `${base}-${i + 2}`);

/**
 * The draft's target and base version, checked against what is published: an edit of a version
 * that is no longer current is a conflict now rather than at review.
 */
async function resolveTarget(
  store: ListingStore,
  input: DraftInput,
  record: { name: string } | null,
  existing: StoredSubmission | null,
): Promise<{ targetSlug: string; baseVersion: number | null }> {
  if (input.op === 'create') {
    if (existing) return { targetSlug: existing.targetSlug, baseVersion: null };
    const name = record?.name ?? '';
    return {
      targetSlug: await freeSlug(store, 'product', name, (base) => [`${input.companySlug}-${base}`, ...numbered(base)]),
      baseVersion: null,
    };
  }
  const product = input.kind === 'product' ? (input.productSlug ?? null) : null;
  const current = await listingVersion(store.executor, { company: input.companySlug, product });
  if (current === null) {
    throw new NotFoundError(
      product ? `${input.companySlug} offers no product ${product}.` : `There is no company ${input.companySlug}.`,
    );
  }
  if (current !== input.baseVersion) {
    throw new ConflictError(
      `The listing has changed since this edit began (version ${input.baseVersion} → ${current}); redo it on the current version.`,
      current,
    );
  }
  return { targetSlug: product ?? input.companySlug, baseVersion: current };
}

/**
 * A vendor saves a proposed change to their company or one of its products as a draft (a new
 * one, or over one of their drafts). The record is validated in full; nothing is published.
 */
export async function saveDraft(store: ListingStore, viewer: Viewer, input: DraftInput): Promise<SubmissionView> {
  requireVendor(viewer);
  if (!canEditCompany(viewer, input.companySlug)) {
    throw new ForbiddenError(`You may not propose changes to ${input.companySlug}.`);
  }
  const issues = shapeIssues(input);
  if (issues.length > 0) throw new ValidationError(issues);
  const record =
    input.record === undefined || input.record === null
      ? null
      : await validRecord(store.executor, input.kind, input.record);
  let existing: StoredSubmission | null = null;
  if (input.id) {
    checkId(input.id);
    existing = await submissionFor(store.executor, viewer, input.id, mayEdit);
    const sameTarget =
      existing.kind === input.kind &&
      existing.op === input.op &&
      existing.companySlug === input.companySlug &&
      (input.op === 'create' ||
        existing.targetSlug === (input.kind === 'product' ? input.productSlug : input.companySlug));
    if (!sameTarget) {
      throw new ValidationError([{ path: 'id', code: 'invalid_combination', message: 'is a draft of another change' }]);
    }
  }
  const { targetSlug, baseVersion } = await resolveTarget(store, input, record, existing);
  const payload = payloadOf(record);
  const id = await inOneTransaction(store, 'submission.saveDraft', async (tx) => {
    const authorId = await actorId(inTransaction(tx), viewer);
    if (!existing) {
      return createSubmission(tx, {
        kind: input.kind,
        op: input.op,
        targetSlug,
        companySlug: input.companySlug,
        cvr: null,
        baseVersion,
        payload,
        authorId,
      });
    }
    if (!(await updateDraft(tx, { id: existing.id, payload, baseVersion }))) {
      throw new ConflictError('This change is no longer a draft: it has been submitted or withdrawn.');
    }
    return existing.id;
  });
  return withoutAuthor(viewOf(await mustRead(store, id)));
}

export interface RegistrationInput {
  /** A registration draft to replace; absent for a new one. */
  id?: string | null;
  /** The company's CVR number: the one the vendor's login acts for. */
  cvr: string;
  record: unknown;
}

/**
 * A vendor whose login's CVR number is not in the directory registers their company: a draft of
 * a company to be created, published only when NCC approves it.
 */
export async function registerCompany(
  store: ListingStore,
  viewer: Viewer,
  input: RegistrationInput,
): Promise<SubmissionView> {
  requireVendor(viewer);
  const cvr = input.cvr.trim();
  if (!isValidCvr(cvr)) {
    throw new ValidationError([
      { path: 'cvr', code: 'invalid_cvr', message: 'is not a valid CVR number (8 digits with a valid check digit)' },
    ]);
  }
  if (cvr !== viewer.cvr) throw new ForbiddenError('You can register only the company your login acts for.');
  const record = await validRecord(store.executor, 'company', input.record);
  const existingId = input.id ?? null;
  if (existingId) {
    checkId(existingId);
    const existing = await submissionFor(store.executor, viewer, existingId, mayEdit);
    if (existing.op !== 'create' || existing.cvr !== cvr) {
      throw new ValidationError([{ path: 'id', code: 'invalid_combination', message: 'is not this registration' }]);
    }
  }
  const inUse = await taken(store.executor, { slug: slugify(record.name), cvr });
  if (inUse.companyCvr) {
    throw new ConflictError(`CVR ${cvr} is already in the directory: edit that listing instead.`);
  }
  const open = await openRegistration(store.executor, cvr, existingId ?? '');
  if (open) throw new ConflictError(`CVR ${cvr} already has a registration in progress (${open}).`);
  const payload = payloadOf(record);
  const targetSlug = existingId ? null : await freeSlug(store, 'company', record.name, (base) => [`${base}-${cvr}`]);
  const id = await inOneTransaction(store, 'submission.registerCompany', async (tx) => {
    const authorId = await actorId(inTransaction(tx), viewer);
    if (!targetSlug) {
      if (!(await updateDraft(tx, { id: existingId as string, payload, baseVersion: null }))) {
        throw new ConflictError('This registration is no longer a draft: it has been submitted or withdrawn.');
      }
      return existingId as string;
    }
    return createSubmission(tx, {
      kind: 'company',
      op: 'create',
      targetSlug,
      companySlug: targetSlug,
      cvr,
      baseVersion: null,
      payload,
      authorId,
    });
  });
  return withoutAuthor(viewOf(await mustRead(store, id)));
}

/**
 * A vendor sends a draft to NCC for review. It must still be valid, and still be an edit of the
 * current version (or, for a new listing, the listing must still not exist).
 */
export async function submitDraft(store: ListingStore, viewer: Viewer, id: string): Promise<SubmissionView> {
  requireVendor(viewer);
  checkId(id);
  const draft = await submissionFor(store.executor, viewer, id, mayEdit);
  if (draft.status !== 'draft') throw new ConflictError(`This change is ${draft.status}, not a draft.`);
  if (draft.payload) await validRecord(store.executor, draft.kind, JSON.parse(draft.payload));
  if (draft.op === 'create') {
    const inUse = await taken(store.executor, { slug: draft.targetSlug, cvr: draft.cvr ?? undefined });
    if (draft.kind === 'company' ? inUse.companyCvr || inUse.companySlug : inUse.productSlug) {
      throw new ConflictError(`${draft.targetSlug} has been published meanwhile; edit that listing instead.`);
    }
  } else {
    await resolveTarget(
      store,
      { ...draft, productSlug: draft.kind === 'product' ? draft.targetSlug : null, record: null },
      null,
      draft,
    );
  }
  await inOneTransaction(store, 'submission.submit', async (tx) => {
    const author = await actorId(inTransaction(tx), viewer);
    if (!(await transition(tx, id, ['draft'], 'submitted'))) {
      throw new ConflictError('This change is no longer a draft.');
    }
    await appendAudit(tx, {
      action: 'submit',
      actorKind: 'vendor',
      actorId: author,
      ...auditedListing(draft),
      details: { submission: id, kind: draft.kind, op: draft.op, baseVersion: draft.baseVersion },
    });
  });
  return withoutAuthor(viewOf(await mustRead(store, id)));
}

/** A vendor takes back a draft or a submission still waiting for review. */
export async function withdrawSubmission(store: ListingStore, viewer: Viewer, id: string): Promise<SubmissionView> {
  requireVendor(viewer);
  checkId(id);
  const submission = await submissionFor(store.executor, viewer, id, mayEdit);
  await inOneTransaction(store, 'submission.withdraw', async (tx) => {
    const author = await actorId(inTransaction(tx), viewer);
    if (!(await transition(tx, id, ['draft', 'submitted'], 'withdrawn'))) {
      throw new ConflictError('Only a draft or a change waiting for review can be withdrawn.');
    }
    await appendAudit(tx, {
      action: 'withdraw',
      actorKind: 'vendor',
      actorId: author,
      ...auditedListing(submission),
      details: { submission: id, was: submission.status },
    });
  });
  return withoutAuthor(viewOf(await mustRead(store, id)));
}

/** One of a vendor's own submissions (the portal's edit page). */
export async function viewSubmission(store: ListingStore, viewer: Viewer, id: string): Promise<SubmissionView> {
  checkId(id);
  const submission = viewOf(await submissionFor(store.executor, viewer, id, maySee));
  return viewer.kind === 'vendor' ? withoutAuthor(submission) : submission;
}

export interface VendorDesk {
  /** The companies' submissions and the vendor's registrations, newest first, with status and any reviewer's reason. */
  submissions: SubmissionView[];
  /** Approved changes of the companies' listings, newest first. */
  history: PublishedVersion[];
}

/** A vendor's overview: what they proposed, what became of it, and the published versions. */
export async function listMySubmissions(store: ListingStore, viewer: Viewer): Promise<VendorDesk> {
  requireVendor(viewer);
  const [submissions, history] = await Promise.all([
    submissionsForVendor(store.executor, viewer),
    publishedHistory(store.executor, viewer.companies),
  ]);
  return { submissions: submissions.map((s) => withoutAuthor(viewOf(s))), history };
}

async function mustRead(store: ListingStore, id: string): Promise<StoredSubmission> {
  const submission = await readSubmission(store.executor, id);
  if (!submission) throw new NotFoundError(`There is no submission ${id}.`);
  return submission;
}
