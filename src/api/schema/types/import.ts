import {
  type ImportOutcome,
  type ImportRowReport,
  type ImportSummary,
  importListings,
} from '../../../use-cases/import';
import { type ImportRow, importRows, ROW_TYPES } from '../../../use-cases/import-format';
import { MUTATION_COST } from '../../cost';
import { builder } from '../builder';
import { FieldIssueRef, MUTATION_ERRORS } from './errors';

/**
 * NCC-DK staff import companies and products (src/use-cases/import.ts), as the import page and
 * `npm run import` do: the same use case, the same rules, the same row-by-row report. The file
 * travels as a string in the request, so /graphql's body limit (100 KB) bounds it; larger files
 * go through the import page (20 MiB) or the command line (any size).
 */

const STAFF = { reviewer: true, admin: true } as const;
const IMPORT_OUTCOMES = ['create', 'change', 'unchanged', 'refused'] as const satisfies readonly ImportOutcome[];

const ImportFormatEnum = builder.enumType('ImportFormat', {
  description: 'csv: a header line, comma- or semicolon-separated; json: {"companies": [...], "products": [...]}.',
  values: ['csv', 'json'] as const,
});
const ImportRowKindEnum = builder.enumType('ImportRowKind', { values: ROW_TYPES });
const ImportOutcomeEnum = builder.enumType('ImportOutcome', {
  description:
    'What a row does (or, in a dry run, would do): create a listing, change one, leave it unchanged, or be refused (and do nothing).',
  values: IMPORT_OUTCOMES,
});

const ImportRowReportRef = builder.objectRef<ImportRowReport>('ImportRowReport').implement({
  description: 'One row of an import file and what it does.',
  authScopes: STAFF,
  fields: (t) => ({
    row: t.exposeInt('row', {
      description: 'Where the row is: its line in a CSV file, its place in its list in JSON.',
    }),
    kind: t.field({ type: ImportRowKindEnum, resolve: (report) => report.type }),
    cvr: t.exposeString('cvr', { description: "The company's CVR number (a product's: its company's)." }),
    slug: t.exposeString('slug', {
      nullable: true,
      description: "The listing's slug (a new company's: the one it gets); null when it could not be told.",
    }),
    name: t.exposeString('name', { nullable: true }),
    outcome: t.field({ type: ImportOutcomeEnum, resolve: (report) => report.outcome }),
    fields: t.exposeStringList('fields', {
      description:
        "What a change changes, as the review diff names fields: 'phone', 'description.da', 'certifications.ISO27001'.",
    }),
    issues: t.field({
      type: [FieldIssueRef],
      description: 'Why the row is refused, field by field.',
      resolve: (report) => report.issues,
    }),
    pendingSubmission: t.exposeBoolean('pendingSubmission', {
      description:
        "A vendor's draft or submission of this listing is open: the import makes it meet a version conflict.",
    }),
  }),
});

type ImportReport = ImportSummary & { reportRows: ImportRowReport[] };

const ImportReportRef = builder.objectRef<ImportReport>('ImportReport').implement({
  description: 'What an import did (or, in a dry run, would do), row by row.',
  authScopes: STAFF,
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun', { description: 'True when nothing was written.' }),
    rows: t.exposeInt('rows', { description: 'Rows read from the file.' }),
    create: t.exposeInt('create'),
    change: t.exposeInt('change'),
    unchanged: t.exposeInt('unchanged'),
    refused: t.exposeInt('refused'),
    report: t.field({
      type: [ImportRowReportRef],
      description: 'Every row, in file order.',
      resolve: (report) => report.reportRows,
    }),
  }),
});

builder.mutationFields((t) => ({
  importListings: t.field({
    type: ImportReportRef,
    description:
      'Imports companies and products from a CSV or JSON file given as a string, as the import page and `npm run import` do: ' +
      'every row validated and compared with what is published; a dry run writes nothing, a real run writes the good rows. ' +
      'A file that cannot be read answers a ValidationError at the path `file` before anything is written. ' +
      "The request body's limit (100 KB) bounds the file: larger files go through the import page or the command line.",
    authScopes: STAFF,
    complexity: MUTATION_COST,
    errors: { types: MUTATION_ERRORS, directResult: true },
    args: {
      format: t.arg({ type: ImportFormatEnum, required: true }),
      content: t.arg.string({ required: true }),
      dryRun: t.arg.boolean({ required: true }),
    },
    resolve: async (_root, { format, content, dryRun }, context) => {
      // Read whole first (the request bounds it), so an unreadable file is refused before any batch is written.
      const rows: ImportRow[] = [];
      for await (const row of importRows(format, [content.replace(/^\uFEFF/, '')])) rows.push(row);
      const reportRows: ImportRowReport[] = [];
      const summary = await importListings(context.services, context.viewer, rows, {
        dryRun,
        onRow: (report) => reportRows.push(report),
      });
      return { ...summary, reportRows };
    },
  }),
}));
