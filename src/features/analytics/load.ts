import { type Locale, localeFrom, t } from '../../i18n';
import { loginPath } from '../../i18n/routes';
import { readDemandGaps, readSearchesWithoutResults, readWeeklyDemand } from '../../use-cases/analytics-demand';
import type { AnalyticsFilter, AnalyticsFilterInput } from '../../use-cases/analytics-filter';
import {
  analyticsFilterFor,
  mayReadAnalytics,
  readConcentration,
  readCoverage,
  readNeedSupply,
  readRoleScarcity,
} from '../../use-cases/analytics-supply';
import { type FieldIssue, ValidationError } from '../../use-cases/errors';
import {
  FIELDS_OF,
  FILTER_FIELDS,
  type Field,
  LEVELS,
  type Measure,
  SKILL_SHOWS,
  SUPPLY_SHOWS,
  VIEW_FIELDS,
} from './measures';
import { type DataTable, type Section, tableCsv, tableJson } from './tables';
import {
  concentrationSections,
  coverageSections,
  demandSections,
  gapSections,
  skillSections,
  supplySections,
  zeroResultSections,
} from './views';

/**
 * Loading the staff dashboards and their downloads. The filters live in the URL (a GET form), so a
 * view can be shared, and its tables downloaded with the same query (`.csv`/`.json` and `table=`).
 * Reviewers and admins only: the anonymous go to log in, others get the 403 page; a filter with a
 * problem is shown back as typed, with a coded, translated error beside each field (400).
 */

/** How many rows the pages read where a measure is a ranked list. */
export const GAP_ROWS = 20;
export const MISSED_SEARCH_ROWS = 50;

/** The query as typed, to show back in the form and carry into links. */
export type TypedQuery = Record<Field, string>;

export function typedQuery(url: URL): TypedQuery {
  const value = (name: string) => (url.searchParams.get(name) ?? '').trim().slice(0, 300);
  return Object.fromEntries([...FILTER_FIELDS, ...VIEW_FIELDS].map((field) => [field, value(field)])) as TypedQuery;
}

/** A field's problem: its code (a zod issue code or 'unknown_reference') and the text in the page's language. */
export interface FieldProblem {
  field: Field;
  code: string;
  text: string;
}

const isField = (path: string): path is Field =>
  (FILTER_FIELDS as readonly string[]).includes(path) || (VIEW_FIELDS as readonly string[]).includes(path);

/** Whether `value` is a day of the calendar written YYYY-MM-DD. */
const isCalendarDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * The problems of the fields, one per field, in the page's language. A `custom` issue of `to` is
 * either a day not in the calendar or a period the filter refuses (before `from`, longer than ten
 * years): the typed `to` tells which.
 */
export function problemsOf(
  issues: readonly FieldIssue[],
  locale: Locale,
  typed: Pick<TypedQuery, 'to'>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of issues) {
    const field = issue.path.split('.')[0] ?? '';
    if (!isField(field) || problems.some((problem) => problem.field === field)) continue;
    const text =
      issue.code === 'unknown_reference' &&
      (field === 'region' || field === 'sector' || field === 'need' || field === 'role')
        ? t(locale, `analytics.error.unknown.${field}`)
        : field === 'to' && issue.code === 'custom' && isCalendarDay(typed.to)
          ? t(locale, 'analytics.error.period')
          : t(locale, `analytics.error.${field}`);
    problems.push({ field, code: issue.code, text });
  }
  return problems;
}

/** The page's own choices (not part of the analytics filter), checked against their lists. */
export interface ViewChoices {
  show: string;
  level: (typeof LEVELS)[number];
  role: string | null;
}

function viewChoicesOf(
  measure: Measure | 'overview',
  typed: TypedQuery,
): { choices: ViewChoices; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const oneOf = <T extends string>(field: Field, list: readonly T[], fallback: T): T => {
    const value = typed[field];
    if (!FIELDS_OF[measure].includes(field) || value === '') return fallback;
    if ((list as readonly string[]).includes(value)) return value as T;
    issues.push({ path: field, code: 'invalid_value', message: `is not one of ${list.join(', ')}` });
    return fallback;
  };
  const shows: readonly string[] = measure === 'skills' ? SKILL_SHOWS : SUPPLY_SHOWS;
  const show = oneOf('show', shows, shows[0] ?? 'providers');
  const level = oneOf('level', LEVELS, 'region');
  const role = FIELDS_OF[measure].includes('role') && typed.role !== '' ? typed.role : null;
  if (role !== null && !/^[A-Z0-9][A-Z0-9._-]{0,99}$/.test(role))
    issues.push({ path: 'role', code: 'invalid_format', message: 'is not a role code' });
  return { choices: { show, level, role }, issues };
}

/** The analytics filter of the fields the page offers (the others in the URL are left to the pages that offer them). */
function filterInputOf(measure: Measure | 'overview', typed: TypedQuery): AnalyticsFilterInput {
  return Object.fromEntries(
    FILTER_FIELDS.filter((field) => FIELDS_OF[measure].includes(field)).map((field) => [field, typed[field]]),
  );
}

