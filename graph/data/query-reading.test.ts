import { describe, expect, it } from 'vitest';
import { NEEDS } from './needs';
import { QUERY_READING } from './query-reading';

describe('QUERY_READING', () => {
  const slugs = new Set(NEEDS.map((need) => need.slug));

  it('only names needs of the catalogue', () => {
    const named = [
      QUERY_READING.emergencyNeed,
      ...Object.keys(QUERY_READING.phrasings),
      ...QUERY_READING.broad.flatMap((group) => group.choices),
    ];
    expect(named.filter((slug) => !slugs.has(slug))).toEqual([]);
  });

  it('lists each broad word once, in lower case, and each choice once per group', () => {
    const terms = QUERY_READING.broad.flatMap((group) => group.terms);
    expect(new Set(terms).size).toBe(terms.length);
    for (const term of terms) expect(term).toBe(term.toLowerCase());
    for (const group of QUERY_READING.broad) expect(new Set(group.choices).size).toBe(group.choices.length);
  });
});
