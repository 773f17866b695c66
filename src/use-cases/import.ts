import type { AuditEvent } from '../../graph/audit';
import { isValidCvr } from '../../graph/cvr';
import { importLookups, lockImports, openSubmissionTargets, writeImportBatch } from '../../graph/import';
import { type KnownKeys, knownKeys } from '../../graph/loaders/shared';
import type { CompanyRow, ProductRow } from '../../graph/model';
import { isSlug, slugify } from '../../graph/slug';
import {
  type CompanyRecord,
  inTransaction,
  type ProductRecord,
  publishedCompanies,
  publishedProducts,
} from '../../graph/submissions';
import type { Viewer } from '../auth/viewer';
import { type FactAttribution, publishedFacts } from './company-facts';
import { diffRecords } from './diff-records';
import { type FieldIssue, ValidationError } from './errors';
import type { ImportRow, RowType } from './import-format';
import { validateCompanyRecord, validateProductRecord } from './listing-input';
import { actorId, inOneTransaction, type ListingStore, requireReviewer } from './listing-store';

/**
 * NCC staff import companies and products from a file (./import-format.ts). Every row is
 * validated by the same rules as a vendor's edit (listing-input.ts, CVR modulus 11, codes and
 * needs against the graph) and compared with what is published: it would create a listing,
 * change one (these fields), leave it unchanged, or is refused (these issues, field by field).
 * A dry run only says so. The real run writes the good rows, in batches of 500, each batch one
 * transaction through the write path, so the change log, stamps, versions and search follow;
 * refused and unchanged rows write nothing, so a second run of the same file writes nothing.
 *
 * Identity: a company by its CVR number, a product by its company's CVR number and its slug (a
 * product slug another company's product has is refused, never moved). A column or field the
 * file leaves out keeps what is published; for a new listing it is required as anywhere else.
 *
 * Staff are the reviewers, so an import publishes at once: source `import`, submitted and
 * approved by the staff member (by the command line: by no one, since it acts as the operator
 * of the system), one `import` audit event per listing with its record before and after. A
 * listing with a vendor's change still open is imported all the same and reported: the import
 * gives it a new version, so that change meets the version check (CONFLICT, "stale" in the
 * queue) instead of silently undoing the import.
 */

export type ImportOutcome = 'create' | 'change' | 'unchanged' | 'refused';

export interface ImportRowReport {
  /** Where the row is in the file (./import-format.ts ImportRow.row). */
  row: number;
  type: RowType;
  cvr: string;
  /** The listing's slug (a new company's: the one it gets); null when it could not be told. */
  slug: string | null;
  name: string | null;
  outcome: ImportOutcome;
  /** What a change changes, as the review diff names fields ('description.da', 'certifications.ISO27001'). */
  fields: string[];
  /** Why a row is refused. */
  issues: FieldIssue[];
  /** A vendor's draft or submission of this listing is open: it will meet a version conflict. */
  pendingSubmission: boolean;
}

export interface ImportSummary {
  dryRun: boolean;
  rows: number;
  create: number;
  change: number;
  unchanged: number;
  refused: number;
}

/** The command line acts for the system's operator, who has the database's keys and no login. */
export const OPERATOR = { kind: 'operator' } as const;
export type ImportActor = Viewer | typeof OPERATOR;

export interface ImportOptions {
  dryRun: boolean;
  /** Rows per transaction. */
  batchSize?: number;
  /** Each row's outcome, in file order, once its batch is written (or, in a dry run, planned). */
  onRow?: (report: ImportRowReport) => void;
}

export const IMPORT_BATCH_SIZE = 500;

/** What earlier rows of the file settled: companies by CVR (slug; null when refused), product slugs, new slugs. */
interface FileState {
  companies: Map<string, string | null>;
  products: Set<string>;
  newCompanySlugs: Set<string>;
}

const emptyState = (): FileState => ({ companies: new Map(), products: new Set(), newCompanySlugs: new Set() });