/** A measure's tables for the filter; ValidationError for a bad filter or choice, ForbiddenError for a reader without the role. */
async function sectionsOf(
  measure: Measure,
  locals: App.Locals,
  typed: TypedQuery,
  locale: Locale,
): Promise<{ filter: AnalyticsFilter; sections: Section[] }> {
  const { choices, issues } = viewChoicesOf(measure, typed);
  if (issues.length > 0) throw new ValidationError(issues);
  const executor = locals.services.executor;
  const viewer = locals.viewer;
  const input = filterInputOf(measure, typed);
  switch (measure) {
    case 'supply': {
      const data = await readNeedSupply(executor, viewer, input, choices.level);
      return { filter: data.filter, sections: supplySections(data, locale, choices.show as never) };
    }
    case 'demand': {
      const data = await readWeeklyDemand(executor, viewer, input);
      return { filter: data.filter, sections: demandSections(data, locale) };
    }
    case 'gaps': {
      const data = await readDemandGaps(executor, viewer, input, GAP_ROWS);
      return { filter: data.filter, sections: gapSections(data, locale) };
    }
    case 'skills': {
      const data = await readRoleScarcity(executor, viewer, input);
      if (choices.role !== null && !data.scarcity.some((row) => row.role === choices.role))
        throw new ValidationError([
          { path: 'role', code: 'unknown_reference', message: 'is not a known role profile' },
        ]);
      return {
        filter: data.filter,
        sections: skillSections(data, locale, { show: choices.show as never, role: choices.role }),
      };
    }
    case 'coverage': {
      const data = await readCoverage(executor, viewer, input);
      return { filter: data.filter, sections: coverageSections(data, locale) };
    }
    case 'concentration': {
      const data = await readConcentration(executor, viewer, input);
      return { filter: data.filter, sections: concentrationSections(data, locale) };
    }
    case 'zero-results': {
      const data = await readSearchesWithoutResults(executor, viewer, input, MISSED_SEARCH_ROWS);
      return { filter: data.filter, sections: zeroResultSections(data, locale) };
    }
  }
}

export function refusalOf(
  locals: App.Locals,
  currentLocale: string | undefined,
  url: URL,
): { login: string } | { forbidden: true } | null {
  if (mayReadAnalytics(locals.viewer) && locals.viewer.kind === 'staff') return null;
  if (locals.viewer.kind === 'anonymous')
    return { login: loginPath(localeFrom(currentLocale), `${url.pathname}${url.search}`) };
  return { forbidden: true };
}

export type DashboardOutcome =
  | { login: string }
  | { forbidden: true }
  | {
      status: 200 | 400;
      measure: Measure | null;
      typed: TypedQuery;
      problems: FieldProblem[];
      /** The checked filter; null when it has a problem. */
      filter: AnalyticsFilter | null;
      sections: Section[];
    };

/** The overview (measure null) or a measure's page. */
export async function loadDashboard(
  locals: App.Locals,
  currentLocale: string | undefined,
  url: URL,
  measure: Measure | null,
): Promise<DashboardOutcome> {
  const refused = refusalOf(locals, currentLocale, url);
  if (refused) return refused;
  const locale = localeFrom(currentLocale);
  const typed = typedQuery(url);
  try {
    if (measure === null) {
      const filter = await analyticsFilterFor(
        locals.services.executor,
        locals.viewer,
        filterInputOf('overview', typed),
      );
      return { status: 200, measure, typed, problems: [], filter, sections: [] };
    }
    const { filter, sections } = await sectionsOf(measure, locals, typed, locale);
    return { status: 200, measure, typed, problems: [], filter, sections };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return {
      status: 400,
      measure,
      typed,
      problems: problemsOf(error.issues, locale, typed),
      filter: null,
      sections: [],
    };
  }
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' };

/**
 * A table of a measure's page as CSV or JSON: the table `table=` names (the page's first without
 * one), for the same query as the page, so the file holds exactly the rows the page shows.
 */
export async function dashboardDownload(
  context: { locals: App.Locals; currentLocale: string | undefined; url: URL },
  measure: Measure | null,
  format: 'csv' | 'json',
): Promise<Response> {
  const { locals, currentLocale, url } = context;
  const locale = localeFrom(currentLocale);
  if (measure === null) return new Response(t(locale, 'analytics.download.notFound'), { status: 404, headers: TEXT });
  const refused = refusalOf(locals, currentLocale, url);
  if (refused && 'login' in refused) return new Response(null, { status: 303, headers: { location: refused.login } });
  if (refused) return new Response(t(locale, 'analytics.forbidden'), { status: 403, headers: TEXT });
  let loaded: { filter: AnalyticsFilter; sections: Section[] };
  const typed = typedQuery(url);
  try {
    loaded = await sectionsOf(measure, locals, typed, locale);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const message = problemsOf(error.issues, locale, typed)
      .map((problem) => problem.text)
      .join(' ');
    return new Response(t(locale, 'analytics.download.refused', { message }), { status: 400, headers: TEXT });
  }
  const wanted = url.searchParams.get('table');
  const table: DataTable | undefined = loaded.sections.find((section) => !wanted || section.table.id === wanted)?.table;
  if (!table) return new Response(t(locale, 'analytics.download.notFound'), { status: 404, headers: TEXT });
  const day = new Date().toISOString().slice(0, 10);
  const name = `cyberkort-${measure}-${table.id}-${day}.${format}`;
  const headers = {
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
  };
  return format === 'csv'
    ? new Response(tableCsv(table), { status: 200, headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' } })
    : new Response(JSON.stringify(tableJson(table, loaded.filter), null, 2), {
        status: 200,
        headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
      });
}
