import {
  type ASTNode,
  BREAK,
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  Kind,
  type SourceLocation,
  visit,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

/**
 * How many times a query document runs through graphql-js before it runs compiled.
 *
 * graphql-jit compiles a document's query into one JavaScript function (the schema's resolvers,
 * and so their scope checks, still do the work); on `search` and `match` that took about 0.7 ms
 * off a request of 8–10 ms (README, "GraphQL"). Compiling costs 3–15 ms a document, so it pays
 * from about the seventh run: a document asked for once (an analyst trying a query, a client
 * sending one-offs) is not worth it, one asked for again is most likely the site's own or a
 * script's, asked thousands of times. Documents are counted by identity: yoga's parser cache hands
 * out one document per query text, and a document it drops is forgotten here with its compiled
 * function.
 */
export const COMPILE_FROM_RUN = 2;

export interface CompileOptions {
  /** The run of a query document from which on it runs compiled (`Infinity`: never). */
  fromRun?: number;
  /** Told of every run that goes compiled (tests compare those answers with graphql-js's). */
  onCompiledRun?: () => void;
}

/**
 * The documents graphql-jit answers as graphql-js does: one query operation and no fragments.
 * With several operations a compiled function is one operation's, whichever was asked for first.
 * With fragments graphql-jit puts a fragment's fields after the fields beside it (graphql-js keeps
 * the document's order), and a fragment skipped in one place can vanish everywhere. Mutations run
 * one at a time and rarely, and the schema has no subscriptions. The site's own documents have
 * one operation and no fragments.
 */
export function compilable(document: DocumentNode): boolean {
  // A fragment's definition, or a second operation, is a second definition.
  const [only, ...more] = document.definitions;
  if (more.length > 0 || only?.kind !== Kind.OPERATION_DEFINITION || only.operation !== 'query') return false;
  let inline = false;
  visit(document, {
    InlineFragment() {
      inline = true;
      return BREAK;
    },
  });
  return !inline;
}

/** Whether this run of `document` runs compiled; counts the runs of the documents that can. */
export function compiledFromRun(from: number) {
  // A document that cannot compile starts at -Infinity, so no count of runs reaches `from`.
  const runs = new WeakMap<DocumentNode, number>();
  return (document: DocumentNode): boolean => {
    const count = (runs.get(document) ?? (compilable(document) ? 0 : Number.NEGATIVE_INFINITY)) + 1;
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
 * graphql-js's errors, from graphql-jit's. Its errors carry their locations as line and column,
 * without the document's nodes, and yoga builds the error it sends from the nodes: the nodes are
 * found where the locations say. An error graphql-jit raises itself (a null for a non-null field,
 * a value its type cannot represent) has no original error, which yoga would take for a message
 * meant for the client: it gets one, as graphql-js gives a null for a non-null field, so it is
 * masked and logged as the fault it is. The errors come first, as graphql-js orders them.
 */
export function asGraphqlJs(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return result;
  const index = nodeIndex(document);
  const errors = result.errors.map((error) => {
    const locations = error.locations as readonly SourceLocation[] | undefined;
    const nodes = (locations ?? []).flatMap((location) => index.get(at(location.line, location.column)) ?? []);
    return new GraphQLError(error.message, {
      ...(nodes.length > 0 && nodes.length === locations?.length ? { nodes } : {}),
      path: error.path,
      originalError: error.originalError ?? (error.path ? new Error(error.message) : undefined),
      extensions: error.extensions,
    });
  });
  const { data, ...rest } = result;
  return { ...rest, errors, data };
}

/**
 * Query documents asked for again run compiled. Placed before the plugins that wrap execution
 * (the request timeout), so they wrap the compiled function as they wrap graphql-js. The glue is
 * written here rather than taken from `@envelop/graphql-jit`, which keeps one compiled function
 * per document whatever operation is asked for, and answers with the errors of a document that
 * fails to compile where graphql-js should answer it.
 */
export function useCompiledQueries({ fromRun = COMPILE_FROM_RUN, onCompiledRun }: CompileOptions = {}): Plugin {
  const due = compiledFromRun(fromRun);
  // null: graphql-jit could not compile it; graphql-js answers it.
  const compiled = new WeakMap<DocumentNode, CompiledQuery | null>();
  return {
    onExecute({ args, setExecuteFn }) {
      const { document, operationName, schema, variableValues } = args;
      if (!due(document)) return;
      const operation = getOperationAST(document, operationName);
      if (!operation) return;
      // Variables graphql-js would refuse are left to it: graphql-jit words their errors its own
      // way (naming the wrong variable at times), and yoga answers those 200 where graphql-js's get a 400.
      if (getVariableValues(schema, operation.variableDefinitions ?? [], variableValues ?? {}).errors) return;
      let query = compiled.get(document);
      if (query === undefined) {
        const result = compileQuery(schema, document, operationName ?? undefined, {
          useExperimentalPathBasedSkipInclude: true,
        });
        query = isCompiledQuery(result) ? result : null;
        compiled.set(document, query);
      }
      if (!query) return;
      const run = query;
      onCompiledRun?.();
      setExecuteFn(async (execution) =>
        asGraphqlJs(
          (await run.query(execution.rootValue, execution.contextValue, execution.variableValues)) as ExecutionResult,
          document,
        ),
      );
    },
  };
}
