import type { Locale } from '../../i18n';
import { t } from '../../i18n';
import type { FieldIssue } from '../../use-cases/errors';

/**
 * What the portal's forms share: reading a post's fields as typed, and turning the shared zod
 * schema's issues (src/use-cases/listing-input.ts) into sentences in the visitor's language by
 * their stable codes, never by the schema's English messages.
 */

export const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export const list = (form: FormData, name: string): string[] =>
  form.getAll(name).filter((value): value is string => typeof value === 'string');

/** A number as typed; blank is absent, so the schema says "required" rather than "not a number". */
export const numberOf = (typed: string): number | undefined => (typed.trim() === '' ? undefined : Number(typed));

/** An issue about a whole list of choices ('needSlugs'), not one of its values ('needSlugs.2'). */
export function listIssueText(locale: Locale, issue: FieldIssue, max: number): string | null {
  if (issue.code === 'too_small') return t(locale, 'portal.error.chooseOne');
  if (issue.code === 'too_big') return t(locale, 'portal.error.chooseFewer', { max });
  return null;
}

/** Too short or too long a text, with its limits; null for any other issue. */
export function lengthIssueText(
  locale: Locale,
  issue: FieldIssue,
  limits: { min: number; max: number },
): string | null {
  if (issue.code === 'too_small') {
    return limits.min === 1 ? t(locale, 'portal.error.required') : t(locale, 'portal.error.tooShort', limits);
  }
  if (issue.code === 'too_big') return t(locale, 'portal.error.tooLong', limits);
  return null;
}

/** A value that is not one of the graph's codes (or not a code at all): choose one from the list. */
export const isUnknownValue = (issue: FieldIssue): boolean =>
  issue.code === 'unknown_reference' || issue.code === 'invalid_value' || issue.code === 'invalid_format';

/** The first issue per field wins: it is the one shown next to the field and in the summary. */
export function firstPerField(
  issues: readonly FieldIssue[],
  fieldOf: (issue: FieldIssue) => string,
  textOf: (issue: FieldIssue, field: string) => string,
): Map<string, string> {
  const errors = new Map<string, string>();
  for (const issue of issues) {
    const field = fieldOf(issue);
    if (!errors.has(field)) errors.set(field, textOf(issue, field));
  }
  return errors;
}
