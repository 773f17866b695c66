import type { AstroGlobal } from 'astro';
import { checkCsrf } from '../../auth/csrf';
import { type Locale, type MessageKey, t } from '../../i18n';
import { type FieldIssue, ValidationError } from '../../use-cases/errors';
import { type ImportRowReport, type ImportSummary, importListings } from '../../use-cases/import';
import { formatOf, type ImportFormat, type ImportRow, importRows, LIST_COLUMNS } from '../../use-cases/import-format';
import { refusal } from '../review/load';

/**
 * The staff import page (/ncc/import, /en/ncc/import): a multipart form with the file and two
 * buttons, a dry run (the default: a post without a choice changes nothing) and the import.
 * Reviewers and admins may import, as they may approve: an import publishes as an approval does.
 * The answer is the report on the same page; GET only shows the form.
 */

const PATHS = { da: '/ncc/import', en: '/en/ncc/import' } as const satisfies Record<Locale, string>;
export const importPath = (locale: Locale): string => PATHS[locale];

/** Rows listed on the page; the summary counts them all. A file of 20 MB has about 20,000 rows. */
export const REPORT_ROWS = 2_000;

export interface ImportPageReport {
  summary: ImportSummary;
  format: ImportFormat;
  /** Rows that create, change or are refused, in file order, at most REPORT_ROWS. */
  rows: ImportRowReport[];
  truncated: boolean;
}

export type ImportPageState =
  | { forbidden: true }
  | {
      report: ImportPageReport | null;
      /** What was wrong with the post: no file, an unreadable file, a forged form. */
      problem: { error: 'file' | 'csrf'; issue?: FieldIssue } | null;
    };

async function runImport(astro: AstroGlobal): Promise<Exclude<ImportPageState, { forbidden: true }>> {
  const { request, locals } = astro;
  if (!(await checkCsrf(request, locals))) {
    astro.response.status = 403;
    return { report: null, problem: { error: 'csrf' } };
  }
  const form = await request.formData();
  const dryRun = form.get('mode') !== 'import';
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0) {
    astro.response.status = 400;
    return { report: null, problem: { error: 'file' } };
  }
  const format = formatOf(file.name, await file.slice(0, 64).text());
  const rows: ImportRowReport[] = [];
  let shown = 0;
  try {
    // The whole upload (at most 20 MiB) is read before anything is written: a CSV broken on its
    // last line must not leave the first batches imported while the page says it was unreadable.
    const parsed: ImportRow[] = [];
    for await (const row of importRows(format, file.stream() as unknown as AsyncIterable<Uint8Array>)) {
      parsed.push(row);
    }
    const summary = await importListings(locals.services, locals.viewer, parsed, {
      dryRun,
      onRow: (row) => {
        if (row.outcome === 'unchanged') return;
        shown += 1;
        if (rows.length < REPORT_ROWS) rows.push(row);
      },
    });
    return { report: { summary, format, rows, truncated: shown > rows.length }, problem: null };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    astro.response.status = 400;
    return { report: null, problem: { error: 'file', issue: error.issues[0] } };
  }
}

/** What both routes do: the anonymous go to log in, others than reviewers and admins get 403, a POST runs. */
export async function importRoute(astro: AstroGlobal): Promise<Response | ImportPageState> {
  const refused = refusal(astro.locals.viewer, astro.currentLocale, astro.url);
  if (refused === 'forbidden') {
    astro.response.status = 403;
    return { forbidden: true };
  }
  if (refused) return astro.redirect(refused.login, 303);
  if (astro.request.method !== 'POST') return { report: null, problem: null };
  return runImport(astro);
}

/** The CSV column an issue's path names: 'description.da' → 'descriptionDa', 'needSlugs.2' → 'needSlugs'. */
export function columnOf(path: string, format: ImportFormat): string {
  if (format === 'json') return path;
  if (path === 'description.da') return 'descriptionDa';
  if (path === 'description.en') return 'descriptionEn';
  return path.split('.')[0] ?? path;
}

const LISTS = new Set([...LIST_COLUMNS, 'competences', 'certifications']);

/** One issue in the visitor's language, by its stable code (and, for the schema's own rules, its field). */
export function issueText(locale: Locale, issue: FieldIssue): string {
  if (issue.code === 'custom') {
    const field = issue.path.split('.')[0] ?? '';
    if (field === 'sizeBand' || field === 'priceFromDkk' || field === 'founded' || field === 'name') {
      return t(locale, `import.issue.${field}`);
    }
    return LISTS.has(field) ? t(locale, 'import.issue.unique') : t(locale, 'import.issue.invalid');
  }
  const key = `import.issue.${issue.code}` as MessageKey;
  return key in KNOWN_ISSUES ? t(locale, key) : t(locale, 'import.issue.invalid');
}

const KNOWN_ISSUES = Object.fromEntries(
  [
    'invalid_cvr',
    'duplicate',
    'unknown_company',
    'company_refused',
    'slug_taken',
    'invalid_slug',
    'not_for_type',
    'unrecognized_keys',
    'wrong_column_count',
    'invalid_type',
    'too_small',
    'too_big',
    'invalid_format',
    'invalid_value',
    'unknown_reference',
  ].map((code) => [`import.issue.${code}`, true]),
);

const FILE_PROBLEMS = new Set([
  'unknown_column',
  'duplicate_column',
  'missing_column',
  'invalid_csv',
  'empty_file',
  'invalid_json',
]);

/** A problem with the whole file, in the visitor's language. */
export function fileProblemText(locale: Locale, issue: FieldIssue | undefined): string {
  if (!issue) return t(locale, 'import.fileRequired');
  return FILE_PROBLEMS.has(issue.code)
    ? t(locale, `import.file.${issue.code}` as MessageKey)
    : t(locale, 'import.issue.invalid');
}
