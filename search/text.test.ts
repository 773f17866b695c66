import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldDigraphs,
  indexTerms,
  isStopWord,
  MAX_QUERY_LENGTH,
  meilisearchSynonyms,
  normalizeText,
  parseQuery,
  rawTokens,
  SYNONYM_GROUPS,
  SYNONYM_WEIGHT,
  searchAliases,
  splitCompound,
  stemDanish,
  termKey,
  toDigraphs,
  typoBudget,
} from './text';

/** The alternatives of a parsed query as readable strings: "word|key~typos*" joined by "+", then "@weight". */
function describeQuery(query: string): string[][] {
  return parseQuery(query).units.map((unit) =>
    unit.alternatives.map(
      (alt) =>
        `${alt.words.map((w) => `${w.keys.join('|')}~${w.typos}${w.prefix ? '*' : ''}`).join('+')}@${alt.weight}`,
    ),
  );
}

describe('synonym groups', () => {
  it('has about 25 curated groups of lowercase terms of at most three words', () => {
    expect(SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(25);
    for (const group of SYNONYM_GROUPS) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      for (const term of group) {
        expect(term).toBe(term.trim().toLowerCase());
        // Meilisearch only looks synonyms up for one- to three-word terms.
        expect(term.split(/\s+/).length).toBeLessThanOrEqual(3);
      }
    }
  });

  it('gives every term (by matching key) to exactly one group', () => {
    const owner = new Map<string, number>();
    SYNONYM_GROUPS.forEach((group, index) => {
      for (const term of group) {
        const key = rawTokens(term)
          .map((token) => termKey(token.replace(/-/g, '')))
          .join(' ');
        const previous = owner.get(key);
        expect(previous === undefined || previous === index, `"${term}" is in groups ${previous} and ${index}`).toBe(
          true,
        );
        owner.set(key, index);
      }
    });
  });

  it('covers the groups the directory needs', () => {
    const together = (...terms: string[]) =>
      SYNONYM_GROUPS.some((group) => terms.every((term) => group.includes(term)));
    expect(together('pentest', 'penetrationstest', 'penetration test')).toBe(true);
    expect(together('ransomware', 'løsesumsvirus', 'hacket', 'incident response', 'hændelseshåndtering')).toBe(true);
    expect(together('backup', 'sikkerhedskopi', 'restore', 'gendannelse')).toBe(true);
    expect(together('mfa', 'to-faktor', '2fa', 'multifaktor')).toBe(true);
    expect(together('overvågning', 'monitorering', 'soc', 'mdr', 'døgnovervågning')).toBe(true);
    expect(together('d-mærket', 'dmærket', 'd-maerket')).toBe(true);
    expect(together('ciso', 'vciso', 'sikkerhedschef')).toBe(true);
  });

  it('becomes a symmetric map for Meilisearch', () => {
    const synonyms = meilisearchSynonyms();
    for (const [term, others] of Object.entries(synonyms)) {
      expect(others).not.toContain(term);
      for (const other of others) expect(synonyms[other]).toContain(term);
    }
    expect(synonyms.pentest).toContain('penetrationstest');
    expect(synonyms.penetrationstest).toContain('pentest');
  });
});

describe('Danish normalisation', () => {
  it('lowercases and keeps æ, ø and å but drops other accents', () => {
    expect(normalizeText('ØRESUND Ærø Å café IDÉ')).toBe('øresund ærø å cafe ide');
    // German/Swedish keyboards write the same letters as ä and ö.
    expect(normalizeText('Kräftig Över')).toBe('kræftig øver');
    // A decomposed å (a + combining ring) is the same letter.
    expect(normalizeText('a\u030Abent')).toBe('åbent');
  });

  it('accepts ae/oe/aa spellings', () => {
    expect(foldDigraphs('overvaagning')).toBe('overvågning');
    expect(foldDigraphs('groenland')).toBe('grønland');
    expect(foldDigraphs('laerer')).toBe('lærer');
    expect(termKey('overvaagningen')).toBe(termKey('overvågning'));
    expect(toDigraphs('sårbarhed på øen')).toBe('saarbarhed paa oeen');
  });

  it('folds a digraph spelling back to the same key (property)', () => {
    const danish = fc.string({ unit: fc.constantFrom('a', 'b', 'e', 'o', 'r', 'æ', 'ø', 'å', 'n') });
    // "aæ" → "aae" reads back as "åe": an "a" right before æ/å is the one case the spelling itself makes ambiguous.
    const unambiguous = danish.filter((word) => !/a[æå]/.test(word));
    fc.assert(fc.property(unambiguous, (word) => foldDigraphs(toDigraphs(word)) === foldDigraphs(word)));
  });

  it('normalises idempotently (property)', () => {
    fc.assert(fc.property(fc.string(), (text) => normalizeText(normalizeText(text)) === normalizeText(text)));
  });

  it('stems Danish inflections to one key', () => {
    expect(stemDanish('overvågningen')).toBe('overvågning');
    expect(stemDanish('sikkerhedskopier')).toBe('sikkerhedskopi');
    expect(stemDanish('sikkerhedskopierne')).toBe('sikkerhedskopi');
    expect(stemDanish('virksomheder')).toBe(stemDanish('virksomhed'));
    // English words survive in a consistent form, which is all matching needs.
    expect(stemDanish('firewalls')).toBe(stemDanish('firewall'));
  });

  it('allows typos by word length like Meilisearch (0 under 5 letters, 1 up to 8, then 2)', () => {
    expect(typoBudget('soc')).toBe(0);
    expect(typoBudget('test')).toBe(0);
    expect(typoBudget('tests')).toBe(1);
    expect(typoBudget('firewall')).toBe(1);
    expect(typoBudget('sårbarhed')).toBe(2);
    // å counts as one letter.
    expect(typoBudget('måler')).toBe(1);
  });

  it('knows Danish and English stop words but not "it"', () => {
    expect(isStopWord('og')).toBe(true);
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('paa')).toBe(true);
    expect(isStopWord('it')).toBe(false);
  });
});

