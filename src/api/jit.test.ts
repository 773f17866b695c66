import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { COMPILE_FROM_RUN, compiledFromRun } from './jit';

describe('compiledFromRun', () => {
  it('compiles a query document from the given run on, counting each document by itself', () => {
    const compiled = compiledFromRun(2);
    const first = parse('{ needs { slug } }');
    const second = parse('{ needs { slug } }');
    expect([compiled(first, null), compiled(first, null), compiled(first, null)]).toEqual([false, true, true]);
    expect(compiled(second, null)).toBe(false);
  });

  it('never compiles a mutation or a subscription, nor an operation the document does not have', () => {
    const compiled = compiledFromRun(1);
    const document = parse('query A { needs { slug } } mutation B { x } subscription C { y }');
    expect(compiled(document, 'B')).toBe(false);
    expect(compiled(document, 'C')).toBe(false);
    expect(compiled(document, 'D')).toBe(false);
    expect(compiled(document, 'A')).toBe(true);
  });

  it('is never with Infinity, and from the second run by default', () => {
    const never = compiledFromRun(Number.POSITIVE_INFINITY);
    const document = parse('{ needs { slug } }');
    expect(Array.from({ length: 5 }, () => never(document, undefined))).toEqual([false, false, false, false, false]);
    expect(COMPILE_FROM_RUN).toBe(2);
  });
});
