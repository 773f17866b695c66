import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Whether the selection under the resolved field asks for nothing beyond `fields` (and
 * `__typename`), through fragments and aliases, for every place the field is asked in the
 * request. A resolver can then answer from what it already holds instead of reading a profile:
 * the query plan follows the selection. Directives (`@include`, `@skip`) are not evaluated; a
 * field under one counts as asked, which can only send the resolver down the full path.
 */
export function selectsOnly(info: GraphQLResolveInfo, fields: ReadonlySet<string>): boolean {
  for (const name of selectedFields(info)) if (name !== '__typename' && !fields.has(name)) return false;
  return true;
}

/**
 * The names of the fields asked for under the resolved field, through fragments and aliases, in
 * every place the field is asked in the request (directives not evaluated, as in selectsOnly).
 * With `depth` 2 the fields asked for under those come too, as `products.description`.
 */
export function selectedFields(info: GraphQLResolveInfo, depth = 1): Set<string> {
  const names = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined, prefix: string, level: number, seen: Set<string>) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = `${prefix}${selection.name.value}`;
        names.add(name);
        if (level < depth) collect(selection.selectionSet, `${name}.`, level + 1, new Set());
      } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, prefix, level, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        collect(info.fragments[selection.name.value]?.selectionSet, prefix, level, seen);
      }
    }
  };
  for (const node of info.fieldNodes) collect(node.selectionSet, '', 1, new Set());
  return names;
}
