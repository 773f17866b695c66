import { type AuditEvent, appendAuditEvents } from './audit';
import type { Executor } from './executor';
import { writeCompanyRows, writeProductRows } from './loaders/ecosystem';
import type { CompanyRow, ProductRow } from './model';
import type { WriteTransaction } from './write';

/**
 * The graph's side of an import of companies and products (src/use-cases/import.ts): what one
 * batch of rows needs to know about the listings it names, read in a few statements whatever the
 * batch's size, and the write of the batch's good rows in the caller's transaction with the
 * loaders' own statements, so imported data has the shape of seeded and approved data.
 */

type Reader = Pick<Executor, 'read'>;

const COMPANIES_BY_CVR = 'UNWIND $cvrs AS cvr MATCH (c:Company {cvr: cvr}) RETURN c.cvr AS cvr, c.slug AS slug';

const COMPANY_SLUGS_TAKEN = 'UNWIND $slugs AS slug MATCH (c:Company {slug: slug}) RETURN c.slug AS slug';

// Submissions are indexed by company, so the open ones are found through their companies.
const OPEN_SUBMISSIONS = `
MATCH (s:Submission)
WHERE s.companySlug IN $companies AND s.status IN ['draft', 'submitted']
RETURN DISTINCT s.kind AS kind, s.targetSlug AS slug`;

export interface ImportLookups {
  /** CVR number → slug of the companies in the directory. */
  companySlugByCvr: Map<string, string>;
  /** Of the candidate slugs for new companies, those a company already has. */
  takenCompanySlugs: Set<string>;
}

/** The directory's companies with these CVR numbers, and which candidate slugs are taken. */
export async function importLookups(
  reader: Reader,
  keys: { cvrs: readonly string[]; companySlugCandidates: readonly string[] },
): Promise<ImportLookups> {
  // One after the other: in a real run they share the batch's transaction.
  const companies =
    keys.cvrs.length === 0
      ? []
      : await reader.read<{ cvr: string; slug: string }>('import.companiesByCvr', COMPANIES_BY_CVR, {
          cvrs: [...keys.cvrs],
        });
  const taken =
    keys.companySlugCandidates.length === 0
      ? []
      : await reader.read<{ slug: string }>('import.companySlugsTaken', COMPANY_SLUGS_TAKEN, {
          slugs: [...keys.companySlugCandidates],
        });
  return {
    companySlugByCvr: new Map(companies.map((row) => [row.cvr, row.slug])),
    takenCompanySlugs: new Set(taken.map((row) => row.slug)),
  };
}

/** Listings of these companies with a vendor's draft or submission open, as `company:slug` / `product:slug`. */
export async function openSubmissionTargets(reader: Reader, companies: readonly string[]): Promise<Set<string>> {
  if (companies.length === 0) return new Set();
  const rows = await reader.read<{ kind: string; slug: string }>('import.openSubmissions', OPEN_SUBMISSIONS, {
    companies: [...companies],
  });
  return new Set(rows.map((row) => `${row.kind}:${row.slug}`));
}

/**
 * Takes the import lock for the rest of the caller's transaction: call it first in a batch's
 * transaction, before its plan is read. Two imports at once (a double click, the page and the
 * command line) then plan and write one batch at a time, each from what the other committed,
 * rather than both creating the same listing or bumping a version twice.
 */
export async function lockImports(tx: WriteTransaction): Promise<void> {
  await tx.run("MERGE (l:ImportLock {id: 'import'}) SET l.lockedAt = datetime.transaction()");
}

/** A batch would take over a product another company offers (one approved since the plan was read). */
export class ProductTakenError extends Error {
  constructor(readonly products: ReadonlyArray<{ slug: string; company: string; movedFrom: string[] }>) {
    super(
      `Import stopped: ${products.map((p) => `product ${p.slug} belongs to ${p.movedFrom.join(', ')}`).join('; ')}; nothing of this batch was written.`,
    );
  }
}

/**
 * Writes a batch's companies, then its products (which may belong to a company of the same
 * batch), then one audit event per listing, inside the caller's change: the change log, the
 * `updatedAt` stamps and the versions follow as for any other write.
 */
export async function writeImportBatch(
  tx: WriteTransaction,
  batch: { companies: readonly CompanyRow[]; products: readonly ProductRow[]; audit: readonly AuditEvent[] },
): Promise<void> {
  if (batch.companies.length > 0) await writeCompanyRows(tx, batch.companies);
  if (batch.products.length > 0) {
    // The loaders move a product to the company a row names (a re-seed's way); an import never
    // takes a product from another company: the plan refuses such rows, and one that became
    // another's since the plan was read fails the batch (the transaction rolls it all back).
    const taken = (await writeProductRows(tx, batch.products)).filter((product) => product.movedFrom.length > 0);
    if (taken.length > 0) throw new ProductTakenError(taken);
  }
  await appendAuditEvents(tx, batch.audit);
}
