/**
 * What a submission would change, field by field, for the reviewer. Records are compared as
 * the form shows them: nested texts by language ('description.da'), lists of codes as sets (the
 * order a vendor ticked them in is not a change), lists of items with a code by item
 * ('certifications.ISO27001'), so one renewed certificate is one line, not a shifted list.
 */

export interface FieldChange {
  field: string;
  /** The published value; null when the field is new (or the listing is). */
  before: unknown;
  /** The proposed value; null when the field goes away (or the listing does). */
  after: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ITEM_KEYS = ['code', 'skillCode', 'slug'] as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function itemKey(items: unknown[]): string | null {
  if (items.length === 0 || !items.every(isObject)) return null;
  return ITEM_KEYS.find((key) => items.every((item) => typeof item[key] === 'string')) ?? null;
}

/** Flattens a record into field path → comparable value, keeping the record's field order. */
function flatten(value: unknown, path: string, into: Map<string, unknown>): void {
  if (isObject(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}.${key}` : key, into);
    return;
  }
  if (Array.isArray(value)) {
    const key = itemKey(value);
    if (key) {
      for (const item of value as Record<string, unknown>[]) into.set(`${path}.${String(item[key])}`, item);
      return;
    }
    if (value.every((item) => typeof item === 'string')) {
      into.set(path, [...(value as string[])].sort());
      return;
    }
  }
  into.set(path, value ?? null);
}

const isEmpty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);

/** A canonical text of a value (object keys sorted), so equal values compare equal whatever their key order. */
function canonical(value: unknown): string {
  const sort = (inner: unknown): Json => {
    if (Array.isArray(inner)) return inner.map(sort);
    if (isObject(inner))
      return Object.fromEntries(
        Object.keys(inner)
          .sort()
          .map((key) => [key, sort(inner[key])]),
      );
    return (inner ?? null) as Json;
  };
  return JSON.stringify(sort(value));
}

/**
 * The changes from `published` to `proposed`; null on either side stands for a listing that does
 * not exist (a create, a delete). Fields come in the published record's order, new ones after.
 */
export function diffRecords(published: object | null, proposed: object | null): FieldChange[] {
  const before = new Map<string, unknown>();
  const after = new Map<string, unknown>();
  if (published) flatten(published, '', before);
  if (proposed) flatten(proposed, '', after);
  const fields = [...new Set([...before.keys(), ...after.keys()])];
  return fields.flatMap((field) => {
    const was = before.get(field) ?? null;
    const will = after.get(field) ?? null;
    // A list that is empty on one side and absent on the other (a keyed list has no entry of its own) is no change.
    if (isEmpty(was) && isEmpty(will)) return [];
    return canonical(was) === canonical(will) ? [] : [{ field, before: was, after: will }];
  });
}
