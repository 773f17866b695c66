import type { Taxonomy } from '../../../graph/catalog';
import {
  type ProductRecord,
  type PublishedCompany,
  type PublishedProduct,
  publishedCompanies,
  publishedProducts,
} from '../../../graph/submissions';
import { checkCsrf } from '../../auth/csrf';
import { canEditCompany } from '../../auth/viewer';
import type { Locale } from '../../i18n';
import { myPagesPath } from '../../i18n/routes';
import type { Services } from '../../services';
import type { FieldIssue } from '../../use-cases/errors';
import { listMySubmissions, saveDraft, submitDraft } from '../../use-cases/submissions';
import { failureStatus, reportPageError } from '../page/outcome';
import { draftOf, refusal, saveThenMaybeSubmit, type Vendor } from './load';
import {
  EMPTY_PRODUCT,
  type ProductFormValues,
  productRecordOf,
  productValuesFromForm,
  productValuesOf,
} from './product-form';

/**
 * The portal's product pages: a new product, an edit of a published one, and the confirmation
 * pages that propose retiring or deleting one. Every change goes through the same use cases as
 * GraphQL (saveDraft, then submitDraft), so it is a submission NCC reviews before anything is public.
 */

/** The product form as rendered: what it shows, where it came from, and what was wrong with the last post. */
export interface ProductEditForm {
  company: PublishedCompany;
  /** The published product an edit is of; null for a new one. */
  product: PublishedProduct | null;
  taxonomy: Taxonomy;
  values: ProductFormValues;
  baseVersion: number | null;
  /** The vendor's open draft of this change, which a save replaces. */
  draftId: string | null;
  fromDraft: boolean;
  issues: FieldIssue[];
  conflict: boolean;
}

export type ProductEditOutcome =
  | { status: 200 | 400 | 409; form: ProductEditForm }
  | { status: 303; location: string }
  | { status: 403 | 404 | 500 | 503 };

const isProductRecord = (record: unknown): record is ProductRecord =>
  typeof record === 'object' && record !== null && 'pricingModel' in record;

function servicesOrThrow(services: Services | undefined): Services {
  if (!services) throw new Error('Astro.locals.services is missing; serve the site through src/server.ts');
  return services;
}

/** Posts the form: CSRF first, then the use case with what was typed. */
async function postProductForm(
  services: Services,
  locals: App.Locals,
  request: Request,
  viewer: Vendor,
  form: ProductEditForm,
  locale: Locale,
): Promise<ProductEditOutcome> {
  if (!(await checkCsrf(request, locals))) return { status: 403 };
  const posted = await request.formData();
  form.values = productValuesFromForm(posted);
  const product = form.product;
  // The version the form was opened on, so a change published meanwhile is a conflict, not overwritten.
  if (product) form.baseVersion = Number(posted.get('baseVersion'));
  return saveThenMaybeSubmit(services, viewer, form, posted, locale, () =>
    saveDraft(services, viewer, {
      id: form.draftId,
      kind: 'product',
      op: product ? 'update' : 'create',
      companySlug: form.company.slug,
      productSlug: product?.slug ?? null,
      baseVersion: product ? form.baseVersion : null,
      record: productRecordOf(form.values),
    }),
  );
}

/**
 * A new product of the company `companySlug`: an empty form, or the vendor's draft of a new
 * product named by `?draft=` (there may be several).
 */
export async function loadProductNew(
  maybeServices: Services | undefined,
  locals: App.Locals,
  request: Request,
  viewer: Vendor,
  companySlug: string,
  draftId: string | null,
  locale: Locale,
): Promise<ProductEditOutcome> {
  if (!canEditCompany(viewer, companySlug)) return { status: 403 };
  try {
    const services = servicesOrThrow(maybeServices);
    const [[company], desk, taxonomy] = await Promise.all([
      publishedCompanies(services.executor, [companySlug]),
      listMySubmissions(services, viewer),
      services.catalog.taxonomy(),
    ]);
    if (!company) return { status: 404 };
    const draft = draftId
      ? desk.submissions.find(
          (s) =>
            s.id === draftId &&
            s.status === 'draft' &&
            s.kind === 'product' &&
            s.op === 'create' &&
            s.companySlug === companySlug,
        )
      : undefined;
    if (draftId && !draft) return { status: 404 };
    const form: ProductEditForm = {
      company,
      product: null,
      taxonomy,
      values: isProductRecord(draft?.record) ? productValuesOf(draft.record) : EMPTY_PRODUCT,
      baseVersion: null,
      draftId: draft?.id ?? null,
      fromDraft: Boolean(draft),
      issues: [],
      conflict: false,
    };
    if (request.method !== 'POST') return { status: 200, form };
    return await postProductForm(services, locals, request, viewer, form, locale);
  } catch (error) {
    reportPageError(maybeServices, 'product-new', error);
    return { status: failureStatus(error) };
  }
}

