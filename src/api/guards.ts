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
 * below it; this bounds what a query the model underestimates can send. The JSON measured is
 * the response's: the result carries it to yoga's serialiser (its `stringify` hook), so a result
 * is turned into JSON once, not once to measure and again to send. Should anything replace the
 * result on its way (errors given their codes), that new result is serialised as usual.
 */
export function useResponseLimit(maxBytes: number): Plugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          if (!('data' in (result as object))) return;
          const text = JSON.stringify(result);
          const bytes = Buffer.byteLength(text);
          if (bytes <= maxBytes) {
            const measured: ExecutionResult & { stringify(value: ExecutionResult): string } = {
              ...(result as ExecutionResult),
              stringify: (value) =>
                value === measured && value.errors === undefined && value.extensions === undefined
                  ? text
                  : JSON.stringify(value),
            };
            setResult(measured);
            return;
          }
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

const ACCEPTED_MEDIA = [
  'application/json',
  'application/graphql-response+json',
  'multipart/mixed',
  'text/event-stream',
];
const PARSED_MEDIA = [
  'application/json',
  'application/graphql+json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'application/graphql',
];

function refusal(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

/** Whether an Accept header admits one of the answers yoga can give (`*` wildcards included). */
export function acceptsAnswer(accept: string | null): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = (part.split(';')[0] ?? '').trim().toLowerCase();
    if (type === '*/*' || type === 'application/*' || type === '') return true;
    return ACCEPTED_MEDIA.includes(type) || type === 'multipart/*' || type === 'text/*';
  });
}

/**
 * Requests yoga would refuse with an empty body (406, 415) or a 500 (a `variables` that is not
 * JSON in a GET or a form): answered here, with a code, before they reach yoga's parsers.
 */
export function useRequestShape(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, endResponse }) {
      if (!acceptsAnswer(request.headers.get('accept'))) {
        endResponse(
          refusal(
            406,
            'NOT_ACCEPTABLE',
            'Answers are JSON: accept application/json or application/graphql-response+json.',
          ),
        );
        return;
      }
      if (!requestParser) {
        const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
        if (request.method === 'POST' && !PARSED_MEDIA.includes(type)) {
          endResponse(refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the operation as application/json.'));
        }
        return;
      }
      setRequestParser(async (incoming) => {
        try {
          return await requestParser(incoming);
        } catch (error) {
          // A request that cannot be read is not a GraphQL request yet: a 400 under any media type.
          if (error instanceof SyntaxError) {
            throw new GraphQLError('The request could not be read: its variables or extensions are not valid JSON.', {
              extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          if (error instanceof GraphQLError) {
            throw new GraphQLError(error.message, {
              extensions: { ...error.extensions, code: error.extensions.code ?? 'BAD_REQUEST', http: { status: 400 } },
            });
          }
          throw error;
        }
      });
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

/**
 * Refusals of the request as a whole: a 400 under application/graphql-response+json, as GraphQL
 * over HTTP asks, and (`spec`) the 200 it allows under plain application/json, like yoga's own
 * parse and validation errors.
 */
const REFUSED_WHOLE = new Set([
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'OPERATION_NOT_SUPPORTED',
  'QUERY_TOO_COSTLY',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_LARGE',
  'TOO_MANY_ALIASES',
]);

function withCodes(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const refusedWhole = !('data' in result) || result.data === undefined;
  const errors = result.errors.map((error) => {
    const code = (error.extensions?.code as string | undefined) ?? codeFor(error);
    const given = error.extensions?.http as { status?: number } | undefined;
    const http =
      refusedWhole && REFUSED_WHOLE.has(code) && (given?.status ?? 200) < 400
        ? { ...given, spec: true, status: 400 }
        : given;
    if (error.extensions?.code && http === error.extensions?.http) return error;
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions: { ...error.extensions, code, ...(http ? { http } : {}) },
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
