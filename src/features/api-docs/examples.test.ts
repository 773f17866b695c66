import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { API_EXAMPLES, curlOf, oneLine } from './examples';
import { schemaReference } from './schema-reference';

/**
 * Every example on the analysts' API page is valid against the printed schema
 * (src/api/schema.graphql, `npm run schema:print`), so the page never shows an operation the API
 * would refuse. The variables are checked by the operation's types only as far as GraphQL's own
 * validation goes (the values themselves are the API's to check).
 */

const sdl = readFileSync(new URL('../../api/schema.graphql', import.meta.url), 'utf8');
const schema = buildSchema(sdl);

describe('the API page’s examples', () => {
  it.each(API_EXAMPLES.map((example) => [example.id, example] as const))(
    '%s is valid against the schema',
    (_id, example) => {
      expect(validate(schema, parse(example.query)).map((error) => error.message)).toEqual([]);
      // The same operation on one line, as the curl command sends it.
      expect(validate(schema, parse(oneLine(example.query))).map((error) => error.message)).toEqual([]);
    },
  );

  it('the check refuses an example that asks for a field the schema does not have', () => {
    const wrong = 'query { statistics { supplyByNeed { need providerCount } } }';
    expect(validate(schema, parse(wrong))).not.toEqual([]);
  });

  it('every example can sit in a single-quoted shell argument, and token examples send the bearer header', () => {
    for (const example of API_EXAMPLES) {
      const curl = curlOf(example, 'https://cyberkort.example/graphql');
      expect(JSON.stringify(example.variables ?? {}) + example.query).not.toContain("'");
      expect(curl.includes('authorization: Bearer'), example.id).toBe(example.access === 'token');
      const body = /--data '(.*)'$/s.exec(curl)?.[1] ?? '';
      expect(JSON.parse(body).query).toBe(oneLine(example.query));
    }
  });
});

describe('the API page’s reference', () => {
  it('reads the analytics root fields, their arguments and their types’ fields from the printed schema', () => {
    const statistics = schemaReference(sdl).find((root) => root.name === 'statistics');
    expect(statistics?.type).toBe('PublicStatistics!');
    expect(statistics?.description).toContain("'under 5'");
    expect(statistics?.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(['filter: StatisticsFilter']);
    expect(statistics?.returns?.fields.find((field) => field.name === 'demandByNeedAndQuarter')?.type).toBe(
      '[NeedQuarterDemandStatistic!]!',
    );
    // A root field the schema does not have is left out, not shown empty.
    expect(schemaReference('type Query { statistics: Int }').map((root) => root.name)).toEqual(['statistics']);
  });
});
