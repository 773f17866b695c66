import { checkCsrf } from '../../auth/csrf';
import { isStaff, type Viewer } from '../../auth/viewer';
import { type Locale, localeFrom } from '../../i18n';
import { loginPath } from '../../i18n/routes';
import { UseCaseError } from '../../use-cases/errors';
import { approveSubmission, listReviewQueue, type ReviewItem, rejectSubmission } from '../../use-cases/moderation';

/**
 * The staff review pages' loading and form handling. The use cases check the role themselves;
 * the pages check it first only to answer a vendor with a 403 page and an anonymous visitor with
 * the login page, instead of an error.
 */

const PATHS = { da: '/ncc/gennemgang', en: '/en/ncc/review' } as const satisfies Record<Locale, string>;

export const reviewQueuePath = (locale: Locale, decided?: 'approved' | 'rejected'): string =>
  decided ? `${PATHS[locale]}?decided=${decided}` : PATHS[locale];
export const reviewItemPath = (locale: Locale, id: string): string => `${PATHS[locale]}/${encodeURIComponent(id)}`;

export const isReviewerViewer = (viewer: Viewer): boolean => isStaff(viewer, 'reviewer') || isStaff(viewer, 'admin');

/** Who may not see the review pages, and where they go: the login page (and back), or a 403. */
export function refusal(
  viewer: Viewer,
  currentLocale: string | undefined,
  url: URL,
): { login: string } | 'forbidden' | null {
  if (isReviewerViewer(viewer)) return null;
  if (viewer.kind === 'anonymous')
    return { login: loginPath(localeFrom(currentLocale), `${url.pathname}${url.search}`) };
  return 'forbidden';
}

/** The queue's first page: 100 is more than a day's submissions, and the oldest are what need doing. */
export const QUEUE_PAGE = 100;

export const loadQueue = (locals: App.Locals) =>
  listReviewQueue(locals.services, locals.viewer, { limit: QUEUE_PAGE, offset: 0 });

/**
 * One submitted change with its diff. The queue use case is the one place that computes diffs
 * and staleness, so the detail page reads it page by page until it finds the submission; null
 * when it is not (or no longer) waiting.
 */
export async function loadItem(locals: App.Locals, id: string): Promise<ReviewItem | null> {
  for (let offset = 0; ; offset += QUEUE_PAGE) {
    const { total, items } = await listReviewQueue(locals.services, locals.viewer, { limit: QUEUE_PAGE, offset });
    const found = items.find((item) => item.submission.id === id);
    if (found) return found;
    if (offset + QUEUE_PAGE >= total || offset + QUEUE_PAGE > 10_000) return null;
  }
}

export type DecisionOutcome =
  | { redirect: string }
  | { status: 400 | 403 | 409; error: 'csrf' | 'reason' | 'CONFLICT' | 'NOT_FOUND'; message?: string; reason: string };

/** Approves or rejects from the detail page's forms; a problem comes back for the page to show beside the form. */
export async function decide(
  request: Request,
  locals: App.Locals,
  id: string,
  locale: Locale,
): Promise<DecisionOutcome> {
  if (!(await checkCsrf(request, locals))) return { status: 403, error: 'csrf', reason: '' };
  const form = await request.formData();
  const decision = form.get('decision');
  const reasonField = form.get('reason');
  const reason = typeof reasonField === 'string' ? reasonField : '';
  try {
    if (decision === 'approve') {
      await approveSubmission(locals.services, locals.viewer, id);
      return { redirect: reviewQueuePath(locale, 'approved') };
    }
    // Checked here too, so an empty reason is answered beside the field rather than as a use-case message.
    if (reason.trim().length < 5) return { status: 400, error: 'reason', reason };
    await rejectSubmission(locals.services, locals.viewer, { id, reason });
    return { redirect: reviewQueuePath(locale, 'rejected') };
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error;
    if (error.code === 'BAD_USER_INPUT') return { status: 400, error: 'reason', reason };
    if (error.code === 'NOT_FOUND') return { status: 409, error: 'NOT_FOUND', reason };
    if (error.code === 'CONFLICT') return { status: 409, error: 'CONFLICT', message: error.message, reason };
    throw error;
  }
}

/** A diff cell's value as text: lists joined, records as JSON, nothing as null. */
export function shown(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
  return JSON.stringify(value);
}
