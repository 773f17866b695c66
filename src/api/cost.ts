import { createComplexityRule } from '@pothos/plugin-complexity';
import { type DocumentNode, GraphQLError, type GraphQLSchema, getOperationAST, validate } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * The cost model. A field costs 1; what is selected under a list is multiplied by the list's
 * size: for a paginated field the `limit` it is asked for, for a list without a limit the
 * documented estimate below. A query is refused before anything runs when its cost exceeds
 * MAX_COST (the plugin's own check would run inside the first resolver, after the request had
 * begun). Sized so that a page of 100 companies with their products and those products' needs
 * passes, and nesting companies → products → company → products with aliases does not.
 */

/** Items assumed in a list that takes no limit (a company's products, a product's needs, a taxonomy level). */
export const LIST_ESTIMATE = 10;
/** Values assumed per search facet (codes with a count in the filtered result). */
export const FACET_VALUE_ESTIMATE = 20;
export const MAX_COST = 50_000;

/** A paginated field: everything under it is multiplied by the page size asked for. */
export const pageComplexity = (args: { limit?: number | null }) => ({
  field: 1,
  multiplier: Math.max(1, args.limit ?? 1),
});
/** The page's item list under a paginated field: already counted by the field's multiplier. */
export const PAGE_ITEMS = { field: 1, multiplier: 1 };
export const FACET_VALUES = { field: 1, multiplier: FACET_VALUE_ESTIMATE };
/**
 * A mutation: a write transaction with its checks, far dearer than reading a field, so one
 * request holds at most MAX_COST / MUTATION_COST (10) of them whatever the alias limit allows.
 */
export const MUTATION_COST = 5_000;

/**
 * Refuses an operation whose cost, with this request's variables, exceeds MAX_COST, before any
 * resolver runs. It runs at execution, after GraphQL's own validation has passed, so an unknown
 * field or a bad variable gets GraphQL's own error, not the cost rule's view of it; and because
 * the cost is not part of validation, validation results can be cached per document (yoga's
 * cache): the cost alone depends on the variables.
 */
export function useCostLimit(maxCost: number = MAX_COST): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const schema = args.schema as GraphQLSchema;
      const document = args.document as DocumentNode;
      const { variableValues, operationName } = args;
      // Only the operation being run counts: another in the document (a subscription the schema has
      // no root type for) must not excuse it. An operation without a root type is GraphQL's to refuse.
      const operation = getOperationAST(document, operationName);
      if (operation && !schema.getRootType(operation.operation)) return;
      const costly: GraphQLError[] = [];
      validate(schema, document, [
        createComplexityRule({
          context: {},
          variableValues: variableValues ?? {},
          operationName: operationName ?? null,
          validate: ({ complexity }) => {
            if (complexity <= maxCost) return;
            costly.push(
              new GraphQLError(
                `Query is too costly: ${complexity} (at most ${maxCost}). Ask for smaller pages or less nesting.`,
                { extensions: { code: 'QUERY_TOO_COSTLY', cost: complexity, maxCost } },
              ),
            );
          },
        }),
      ]);
      if (costly.length > 0) setResultAndStopExecution({ errors: costly });
    },
  };
}
