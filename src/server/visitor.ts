import type { FastifyRequest } from 'fastify';
import type { Visitor } from '../use-cases/demand-gate';

/** The client as demand counting sees it; `request.ip` honours TRUST_PROXY. */
export function visitorOf(request: FastifyRequest, channel: Visitor['channel']): Visitor {
  return { address: request.ip, userAgent: request.headers['user-agent'], channel };
}
