import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Every request gets an id: Fastify puts it on each log line of the request (`reqId`) and this
 * plugin echoes it in `x-request-id`, so a visitor's error report or a proxy's log finds our lines.
 */
export const REQUEST_ID_HEADER = 'x-request-id';

// A proxy's or client's id is kept only when it is short and plain, so nobody can write arbitrary
// text into our logs or response headers through it.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's `genReqId`: the incoming x-request-id when it looks safe, a new UUID otherwise. */
export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

export const requestIdHeader: FastifyPluginAsync = fp(
  async (app) => {
    app.addHook('onRequest', async (request, reply) => {
      reply.header(REQUEST_ID_HEADER, request.id);
    });
  },
  { name: 'request-id' },
);
