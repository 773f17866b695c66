// `npm run import -- FILE [--dry-run] [--verbose] [--batch-size 500]`: imports companies and products
// from a CSV or JSON file (README "Import of companies and products") into NEO4J_URI, or the
// project's local Neo4j. A dry run writes nothing and says what the import would do. Refused rows
// are printed with their issues as codes (always); created and changed rows with --verbose; the
// summary last. Progress goes to stderr. Exit code 0 when every row was good, 1 when a row was
// refused, 2 when the file could not be read at all.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { GraphWriter } from '../graph/write';
import { loadConfig } from '../src/config';
import { ValidationError } from '../src/use-cases/errors';
import { type ImportRowReport, importListings, OPERATOR } from '../src/use-cases/import';
import { formatOf, importRows } from '../src/use-cases/import-format';
import { connectGraph } from './graph-connection';

function readOptions() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'batch-size': { type: 'string', default: '500' },
    },
  });
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0)
    throw new Error('usage: npm run import -- FILE [--dry-run] [--verbose] [--batch-size 500]');
  const batchSize = Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size must be a whole number ≥ 1');
  return { file: resolve(file), dryRun: values['dry-run'], verbose: values.verbose, batchSize };
}

/** A row as one line: where, what, and the outcome with its fields or its issues' codes. */
function line(report: ImportRowReport): string {
  const what = `${report.type} ${report.cvr}${report.type === 'product' ? `/${report.slug ?? '?'}` : ''}`;
  const detail =
    report.outcome === 'refused'
      ? report.issues.map((issue) => `${issue.path}: ${issue.code}`).join('; ')
      : report.fields.join(', ');
  const pending = report.pendingSubmission ? ' (a vendor change is open; it will conflict)' : '';
  return `row ${report.row}\t${what}\t${report.outcome}${detail ? `\t${detail}` : ''}${pending}`;
}

async function firstBytes(file: string): Promise<string> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

async function main(): Promise<number> {
  const options = readOptions();
  const config = loadConfig();
  const executor = await connectGraph(config);
  const size = (await stat(options.file)).size;
  const stream = createReadStream(options.file);
  // Progress by bytes read: a streamed CSV's row count is known only at its end.
  const bar = new SingleBar({
    format:
      '{bar} {percentage}% | {rows} rows | {create} new, {change} changed, {unchanged} unchanged, {refused} refused',
    stream: process.stderr,
    hideCursor: true,
  });
  const counts = { rows: 0, create: 0, change: 0, unchanged: 0, refused: 0 };
  try {
    await executor.driver.verifyConnectivity().catch((error: unknown) => {
      throw new Error(
        `Cannot reach Neo4j (${error instanceof Error ? error.message : error}). Start Cyberkort with "npm start" first, or set NEO4J_URI.`,
      );
    });
    const started = performance.now();
    const format = formatOf(options.file, await firstBytes(options.file));
    if (!options.dryRun) {
      // The file is read through once before anything is written, so a CSV broken near its end
      // cannot leave the batches before the break imported (streamed twice: memory stays flat).
      for await (const _row of importRows(format, createReadStream(options.file))) {
        // reading is the check
      }
    }
    bar.start(size, 0, counts);
    const summary = await importListings(
      { executor, writer: new GraphWriter(executor) },
      OPERATOR,
      importRows(format, stream),
      {
        dryRun: options.dryRun,
        batchSize: options.batchSize,
        onRow: (report) => {
          counts.rows += 1;
          counts[report.outcome] += 1;
          if (report.outcome === 'refused' || (options.verbose && report.outcome !== 'unchanged')) {
            process.stdout.write(`${line(report)}\n`);
          }
          bar.update(stream.bytesRead, counts);
        },
      },
    );
    bar.update(size, counts);
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${summary.dryRun ? 'dry run (nothing written)' : 'imported'}: ${summary.rows} rows in ${seconds.toFixed(1)} s — ` +
        `${summary.create} ${summary.dryRun ? 'to create' : 'created'}, ${summary.change} ${summary.dryRun ? 'to change' : 'changed'}, ` +
        `${summary.unchanged} unchanged, ${summary.refused} refused`,
    );
    return summary.refused > 0 ? 1 : 0;
  } catch (error) {
    bar.stop();
    if (error instanceof ValidationError) {
      for (const issue of error.issues) console.error(`${issue.path}: ${issue.code}: ${issue.message}`);
      return 2;
    }
    throw error;
  } finally {
    await executor.driver.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
