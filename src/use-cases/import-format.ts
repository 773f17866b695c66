import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { type FieldIssue, ValidationError } from './errors';

/**
 * The import file formats (README "Import of companies and products"), read into rows for the
 * import use case (./import.ts) without validating their values: that is the one validation of
 * listing-input.ts, the same the GraphQL API and the portal use.
 *
 * CSV is what staff keep in spreadsheets: one row per company or product (the `type` column), the
 * GraphQL record inputs' field names as columns, texts in both languages as two columns, lists
 * separated by `;`. It is read as a stream, so a file of 100,000 products is never held whole.
 * JSON is `{companies: [...], products: [...]}` with the GraphQL record inputs as they are.
 */

export const ROW_TYPES = ['company', 'product'] as const;
export type RowType = (typeof ROW_TYPES)[number];

/** One row of a file: where it is, what it names, and its record as the record schemas take it. */
export interface ImportRow {
  /** CSV: the line number (the header is line 1). JSON: the position in its list, from 1. */
  row: number;
  type: RowType;
  /** The company's CVR number (a product's: its company's), as written. */
  cvr: string;
  /** A product's slug as written; null when the file leaves it to be made from the name. */
  slug: string | null;
  record: Record<string, unknown>;
  /** What is wrong with the row's shape before its values are validated (a column of the other type, …). */
  issues: FieldIssue[];
}

/** Both types' columns. `type`, `cvr`, `name`, the descriptions and `languages` are shared. */
export const COMPANY_COLUMNS = [
  'name',
  'legalForm',
  'descriptionDa',
  'descriptionEn',
  'address',
  'postcode',
  'city',
  'municipalityCode',
  'website',
  'email',
  'phone',
  'founded',
  'employees',
  'sizeBand',
  'languages',
  'customerSizeBands',
  'regionsServed',
  'sectorCodes',
  'competences',
  'certifications',
] as const;

export const PRODUCT_COLUMNS = [
  'slug',
  'name',
  'kind',
  'descriptionDa',
  'descriptionEn',
  'pricingModel',
  'priceFromDkk',
  'delivery',
  'languages',
  'smeFit',
  'needSlugs',
  'categoryCodes',
  'csfCategoryCodes',
  'regulationCodes',
] as const;

export const CSV_COLUMNS = ['type', 'cvr', ...new Set([...COMPANY_COLUMNS, ...PRODUCT_COLUMNS])] as const;

/** The columns that hold a list (`;`-separated in a CSV cell). */
export const LIST_COLUMNS: ReadonlySet<string> = new Set([
  'languages',
  'customerSizeBands',
  'regionsServed',
  'sectorCodes',
  'delivery',
  'needSlugs',
  'categoryCodes',
  'csfCategoryCodes',
  'regulationCodes',
]);
const NUMBER_COLUMNS = new Set(['founded', 'employees', 'priceFromDkk']);

/** A file's bytes as they come: a stream, or (in tests) a list of texts. */
export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

const fileError = (code: string, message: string) => new ValidationError([{ path: 'file', code, message }]);

/** A list cell: `da;en` → ['da', 'en']; blank → []. */
const listOf = (cell: string) =>
  cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** A number cell: blank is absent (the schema then says "required" or, for a price, "none"). */
const numberOf = (cell: string) => (cell.trim() === '' ? undefined : Number(cell.trim()));

const TRUE = new Set(['true', 'ja', 'yes', '1']);
const FALSE = new Set(['false', 'nej', 'no', '0']);
/** Yes/no in either language; anything else is passed on as text, which the schema refuses. */
function booleanOf(cell: string): boolean | string | undefined {
  const value = cell.trim().toLowerCase();
  if (value === '') return undefined;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return cell;
}

const orNull = (text: string | undefined) => (text && text.trim() !== '' ? text.trim() : null);

/** `ECSF-PENTESTER:3;SKILL-WEBAPP-TESTING:1` → competences with their headcounts. */
function competencesOf(cell: string) {
  return listOf(cell).map((item) => {
    const [skillCode = '', headcount = ''] = item.split(':');
    return { skillCode: skillCode.trim(), headcount: numberOf(headcount) ?? Number.NaN };
  });
}

