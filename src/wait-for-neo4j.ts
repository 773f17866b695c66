import type { Driver } from 'neo4j-driver';
import type { Logger } from 'pino';

/**
 * At start the app waits for Neo4j rather than failing at once: in a deployment the database and
 * the app often start together, and the database is the slower of the two. Only "cannot reach it"
 * is waited out; a wrong password or database name will not fix itself, so those fail at once.
 */
export interface WaitForNeo4jOptions {
  uri: string;
  database: string;
  /** How long to keep trying; 0 tries once. */
  timeoutMs: number;
  log: Logger;
  /** The first pause between attempts; each next one doubles, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

const UNREACHABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

export class Neo4jUnreachableError extends Error {
  constructor(uri: string, timeoutMs: number, reason: string) {
    super(
      `Neo4j at ${uri} did not answer within ${formatSeconds(timeoutMs)} s (${reason}). ` +
        'Check that it is running and that NEO4J_URI points at it; NEO4J_CONNECT_TIMEOUT_MS sets how long to wait.',
    );
    this.name = 'Neo4jUnreachableError';
  }
}

export async function waitForNeo4j(driver: Driver, options: WaitForNeo4jOptions): Promise<void> {
  const { uri, database, timeoutMs, log, firstDelayMs = 1_000, maxDelayMs = 10_000 } = options;
  const giveUpAt = Date.now() + timeoutMs;
  let delayMs = firstDelayMs;
  for (;;) {
    try {
      await driver.verifyConnectivity({ database });
      return;
    } catch (error) {
      if (!UNREACHABLE.has((error as { code?: string }).code ?? '')) throw error;
      const reason = reasonOf(error);
      const left = giveUpAt - Date.now();
      if (left <= 0) throw new Neo4jUnreachableError(uri, timeoutMs, reason);
      const pause = Math.min(delayMs, left);
      // One line per attempt, without the driver's stack: waiting for a database is not a fault.
      log.warn({ reason }, `Neo4j at ${uri} is not reachable yet; retrying in ${formatSeconds(pause)} s`);
      await new Promise((resolve) => setTimeout(resolve, pause));
      delayMs = Math.min(delayMs * 2, maxDelayMs);
    }
  }
}

/** The socket's own words (connect ECONNREFUSED …) say more than the driver's paragraph of advice around them. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /Caused by: (.+)$/.exec(message)?.[1] ?? message;
}

const formatSeconds = (ms: number) => String(Math.round(ms / 100) / 10);
