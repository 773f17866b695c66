import { writeFileSync } from 'node:fs';
import { printSchemaText } from '../src/api/schema/print';

// Writes the committed schema file; tests/schema.test.ts fails when it is out of date.
const target = new URL('../src/api/schema.graphql', import.meta.url);
writeFileSync(target, printSchemaText());
console.log(`wrote ${target.pathname}`);