/** `CODE|valid until|evidence|certificate number|issuer;…`: the last three parts may be left out or blank. */
function certificationsOf(cell: string) {
  return listOf(cell).map((item) => {
    const [code = '', validUntil, evidence = '', certificateNumber, issuer] = item
      .split('|')
      .map((part) => part.trim());
    return {
      code,
      validUntil: orNull(validUntil),
      evidence,
      certificateNumber: orNull(certificateNumber),
      issuer: orNull(issuer),
    };
  });
}

function cellValue(column: string, cell: string): unknown {
  if (LIST_COLUMNS.has(column)) return listOf(cell);
  if (NUMBER_COLUMNS.has(column)) return numberOf(cell);
  if (column === 'smeFit') return booleanOf(cell);
  if (column === 'competences') return competencesOf(cell);
  if (column === 'certifications') return certificationsOf(cell);
  return cell;
}

/** A CSV row's cells (by column) as the record its type's schema takes; cells of the other type's columns are issues. */
export function recordOfCells(
  type: RowType,
  cells: ReadonlyMap<string, string>,
): {
  record: Record<string, unknown>;
  issues: FieldIssue[];
} {
  const own: ReadonlySet<string> = new Set<string>(type === 'company' ? COMPANY_COLUMNS : PRODUCT_COLUMNS);
  const record: Record<string, unknown> = {};
  const issues: FieldIssue[] = [];
  for (const [column, cell] of cells) {
    if (column === 'type' || column === 'cvr' || column === 'slug') continue;
    if (!own.has(column)) {
      if (cell.trim() !== '') {
        issues.push({ path: column, code: 'not_for_type', message: `is not a ${type} column; leave it empty` });
      }
      continue;
    }
    record[column] = cellValue(column, cell);
  }
  // Only the languages the file has columns for: a left-out column keeps what is published.
  if ('descriptionDa' in record || 'descriptionEn' in record) {
    const description: Record<string, unknown> = {};
    if ('descriptionDa' in record) description.da = record.descriptionDa;
    if ('descriptionEn' in record) description.en = record.descriptionEn;
    record.description = description;
    delete record.descriptionDa;
    delete record.descriptionEn;
  }
  if (type === 'product' && record.priceFromDkk === undefined && cells.has('priceFromDkk')) record.priceFromDkk = null;
  return { record, issues };
}

/**
 * The first line decides the delimiter: a comma, or a semicolon as Danish spreadsheets write CSV.
 * Column names contain neither, so the header says which it is.
 */
async function delimited(source: Chunks): Promise<{ delimiter: string; body: Readable }> {
  const iterator = (async function* () {
    yield* source;
  })();
  let head = Buffer.alloc(0);
  while (!head.includes(0x0a) && head.length < 65_536) {
    const next = await iterator.next();
    if (next.done) break;
    head = Buffer.concat([head, typeof next.value === 'string' ? Buffer.from(next.value) : next.value]);
  }
  const firstLine = head.toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  async function* rest() {
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { delimiter, body: Readable.from(rest()) };
}

function checkHeader(header: string[]): string[] {
  const columns = header.map((name) => name.trim());
  const known: ReadonlySet<string> = new Set<string>(CSV_COLUMNS);
  const unknown = columns.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw fileError(
      'unknown_column',
      `unknown column(s): ${unknown.join(', ')}; the columns are ${CSV_COLUMNS.join(', ')}`,
    );
  }
  const twice = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (twice.length > 0) throw fileError('duplicate_column', `column(s) given twice: ${twice.join(', ')}`);
  for (const required of ['type', 'cvr']) {
    if (!columns.includes(required)) throw fileError('missing_column', `the column ${required} is required`);
  }
  return columns;
}

/**
 * The rows of a CSV file, as they are read. A file that cannot be read as CSV, or whose header
 * names columns that do not exist, throws a ValidationError with the path `file` before or when
 * it is met; a row with a wrong number of cells or an unknown type comes back with its issue.
 */
