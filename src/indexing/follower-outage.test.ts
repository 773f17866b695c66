import { describe, expect, it } from 'vitest';
import type { Executor } from '../../graph/executor';
import { followGraphChanges } from './sync';

/**
 * While Neo4j is away every pass of the change follower fails slowly (the driver's retries); the
 * timer must not queue a new pass per tick behind it, or an hour's outage leaves thousands of
 * passes to run, and log, once the graph is back.
 */

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the change follower while Neo4j is away', () => {
  it('skips the ticks that come while a pass still runs instead of queueing them', async () => {
    let down = true;
    let reads = 0;
    const executor = {
      read: async () => {
        reads += 1;
        if (!down) return [];
        await wait(500);
        throw Object.assign(new Error('Neo4j is unavailable (test)'), { name: 'GraphError' });
      },
    } as unknown as Executor;
    const errors: string[] = [];
    const follower = followGraphChanges(executor, [], {
      after: 0,
      intervalMs: 100,
      reconcileMs: 3_600_000,
      onError: (_error, phase) => errors.push(phase),
    });
    try {
      await wait(1_600);
      // Three slow failures fit in 1.6 s; ticks every 100 ms would have queued about sixteen.
      expect(errors.length).toBeLessThanOrEqual(3);
      down = false;
      const before = reads;
      await wait(350);
      // Back: the next ticks run a pass each (two reads: reindex requests, then the log), no backlog.
      expect(reads - before).toBeLessThanOrEqual(10);
      expect(errors.length).toBeLessThanOrEqual(4);
    } finally {
      follower.stop();
    }
  });
});
