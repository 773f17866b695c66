import { GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { asGraphqlJs, COMPILE_FROM_RUN, compilable, compiledFromRun } from './jit';

describe('compiledFromRun', () => {
  it('compiles a query document from the given run on, counting each document by itself', () => {
    const compiled = compiledFromRun(2);
    const first = parse('{ needs { slug } }');
    const second = parse('{ needs { slug } }');
    expect([compiled(first), compiled(first), compiled(first)]).toEqual([false, true, true]);
    expect(compiled(second)).toBe(false);
  });

  it('never compiles what graphql-jit would answer otherwise than graphql-js', () => {
    const compiled = compiledFromRun(1);
    for (const text of [
      'mutation { x }',
      'subscription { y }',
      'query A { needs { slug } } query B { regions { code } }',
      '{ needs { ...N } } fragment N on Need { slug }',
      '{ ... on Query { needs { slug } } regions { code } }',
      '{ needs { slug ... @skip(if: true) { name { da } } } }',
    ]) {
      const document = parse(text);
      expect([compiled(document), compiled(document)], text).toEqual([false, false]);
    }
    expect(compiled(parse('query A($x: Boolean!) { needs { slug name @include(if: $x) { da } } }'))).toBe(true);
  });

  it('is never with Infinity, and from the second run by default', () => {
    const never = compiledFromRun(Number.POSITIVE_INFINITY);
    const document = parse('{ needs { slug } }');
    expect(Array.from({ length: 5 }, () => never(document))).toEqual([false, false, false, false, false]);
    expect(COMPILE_FROM_RUN).toBe(2);
  });
});

describe('compilable', () => {
  it('is one query operation without fragments', () => {
    expect(compilable(parse('{ a }'))).toBe(true);
    expect(compilable(parse('query Q($n: Int) { a(n: $n) { b } }'))).toBe(true);
    expect(compilable(parse('{ a { ... on B { c } } }'))).toBe(false);
    expect(compilable(parse('query A { a } query B { b }'))).toBe(false);
  });
});

describe('asGraphqlJs', () => {
  const document = parse('{\n  needs {\n    slug\n  }\n}');

  it('gives a compiled error its document node, so it has locations, and puts errors before data', () => {
    const thrown = new GraphQLError('You may not do this.', { extensions: { code: 'FORBIDDEN' } });
    const compiled = Object.assign(new Error('You may not do this.'), {
      locations: [{ line: 2, column: 3 }],
      path: ['needs'],
      originalError: thrown,
      extensions: { code: 'FORBIDDEN' },
    });
    const result = asGraphqlJs({ data: { needs: null }, errors: [compiled as unknown as GraphQLError] }, document);
    expect(Object.keys(result)).toEqual(['errors', 'data']);
    const [error] = result.errors ?? [];
    expect(error?.toJSON()).toEqual({
      message: 'You may not do this.',
      locations: [{ line: 2, column: 3 }],
      path: ['needs'],
      extensions: { code: 'FORBIDDEN' },
    });
    expect(error?.originalError).toBe(thrown);
  });

  it('gives an error graphql-jit raised itself an original error, as graphql-js does for a null in a non-null field', () => {
    const compiled = Object.assign(new Error('Cannot return null for non-nullable field Need.slug.'), {
      locations: [{ line: 3, column: 5 }],
      path: ['needs', 0, 'slug'],
    });
    const [error] = asGraphqlJs({ data: null, errors: [compiled as unknown as GraphQLError] }, document).errors ?? [];
    expect(error?.originalError).toBeInstanceOf(Error);
    expect(error?.originalError).not.toBeInstanceOf(GraphQLError);
    expect(error?.locations).toEqual([{ line: 3, column: 5 }]);
  });
});
