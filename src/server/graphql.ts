import type { FastifyError } from 'fastify';
import type { CyberkortYoga } from '../api/yoga';
import { graphiqlCspDirectives } from './csp';
import { perMinute } from './rate-limit';
import type { CyberkortPlugin } from './types';
import { visitorOf } from './visitor';

/** The largest GraphQL request body accepted: far above any real query, far below a memory problem. */
export const MAX_GRAPHQL_BODY_BYTES = 100_000;

/** Codes for what Fastify refuses before yoga sees the request, in the shape GraphQL clients read. */
const REFUSALS: Record<number, { code: string; message?: string }> = {
  400: { code: 'BAD_REQUEST' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE' },
  429: { code: 'RATE_LIMITED', message: 'Too many requests; try again later.' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable; try again shortly.' },
};

export interface GraphQLRouteOptions {
  yoga: CyberkortYoga;
  /** Requests per minute per client address. */
  rateLimit: number;
  production: boolean;
}

/** /graphql through yoga, as in yoga's Fastify integration guide. */
export const graphqlRoute: CyberkortPlugin<GraphQLRouteOptions> = async (app, { yoga, rateLimit, production }) => {
  // The guide hands multipart bodies to yoga unread; reading them here instead keeps the body cap
  // for every content type (the site takes no uploads).
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: MAX_GRAPHQL_BODY_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // Fastify closes the connection after an unread body; Node discards the rest of a framed body
      // before it reads the next request, so the client's keep-alive connection can stay.
      reply.removeHeader('connection');
    }
    if (status >= 500 && status !== 503) request.log.error({ err: error }, 'graphql request failed');
    const refusal = REFUSALS[status];
    const message = refusal?.message ?? (refusal ? error.message : 'Unexpected error.');
    return reply
      .code(status)
      .send({ errors: [{ message, extensions: { code: refusal?.code ?? 'INTERNAL_SERVER_ERROR' } }] });
  });

  app.route({
    url: yoga.graphqlEndpoint,
    method: ['GET', 'POST', 'OPTIONS'],
    bodyLimit: MAX_GRAPHQL_BODY_BYTES,
    config: { rateLimit: perMinute(rateLimit) },
    // GraphiQL loads its editor from unpkg and runs inline scripts; production serves no GraphiQL.
    ...(production
      ? {}
      : { helmet: { contentSecurityPolicy: { useDefaults: false, directives: graphiqlCspDirectives() } } }),
    handler: async (request, reply) => {
      // The request's logger goes to the resolvers through yoga's server context, so their log lines carry the request id.
      const response = await yoga.handleNodeRequestAndResponse(request, reply, {
        log: request.log,
        visitor: visitorOf(request, 'api'),
        viewer: request.viewer,
      });
      response.headers.forEach((value, key) => {
        reply.header(key, value);
      });
      // Yoga answers with its own Response class (@whatwg-node), which @fastify/compress does not
      // recognise; a GraphQL answer is one complete document, so Fastify gets its bytes instead.
      return reply.code(response.status).send(Buffer.from(await response.arrayBuffer()));
    },
  });
};
