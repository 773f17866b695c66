import { type Locale, localeFrom, type MessageKey, t } from '../../i18n';
import { statisticsPath } from '../../i18n/routes';
import { type PublicStatistics, readPublicStatistics } from '../../use-cases/analytics-public';
import { ValidationError } from '../../use-cases/errors';
import { type StatisticsTable, statisticsCsv, statisticsJson, statisticsTables } from './tables';

/**
 * The public statistics page and its downloads. The question lives in the URL (a GET form), so a
 * view can be shared, and the downloads are the same URL with `.csv` or `.json`: they hold exactly
 * the tables the page shows for that URL, to whoever asks (the public rules, or every number for
 * NCC-DK staff logged in).
 */

export const FILTER_FIELDS = ['quarter', 'from', 'to', 'region', 'sector', 'sizeBand'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];
export type TypedQuestion = Record<FilterField, string>;

/** What was typed into the form, as typed (kept in the form when it has a problem). */
export function typedQuestion(url: URL): TypedQuestion {
  return Object.fromEntries(
    FILTER_FIELDS.map((field) => [field, (url.searchParams.get(field) ?? '').slice(0, 200)]),
  ) as TypedQuestion;
}

export type FieldProblem = { field: FilterField; text: string };

export type StatisticsOutcome =
  | { status: 200; typed: TypedQuestion; stats: PublicStatistics; tables: StatisticsTable[]; problems: [] }
  | { status: 400; typed: TypedQuestion; stats: null; tables: []; problems: FieldProblem[] };

const isField = (path: string): path is FilterField => (FILTER_FIELDS as readonly string[]).includes(path);

/** The field problems of a refused question, one per field, in the form's order, in the page's language. */
function problemsOf(locale: Locale, error: ValidationError): FieldProblem[] {
  const fields = new Set(error.issues.map((issue) => (isField(issue.path) ? issue.path : 'quarter')));
  return FILTER_FIELDS.filter((field) => fields.has(field)).map((field) => ({
    field,
    text: t(locale, `statistics.problem.${field}` as MessageKey),
  }));
}

export async function loadStatistics(
  locals: App.Locals,
  currentLocale: string | undefined,
  url: URL,
): Promise<StatisticsOutcome> {
  const locale = localeFrom(currentLocale);
  const typed = typedQuestion(url);
  try {
    const stats = await readPublicStatistics(locals.services.executor, locals.viewer, typed);
    return { status: 200, typed, stats, tables: statisticsTables(locale, stats), problems: [] };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { status: 400, typed, stats: null, tables: [], problems: problemsOf(locale, error) };
  }
}

/** The same question's download link: the page's path with `.csv` or `.json`. */
export function downloadLink(locale: Locale, typed: TypedQuestion, format: 'csv' | 'json'): string {
  const [path = '', query = ''] = statisticsPath(locale, typed).split('?');
  return `${path}.${format}${query ? `?${query}` : ''}`;
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8' };

/** The CSV or JSON download of the page's tables for the URL's question (400 with the problems as text for a bad one). */
export async function statisticsDownload(
  context: { locals: App.Locals; currentLocale: string | undefined; url: URL },
  format: 'csv' | 'json',
): Promise<Response> {
  const locale = localeFrom(context.currentLocale);
  const outcome = await loadStatistics(context.locals, context.currentLocale, context.url);
  if (outcome.status === 400) {
    return new Response(outcome.problems.map((problem) => problem.text).join('\n'), { status: 400, headers: TEXT });
  }
  const name = `cyberkort-${locale === 'da' ? 'statistik' : 'statistics'}-${outcome.stats.filter.from}-${outcome.stats.filter.to}.${format}`;
  const headers = {
    'content-disposition': `attachment; filename="${name}"`,
    // Staff see every number: a shared cache must never keep their answer for someone else.
    'cache-control': 'private, no-store',
  };
  if (format === 'csv') {
    return new Response(statisticsCsv(outcome.tables), {
      status: 200,
      headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
    });
  }
  return new Response(JSON.stringify(statisticsJson(outcome.stats, outcome.tables), null, 2), {
    status: 200,
    headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
  });
}
