import { buildSchema, getNamedType, isObjectType } from 'graphql';

/**
 * The analytics part of the schema's own reference, read from the printed schema
 * (src/api/schema.graphql) when the page is built, so the API page shows the same descriptions
 * GraphQL introspection gives: each analytics root field with its arguments, and the fields of the
 * type it returns. A root field the schema does not have is left out.
 */

export const REFERENCE_ROOTS = ['statistics', 'analytics', 'supplySeries', 'supplyComparison'] as const;

export interface ReferenceField {
  name: string;
  type: string;
  description: string;
  args: Array<{ name: string; type: string; description: string }>;
}

export interface ReferenceRoot extends ReferenceField {
  /** The returned object type's name and its fields (a list's item type for a list). */
  returns: { name: string; fields: ReferenceField[] } | null;
}

export function schemaReference(sdl: string): ReferenceRoot[] {
  const schema = buildSchema(sdl);
  const query = schema.getQueryType()?.getFields() ?? {};
  const fieldOf = (field: (typeof query)[string]): ReferenceField => ({
    name: field.name,
    type: String(field.type),
    description: field.description ?? '',
    args: field.args.map((arg) => ({ name: arg.name, type: String(arg.type), description: arg.description ?? '' })),
  });
  return REFERENCE_ROOTS.flatMap((name) => {
    const field = query[name];
    if (!field) return [];
    const named = getNamedType(field.type);
    return [
      {
        ...fieldOf(field),
        returns: isObjectType(named)
          ? { name: named.name, fields: Object.values(named.getFields()).map((nested) => fieldOf(nested)) }
          : null,
      },
    ];
  });
}
