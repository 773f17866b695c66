import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  type ASTNode,
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  type SourceLocation,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * How many times a query document runs through graphql-js before it runs compiled.
 *
 * graphql-jit compiles a document's query into one JavaScript function (the schema's resolvers
 * still do the work); on `search` and `match` that took about 0.7 ms off a request of 8–10 ms
 * (README, "GraphQL"). Compiling costs 3–15 ms a document, so it pays from about the seventh
 * run: a document asked for once (an analyst trying a query, a client sending one-offs) is not
 * worth it, one asked for again is most likely the site's own or a script's, asked thousands of
 * times. Documents are counted by identity: yoga's parser cache hands out one document per query
 * text, and a document it drops is forgotten here with its compiled function.
 */
export const COMPILE_FROM_RUN = 2;

export interface CompileOptions {
  /** The run of a query document from which on it runs compiled (`Infinity`: never). */
  fromRun?: number;
  /** Told of every run that goes compiled (tests compare those answers with graphql-js's). */
  onCompiledRun?: () => void;
}

/** Whether this run of `document` runs compiled; counts the run. */
export function compiledFromRun(from: number) {
  const runs = new WeakMap<DocumentNode, number>();
  return (document: DocumentNode, operationName: string | null | undefined): boolean => {
    // Only queries: mutations run one at a time and rarely, and the schema has no subscriptions
    // (graphql-js answers one with the error clients get, OPERATION_NOT_SUPPORTED).
    if (getOperationAST(document, operationName)?.operation !== 'query') return false;
    const count = (runs.get(document) ?? 0) + 1;
    runs.set(document, count);
    return count >= from;
  };
}

const at = (line: number, column: number) => `${line}:${column}`;
const nodesAt = new WeakMap<DocumentNode, Map<string, ASTNode>>();

/** A document's nodes by where they start, the outermost first (a field before its name). */
function nodeIndex(document: DocumentNode): Map<string, ASTNode> {
  let index = nodesAt.get(document);
  if (!index) {
    const found = new Map<string, ASTNode>();
    visit(document, {
      enter(node) {
        const start = node.loc?.startToken;
        if (start && !found.has(at(start.line, start.column))) found.set(at(start.line, start.column), node);
      },
    });
    index = found;
    nodesAt.set(document, index);
  }
  return index;
}

/**
 * graphql-jit's errors carry their locations as line and column, without the document's nodes,
 * and yoga builds the error it sends from the nodes: the locations were lost. The nodes are put
 * back from the document, found where the locations say, so a compiled query's errors read as
 * graphql-js's do (tests/graph/compiled-queries.test.ts compares them).
 */
function withNodes(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const locations = error.locations as readonly SourceLocation[] | undefined;
    if (error.nodes || !locations?.length) return error;
    const index = nodeIndex(document);
    const nodes = locations.flatMap((location) => index.get(at(location.line, location.column)) ?? []);
    if (nodes.length !== locations.length) return error;
    return new GraphQLError(error.message, {
      nodes,
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    });
  });
  // As graphql-js orders them, so a compiled answer is the same text as an interpreted one.
  const { data, ...rest } = result;
  return { ...rest, errors, data };
}

/**
 * Queries asked for again run compiled. Placed before the plugins that wrap execution (the
 * request timeout), so they wrap the compiled function as they wrap graphql-js.
 */
export function useCompiledQueries({ fromRun = COMPILE_FROM_RUN, onCompiledRun }: CompileOptions = {}): Plugin {
  const compiled = compiledFromRun(fromRun);
  const jit = useGraphQlJit();
  return {
    onExecute(payload) {
      const { document, operationName, schema, variableValues } = payload.args;
      if (!compiled(document, operationName)) return;
      // Variables graphql-js would refuse are left to it: graphql-jit words their errors its own
      // way (naming the wrong variable at times), and yoga answers those 200 where graphql-js's get a 400.
      const operation = getOperationAST(document, operationName);
      if (getVariableValues(schema, operation?.variableDefinitions ?? [], variableValues ?? {}).errors) return;
      onCompiledRun?.();
      jit.onExecute?.(payload as never);
      return {
        onExecuteDone({ result, setResult }) {
          if (result && typeof result === 'object' && 'errors' in result)
            setResult(withNodes(result as ExecutionResult, document));
        },
      };
    },
  };
}