export async function* csvRows(source: Chunks): AsyncGenerator<ImportRow> {
  const { delimiter, body } = await delimited(source);
  const parser = body.pipe(
    parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  let columns: string[] | null = null;
  try {
    for await (const { record: cells, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!columns) {
        columns = checkHeader(cells);
        continue;
      }
      if (cells.every((cell) => cell.trim() === '')) continue;
      const byColumn = new Map(columns.map((column, index) => [column, cells[index] ?? '']));
      const type = (byColumn.get('type') ?? '').trim().toLowerCase();
      const cvr = (byColumn.get('cvr') ?? '').trim();
      const slug = orNull(byColumn.get('slug'));
      if (type !== 'company' && type !== 'product') {
        yield {
          row: info.lines,
          type: 'company',
          cvr,
          slug,
          record: {},
          issues: [{ path: 'type', code: 'invalid_type', message: 'must be company or product' }],
        };
        continue;
      }
      const issues: FieldIssue[] =
        cells.length === columns.length
          ? []
          : [
              {
                path: 'file',
                code: 'wrong_column_count',
                message: `has ${cells.length} cells; the header has ${columns.length}`,
              },
            ];
      const shaped = recordOfCells(type, byColumn);
      yield { row: info.lines, type, cvr, slug, record: shaped.record, issues: [...issues, ...shaped.issues] };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw fileError('invalid_csv', `the file cannot be read as CSV: ${error.message}`);
    }
    throw error;
  }
  if (!columns) throw fileError('empty_file', 'the file has no header line');
}

const JSON_COMPANY_FIELDS = new Set<string>([
  'cvr',
  ...COMPANY_COLUMNS.filter((c) => c !== 'descriptionDa' && c !== 'descriptionEn'),
  'description',
]);
const JSON_PRODUCT_FIELDS = new Set<string>([
  'companyCvr',
  ...PRODUCT_COLUMNS.filter((c) => c !== 'descriptionDa' && c !== 'descriptionEn'),
  'description',
]);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonRow(type: RowType, item: unknown, index: number): ImportRow {
  if (!isObject(item)) {
    return {
      row: index + 1,
      type,
      cvr: '',
      slug: null,
      record: {},
      issues: [{ path: '', code: 'invalid_type', message: 'must be an object' }],
    };
  }
  const allowed = type === 'company' ? JSON_COMPANY_FIELDS : JSON_PRODUCT_FIELDS;
  const issues: FieldIssue[] = Object.keys(item)
    .filter((key) => !allowed.has(key))
    .map((key) => ({ path: key, code: 'unrecognized_keys', message: 'is not a field of this format' }));
  const { cvr, companyCvr, slug, ...record } = item;
  const key = type === 'company' ? cvr : companyCvr;
  return {
    row: index + 1,
    type,
    cvr: typeof key === 'string' ? key.trim() : '',
    slug: typeof slug === 'string' ? orNull(slug) : null,
    record,
    issues,
  };
}

/** The rows of a JSON file: companies first, then products. */
export function* jsonRows(text: string): Generator<ImportRow> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fileError('invalid_json', `the file cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || Object.keys(parsed).some((key) => key !== 'companies' && key !== 'products')) {
    throw fileError('invalid_json', 'the file must be an object with the lists "companies" and "products"');
  }
  const { companies = [], products = [] } = parsed;
  if (!Array.isArray(companies) || !Array.isArray(products)) {
    throw fileError('invalid_json', '"companies" and "products" must be lists');
  }
  for (const [index, item] of companies.entries()) yield jsonRow('company', item, index);
  for (const [index, item] of products.entries()) yield jsonRow('product', item, index);
}

export type ImportFormat = 'csv' | 'json';

/** The format a file's name says, or, without a telling name, what its first character says. */
export function formatOf(name: string, firstBytes: string): ImportFormat {
  if (/\.json$/i.test(name)) return 'json';
  if (/\.csv$/i.test(name)) return 'csv';
  return /^\s*[[{]/.test(firstBytes.replace(/^\uFEFF/, '')) ? 'json' : 'csv';
}

/** A file's rows, whatever its format: a CSV streams; a JSON file is read whole first. */
export async function* importRows(format: ImportFormat, source: Chunks): AsyncGenerator<ImportRow> {
  if (format === 'csv') {
    yield* csvRows(source);
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  yield* jsonRows(
    Buffer.concat(chunks)
      .toString('utf8')
      .replace(/^\uFEFF/, ''),
  );
}
