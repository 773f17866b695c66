import type { Taxonomy } from '../../../graph/catalog';
import {
  type PublishedCompany,
  type PublishedVersion,
  publishedCompanies,
  type StoredSubmission,
  taken,
} from '../../../graph/submissions';
import type { ProductStatus } from '../../../graph/vocabulary';
import { checkCsrf } from '../../auth/csrf';
import { canEditCompany, type Viewer } from '../../auth/viewer';
import type { Locale } from '../../i18n';
import { myPagesPath } from '../../i18n/routes';
import type { Services } from '../../services';
import type { FieldIssue } from '../../use-cases/errors';
import type { SubmissionView } from '../../use-cases/listing-store';
import { listMySubmissions, registerCompany, saveDraft, submitDraft } from '../../use-cases/submissions';
import { failureStatus, reportPageError } from '../page/outcome';
import {
  addedRow,
  type CompanyFormValues,
  EMPTY_IDENTITY,
  EMPTY_VALUES,
  type IdentityValues,
  identityFromForm,
  identityOf,
  recordOf,
  registrationRecordOf,
  valuesFromForm,
  valuesOf,
  withAddedRow,
} from './company-form';

export type Vendor = Extract<Viewer, { kind: 'vendor' }>;

/** A product as "Mine sider" lists it under its company, retired ones too. */
export interface DeskProduct {
  slug: string;
  companySlug: string;
  name: string;
  status: ProductStatus;
  version: number;
}

// The public company profile leaves retired products out; the vendor still sees (and may edit or delete) them.
const COMPANY_PRODUCTS = `
UNWIND $companies AS company
MATCH (:Company {slug: company})-[:OFFERS]->(p:Product)
RETURN p.slug AS slug, company AS companySlug, p.name AS name, p.status AS status, p.version AS version
ORDER BY p.name, p.slug`;

/** "Mine sider" for a vendor: their companies and products as published, every change they proposed, and what was published. */
export interface VendorDesk {
  companies: PublishedCompany[];
  products: DeskProduct[];
  submissions: SubmissionView[];
  history: PublishedVersion[];
}

export async function loadVendorDesk(services: Services, viewer: Vendor): Promise<VendorDesk> {
  const [companies, products, desk] = await Promise.all([
    publishedCompanies(services.executor, viewer.companies),
    services.executor.read<DeskProduct>('portal.companyProducts', COMPANY_PRODUCTS, {
      companies: [...viewer.companies],
    }),
    listMySubmissions(services, viewer),
  ]);
  return { companies, products, submissions: desk.submissions, history: desk.history };
}

/** The vendor's open draft of exactly this change, which a save replaces. */
export const draftOf = (
  submissions: readonly SubmissionView[],
  change: Pick<StoredSubmission, 'kind' | 'op' | 'companySlug'> & { targetSlug?: string },
): SubmissionView | undefined =>
  submissions.find(
    (s) =>
      s.status === 'draft' &&
      s.kind === change.kind &&
      s.op === change.op &&
      s.companySlug === change.companySlug &&
      (change.targetSlug === undefined || s.targetSlug === change.targetSlug),
  );

/** The edit form as rendered: what it shows, where it came from, and what was wrong with the last post. */
export interface CompanyEditForm {
  /** The published company an edit is of; null for a registration. */
  company: PublishedCompany | null;
  /** A registration's own fields (name, legal form, founded, employees); null for an edit. */
  identity: IdentityValues | null;
  taxonomy: Taxonomy;
  values: CompanyFormValues;
  baseVersion: number;
  /** The vendor's open draft of this profile, which a save replaces. */
  draftId: string | null;
  /** Whether the form shows that draft rather than the published profile. */
  fromDraft: boolean;
  issues: FieldIssue[];
  conflict: boolean;
  /** The post asked for one more competence or certification row: shown again, nothing saved. */
  rowAdded: boolean;
}

export type CompanyEditOutcome =
  | { status: 200 | 400 | 409; form: CompanyEditForm }
  | { status: 303; location: string }
  | { status: 403 | 404 | 500 | 503 };

/** A use case's refusal, by its code: the built site bundles its own copy of the error classes. */
export const refusal = (error: unknown): { code?: unknown; issues?: FieldIssue[] } | null =>
  error instanceof Error && 'code' in error ? (error as Error & { code?: unknown; issues?: FieldIssue[] }) : null;

/**
 * The profile edit page, GET and POST. The form opens on the vendor's draft if they have one,
 * else on the published profile. A post is checked for CSRF, validated by the same use case as
 * GraphQL (saveDraft, then submitDraft for "submit"), and on success goes back to "Mine sider".
 */
