import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Per-client-address request limits, off by default: a route opts in with
 * `config: { rateLimit: perMinute(n) }` (/graphql and form posts do). Over the limit a client gets
 * 429 with Retry-After; the route's error handler words the body for its audience.
 */
export const rateLimiting: FastifyPluginAsync = fp(
  async (app) => {
    await app.register(rateLimit, { global: false });
  },
  { name: 'rate-limit' },
);

export const perMinute = (max: number) => ({ max, timeWindow: '1 minute' });