/** The company and product a product page is about; 403 when the vendor does not act for the company. */
async function productFor(
  services: Services,
  viewer: Vendor,
  productSlug: string,
): Promise<{ status: 403 | 404 } | { company: PublishedCompany; product: PublishedProduct }> {
  const [product] = await publishedProducts(services.executor, [productSlug]);
  if (!product) return { status: 404 };
  if (!canEditCompany(viewer, product.companySlug)) return { status: 403 };
  const [company] = await publishedCompanies(services.executor, [product.companySlug]);
  if (!company) return { status: 404 };
  return { company, product };
}

/** The edit page of a published product, opened on the vendor's draft of it when there is one of the current version. */
export async function loadProductEdit(
  maybeServices: Services | undefined,
  locals: App.Locals,
  request: Request,
  viewer: Vendor,
  productSlug: string,
  locale: Locale,
): Promise<ProductEditOutcome> {
  try {
    const services = servicesOrThrow(maybeServices);
    const found = await productFor(services, viewer, productSlug);
    if ('status' in found) return found;
    const { company, product } = found;
    const [desk, taxonomy] = await Promise.all([listMySubmissions(services, viewer), services.catalog.taxonomy()]);
    const draft = draftOf(desk.submissions, {
      kind: 'product',
      op: 'update',
      companySlug: company.slug,
      targetSlug: product.slug,
    });
    // A draft of an older version would only ever conflict: the form then opens on what is published now.
    const current = draft?.baseVersion === product.version && isProductRecord(draft.record) ? draft.record : null;
    const form: ProductEditForm = {
      company,
      product,
      taxonomy,
      values: productValuesOf(current ?? product.record),
      baseVersion: product.version,
      draftId: draft?.id ?? null,
      fromDraft: current !== null,
      issues: [],
      conflict: false,
    };
    if (request.method !== 'POST') return { status: 200, form };
    return await postProductForm(services, locals, request, viewer, form, locale);
  } catch (error) {
    reportPageError(maybeServices, 'product-edit', error);
    return { status: failureStatus(error) };
  }
}

export type RemovalOp = 'retire' | 'delete';

/** The confirmation page of retiring or deleting a product. */
export interface ProductRemoval {
  op: RemovalOp;
  product: PublishedProduct;
  /** Retiring a product that is already retired: nothing to propose. */
  alreadyRetired: boolean;
  conflict: boolean;
}

export type ProductRemovalOutcome =
  | { status: 200 | 409; removal: ProductRemoval }
  | { status: 303; location: string }
  | { status: 400 | 403 | 404 | 500 | 503 };

/**
 * Retiring or deleting a product is a submission too, reviewed like an edit: GET asks to confirm,
 * the confirming POST (CSRF checked) saves it and submits it for review at once.
 */
export async function loadProductRemoval(
  maybeServices: Services | undefined,
  locals: App.Locals,
  request: Request,
  viewer: Vendor,
  productSlug: string,
  op: RemovalOp,
  locale: Locale,
): Promise<ProductRemovalOutcome> {
  try {
    const services = servicesOrThrow(maybeServices);
    const found = await productFor(services, viewer, productSlug);
    if ('status' in found) return found;
    const { company, product } = found;
    const removal: ProductRemoval = {
      op,
      product,
      alreadyRetired: op === 'retire' && product.status === 'retired',
      conflict: false,
    };
    if (request.method !== 'POST') return { status: 200, removal };
    if (!(await checkCsrf(request, locals))) return { status: 403 };
    if (removal.alreadyRetired) return { status: 409, removal };
    const posted = await request.formData();
    const desk = await listMySubmissions(services, viewer);
    const draft = draftOf(desk.submissions, {
      kind: 'product',
      op,
      companySlug: company.slug,
      targetSlug: product.slug,
    });
    try {
      const saved = await saveDraft(services, viewer, {
        id: draft?.id ?? null,
        kind: 'product',
        op,
        companySlug: company.slug,
        productSlug: product.slug,
        baseVersion: Number(posted.get('baseVersion')),
      });
      await submitDraft(services, viewer, saved.id);
      return { status: 303, location: `${myPagesPath(locale)}?saved=submitted` };
    } catch (error) {
      const refused = refusal(error);
      if (refused?.code === 'CONFLICT') return { status: 409, removal: { ...removal, conflict: true } };
      if (refused?.code === 'BAD_USER_INPUT') return { status: 400 };
      if (refused?.code === 'FORBIDDEN') return { status: 403 };
      if (refused?.code === 'NOT_FOUND') return { status: 404 };
      throw error;
    }
  } catch (error) {
    reportPageError(maybeServices, 'product-removal', error);
    return { status: failureStatus(error) };
  }
}