export async function loadCompanyEdit(
  services: Services | undefined,
  locals: App.Locals,
  request: Request,
  viewer: Vendor,
  slug: string,
  locale: Locale,
): Promise<CompanyEditOutcome> {
  if (!canEditCompany(viewer, slug)) return { status: 403 };
  try {
    if (!services) throw new Error('Astro.locals.services is missing; serve the site through src/server.ts');
    const [[company], desk, taxonomy] = await Promise.all([
      publishedCompanies(services.executor, [slug]),
      listMySubmissions(services, viewer),
      services.catalog.taxonomy(),
    ]);
    if (!company) return { status: 404 };
    const draft = draftOf(desk.submissions, { kind: 'company', op: 'update', companySlug: slug, targetSlug: slug });
    // A draft of an older version would only ever conflict: the form then opens on what is published
    // now, and saving replaces the draft.
    const current = draft?.baseVersion === company.version ? draft : undefined;
    const baseRecord = current?.record && 'legalForm' in current.record ? current.record : company.record;
    const form: CompanyEditForm = {
      company,
      identity: null,
      taxonomy,
      values: valuesOf(baseRecord),
      baseVersion: company.version,
      draftId: draft?.id ?? null,
      fromDraft: baseRecord !== company.record,
      issues: [],
      conflict: false,
      rowAdded: false,
    };
    if (request.method !== 'POST') return { status: 200, form };

    if (!(await checkCsrf(request, locals))) return { status: 403 };
    const posted = await request.formData();
    form.values = valuesFromForm(posted);
    // The version the form was opened on, so a change published meanwhile is a conflict, not overwritten.
    form.baseVersion = Number(posted.get('baseVersion'));
    const rows = addedRow(posted);
    if (rows) return { status: 200, form: { ...form, values: withAddedRow(form.values, rows), rowAdded: true } };
    return await saveThenMaybeSubmit(services, viewer, form, posted, locale, () =>
      saveDraft(services, viewer, {
        id: form.draftId,
        kind: 'company',
        op: 'update',
        companySlug: slug,
        baseVersion: form.baseVersion,
        record: recordOf(baseRecord, form.values),
      }),
    );
  } catch (error) {
    reportPageError(services, 'company-edit', error);
    return { status: failureStatus(error) };
  }
}

/** Saves the draft, submits it when the "submit" button was pressed, and maps the use case's refusals to the page. */
export async function saveThenMaybeSubmit<F extends { issues: FieldIssue[]; conflict: boolean }>(
  services: Services,
  viewer: Vendor,
  form: F,
  posted: FormData,
  locale: Locale,
  save: () => Promise<SubmissionView>,
): Promise<{ status: 400 | 409; form: F } | { status: 303; location: string } | { status: 403 | 404 }> {
  try {
    const saved = await save();
    const submit = posted.get('action') === 'submit';
    if (submit) await submitDraft(services, viewer, saved.id);
    return { status: 303, location: `${myPagesPath(locale)}?saved=${submit ? 'submitted' : 'draft'}` };
  } catch (error) {
    const refused = refusal(error);
    if (refused?.code === 'BAD_USER_INPUT') return { status: 400, form: { ...form, issues: refused.issues ?? [] } };
    if (refused?.code === 'CONFLICT') return { status: 409, form: { ...form, conflict: true } };
    if (refused?.code === 'FORBIDDEN') return { status: 403 };
    if (refused?.code === 'NOT_FOUND') return { status: 404 };
    throw error;
  }
}

/**
 * The registration page of a vendor whose CVR number is not in the directory: the same form with
 * the company's name, legal form, founding year and head count, opened on their registration
 * draft if they have one, and sent through `registerCompany` (then `submitDraft`).
 */
export async function loadRegistration(
  services: Services | undefined,
  locals: App.Locals,
  request: Request,
  viewer: Vendor,
  locale: Locale,
): Promise<CompanyEditOutcome> {
  try {
    if (!services) throw new Error('Astro.locals.services is missing; serve the site through src/server.ts');
    const [inUse, desk, taxonomy] = await Promise.all([
      taken(services.executor, { slug: '', cvr: viewer.cvr }),
      listMySubmissions(services, viewer),
      services.catalog.taxonomy(),
    ]);
    if (inUse.companyCvr) return { status: 403 };
    const draft = desk.submissions.find(
      (s) => s.kind === 'company' && s.op === 'create' && s.status === 'draft' && s.cvr === viewer.cvr,
    );
    const record = draft?.record && 'legalForm' in draft.record ? draft.record : null;
    const form: CompanyEditForm = {
      company: null,
      identity: record ? identityOf(record) : EMPTY_IDENTITY,
      taxonomy,
      values: record ? valuesOf(record) : EMPTY_VALUES,
      baseVersion: 0,
      draftId: draft?.id ?? null,
      fromDraft: record !== null,
      issues: [],
      conflict: false,
      rowAdded: false,
    };
    if (request.method !== 'POST') return { status: 200, form };

    if (!(await checkCsrf(request, locals))) return { status: 403 };
    const posted = await request.formData();
    form.values = valuesFromForm(posted);
    const identity = identityFromForm(posted);
    form.identity = identity;
    const rows = addedRow(posted);
    if (rows) return { status: 200, form: { ...form, values: withAddedRow(form.values, rows), rowAdded: true } };
    return await saveThenMaybeSubmit(services, viewer, form, posted, locale, () =>
      registerCompany(services, viewer, {
        id: form.draftId,
        cvr: viewer.cvr,
        record: registrationRecordOf(identity, form.values),
      }),
    );
  } catch (error) {
    reportPageError(services, 'company-register', error);
    return { status: failureStatus(error) };
  }
}
