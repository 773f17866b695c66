import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from './context';

/**
 * Two rules for mutation operations, checked once per operation after validation and before any
 * resolver runs:
 * - an API token never changes anything: a mutation from one is refused whole (FORBIDDEN), on top
 *   of every mutation's own scopes, none of which admits the analyst role;
 * - a client may make at most RATE_LIMIT_MUTATIONS of them a minute (RATE_LIMITED, 429 with
 *   Retry-After). The HTTP route decides and counts (`admitMutation`, src/server/graphql.ts);
 *   requests without an HTTP client behind them (scripts, tests through services.graphql) have
 *   no such limit.
 * Here rather than in the HTTP route because only yoga knows which operation of a document runs,
 * whatever the content type carried it.
 */

export type MutationAdmission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function useMutationGuard(): Plugin<GraphQLContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const context = args.contextValue as GraphQLContext;
      if (context.viewer.kind === 'token') {
        setResultAndStopExecution({
          errors: [
            new GraphQLError('API tokens can only read.', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            }),
          ],
        });
        return;
      }
      const admission = await context.admitMutation?.();
      if (!admission || admission.allowed) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`Too many changes; try again in ${admission.retryAfterSeconds} seconds.`, {
            extensions: {
              code: 'RATE_LIMITED',
              http: { status: 429, headers: { 'retry-after': String(admission.retryAfterSeconds) } },
            },
          }),
        ],
      });
    },
  };
}
