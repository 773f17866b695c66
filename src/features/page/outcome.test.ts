import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { GraphError } from '../../../graph/executor';
import type { Services } from '../../services';
import { applyStatus, failureStatus, loadPage, RETRY_AFTER_SECONDS } from './outcome';

const services = { log: pino({ level: 'silent' }) } as Services;

describe('page outcomes', () => {
  it('makes Neo4j being down or too slow a 503, and any other failure a 500', () => {
    expect(failureStatus(new GraphError('down', 'GRAPH_UNAVAILABLE'))).toBe(503);
    expect(failureStatus(new GraphError('slow', 'GRAPH_TIMEOUT'))).toBe(503);
    expect(failureStatus(new GraphError('bad cypher', 'GRAPH_QUERY'))).toBe(500);
    expect(failureStatus(new TypeError('a bug'))).toBe(500);
    expect(failureStatus('not even an error')).toBe(500);
    // The built site bundles its own copy of graph/executor.ts; the services throw the server's copy.
    const fromOtherCopy = Object.assign(new Error('down'), { name: 'GraphError', code: 'GRAPH_UNAVAILABLE' });
    expect(failureStatus(fromOtherCopy)).toBe(503);
  });

  it('loads a page into 200, 404, 503 or 500', async () => {
    expect(await loadPage(services, 'test', async () => 'data')).toEqual({ status: 200, data: 'data' });
    expect(await loadPage(services, 'test', async () => null)).toEqual({ status: 404 });
    const down = async () => {
      throw new GraphError('Neo4j is unavailable (test)', 'GRAPH_UNAVAILABLE');
    };
    expect(await loadPage(services, 'test', down)).toEqual({ status: 503 });
    const broken = async () => {
      throw new Error('a bug');
    };
    expect(await loadPage(services, 'test', broken)).toEqual({ status: 500 });
  });

  it('asks a client to come back later only when the page is unavailable', () => {
    const unavailable = { status: 200, headers: new Headers() };
    applyStatus(unavailable, { status: 503 });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    const failed = { status: 200, headers: new Headers() };
    applyStatus(failed, { status: 500 });
    expect(failed.status).toBe(500);
    expect(failed.headers.has('retry-after')).toBe(false);
  });
});
