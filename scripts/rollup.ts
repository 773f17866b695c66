import { parseArgs } from 'node:util';
import { GraphWriter } from '../graph/write';
import { loadConfig } from '../src/config';
import { rollUpPastDays } from '../src/use-cases/analytics-demand';
import { connectGraph } from './graph-connection';

/**
 * `npm run rollup`: rolls the anonymous demand signals up per day (graph/analytics/demand.ts), as
 * the server's schedule does: every day before today (Neo4j's `date()`) that is not rolled up yet. What was
 * done is recorded on the graph, so running it again, or after the server, changes nothing.
 * `--now 2027-01-10` runs as of another moment (days before that one).
 */
async function main() {
  const { values } = parseArgs({ options: { now: { type: 'string' } } });
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime()))
    throw new Error(`--now must be a date or time such as 2027-01-10: ${values.now}`);
  const config = loadConfig();
  const executor = await connectGraph(config);
  try {
    const run = await rollUpPastDays(new GraphWriter(executor), now);
    const span = run.days.length > 0 ? ` (${run.days[0]} – ${run.days[run.days.length - 1]})` : '';
    console.log(`demand rolled up: ${run.days.length} days${span}, ${run.signals} signals`);
  } finally {
    await executor.driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
