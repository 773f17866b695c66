import { writeFileSync } from 'node:fs';
import { printSchemaText } from '../graph/schema/print';

// Writes the committed schema file; tests/schema.test.ts fails when it is out of date.
const target = new URL('../graph/schema.graphql', import.meta.url);
writeFileSync(target, printSchemaText());
console.log(`wrote ${target.pathname}`);
