import { checkCsrf } from '../../auth/csrf';
import type { Locale } from '../../i18n';
import { myPagesPath } from '../../i18n/routes';
import type { Services } from '../../services';
import type { SubmissionView } from '../../use-cases/listing-store';
import { viewSubmission, withdrawSubmission } from '../../use-cases/submissions';
import { failureStatus, reportPageError } from '../page/outcome';
import { refusal, type Vendor } from './load';

/**
 * Withdrawing one of the vendor's changes (a draft, or a submission NCC has not decided yet).
 * "Mine sider" posts here straight from its list; a GET shows the same button on a page of its
 * own, so following a link never withdraws anything.
 */
export type WithdrawOutcome =
  | { status: 200 | 409; submission: SubmissionView }
  | { status: 303; location: string }
  | { status: 403 | 404 | 500 | 503 };

export const isWithdrawable = (submission: Pick<SubmissionView, 'status'>) =>
  submission.status === 'draft' || submission.status === 'submitted';

export async function loadWithdraw(
  services: Services | undefined,
  locals: App.Locals,
  request: Request,
  viewer: Vendor,
  id: string,
  locale: Locale,
): Promise<WithdrawOutcome> {
  try {
    if (!services) throw new Error('Astro.locals.services is missing; serve the site through src/server.ts');
    if (request.method === 'POST' && !(await checkCsrf(request, locals))) return { status: 403 };
    const submission = await viewSubmission(services, viewer, id).catch((error: unknown) => {
      const refused = refusal(error);
      if (refused?.code === 'NOT_FOUND' || refused?.code === 'FORBIDDEN') return refused.code;
      throw error;
    });
    if (submission === 'NOT_FOUND') return { status: 404 };
    if (submission === 'FORBIDDEN') return { status: 403 };
    if (request.method !== 'POST') return { status: 200, submission };
    if (!isWithdrawable(submission)) return { status: 409, submission };
    try {
      await withdrawSubmission(services, viewer, id);
      return { status: 303, location: `${myPagesPath(locale)}?saved=withdrawn` };
    } catch (error) {
      // Decided by NCC between the page and the post.
      if (refusal(error)?.code === 'CONFLICT')
        return { status: 409, submission: await viewSubmission(services, viewer, id) };
      throw error;
    }
  } catch (error) {
    reportPageError(services, 'withdraw', error);
    return { status: failureStatus(error) };
  }
}
