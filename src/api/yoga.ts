import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError } from 'graphql';
import { createYoga, maskError as defaultMaskError, type YogaServerInstance } from 'graphql-yoga';
import { GraphError } from '../../graph/executor';
import type { Services } from '../services';
import { createContext, type GraphQLContext } from './context';
import { schema } from './schema/index';

/** Limits sized for the deepest legitimate query (search → hit → product → company → products → needs). */
export const GRAPHQL_LIMITS = {
  maxDepth: 10,
  maxCost: 20_000,
  maxAliases: 15,
  maxTokens: 2_000,
} as const;

// Armor rejects with plain GraphQLErrors; clients get a code to branch on.
const withCode = (code: string) => ({
  onReject: [
    (_context: unknown, error: GraphQLError) => {
      (error.extensions as Record<string, unknown>).code ??= code;
    },
  ],
});

export type CyberkortYoga = YogaServerInstance<Record<string, never>, GraphQLContext>;

export function createGraphQLServer(services: Omit<Services, 'graphql'>): CyberkortYoga {
  const production = services.config.NODE_ENV === 'production';
  return createYoga<Record<string, never>, GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: production ? false : { title: 'Cyberkort GraphQL' },
    logging: {
      debug: (...args) => services.log.debug({ args }, 'graphql'),
      info: (...args) => services.log.info({ args }, 'graphql'),
      warn: (...args) => services.log.warn({ args }, 'graphql'),
      error: (...args) => services.log.error({ args }, 'graphql'),
    },
    context: () => createContext(services),
    maskedErrors: {
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (
          original instanceof GraphError &&
          (original.code === 'GRAPH_UNAVAILABLE' || original.code === 'GRAPH_TIMEOUT')
        ) {
          services.log.error({ err: original }, 'graph unavailable');
          return new GraphQLError('The service is temporarily unavailable; try again shortly.', {
            extensions: { code: 'SERVICE_UNAVAILABLE' },
          });
        }
        const masked = defaultMaskError(error, message, isDev);
        if (masked !== error) services.log.error({ err: original ?? error }, 'unexpected error in resolver');
        return masked;
      },
    },
    plugins: [
      maxTokensPlugin({ n: GRAPHQL_LIMITS.maxTokens, ...withCode('QUERY_TOO_LARGE') }),
      maxDepthPlugin({ n: GRAPHQL_LIMITS.maxDepth, ignoreIntrospection: true, ...withCode('QUERY_TOO_DEEP') }),
      maxAliasesPlugin({ n: GRAPHQL_LIMITS.maxAliases, ...withCode('TOO_MANY_ALIASES') }),
      costLimitPlugin({ maxCost: GRAPHQL_LIMITS.maxCost, ignoreIntrospection: true, ...withCode('QUERY_TOO_COSTLY') }),
      ...(production ? [blockFieldSuggestionsPlugin()] : []),
    ],
  });
}
