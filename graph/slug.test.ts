import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterHighestSlug, isSlug, MAX_SLUG_LENGTH, SLUG_PATTERN, slugify, slugSchema } from './slug';

describe('slugify', () => {
  it('folds Danish letters and joins words with single hyphens', () => {
    expect(slugify('Nordlys IT-Sikkerhed')).toBe('nordlys-it-sikkerhed');
    expect(slugify('  Ærø & Søn -- Århus ')).toBe('aeroe-soen-aarhus');
    expect(slugify('Café Müller')).toBe('cafe-mueller');
  });

  it('always returns a slug that isSlug and slugSchema accept, or refuses text without letters or digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary', maxLength: 400 })),
        (text) => {
          let slug: string;
          try {
            slug = slugify(text);
          } catch {
            expect(text).not.toMatch(/[A-Za-z0-9]/);
            return;
          }
          expect(isSlug(slug), slug).toBe(true);
          expect(slugSchema.safeParse(slug).success).toBe(true);
        },
      ),
    );
  });

  it('keeps long names within the maximum length', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zæøå]{1,12}$/), { minLength: 30, maxLength: 60 }), (words) => {
        const slug = slugify(words.join(' '));
        expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
        expect(isSlug(slug)).toBe(true);
      }),
    );
  });

  it('leaves a slug unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(SLUG_PATTERN).filter(isSlug), (slug) => {
        expect(slugify(slug)).toBe(slug);
      }),
    );
  });
});

describe('isSlug', () => {
  it('refuses what no slug can be', () => {
    for (const value of [undefined, '', '-a', 'a-', 'a--b', 'A', 'æble', 'a b', 'a'.repeat(MAX_SLUG_LENGTH + 1)]) {
      expect(isSlug(value), String(value)).toBe(false);
    }
    expect(isSlug('a'.repeat(MAX_SLUG_LENGTH))).toBe(true);
  });
});

describe('afterHighestSlug', () => {
  it('goes on after the highest slug of a page in any order, or where the page started when it is empty', () => {
    expect(afterHighestSlug([{ slug: 'b' }, { slug: 'd' }, { slug: 'c' }], 'a')).toBe('d');
    expect(afterHighestSlug([{ slug: 'b' }], null)).toBe('b');
    expect(afterHighestSlug([], 'a')).toBe('a');
    expect(afterHighestSlug([], null)).toBeNull();
  });
});
