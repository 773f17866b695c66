import neo4j, { type Driver } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { Executor, toPlain, translate, withDeadline } from './executor';

/** A driver error as the driver makes them: a message, and a code ('N/A' when it has none). */
const driverError = (message: string, code = 'N/A') => Object.assign(new Error(message), { code });

describe('driver errors in the graph’s terms', () => {
  it('calls an unreachable server and a pool that cannot hand out a connection in time unavailable', () => {
    expect(translate(driverError('gone', 'ServiceUnavailable'), 'q').code).toBe('GRAPH_UNAVAILABLE');
    const acquisition = driverError(
      'Connection acquisition timed out in 10000 ms. Pool status: Active conn count = 50, Idle conn count = 0.',
    );
    expect(translate(acquisition, 'q').code).toBe('GRAPH_UNAVAILABLE');
  });

  it('calls a transient failure the retries gave up on unavailable, but not a transaction stopped on purpose', () => {
    expect(translate(driverError('stopping', 'Neo.TransientError.General.DatabaseUnavailable'), 'q').code).toBe(
      'GRAPH_UNAVAILABLE',
    );
    expect(translate(driverError('again', 'Neo.TransientError.Transaction.DeadlockDetected'), 'q').code).toBe(
      'GRAPH_UNAVAILABLE',
    );
    expect(translate(driverError('stopped', 'Neo.TransientError.Transaction.Terminated'), 'q').code).toBe(
      'GRAPH_QUERY',
    );
    expect(translate(driverError('stopped', 'Neo.TransientError.Transaction.LockClientStopped'), 'q').code).toBe(
      'GRAPH_QUERY',
    );
  });

  it('keeps timeouts, constraint violations and other failures apart', () => {
    expect(
      translate(driverError('slow', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'), 'q').code,
    ).toBe('GRAPH_TIMEOUT');
    expect(translate(driverError('dup', 'Neo.ClientError.Schema.ConstraintValidationFailed'), 'q').code).toBe(
      'GRAPH_CONSTRAINT',
    );
    expect(translate(driverError('bad syntax', 'Neo.ClientError.Statement.SyntaxError'), 'q').code).toBe('GRAPH_QUERY');
  });
});

describe('driver values as plain JS', () => {
  it('turns integers, temporal values, nodes and relationships into plain values at any depth', () => {
    const { Date: CypherDate, DateTime, Duration, LocalTime, Node, Relationship } = neo4j.types;
    const props = { slug: 'a', seats: neo4j.int(3) };
    const value = {
      count: neo4j.int(42),
      name: 'Sikker ApS',
      score: 0.5,
      active: true,
      missing: null,
      absent: undefined,
      on: new CypherDate(2026, 12, 3),
      at: new DateTime(2026, 12, 3, 10, 30, 0, 0, 0),
      opens: new LocalTime(8, 0, 0, 0),
      lasts: new Duration(0, 1, 0, 0),
      company: new Node(neo4j.int(1), ['Company'], props),
      holds: new Relationship(neo4j.int(2), neo4j.int(1), neo4j.int(3), 'HOLDS', { since: new CypherDate(2025, 1, 2) }),
      lists: [[neo4j.int(1), 'x'], []],
      nested: { deeper: { count: neo4j.int(-7) } },
      bare: Object.assign(Object.create(null), { count: neo4j.int(5) }),
    };
    expect(toPlain(value)).toEqual({
      count: 42,
      name: 'Sikker ApS',
      score: 0.5,
      active: true,
      missing: null,
      absent: null,
      on: '2026-12-03',
      at: '2026-12-03T10:30:00Z',
      opens: '08:00:00',
      lasts: new Duration(0, 1, 0, 0).toString(),
      company: { slug: 'a', seats: 3 },
      holds: { since: '2025-01-02' },
      lists: [[1, 'x'], []],
      nested: { deeper: { count: -7 } },
      bare: { count: 5 },
    });
    expect(toPlain(null)).toBeNull();
    expect(toPlain('text')).toBe('text');
  });

  it('refuses an integer JavaScript cannot hold exactly', () => {
    expect(() => toPlain({ big: neo4j.int('9007199254740993') })).toThrow(/out of safe range/);
  });
});

describe('reads retried on transient failures', () => {
  /** A driver whose sessions answer `run` from a script: an error to throw, or rows to return. */
  const scripted = (answers: Array<Error | Array<Record<string, unknown>>>) => {
    const calls: Array<{ cypher: string; config: unknown }> = [];
    let closed = 0;
    const driver = {
      session: () => ({
        run: async (cypher: string, _params: unknown, config: unknown) => {
          calls.push({ cypher, config });
          const answer = answers.shift();
          if (!answer) throw new Error('no more answers scripted');
          if (answer instanceof Error) throw answer;
          return { records: answer.map((row) => ({ toObject: () => row })) };
        },
        close: async () => {
          closed += 1;
        },
      }),
    };
    return { driver: driver as unknown as Driver, calls, closed: () => closed };
  };
  // As the driver makes them: a message, a code, and a GQL status it does not read for retries.
  const failure = (message: string, code: string) => new neo4j.Neo4jError(message, code, '50N42', 'error');
  const transient = () => failure('busy', 'Neo.TransientError.General.DatabaseUnavailable');

  it('runs a read again after a transient failure, in one auto-commit transaction each time', async () => {
    const { driver, calls, closed } = scripted([transient(), [{ n: neo4j.int(1) }]]);
    const executor = new Executor(driver, { database: 'neo4j', timeoutMs: 1_000, retryTimeMs: 3_000 });
    expect(await executor.read('test.read', 'RETURN 1 AS n')).toEqual([{ n: 1 }]);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.config).toMatchObject({ metadata: { query: 'test.read' }, timeout: 1_000 });
    expect(closed()).toBe(2);
    expect(executor.counter.roundTrips).toBe(1);
  });

  it('does not run again a read that failed for good, or once the retry time is spent', async () => {
    const syntax = scripted([failure('bad', 'Neo.ClientError.Statement.SyntaxError'), []]);
    const once = new Executor(syntax.driver, { database: 'neo4j', retryTimeMs: 3_000 });
    await expect(once.read('test.read', 'RETRUN 1')).rejects.toMatchObject({ code: 'GRAPH_QUERY' });
    expect(syntax.calls).toHaveLength(1);

    // A request's deadline nearer than the next try: the failure itself is the answer, at once.
    const busy = scripted([transient(), []]);
    const hurried = new Executor(busy.driver, { database: 'neo4j', retryTimeMs: 3_000 });
    await expect(withDeadline(500, () => hurried.read('test.read', 'RETURN 1'))).rejects.toMatchObject({
      code: 'GRAPH_UNAVAILABLE',
      neo4jCode: 'Neo.TransientError.General.DatabaseUnavailable',
    });
    expect(busy.calls).toHaveLength(1);

    const down = scripted([failure('gone', 'ServiceUnavailable'), []]);
    const impatient = new Executor(down.driver, { database: 'neo4j', retryTimeMs: 100 });
    await expect(impatient.read('test.read', 'RETURN 1')).rejects.toMatchObject({ code: 'GRAPH_UNAVAILABLE' });
    expect(down.calls).toHaveLength(1);
  });
});
