import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as defaultMaskError, useErrorHandler, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { GraphError } from '../../graph/executor';
import type { ApiServices } from '../services';
import { createContext, type GraphQLContext, type GraphQLServerContext } from './context';
import { MAX_COST, useCostLimit } from './cost';
import { useErrorCodes, useRequestShape, useRequestTimeout, useResponseLimit } from './guards';
import { type CompileOptions, useCompiledQueries } from './jit';
import { CSRF_PREVENTION_HEADER, useMutationGuard } from './mutation-guard';
import { schema } from './schema/index';

/** Limits sized for the deepest legitimate query (search → hit → product → company → products → needs). */
export const GRAPHQL_LIMITS = {
  maxDepth: 10,
  maxCost: MAX_COST,
  maxAliases: 15,
  maxTokens: 2_000,
} as const;

// Armor rejects with plain GraphQLErrors; clients get a code to branch on, and a 400 as
// GraphQL over HTTP asks for a refused request (`spec`: 200 under plain application/json, as
// yoga does for its own parse and validation errors).
const withCode = (code: string) => ({
  onReject: [
    (_context: unknown, error: GraphQLError) => {
      const extensions = error.extensions as Record<string, unknown>;
      extensions.code ??= code;
      extensions.http ??= { spec: true, status: 400 };
    },
  ],
});

export type CyberkortYoga = YogaServerInstance<GraphQLServerContext, GraphQLContext>;

const isGraphUnavailable = (error: unknown) => error instanceof GraphError && error.code === 'GRAPH_UNAVAILABLE';
const isGraphTimeout = (error: unknown) => error instanceof GraphError && error.code === 'GRAPH_TIMEOUT';

/**
 * Faults (not a client's mistakes) are logged here rather than in maskError, because only here is
 * the request's context at hand: the lines carry the request id. User plugins run before yoga's
 * masking, so this sees the original errors.
 */
const logFaults = (fallback: Logger) =>
  useErrorHandler(({ errors, context, phase }) => {
    // In the execution phase envelop passes the execution args; the context is their contextValue.
    const scope = phase === 'execution' ? (context as { contextValue?: GraphQLServerContext }).contextValue : context;
    const log = (scope as GraphQLServerContext | undefined)?.log ?? fallback;
    for (const error of errors) {
      const original = error instanceof GraphQLError ? error.originalError : error;
      if (!original || original instanceof GraphQLError) continue;
      // An outage is one known condition, not a fault per request: a short warning, no stack.
      if (isGraphUnavailable(original)) log.warn({ code: 'GRAPH_UNAVAILABLE' }, 'graph unavailable');
      else log.error({ err: original }, 'unexpected error in resolver');
    }
  });

/** `compile` only for tests that compare compiled answers with graphql-js's (tests/graph/compiled-queries.test.ts). */
export function createGraphQLServer(services: ApiServices, compile: CompileOptions = {}): CyberkortYoga {
  const production = services.config.NODE_ENV === 'production';
  return createYoga<GraphQLServerContext, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: production ? false : { title: 'Cyberkort GraphQL' },
    logging: {
      debug: (...args) => services.log.debug({ args }, 'graphql'),
      info: (...args) => services.log.info({ args }, 'graphql'),
      warn: (...args) => services.log.warn({ args }, 'graphql'),
      // Yoga reports here the errors logFaults has already logged with the request id.
      error: (...args) => services.log.debug({ args }, 'graphql'),
    },
    context: ({ log, visitor, viewer, admitMutation, sessionWithoutCsrfHeader }) =>
      createContext(services, { log, visitor, viewer, admitMutation, sessionWithoutCsrfHeader }),
    maskedErrors: {
      // From the validated config, not yoga's reading of process.env: only a development config
      // shows an internal error's message and stack to the client.
      isDev: services.config.NODE_ENV === 'development',
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (isGraphUnavailable(original)) {
          return new GraphQLError('The service is temporarily unavailable; try again shortly.', {
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          });
        }
        if (isGraphTimeout(original)) {
          return new GraphQLError('The request took too long and was stopped. Ask for less, or try again later.', {
            extensions: { code: 'TIMEOUT' },
          });
        }
        return defaultMaskError(error, message, isDev);
      },
    },
    // Parsed and validated documents are reused by their text (yoga's default); the cost, which
    // depends on the variables, is checked at execution (src/api/cost.ts).
    // Only listed origins may call from a browser, and they only get credentials when listed.
    cors:
      services.config.CORS_ORIGINS.length > 0
        ? { origin: [...services.config.CORS_ORIGINS], credentials: true }
        : false,
    plugins: [
      logFaults(services.log),
      maxTokensPlugin({ n: GRAPHQL_LIMITS.maxTokens, ...withCode('QUERY_TOO_LARGE') }),
      maxDepthPlugin({ n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true, ...withCode('QUERY_TOO_DEEP') }),
      maxAliasesPlugin({ n: GRAPHQL_LIMITS.maxAliases, ...withCode('TOO_MANY_ALIASES') }),
      useCostLimit(GRAPHQL_LIMITS.maxCost),
      // GET, form and multipart requests are what another site can make a visitor's browser send
      // without a CORS preflight: they must carry a header such a page cannot set.
      useCSRFPrevention({ requestHeaders: [CSRF_PREVENTION_HEADER] }),
      useRequestShape(),
      // Before the timeout, which wraps whichever function executes: graphql-js or the compiled one.
      useCompiledQueries(compile),
      useRequestTimeout(services.config.GRAPHQL_TIMEOUT_MS),
      useMutationGuard(),
      useResponseLimit(services.config.GRAPHQL_MAX_RESPONSE_BYTES),
      useErrorCodes(),
      ...(production ? [blockFieldSuggestionsPlugin()] : []),
    ],
  });
}
