import type { Taxonomy } from '../../../graph/catalog';
import { type PublishedCompany, publishedCompanies, taken } from '../../../graph/submissions';
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
} from './company-form';

type Vendor = Extract<Viewer, { kind: 'vendor' }>;

/** "Mine sider" for a vendor: their companies as published, and every change they proposed. */
export interface VendorDesk {
  companies: PublishedCompany[];
  submissions: SubmissionView[];
}

export async function loadVendorDesk(services: Services, viewer: Vendor): Promise<VendorDesk> {
  const [companies, desk] = await Promise.all([
    publishedCompanies(services.executor, viewer.companies),
    listMySubmissions(services, viewer),
  ]);
  return { companies, submissions: desk.submissions };
}

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
}

export type CompanyEditOutcome =
  | { status: 200 | 400 | 409; form: CompanyEditForm }
  | { status: 303; location: string }
  | { status: 403 | 404 | 500 | 503 };

/** A use case's refusal, by its code: the built site bundles its own copy of the error classes. */
const refusal = (error: unknown): { code?: unknown; issues?: FieldIssue[] } | null =>
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
    const draft = desk.submissions.find(
      (s) => s.kind === 'company' && s.op === 'update' && s.status === 'draft' && s.targetSlug === slug,
    );
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
    };
    if (request.method !== 'POST') return { status: 200, form };

    if (!(await checkCsrf(request, locals))) return { status: 403 };
    const posted = await request.formData();
    form.values = valuesFromForm(posted);
    // The version the form was opened on, so a change published meanwhile is a conflict, not overwritten.
    form.baseVersion = Number(posted.get('baseVersion'));
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
async function saveThenMaybeSubmit(
  services: Services,
  viewer: Vendor,
  form: CompanyEditForm,
  posted: FormData,
  locale: Locale,
  save: () => Promise<SubmissionView>,
): Promise<CompanyEditOutcome> {
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
    };
    if (request.method !== 'POST') return { status: 200, form };

    if (!(await checkCsrf(request, locals))) return { status: 403 };
    const posted = await request.formData();
    form.values = valuesFromForm(posted);
    const identity = identityFromForm(posted);
    form.identity = identity;
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
