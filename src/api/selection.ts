import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the selection under the resolved field asks for nothing beyond `fields` (and
 * `__typename`), through fragments and aliases, for every place the field is asked in the
 * request. A resolver can then answer from what it already holds instead of reading a profile:
 * the query plan follows the selection. Directives (`@include`, `@skip`) are not evaluated; a
 * field under one counts as asked, which can only send the resolver down the full path.
 */
export function selectsOnly(info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const within = (selectionSet: SelectionSetNode | undefined): boolean => {
    if (!selectionSet) return true;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== '__typename' && !fields.has(selection.name.value)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!within(selection.selectionSet)) return false;
      } else {
        const name = selection.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        if (!within(info.fragments[name]?.selectionSet)) return false;
      }
    }
    return true;
  };
  return info.fieldNodes.every((node) => within(node.selectionSet));
}

/**
 * The names of the fields asked for under the resolved field, through fragments and aliases, in
 * every place the field is asked in the request (directives not evaluated, as in selectsOnly).
 */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        collect(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet);
  return names;
}
