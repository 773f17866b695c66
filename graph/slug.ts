import { z } from 'zod';

/**
 * The one slug rule: lowercase ASCII letters and digits in words joined by single hyphens
 * ('nordlys-it-sikkerhed'), at most MAX_SLUG_LENGTH characters. The generator makes slugs with
 * `slugify`, the site and the API accept them with `isSlug` / `slugSchema`, so a slug one of them
 * produces is never refused by another.
 */

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 200;

/** Anything that is not a slug cannot name a listing, so callers answer "not found" without a query. */
export function isSlug(value: string | undefined): value is string {
  return value !== undefined && value.length <= MAX_SLUG_LENGTH && SLUG_PATTERN.test(value);
}

export const slugSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_SLUG_LENGTH, `must be at most ${MAX_SLUG_LENGTH} characters`)
  .regex(SLUG_PATTERN, 'must be a slug: lowercase letters, digits and hyphens');

const FOLD: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa', ä: 'ae', ö: 'oe', ü: 'ue', é: 'e', è: 'e', ß: 'ss' };

/**
 * Danish text to a slug: 'Nordlys IT-Sikkerhed' → 'nordlys-it-sikkerhed', æ→ae, ø→oe, å→aa. Throws
 * when the text has no letter or digit a slug can keep, rather than returning something that is not one.
 */
export function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[æøåäöüéèß]/g, (letter) => FOLD[letter] ?? letter)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  if (slug === '') throw new Error(`cannot make a slug of ${JSON.stringify(text)}: it has no letter or digit`);
  return slug;
}

/**
 * Where the next page of a read in slug order starts: after the highest slug this page holds (rows
 * after a query's LIMIT carry no order of their own, so not simply the last row's), or where the
 * page itself started when it held none.
 */
export function afterHighestSlug(page: ReadonlyArray<{ slug: string }>, after: string | null): string | null {
  return page.reduce<string | null>((high, row) => (high === null || row.slug > high ? row.slug : high), after);
}
