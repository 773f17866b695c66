/** The term matcher over a sorted term list (the dictionary walked as an implicit trie). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTerms, matchQuality } from './matcher';

/** A field dictionary as the index holds it: unique terms in code-unit order. */
function treeOf(words: readonly string[]): string[] {
  return [...new Set(words)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function find(sorted: readonly string[], pattern: string, typos: number, prefix: boolean): Record<string, string> {
  const found: Record<string, string> = {};
  findTerms(sorted, pattern, typos, prefix, (position, distance, isPrefix) => {
    const term = sorted[position] as string;
    // Every term must be reported at most once.
    if (term in found) throw new Error(`${term} visited twice`);
    found[term] = `${distance}${isPrefix ? 'p' : ''}`;
  });
  return found;
}

/** Optimal string alignment distance, the reference the tree walk must agree with. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = value;
    }
  }
  return at(a.length, b.length);
}

const WORDS = ['backup', 'backups', 'back', 'firewal', 'overvågning', 'overvågningssystem', 'test', 'testing', 'tekst'];

describe('findTerms', () => {
  it('matches exactly without typos or prefix', () => {
    expect(find(treeOf(WORDS), 'test', 0, false)).toEqual({ test: '0' });
    expect(find(treeOf(WORDS), 'tes', 0, false)).toEqual({});
  });

  it('matches prefixes only when asked', () => {
    expect(find(treeOf(WORDS), 'tes', 0, true)).toEqual({ test: '0p', testing: '0p' });
    expect(find(treeOf(WORDS), 'test', 0, true)).toEqual({ test: '0', testing: '0p' });
  });

  it('counts a swap of two letters as one typo', () => {
    expect(find(treeOf(WORDS), 'backpu', 1, false)).toEqual({ backup: '1' });
    expect(find(treeOf(WORDS), 'tset', 1, false)).toEqual({ test: '1' });
  });

  it('finds prefixes within the typo budget', () => {
    const found = find(treeOf(WORDS), 'overvågnig', 1, true);
    expect(found.overvågning).toBe('1');
    expect(found.overvågningssystem).toBe('1p');
  });

  it('agrees with a reference edit distance on every word (property)', () => {
    const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'å'), minLength: 1, maxLength: 7 });
    fc.assert(
      fc.property(
        fc.uniqueArray(letters, { minLength: 1, maxLength: 25 }),
        letters,
        fc.integer({ min: 0, max: 2 }),
        (words, pattern, typos) => {
          const found = find(treeOf(words), pattern, typos, false);
          for (const word of words) {
            const distance = osa(pattern, word);
            if (distance <= typos) {
              if (found[word] !== String(distance)) return false;
            } else if (word in found) {
              return false;
            }
          }
          return true;
        },
      ),
    );
  });

  it('agrees with a reference on prefix matching, over dictionaries with long shared prefixes (property)', () => {
    // Few letters and long words, so consecutive sorted terms share prefixes and pruned runs are skipped.
    const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'å'), minLength: 1, maxLength: 9 });
    fc.assert(
      fc.property(
        fc.uniqueArray(letters, { minLength: 1, maxLength: 60 }),
        letters,
        fc.integer({ min: 0, max: 2 }),
        (words, pattern, typos) => {
          const found = find(treeOf(words), pattern, typos, true);
          for (const word of words) {
            const whole = osa(pattern, word);
            // The best prefix match over every prefix of the word, the empty one included.
            let prefix = pattern.length;
            for (let end = 1; end <= word.length; end += 1) prefix = Math.min(prefix, osa(pattern, word.slice(0, end)));
            const wholeOk = whole <= typos;
            const prefixOk = prefix <= typos;
            let expected: string | undefined;
            if (wholeOk && (!prefixOk || matchQuality(whole, false) >= matchQuality(prefix, true))) {
              expected = String(whole);
            } else if (prefixOk) {
              expected = `${prefix}p`;
            }
            if (found[word] !== expected) return false;
          }
          return Object.keys(found).every((term) => words.includes(term));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ranks exact above prefix above typos', () => {
    expect(matchQuality(0, false)).toBeGreaterThan(matchQuality(0, true));
    expect(matchQuality(0, true)).toBeGreaterThan(matchQuality(1, false));
    expect(matchQuality(1, false)).toBeGreaterThan(matchQuality(2, false));
  });
});
