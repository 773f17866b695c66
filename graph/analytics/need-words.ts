import { NEEDS } from '../data/needs';

/**
 * Which needs a search's words point at, so that search demand counts per need as matches do.
 *
 * Definition (the same for every caller; the methods page quotes it):
 * - Text is split into words: Unicode NFKC, lower case, runs of letters and digits (`it-sikkerhed`
 *   is the words `it` and `sikkerhed`).
 * - Each need in the catalogue (graph/data/needs.json) has phrases: its name and its keywords, in
 *   Danish and English. A phrase's words leave out a few filler words (`og`, `and`, `af`, `of`, …);
 *   a phrase with no words left is not used.
 * - Two words agree when they are equal, or when both have at least 5 letters and one begins with
 *   the other and they differ in length by at most 3 (Danish inflections: `sikkerhedskopi` /
 *   `sikkerhedskopier`, `backup` / `backuppen`).
 * - A need is pointed at when, for at least one of its phrases, every word of the phrase agrees
 *   with some word of the search (in any order). The result is the needs' slugs in catalogue order,
 *   each once.
 */
export interface NeedPhrases {
  slug: string;
  phrases: string[][];
}

interface CatalogueNeed {
  slug: string;
  name: { da: string; en: string };
  keywords: { da: string[]; en: string[] };
}

const FILLER = new Set([
  'og',
  'and',
  'af',
  'of',
  'i',
  'in',
  'til',
  'to',
  'for',
  'the',
  'a',
  'an',
  'en',
  'et',
  'med',
  'with',
  'på',
  'on',
  'fra',
  'from',
]);

/** The words of a text: NFKC, lower case, runs of letters and digits. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

function agree(phraseWord: string, searchWord: string): boolean {
  if (phraseWord === searchWord) return true;
  if (phraseWord.length < 5 || searchWord.length < 5) return false;
  if (Math.abs(phraseWord.length - searchWord.length) > 3) return false;
  return phraseWord.startsWith(searchWord) || searchWord.startsWith(phraseWord);
}

/** A need's phrases as word lists, filler words left out. */
export function phrasesOf(need: CatalogueNeed): NeedPhrases {
  const texts = [need.name.da, need.name.en, ...need.keywords.da, ...need.keywords.en];
  const phrases: string[][] = [];
  const seen = new Set<string>();
  for (const text of texts) {
    const words = wordsOf(text).filter((word) => !FILLER.has(word));
    const key = words.join(' ');
    if (words.length === 0 || seen.has(key)) continue;
    seen.add(key);
    phrases.push(words);
  }
  return { slug: need.slug, phrases };
}

const CATALOGUE: readonly NeedPhrases[] = NEEDS.map(phrasesOf);

/** The needs (slugs, catalogue order) that a search's words point at; see the definition above. */
export function needsOfWords(query: string, catalogue: readonly NeedPhrases[] = CATALOGUE): string[] {
  const words = [...new Set(wordsOf(query))];
  if (words.length === 0) return [];
  return catalogue
    .filter((need) => need.phrases.some((phrase) => phrase.every((p) => words.some((w) => agree(p, w)))))
    .map((need) => need.slug);
}
