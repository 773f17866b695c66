import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index';

export function printSchemaText(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
