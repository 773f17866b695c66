import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsOnly } from './selection';

/** The resolve info of every `company` field in the query, as graphql-js would hand the resolver. */
function infoFor(query: string): GraphQLResolveInfo {
  const document = parse(query);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  const fieldNodes: FieldNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      for (const selection of definition.selectionSet.selections) {
        if (selection.kind === Kind.FIELD && selection.name.value === 'company') fieldNodes.push(selection);
      }
    }
  }
  return { fieldNodes, fragments } as unknown as GraphQLResolveInfo;
}

const CHEAP = new Set(['slug', 'name']);

describe('selectsOnly', () => {
  it('accepts fields of the set, aliases, __typename and fragments that stay within it', () => {
    expect(selectsOnly(infoFor('{ company { slug n: name __typename } }'), CHEAP)).toBe(true);
    expect(
      selectsOnly(infoFor('{ company { ... on Company { name } ...F } } fragment F on Company { slug }'), CHEAP),
    ).toBe(true);
  });

  it('refuses a field outside the set however it is reached', () => {
    expect(selectsOnly(infoFor('{ company { slug cvr } }'), CHEAP)).toBe(false);
    expect(selectsOnly(infoFor('{ company { ... on Company { cvr } } }'), CHEAP)).toBe(false);
    expect(selectsOnly(infoFor('{ company { ...F } } fragment F on Company { name products { slug } }'), CHEAP)).toBe(
      false,
    );
    // The same field asked twice in one request: both selections count.
    expect(selectsOnly(infoFor('{ company { slug } company { cvr } }'), CHEAP)).toBe(false);
  });
});
