import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../graph/local-neo4j/free-port';
import { loadConfig } from '../../src/config';
import { startRuntime } from '../../src/runtime';

/**
 * A process that starts before its Neo4j waits for it: one plain log line per attempt, then,
 * past NEO4J_CONNECT_TIMEOUT_MS, one error that says what to check. No stack traces on the way.
 */

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('Neo4j unreachable at start', () => {
  it('retries with a clear line per attempt, then gives up with a message naming the address', async () => {
    // Nothing listens there: freePort closed it again.
    const uri = `bolt://127.0.0.1:${await freePort()}`;
    const config = loadConfig({
      NODE_ENV: 'test',
      NEO4J_URI: uri,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: 'unused',
      NEO4J_CONNECT_TIMEOUT_MS: '2500',
    });
    const { log, lines } = capturingLogger();
    const started = Date.now();
    const failure = await startRuntime(config, log).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    const waited = Date.now() - started;

    expect(failure?.message).toBe(
      `Neo4j at ${uri} did not answer within 2.5 s (connect ECONNREFUSED ${uri.slice('bolt://'.length)}). ` +
        'Check that it is running and that NEO4J_URI points at it; NEO4J_CONNECT_TIMEOUT_MS sets how long to wait.',
    );
    expect(waited).toBeGreaterThanOrEqual(2_500);
    expect(waited).toBeLessThan(10_000);

    // Waits of 1 s, then what is left of the 2.5 s (about 1.5 s).
    const retries = lines.filter((line) => String(line.msg).includes('is not reachable yet'));
    expect(retries.map((line) => String(line.msg).replace(/[\d.]+ s$/, 'N s'))).toEqual([
      `Neo4j at ${uri} is not reachable yet; retrying in N s`,
      `Neo4j at ${uri} is not reachable yet; retrying in N s`,
    ]);
    expect(retries[0]?.msg).toMatch(/retrying in 1 s$/);
    for (const line of lines) {
      expect(line.level).toBeLessThanOrEqual(40);
      expect(JSON.stringify(line)).not.toMatch(/\bat .+:\d+:\d+\)?/);
      expect(line.err).toBeUndefined();
    }
  });

  it('tries once when the timeout is 0, and a wrong value stops the process with the variable named', () => {
    expect(loadConfig({ NEO4J_CONNECT_TIMEOUT_MS: '0' }).NEO4J_CONNECT_TIMEOUT_MS).toBe(0);
    expect(loadConfig({}).NEO4J_CONNECT_TIMEOUT_MS).toBe(60_000);
    expect(() => loadConfig({ NEO4J_CONNECT_TIMEOUT_MS: '-1' })).toThrow(/NEO4J_CONNECT_TIMEOUT_MS/);
    expect(() => loadConfig({ NEO4J_CONNECT_TIMEOUT_MS: 'soon' })).toThrow(/NEO4J_CONNECT_TIMEOUT_MS must be a number/);
  });
});
