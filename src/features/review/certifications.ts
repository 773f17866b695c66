import { publishedCompanies } from '../../../graph/submissions';
import { checkCsrf } from '../../auth/csrf';
import type { Locale } from '../../i18n';
import { UseCaseError } from '../../use-cases/errors';
import { verifyCertification } from '../../use-cases/moderation';

/** The certification page of the review pages: a company's unverified certifications, each verifiable by form. */

const PATHS = { da: '/ncc/certificeringer', en: '/en/ncc/certifications' } as const satisfies Record<Locale, string>;

export const certificationsPath = (locale: Locale, companySlug: string, verified?: string): string =>
  `${PATHS[locale]}/${encodeURIComponent(companySlug)}${verified ? `?verified=${encodeURIComponent(verified)}` : ''}`;

export interface UnverifiedCertification {
  code: string;
  validUntil: string | null;
  evidence: string;
}

/** The company's certifications NCC-DK has not verified; null when the company is not listed. */
export async function loadUnverified(
  locals: App.Locals,
  companySlug: string,
): Promise<{ name: string; certifications: UnverifiedCertification[] } | null> {
  const [company] = await publishedCompanies(locals.services.executor, [companySlug]);
  if (!company) return null;
  return {
    name: company.record.name,
    certifications: company.certifications
      .filter((held) => !held.verifiedBy)
      .map(({ code, validUntil, evidence }) => ({ code, validUntil, evidence })),
  };
}

export type VerifyOutcome =
  | { redirect: string }
  | { status: 400 | 403 | 404; error: 'csrf' | 'method' | 'NOT_FOUND'; code: string; method: string };

/** Verifies one certification from its form; a problem comes back for the page to show beside that form. */
export async function verify(
  request: Request,
  locals: App.Locals,
  companySlug: string,
  locale: Locale,
): Promise<VerifyOutcome> {
  if (!(await checkCsrf(request, locals))) return { status: 403, error: 'csrf', code: '', method: '' };
  const form = await request.formData();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const code = text('certification');
  const method = text('method');
  try {
    await verifyCertification(locals.services, locals.viewer, { companySlug, certificationCode: code, method });
    return { redirect: certificationsPath(locale, companySlug, code) };
  } catch (error) {
    if (!(error instanceof UseCaseError)) throw error;
    if (error.code === 'BAD_USER_INPUT') return { status: 400, error: 'method', code, method };
    if (error.code === 'NOT_FOUND') return { status: 404, error: 'NOT_FOUND', code, method };
    throw error;
  }
}