function issuesOf(error: unknown): FieldIssue[] {
  if (error instanceof ValidationError) return error.issues;
  throw error;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file's fields over the published record: a field the file leaves out keeps its value. */
function overPublished(input: Record<string, unknown>, published: object | undefined): Record<string, unknown> {
  if (!published) return input;
  const base = published as Record<string, unknown>;
  const merged = { ...base, ...input };
  if (isObject(input.description) && isObject(base.description)) {
    merged.description = { ...base.description, ...input.description };
  }
  return merged;
}

interface Plan {
  reports: ImportRowReport[];
  companies: CompanyRow[];
  products: ProductRow[];
  audit: AuditEvent[];
  state: FileState;
}

interface Context {
  known: KnownKeys;
  attribution: FactAttribution;
  actor: Pick<AuditEvent, 'actorKind' | 'actorId'>;
}

type Reader = Parameters<typeof publishedCompanies>[0];

/** A product's slug: as written, or made from its name. */
function productSlugOf(row: ImportRow): { slug: string | null; issue: FieldIssue | null } {
  if (row.slug !== null) {
    return isSlug(row.slug)
      ? { slug: row.slug, issue: null }
      : {
          slug: null,
          issue: { path: 'slug', code: 'invalid_slug', message: 'must be lowercase letters, digits and hyphens' },
        };
  }
  try {
    return { slug: typeof row.record.name === 'string' ? slugify(row.record.name) : null, issue: null };
  } catch {
    return { slug: null, issue: null };
  }
}

/**
 * What a batch of rows would do, read from the graph (inside the batch's transaction in a real
 * run, so what it compares with is what it replaces) and from what earlier rows of the file
 * settled. Pure apart from those reads: a transaction that is retried plans again from the same state.
 */
async function planBatch(
  reader: Reader,
  rows: readonly ImportRow[],
  before: FileState,
  context: Context,
): Promise<Plan> {
  const state: FileState = {
    companies: new Map(before.companies),
    products: new Set(before.products),
    newCompanySlugs: new Set(before.newCompanySlugs),
  };
  const productSlugs = new Map(rows.filter((row) => row.type === 'product').map((row) => [row, productSlugOf(row)]));
  const candidates = rows.flatMap((row) => {
    if (row.type !== 'company' || typeof row.record.name !== 'string') return [];
    try {
      const base = slugify(row.record.name);
      return [base, `${base}-${row.cvr}`];
    } catch {
      return [];
    }
  });
  const cvrs = [...new Set(rows.map((row) => row.cvr).filter(isValidCvr))];
  const lookups = await importLookups(reader, { cvrs, companySlugCandidates: candidates });
  const slugsOfProducts = [...productSlugs.values()].flatMap(({ slug }) => (slug ? [slug] : []));
  // One after the other: in a real run they share the batch's transaction.
  // Records only of the companies the batch has rows for: a product row needs just its company's slug.
  const companyRowSlugs = rows.flatMap((row) => {
    const slug = row.type === 'company' ? lookups.companySlugByCvr.get(row.cvr) : undefined;
    return slug ? [slug] : [];
  });
  const companies = await publishedCompanies(reader, [...new Set(companyRowSlugs)]);
  const products = await publishedProducts(reader, slugsOfProducts);
  const companyBySlug = new Map(companies.map((c) => [c.slug, c]));
  const productBySlug = new Map(products.map((p) => [p.slug, p]));
  const open = await openSubmissionTargets(reader, [
    ...new Set([...lookups.companySlugByCvr.values(), ...products.map((p) => p.companySlug)]),
  ]);

  const plan: Plan = { reports: [], companies: [], products: [], audit: [], state };
  for (const row of rows) {
    const issues = [...row.issues];
    if (!isValidCvr(row.cvr)) {
      issues.push({
        path: 'cvr',
        code: 'invalid_cvr',
        message: 'is not a valid CVR number (8 digits with a valid check digit)',
      });
    }
    const report = (outcome: ImportOutcome, more: Partial<ImportRowReport>): void => {
      plan.reports.push({
        row: row.row,
        type: row.type,
        cvr: row.cvr,
        slug: null,
        name: typeof row.record.name === 'string' ? row.record.name.trim() : null,
        outcome,
        fields: [],
        issues: [],
        pendingSubmission: false,
        ...more,
      });
    };
    if (row.type === 'company') {
      if (state.companies.has(row.cvr)) {
        issues.push({ path: 'cvr', code: 'duplicate', message: 'is given to an earlier company row of this file' });
        report('refused', { issues });
        continue;
      }
      const existing = lookups.companySlugByCvr.get(row.cvr);
      const published = existing ? companyBySlug.get(existing) : undefined;
      let record: CompanyRecord | null = null;
      try {
        record = validateCompanyRecord(overPublished(row.record, published?.record), context.known);
      } catch (error) {
        issues.push(...issuesOf(error));
      }
      const slug = existing ?? (record ? newCompanySlug(record.name, row.cvr, lookups.takenCompanySlugs, state) : null);
      if (record && !slug) {
        issues.push({
          path: 'name',
          code: 'slug_taken',
          message: 'another company has a page address made from this name',
        });
      }
      if (!record || !slug || issues.length > 0) {
        if (isValidCvr(row.cvr)) state.companies.set(row.cvr, null);
        report('refused', { issues, slug: existing ?? null });
        continue;
      }
      state.companies.set(row.cvr, slug);
      if (!existing) state.newCompanySlugs.add(slug);
      // A listed company whose record cannot be read whole (no municipality) is rewritten whole.
      const fields = existing ? diffRecords(published?.record ?? null, record).map((change) => change.field) : [];
      const op = existing ? 'change' : 'create';
      const pendingSubmission = open.has(`company:${slug}`);
      if (existing && fields.length === 0) {
        report('unchanged', { slug, pendingSubmission });
        continue;
      }
      plan.companies.push({
        ...record,
        cvr: row.cvr,
        slug,
        sample: published?.sample ?? false,
        partnerSlugs: [],
        ...context.attribution,
        ...publishedFacts(record, published, context.attribution),
      });
      plan.audit.push({
        action: 'import',
        ...context.actor,
        company: slug,
        product: null,
        details: {
          op: op,
          row: row.row,
          fields,
          before: published?.record ?? null,
          after: record,
        },
      });
      report(op, { slug, fields, pendingSubmission });
      continue;
    }

    const { slug, issue } = productSlugs.get(row) ?? { slug: null, issue: null };
    if (issue) issues.push(issue);
    if (slug && state.products.has(slug)) {
      issues.push({ path: 'slug', code: 'duplicate', message: 'is given to an earlier product row of this file' });
      report('refused', { issues, slug });
      continue;
    }
    if (slug) state.products.add(slug);
    const inFile = state.companies.get(row.cvr);
    const companySlug = inFile === undefined ? lookups.companySlugByCvr.get(row.cvr) : inFile;
    if (isValidCvr(row.cvr) && inFile === null) {
      issues.push({ path: 'cvr', code: 'company_refused', message: "the company's own row in this file is refused" });
    } else if (isValidCvr(row.cvr) && companySlug === undefined) {
      issues.push({
        path: 'cvr',
        code: 'unknown_company',
        message: 'no company with this CVR number is listed or imported before this row',
      });
    }
    const published = slug ? productBySlug.get(slug) : undefined;
    if (published && companySlug && published.companySlug !== companySlug) {
      issues.push({ path: 'slug', code: 'slug_taken', message: "is another company's product" });
    }
    let record: ProductRecord | null = null;
    try {
      record = validateProductRecord(overPublished(row.record, published?.record), context.known);
    } catch (error) {
      issues.push(...issuesOf(error));
    }
    if (!record || !slug || !companySlug || issues.length > 0) {
      report('refused', { issues, slug });
      continue;
    }
    const fields = published
      ? diffRecords({ ...published.record, status: published.status }, { ...record, status: 'active' }).map(
          (change) => change.field,
        )
      : [];
    const pendingSubmission = open.has(`product:${slug}`);
    if (published && fields.length === 0) {
      report('unchanged', { slug, pendingSubmission });
      continue;
    }
    plan.products.push({ ...record, slug, companySlug, status: 'active', ...context.attribution });
    plan.audit.push({
      action: 'import',
      ...context.actor,
      company: companySlug,
      product: slug,
      details: {
        op: published ? 'change' : 'create',
        row: row.row,
        fields,
        before: published ? { ...published.record, status: published.status } : null,
        after: { ...record, status: 'active' },
      },
    });
    report(published ? 'change' : 'create', { slug, fields, pendingSubmission });
  }
  return plan;
}

/** A new company's slug: its name's, else its name's with its CVR number; null when both are taken. */
function newCompanySlug(name: string, cvr: string, taken: ReadonlySet<string>, state: FileState): string | null {
  const base = slugify(name);
  return [base, `${base}-${cvr}`].find((slug) => !taken.has(slug) && !state.newCompanySlugs.has(slug)) ?? null;
}

/**
 * Imports a file's rows (or, with `dryRun`, says what importing them would do). Staff who review
 * (reviewers, admins) may import; the command line imports as the operator. Rows are reported
 * through `onRow` as their batch is done; the summary counts them.
 */
export async function importListings(
  store: ListingStore,
  actor: ImportActor,
  rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
  options: ImportOptions,
): Promise<ImportSummary> {
  if (actor.kind !== 'operator') requireReviewer(actor);
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const id = actor.kind === 'operator' ? null : await actorId(store.executor, actor);
  const context: Context = {
    known: await knownKeys(store.executor),
    attribution: { source: 'import', submittedBy: id, submittedAt: null, approvedBy: id, approvedAt: null },
    actor: { actorKind: actor.kind === 'operator' ? 'system' : 'staff', actorId: id },
  };
  const summary: ImportSummary = { dryRun: options.dryRun, rows: 0, create: 0, change: 0, unchanged: 0, refused: 0 };
  let state = emptyState();

  const flush = async (batch: ImportRow[]) => {
    const plan = options.dryRun
      ? await planBatch(store.executor, batch, state, context)
      : await inOneTransaction(store, 'import.batch', async (tx) => {
          await lockImports(tx);
          const planned = await planBatch(inTransaction(tx), batch, state, context);
          await writeImportBatch(tx, planned);
          return planned;
        });
    state = plan.state;
    for (const report of plan.reports) {
      summary.rows += 1;
      summary[report.outcome] += 1;
      options.onRow?.(report);
    }
  };

  let batch: ImportRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= batchSize) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await flush(batch);
  return summary;
}
