import { describe, expect, it } from 'vitest';
import { translate } from './executor';

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
