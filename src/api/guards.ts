import type { ExecutionResult } from 'graphql';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withDeadline } from '../../graph/executor';

/**
 * Limits on what one GraphQL request may take, and codes on every error a client can get. Each
 * is a yoga plugin, so `/graphql` and `services.graphql()` behave alike.
 */

const timedOut = (ms: number): ExecutionResult => ({
  errors: [
    new GraphQLError(`The request took longer than ${ms / 1000} s and was stopped. Ask for less, or try again later.`, {
      extensions: { code: 'TIMEOUT' },
    }),
  ],
});

/**
 * Stops an operation after `ms`. Every Neo4j transaction it starts gets only the time left
 * (graph/executor.ts `withDeadline`), so Neo4j itself cancels the query at the deadline; work
 * in memory cannot be cancelled, but the client gets its answer then and the result is dropped.
 */
export function useRequestTimeout(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args) => {
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => resolve(timedOut(ms)), ms);
        });
        const work = withDeadline(ms, async () => executeFn(args) as Promise<ExecutionResult>);
        return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
      });
    },
  };
}

/**
 * Refuses a result larger than `maxBytes` as JSON. The cost model keeps legitimate queries far
 * below it; this bounds what a query the model underestimates can send.
 */
export function useResponseLimit(maxBytes: number): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in (result as object))) return;
          const bytes = Buffer.byteLength(JSON.stringify(result));
          if (bytes <= maxBytes) return;
          setResult({
            errors: [
              new GraphQLError(
                `The answer is too large (${bytes} bytes, at most ${maxBytes}). Ask for smaller pages.`,
                {
                  extensions: { code: 'RESPONSE_TOO_LARGE', bytes, maxBytes },
                },
              ),
            ],
          });
        },
      };
    },
  };
}

/** The code for an error that reached the client without one, from what GraphQL.js and yoga say. */
export function codeFor(error: { message: string; path?: unknown; extensions?: Record<string, unknown> }): string {
  const status = (error.extensions?.http as { status?: number } | undefined)?.status;
  if (error.message.startsWith('Required CSRF header')) return 'CSRF_HEADER_REQUIRED';
  if (/^Variable "\$[^"]+" (got invalid value|of required type|of non-null type)/.test(error.message)) {
    return 'BAD_USER_INPUT';
  }
  if (
    /not configured to execute (subscription|mutation) operation|Subscriptions are not supported/i.test(error.message)
  ) {
    return 'OPERATION_NOT_SUPPORTED';
  }
  if (status === 405) return 'METHOD_NOT_ALLOWED';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status !== undefined && status >= 400 && status < 500) return 'BAD_REQUEST';
  return error.path ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
}

function withCodes(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    if (error.extensions?.code) return error;
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions: { ...error.extensions, code: codeFor(error) },
    });
  });
  return { ...result, errors };
}

/** Every error a client can get carries `extensions.code`, whichever layer raised it. */
export function useErrorCodes(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result)) setResult(result.map((one) => withCodes(one as ExecutionResult)));
      else if (result && typeof result === 'object' && 'errors' in result)
        setResult(withCodes(result as ExecutionResult));
    },
  };
}
