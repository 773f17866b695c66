import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** under-pressure reads it from the route config; a handler that returns nothing lets the request through. */
    pressureHandler?: () => void;
  }
}

export interface LoadSheddingOptions {
  /** Mean event-loop delay (ms) above which requests are refused; 0 turns the check off. */
  maxEventLoopDelayMs: number;
  /** Heap in use (bytes) above which requests are refused; 0 turns the check off. */
  maxHeapUsedBytes: number;
  /** How often the process is measured (ms). */
  sampleIntervalMs?: number;
}

/** Seconds a refused client is asked to wait: long enough for a queue to drain. */
export const RETRY_AFTER_SECONDS = 10;

/**
 * When the process is overloaded, answering 503 with Retry-After at once is kinder than a queue
 * that grows until every request times out. Routes that must answer anyway (the liveness probe)
 * set `config: { pressureHandler: () => undefined }`.
 */
export const loadShedding = fp<LoadSheddingOptions>(
  async (app, options) => {
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelayMs,
      maxHeapUsedBytes: options.maxHeapUsedBytes,
      sampleInterval: options.sampleIntervalMs,
      retryAfter: RETRY_AFTER_SECONDS,
    });
  },
  { name: 'load-shedding' },
);
