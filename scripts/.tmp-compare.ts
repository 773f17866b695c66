import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import * as now from '../graph/analytics/supply';
import * as orig from '../graph/analytics/.tmp-supply-orig';
import { createExecutor } from '../graph/executor';

const creds = JSON.parse(readFileSync('.data/bench-10000/cyberkort-credentials.json', 'utf8'));
const executor = createExecutor({ uri: process.argv[2] as string, user: creds.user, password: creds.password, database: 'neo4j' });
const names = process.argv.slice(3);
const filters = [{}, { region: '1084' }, { sector: 'SEC-DIGITAL', sizeBand: 'small' }, { region: '1081', sector: 'SEC-HEALTH' }];
for (const name of names) {
  for (const filter of filters) {
    const a = performance.now();
    const before = await (orig as any)[name](executor, filter);
    const b = performance.now();
    const after = await (now as any)[name](executor, filter);
    const c = performance.now();
    console.log(name, JSON.stringify(filter), isDeepStrictEqual(before, after) ? 'SAME' : 'DIFFERENT', before.length, after.length, `${(b - a).toFixed(0)} ms → ${(c - b).toFixed(0)} ms`);
    if (!isDeepStrictEqual(before, after)) {
      for (let i = 0; i < before.length; i++) if (!isDeepStrictEqual(before[i], after[i])) { console.log(before[i], after[i]); break; }
    }
  }
}
await executor.driver.close();
