import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { GraphError } from '../../graph/executor';
import { CSRF_PREVENTION_HEADER, type MutationAdmission } from '../api/mutation-guard';
import type { CyberkortYoga } from '../api/yoga';
import { bearerCredentials } from '../auth/api-token';
import type { Viewer } from '../auth/viewer';
import { viewerForApiToken } from '../use-cases/api-tokens';
import type { ListingStore } from '../use-cases/listing-store';
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
  /** Mutation operations per minute per client (mutationClientKey). */
  mutationRateLimit: number;
  /** Where API tokens are looked up and their use recorded. */
  tokens: ListingStore;
  production: boolean;
}

/**
 * Whom the mutation limit counts: a person by their login (so a new session does not start a new
 * count), a script by its token, anyone else by address.
 */
export function mutationClientKey(viewer: Viewer, address: string): string {
  if (viewer.kind === 'vendor' || viewer.kind === 'staff') return `person:${viewer.kind}:${viewer.subject}`;
  if (viewer.kind === 'token') return `token:${viewer.tokenId}`;
  return `address:${address}`;
}

const UNAUTHENTICATED = {
  errors: [
    {
      message: 'The API token is not valid: unknown, expired or revoked. Ask NCC-DK for a new one.',
      extensions: { code: 'UNAUTHENTICATED' },
    },
  ],
};

/**
 * An API token in the Authorization header makes the request the token's: a token that is not
 * valid is refused (401), never answered as anonymous, so a script learns at once that its token
 * stopped working. The token replaces whatever the session cookie said: a request that carries
 * one is not cookie-authenticated, so it can never do more than the token may (read), and a
 * browser cannot be made to send it from another site (a custom header needs a CORS preflight).
 */
async function authenticateBearer(request: FastifyRequest, reply: FastifyReply, tokens: ListingStore) {
  const credentials = bearerCredentials(request.headers.authorization);
  if (credentials.kind === 'none') return;
  let viewer: Viewer | null = null;
  try {
    viewer =
      credentials.kind === 'token'
        ? await viewerForApiToken(tokens, credentials.secret, (error) =>
            request.log.warn({ err: error }, 'API token use not recorded yet; the next request tries again'),
          )
        : null;
  } catch (error) {
    if (!(error instanceof GraphError && error.code === 'GRAPH_UNAVAILABLE')) throw error;
    const message = 'The service is temporarily unavailable; try again shortly.';
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ errors: [{ message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  }
  if (!viewer) {
    return reply
      .code(401)
      .header('www-authenticate', 'Bearer realm="cyberkort", error="invalid_token"')
      .header('cache-control', 'no-store')
      .send(UNAUTHENTICATED);
  }
  request.viewer = viewer;
}

/** /graphql through yoga, as in yoga's Fastify integration guide. */
export const graphqlRoute: CyberkortPlugin<GraphQLRouteOptions> = async (
  app,
  { yoga, rateLimit, mutationRateLimit, tokens, production },
) => {
  // @fastify/rate-limit's own store and window, used from the mutation guard once yoga knows the
  // operation is a mutation (src/api/mutation-guard.ts).
  const mutationLimit = app.createRateLimit({
    max: mutationRateLimit,
    timeWindow: '1 minute',
    keyGenerator: (request) => mutationClientKey(request.viewer, request.ip),
  });
  const admitMutation = async (request: FastifyRequest): Promise<MutationAdmission> => {
    const counted = await mutationLimit(request);
    if (counted.isAllowed || !counted.isExceeded) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, counted.ttlInSeconds) };
  };

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
    // After the per-address limit (onRequest), so a flood of made-up tokens costs no graph reads.
    preHandler: (request, reply) => authenticateBearer(request, reply, tokens),
    // GraphiQL loads its editor from unpkg and runs inline scripts; production serves no GraphiQL.
    ...(production
      ? {}
      : { helmet: { contentSecurityPolicy: { useDefaults: false, directives: graphiqlCspDirectives() } } }),
    handler: async (request, reply) => {
      // The request's logger goes to the resolvers through yoga's server context, so their log lines carry the request id.
      const response = await yoga.handleNodeRequestAndResponse(request, reply, {
        log: request.log,
        // A script's queries with an API token are analysis, not an SME's demand.
        visitor: request.viewer.kind === 'token' ? undefined : visitorOf(request, 'api'),
        viewer: request.viewer,
        admitMutation: () => admitMutation(request),
        sessionWithoutCsrfHeader:
          (request.viewer.kind === 'vendor' || request.viewer.kind === 'staff') &&
          !request.headers[CSRF_PREVENTION_HEADER],
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
