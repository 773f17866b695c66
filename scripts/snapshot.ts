import { parseArgs } from 'node:util';
import { GraphWriter } from '../graph/write';
import { loadConfig } from '../src/config';
import { takeSupplySnapshot } from '../src/use-cases/analytics-snapshot';
import { connectGraph } from './graph-connection';

/**
 * `npm run snapshot`: takes today's supply snapshot (src/use-cases/analytics-snapshot.ts), as the
 * server's daily schedule does at 00:30 UTC: every supply measure for all of Denmark and for each
 * region, kept for series and comparisons. A day is taken once, so running it again, or after the
 * server, changes nothing. `--now 2027-01-10` takes the snapshot of another day (the measures are
 * always the graph's as it is now).
 */
async function main() {
  const { values } = parseArgs({ options: { now: { type: 'string' } } });
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime()))
    throw new Error(`--now must be a date or time such as 2027-01-10: ${values.now}`);
  const config = loadConfig();
  const executor = await connectGraph(config);
  try {
    const run = await takeSupplySnapshot(new GraphWriter(executor), now);
    console.log(
      run.taken
        ? `supply snapshot of ${run.day} taken in ${run.ms} ms: all of Denmark and ${run.regions} regions, ${run.bytes} bytes`
        : `supply snapshot of ${run.day} was taken already; nothing written (${run.ms} ms)`,
    );
  } finally {
    await executor.driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