describe('compound splitting', () => {
  it('splits on curated security heads', () => {
    expect(splitCompound('døgnovervågning')).toEqual({ modifier: 'døgn', head: 'overvågning' });
    expect(splitCompound('Netværkssikkerheden')).toEqual({ modifier: 'netværk', head: 'sikkerhed' });
    expect(splitCompound('hændelseshåndtering')).toEqual({ modifier: 'hændelse', head: 'håndtering' });
    expect(splitCompound('penetrationstest')).toEqual({ modifier: 'penetration', head: 'test' });
    expect(splitCompound('sårbarhedsscanning')).toEqual({ modifier: 'sårbarhed', head: 'scanning' });
  });

  it('leaves plain words and short modifiers alone', () => {
    expect(splitCompound('sikkerhed')).toBeUndefined();
    expect(splitCompound('overvågning')).toBeUndefined();
    expect(splitCompound('protest')).toBeUndefined();
    expect(splitCompound('latest')).toBeUndefined();
    expect(splitCompound('usikkerhed')).toBeUndefined();
  });

  it('indexes compounds, hyphenated words and inflections under the keys a query uses', () => {
    const terms = indexTerms('Døgnovervågning af netværkssikkerheden, IT-sikkerhed og D-mærket.');
    expect(terms).toEqual(
      expect.arrayContaining([
        termKey('døgnovervågning'),
        termKey('overvågning'),
        termKey('netværk'),
        termKey('sikkerhed'),
        termKey('it'),
        termKey('itsikkerhed'),
        termKey('dmærket'),
      ]),
    );
    expect(terms).not.toContain('og');
    expect(terms).not.toContain('af');
  });

  it('produces unique keys without stop words (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const terms = indexTerms(text);
        return new Set(terms).size === terms.length && terms.every((term) => term !== '' && !isStopWord(term));
      }),
    );
  });

  it('gives Meilisearch compound parts and ae/oe/aa spellings as aliases', () => {
    const aliases = searchAliases(['Døgnovervågning og sårbarhedsscanning']);
    expect(aliases).toEqual(
      expect.arrayContaining(['overvågning', 'overvaagning', 'doegnovervaagning', 'scanning', 'sårbarhed']),
    );
  });
});

describe('query parsing', () => {
  it('expands synonyms, keeping the typed word first', () => {
    const [unit] = describeQuery('pentest');
    expect(unit?.[0]).toBe('pentest~1*@1');
    expect(unit).toContain(`penetrationstest~0@${SYNONYM_WEIGHT}`);
    expect(unit).toContain(`penetration~0+test~0@${SYNONYM_WEIGHT}`);
  });

  it('detects synonyms through inflections and multi-word terms', () => {
    expect(describeQuery('sikkerhedskopier')[0]).toContain(`backup~0@${SYNONYM_WEIGHT}`);
    const [incident] = describeQuery('incident response');
    expect(incident).toContain(`ransomwar~0@${SYNONYM_WEIGHT}`);
    expect(parseQuery('incident response').units).toHaveLength(1);
  });

  it('treats a hyphenated word as one word, matched joined or as parts', () => {
    expect(describeQuery('to-faktor')[0]?.[0]).toBe('tofaktor~1*@1');
    expect(describeQuery('it-sikkerhed')).toEqual([['itsikker|itsikkerhed~2*@1', 'it~0+sikker|sikkerhed~2*@1']]);
  });

  it('only lets the last word match as a prefix and drops stop words', () => {
    expect(describeQuery('sensorer til kontoret')).toEqual([['sensor|sensorer~1@1'], ['kontor|kontoret~1*@1']]);
    expect(describeQuery('og i')).toEqual([]);
    expect(describeQuery('')).toEqual([]);
  });

  it('uses the typed word length for the typo budget', () => {
    expect(describeQuery('overvågnig')).toEqual([['overvågn|overvågnig~2*@1']]);
    expect(describeQuery('backpu')).toEqual([['backpu~1*@1']]);
  });

  it('cuts very long queries', () => {
    const long = 'sikkerhed '.repeat(100);
    expect(parseQuery(long).units.length).toBeLessThanOrEqual(Math.ceil(MAX_QUERY_LENGTH / 'sikkerhed '.length));
  });

  it('never throws on arbitrary input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (query) => {
        for (const unit of parseQuery(query).units) {
          if (unit.alternatives.length === 0) return false;
          for (const alternative of unit.alternatives) if (alternative.words.length === 0) return false;
        }
        return true;
      }),
    );
  });
});
