import { AUDIT_ACTIONS } from '../../../graph/audit';
import { type Locale, localeFrom, t } from '../../i18n';
import { dictionary, type MessageKey } from '../../i18n/dictionary';
import { auditLogPath, loginPath } from '../../i18n/routes';
import {
  type AuditEntry,
  type AuditPage,
  auditEventsForExport,
  mayReadAuditLog,
  searchAuditLog,
} from '../../use-cases/audit-log';
import { csvRow } from '../../use-cases/csv';
import { ValidationError } from '../../use-cases/errors';
import { shown } from '../review/load';

/**
 * The staff audit log page and its CSV export. The filters live in the URL (a GET form), so a
 * search can be shared, paged without JavaScript, and exported with the same link plus `.csv`.
 */

export const FILTER_FIELDS = ['company', 'product', 'person', 'action', 'from', 'to'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The search as typed, to show back in the form. */
export type TypedQuery = Record<FilterField, string>;

export function typedQuery(url: URL): TypedQuery {
  const value = (name: string) => (url.searchParams.get(name) ?? '').slice(0, 300);
  return Object.fromEntries(FILTER_FIELDS.map((field) => [field, value(field)])) as TypedQuery;
}

/** A field's problem, in the page's language; `after` is the paging link's. */
export type FieldProblem = { field: FilterField | 'after'; text: string };

const ERROR_KEYS: Record<FilterField | 'after', MessageKey> = {
  company: 'audit.error.company',
  product: 'audit.error.product',
  person: 'audit.error.person',
  action: 'audit.error.action',
  from: 'audit.error.from',
  to: 'audit.error.to',
  after: 'audit.error.after',
};

function problemsOf(error: ValidationError, locale: Locale): FieldProblem[] {
  const fields = new Set<FilterField | 'after'>();
  for (const issue of error.issues) {
    const field = issue.path.split('.')[0] as FilterField | 'after';
    fields.add(field in ERROR_KEYS ? field : 'after');
  }
  return [...fields].map((field) => ({ field, text: t(locale, ERROR_KEYS[field]) }));
}

/** An action's name in words; an action this version does not know (newer, or retired) by its code. */
export function actionLabel(locale: Locale, action: string): string {
  const key = `audit.action.${action}`;
  return key in dictionary[locale] ? t(locale, key as MessageKey) : t(locale, 'audit.action.unknown', { action });
}

/** The actions the filter offers: today's list, plus one a URL names that the list no longer has. */
export function actionChoices(locale: Locale, selected: string): Array<{ value: string; label: string }> {
  const actions: string[] = [...AUDIT_ACTIONS];
  if (selected && !actions.includes(selected) && /^[a-z][a-z-]{0,39}$/.test(selected)) actions.push(selected);
  return actions.map((value) => ({ value, label: actionLabel(locale, value) }));
}

export type LogOutcome =
  | { login: string }
  | { forbidden: true }
  | { status: 200 | 400; typed: TypedQuery; page: AuditPage | null; problems: FieldProblem[]; after: string | null };

export function refusalOf(
  locals: App.Locals,
  currentLocale: string | undefined,
  url: URL,
): { login: string } | { forbidden: true } | null {
  if (mayReadAuditLog(locals.viewer)) return null;
  if (locals.viewer.kind === 'anonymous')
    return { login: loginPath(localeFrom(currentLocale), `${url.pathname}${url.search}`) };
  return { forbidden: true };
}

export async function loadLog(locals: App.Locals, currentLocale: string | undefined, url: URL): Promise<LogOutcome> {
  const refused = refusalOf(locals, currentLocale, url);
  if (refused) return refused;
  const locale = localeFrom(currentLocale);
  const typed = typedQuery(url);
  const after = url.searchParams.get('after');
  try {
    const page = await searchAuditLog(locals.services, locals.viewer, { query: typed, after });
    return { status: 200, typed, page, problems: [], after };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { status: 400, typed, page: null, problems: problemsOf(error, locale), after };
  }
}

/** The page's URL with the same filters (and optionally a page cursor). */
export const logLink = (locale: Locale, typed: TypedQuery, after?: string | null): string =>
  auditLogPath(locale, { ...typed, after });

/** The export of the same filters: the page's path with `.csv`. */
export function exportLink(locale: Locale, typed: TypedQuery): string {
  const [path = '', query = ''] = auditLogPath(locale, typed).split('?');
  return `${path}.csv${query ? `?${query}` : ''}`;
}

function csvLine(locale: Locale, event: AuditEntry): string {
  return csvRow([
    event.at,
    actionLabel(locale, event.action),
    event.action,
    event.actorKind,
    event.actorId,
    event.company,
    event.product,
    event.details ? JSON.stringify(event.details) : null,
  ]);
}

/**
 * The CSV export of exactly what the page's filters match, all pages of it, streamed. It holds the
 * log's pseudonymous references and no names: an exported file travels further than the page.
 */
export async function exportLog(locals: App.Locals, currentLocale: string | undefined, url: URL): Promise<Response> {
  const locale = localeFrom(currentLocale);
  const refused = refusalOf(locals, currentLocale, url);
  if (refused && 'login' in refused) return new Response(null, { status: 303, headers: { location: refused.login } });
  if (refused) return new Response(t(locale, 'review.forbidden.body'), { status: 403, headers: TEXT });
  let batches: AsyncGenerator<AuditEntry[]>;
  try {
    batches = await auditEventsForExport(locals.services, locals.viewer, typedQuery(url));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const message = problemsOf(error, locale)
      .map((problem) => problem.text)
      .join(' ');
    return new Response(t(locale, 'audit.csv.refused', { message }), { status: 400, headers: TEXT });
  }
  const header = csvRow(
    (['at', 'action', 'actionCode', 'actorKind', 'actorId', 'company', 'product', 'details'] as const).map((column) =>
      t(locale, `audit.csv.${column}`),
    ),
  );
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A byte-order mark, so spreadsheet programs read the Danish letters as UTF-8.
      controller.enqueue(encoder.encode(`\uFEFF${header}`));
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((event) => csvLine(locale, event)).join('')));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="cyberkort-audit-log-${day}.csv"`,
      'cache-control': 'private, no-store',
    },
  });
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' };

/** An event's details made readable: plain facts, and before → after per field where it has both. */
export interface DetailsView {
  facts: Array<{ key: string; value: string | null }>;
  changes: Array<{ field: string; before: string | null; after: string | null }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function detailsView(details: Record<string, unknown> | null): DetailsView {
  const view: DetailsView = { facts: [], changes: [] };
  if (!details) return view;
  const { before, after, ...rest } = details;
  for (const [key, value] of Object.entries(rest)) view.facts.push({ key, value: shown(value) });
  if (before === undefined && after === undefined) return view;
  if (isRecord(before) || isRecord(after)) {
    const was = isRecord(before) ? before : {};
    const is = isRecord(after) ? after : {};
    for (const field of [...new Set([...Object.keys(was), ...Object.keys(is)])].sort()) {
      if (JSON.stringify(was[field]) === JSON.stringify(is[field])) continue;
      view.changes.push({ field, before: shown(was[field]), after: shown(is[field]) });
    }
  } else {
    view.changes.push({ field: '', before: shown(before), after: shown(after) });
  }
  return view;
}
