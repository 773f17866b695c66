import closeWithGrace from 'close-with-grace';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import type { Runtime } from '../runtime';

/** How long in-flight requests may run on after shutdown starts. */
export const DRAIN_MS = 10_000;
/** What stopping the runtime (search, demand writes, Neo4j) may take after that. */
const STOP_MS = 20_000;

/**
 * Fastify's close() stops accepting connections and waits for in-flight requests, but without a
 * limit; a stopping process must not hang on one slow request. After `drainMs` the connections still
 * open are cut, so close() returns.
 */
export const drainLimit = fp<{ drainMs: number }>(
  async (app, { drainMs }) => {
    let cut: NodeJS.Timeout | undefined;
    app.addHook('preClose', async () => {
      cut = setTimeout(() => app.server.closeAllConnections(), drainMs).unref();
    });
    // onClose hooks run once the server has closed.
    app.addHook('onClose', async () => clearTimeout(cut));
  },
  { name: 'drain-limit' },
);

/**
 * On SIGINT/SIGTERM (or a crash): stop accepting, let in-flight requests finish (up to DRAIN_MS),
 * then stop the runtime, which closes Neo4j. A second signal, or a stop past the grace period,
 * exits at once.
 */
export function stopGracefully(
  app: { close(): PromiseLike<unknown> },
  runtime: Pick<Runtime, 'stop'>,
  log: Logger,
): void {
  closeWithGrace(
    {
      delay: DRAIN_MS + STOP_MS,
      logger: log,
      // Astro's node handler already listens for unhandled rejections (an aborted render leaves one)
      // and logs them; stopping the whole site because a visitor closed a tab would be an outage.
      skip: ['unhandledRejection'],
    },
    async ({ signal, err }) => {
      if (err) log.error({ err }, 'stopping after an uncaught exception');
      else log.info({ signal }, 'stopping: finishing requests in flight');
      await app.close();
      await runtime.stop();
      log.info('stopped');
    },
  );
}
