import { parseArgs } from 'node:util';
import { GraphWriter } from '../graph/write';
import { loadConfig } from '../src/config';
import { createMailer } from '../src/mail/mailer';
import { createLogger } from '../src/runtime';
import { sendConfirmationReminders } from '../src/use-cases/confirmation';
import { connectGraph } from './graph-connection';

/**
 * `npm run reminders`: sends the yearly-confirmation reminders that are due, as the server's daily
 * schedule does (the same use case; what was sent is recorded on the graph, so a run after the server's
 * sends nothing twice). `--now 2027-12-01` runs as of another moment, `--company <slug>` (repeatable)
 * only for those companies. The unsubscribe links are signed with COOKIE_SECRET: set the server's,
 * or the links will not open on it.
 */
async function main() {
  const { values } = parseArgs({
    options: { now: { type: 'string' }, company: { type: 'string', multiple: true } },
  });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) throw new Error(`--now must be a date or time such as 2027-12-01: ${values.now}`);
  const config = loadConfig();
  const log = createLogger(config);
  const executor = await connectGraph(config);
  const mailer = createMailer(config);
  try {
    const run = await sendConfirmationReminders(
      { executor, writer: new GraphWriter(executor), mailer, config, log },
      now,
      values.company ?? null,
    );
    const where = mailer.kind === 'smtp' ? 'through SMTP_URL' : `to the outbox (${config.MAIL_OUTBOX_DIR})`;
    console.log(`reminders sent ${where}: ${run.sent}; nobody to write to: ${run.skipped}; failed: ${run.failed}`);
    if (run.failed > 0) process.exitCode = 1;
  } finally {
    mailer.close();
    await executor.driver.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
