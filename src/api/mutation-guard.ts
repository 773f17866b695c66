import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GraphQLContext } from './context';

/**
 * Three rules for mutation operations, checked once per operation after validation and before any
 * resolver runs:
 * - a person logged in by session cookie must send yoga's CSRF-prevention header with a mutation
 *   (CSRF_HEADER_REQUIRED, 403), JSON bodies included: the cookie rides along with any request a
 *   browser makes, the header only with the site's own;
 * - an API token never changes anything: a mutation from one is refused whole (FORBIDDEN), on top
 *   of every mutation's own scopes, none of which admits the analyst role;
 * - a client may make at most RATE_LIMIT_MUTATIONS of them a minute (RATE_LIMITED, 429 with
 *   Retry-After). The HTTP route decides and counts (`admitMutation`, src/server/graphql.ts);
 *   requests without an HTTP client behind them (scripts, tests through services.graphql) have
 *   no such limit.
 * Here rather than in the HTTP route because only yoga knows which operation of a document runs,
 * whatever the content type carried it.
 */

/** Yoga's CSRF-prevention header (src/api/yoga.ts useCSRFPrevention). */
export const CSRF_PREVENTION_HEADER = 'x-graphql-yoga-csrf';

export type MutationAdmission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function useMutationGuard(): Plugin<GraphQLContext> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const context = args.contextValue as GraphQLContext;
      if (context.sessionWithoutCsrfHeader) {
        setResultAndStopExecution({
          errors: [
            new GraphQLError(
              `A change made with a login session needs the ${CSRF_PREVENTION_HEADER} header, as the site's own pages send it.`,
              { extensions: { code: 'CSRF_HEADER_REQUIRED', http: { status: 403 } } },
            ),
          ],
        });
        return;
      }
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
