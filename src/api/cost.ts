import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
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

/**
 * A cost computed from the field's arguments, naming the ones it reads: a cost is kept per the
 * values of those alone (CostCache). A cost function that names none is kept per all of them.
 */
export function costFrom<F extends (args: never) => unknown>(
  reads: readonly string[],
  cost: F,
): F & { reads: readonly string[] } {
  return Object.assign(cost, { reads });
}

/** A paginated field: everything under it is multiplied by the page size asked for. */
export const pageComplexity = costFrom(['limit'], (args: { limit?: number | null }) => ({
  field: 1,
  multiplier: Math.max(1, args.limit ?? 1),
}));
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
  const costs = new CostCache();
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const schema = args.schema as GraphQLSchema;
      const document = args.document as DocumentNode;
      const { variableValues, operationName } = args;
      // Only the operation being run counts: another in the document (a subscription the schema has
      // no root type for) must not excuse it. An operation without a root type is GraphQL's to refuse.
      const operation = getOperationAST(document, operationName);
      if (operation && !schema.getRootType(operation.operation)) return;
      const cost = costs.of(schema, document, operationName ?? null, variableValues ?? {});
      if (cost === null || cost <= maxCost) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(
            `Query is too costly: ${cost} (at most ${maxCost}). Ask for smaller pages or less nesting.`,
            { extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost } },
          ),
        ],
      });
    },
  };
}

/** Costs kept per document for this many variable combinations, then forgotten. */
const COSTS_PER_DOCUMENT = 1_000;
/** Keys longer than this (variables holding large inputs) are not kept. */
const MAX_KEY_LENGTH = 256;

/**
 * The cost of an operation, computed once per document and the values of the variables it can
 * depend on. A field's cost depends on the variables only through the arguments its cost function
 * reads (a page's `limit`; every argument of a function that does not say, see costFrom), so a
 * document's other variables (a slug, a search text) are left out of the key:
 * `company(slug: $slug)` is costed once, not per company.
 * Computing it walks the whole document against the schema, a fifth of a millisecond per request.
 */
class CostCache {
  private readonly byDocument = new WeakMap<DocumentNode, { variables: string[]; costs: Map<string, number> }>();

  of(
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | null,
    variableValues: Record<string, unknown>,
  ): number | null {
    let entry = this.byDocument.get(document);
    if (!entry) {
      entry = { variables: costVariables(schema, document), costs: new Map() };
      this.byDocument.set(document, entry);
    }
    // An absent variable (its default applies) and one given as null can cost differently.
    const key = JSON.stringify([
      operationName,
      entry.variables.map((name) => (Object.hasOwn(variableValues, name) ? [variableValues[name]] : [])),
    ]);
    const kept = entry.costs.get(key);
    if (kept !== undefined) return kept;
    const cost = computeCost(schema, document, operationName, variableValues);
    // An operation that could not be costed (a variable GraphQL will refuse) is not kept: another
    // request with the same key may carry valid variables. Nor is a long key (a large filter).
    if (cost !== null && key.length <= MAX_KEY_LENGTH) {
      if (entry.costs.size >= COSTS_PER_DOCUMENT) entry.costs.clear();
      entry.costs.set(key, cost);
    }
    return cost;
  }
}

/** The variables used in the arguments of fields whose complexity is computed from their arguments. */
function costVariables(schema: GraphQLSchema, document: DocumentNode): string[] {
  const names = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const complexity = typeInfo.getFieldDef()?.extensions?.complexity;
        if (typeof complexity !== 'function') return;
        const reads = (complexity as { reads?: readonly string[] }).reads;
        for (const argument of node.arguments ?? []) {
          if (reads && !reads.includes(argument.name.value)) continue;
          visit(argument.value, {
            Variable(variable) {
              names.add(variable.name.value);
            },
          });
        }
      },
    }),
  );
  return [...names].sort();
}

/** The operation's cost with these variables; null when it cannot be costed (its variables are GraphQL's to refuse). */
function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
  variableValues: Record<string, unknown>,
): number | null {
  let cost: number | null = null;
  validate(schema, document, [
    createComplexityRule({
      context: {},
      variableValues,
      operationName,
      // Every operation of a document without an operation name is costed; the dearest counts.
      validate: ({ complexity }) => {
        cost = Math.max(cost ?? 0, complexity);
      },
    }),
  ]);
  return cost;
}
