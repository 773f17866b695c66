import type { FastifyRequest } from 'fastify';
import type { Visitor } from '../use-cases/demand-gate';

/**
 * The client as demand counting sees it; `request.ip` honours TRUST_PROXY. `viewer` says who is
 * logged in (the demand gate counts only anonymous visitors).
 */
export function visitorOf(request: FastifyRequest, channel: Visitor['channel']): Visitor {
  return { address: request.ip, userAgent: request.headers['user-agent'], channel, viewer: request.viewer.kind };
}
