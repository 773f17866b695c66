/**
 * Danish/English text handling shared by both search engines: curated synonyms, stop words, Danish normalisation,
 * stemming, a compound splitter and the query parser. Everything here is a pure function of its input.
 *
 * Matching keys: a word becomes a key by lowercasing (NFKC), folding ae/oe/aa to æ/ø/å (so "overvaagning" and
 * "overvågning" meet) and stemming with the Danish Snowball stemmer. æ/ø/å are kept as letters of their own (unlike
 * Orama's default tokenizer, which strips them to a/o) because "for"/"før" or "mål"/"mal" are different words.
 */
import { stemmer as danishStemmer } from '@orama/stemmers/danish';

/**
 * Curated synonym groups (Danish + English), the single source for both engines. Every term in a group is treated
 * as equivalent at query time. Terms are lowercase, at most three words (Meilisearch only looks up synonyms for
 * one- to three-word terms) and a term belongs to exactly one group (both checked by tests).
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  // Offensive testing. "sårbarhedstest" lives with scanning below: a vulnerability test is not a pentest.
  [
    'pentest',
    'penetrationstest',
    'penetration test',
    'penetration testing',
    'pen test',
    'etisk hacking',
    'ethical hacking',
    'red teaming',
  ],
  // "We were hacked": ransomware victims look for incident response, so the need and the service meet.
  [
    'ransomware',
    'løsesumsvirus',
    'hacket',
    'hacked',
    'hackerangreb',
    'cyberangreb',
    'incident response',
    'hændelseshåndtering',
    'beredskab',
    'it-beredskab',
    'beredskabsplan',
  ],
  ['backup', 'sikkerhedskopi', 'sikkerhedskopiering', 'restore', 'gendannelse', 'genopretning', 'disaster recovery'],
  ['phishing', 'svindelmails', 'svindelmail', 'falske mails', 'falske e-mails', 'spear phishing', 'mailsvindel'],
  [
    'mfa',
    'to-faktor',
    'tofaktor',
    '2fa',
    'multifaktor',
    'multi-factor authentication',
    'two-factor',
    'totrinsbekræftelse',
    'multifaktorgodkendelse',
  ],
  [
    'overvågning',
    'monitorering',
    'monitoring',
    'soc',
    'mdr',
    'døgnovervågning',
    'security operations center',
    'managed detection',
  ],
  ['firewall', 'netværkssikkerhed', 'network security', 'netværksbeskyttelse', 'brandmur'],
  [
    'awareness',
    'træning',
    'uddannelse',
    'kursus',
    'kurser',
    'security awareness',
    'awareness-træning',
    'medarbejdertræning',
    'training',
  ],
  [
    'gdpr',
    'persondata',
    'databeskyttelse',
    'persondataforordningen',
    'databeskyttelsesforordningen',
    'data protection',
    'privacy',
  ],
  ['nis2', 'nis 2', 'nis2-direktivet', 'nis2-loven'],
  [
    'iso 27001',
    'iso27001',
    'iso/iec 27001',
    'isms',
    'informationssikkerhedsledelse',
    'information security management',
  ],
  ['d-mærket', 'dmærket', 'd-maerket', 'd mærket'],
  ['kryptering', 'encryption', 'krypteret', 'encrypted', 'krypteringsløsning'],
  ['ciso', 'vciso', 'virtuel ciso', 'sikkerhedschef', 'it-sikkerhedschef', 'security officer'],
  [
    'sårbarhedsscanning',
    'sårbarhedsscan',
    'sårbarhedstest',
    'vulnerability scanning',
    'vulnerability scan',
    'sårbarhedsanalyse',
  ],
  ['endpoint', 'edr', 'xdr', 'antivirus', 'endpoint protection', 'endpointbeskyttelse', 'virusbeskyttelse'],
  ['risikovurdering', 'risikoanalyse', 'risk assessment', 'risikostyring', 'risk management'],
  ['it-revision', 'revision', 'audit', 'it-audit', 'compliance'],
  ['cloudsikkerhed', 'cloud security', 'skysikkerhed'],
  ['adgangsstyring', 'access management', 'identitetsstyring', 'identity management', 'iam', 'pam'],
  ['sikkerhedspolitik', 'it-sikkerhedspolitik', 'security policy', 'informationssikkerhedspolitik'],
  ['rådgivning', 'sikkerhedsrådgivning', 'konsulent', 'consulting', 'advisory'],
  ['mailsikkerhed', 'e-mailsikkerhed', 'email security', 'spamfilter', 'dmarc'],
  ['ddos', 'ddos-beskyttelse', 'overbelastningsangreb', 'denial of service'],
  ['siem', 'logning', 'logovervågning', 'log management', 'loghåndtering'],
  ['password manager', 'passwordmanager', 'adgangskodeadministrator', 'adgangskoder'],
  ['cyberforsikring', 'cyber insurance', 'cyberforsikringer'],
  ['smv', 'sme', 'smb', 'små virksomheder'],
];

/**
 * Stop words dropped from indexed text and from queries (Meilisearch gets the same list). Deliberately absent:
 * "it" (IT, as in it-sikkerhed) and "us"; "to" stays (English "to"), "to-faktor" is caught by the synonyms first.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // Danish
  'og',
  'i',
  'jeg',
  'det',
  'at',
  'en',
  'den',
  'til',
  'er',
  'som',
  'på',
  'de',
  'med',
  'af',
  'for',
  'ikke',
  'der',
  'var',
  'mig',
  'sig',
  'men',
  'et',
  'har',
  'om',
  'vi',
  'min',
  'havde',
  'nu',
  'da',
  'fra',
  'du',
  'ud',
  'sin',
  'dem',
  'os',
  'op',
  'man',
  'hvor',
  'eller',
  'hvad',
  'skal',
  'her',
  'vil',
  'blev',
  'kunne',
  'ind',
  'når',
  'være',
  'dog',
  'noget',
  'ville',
  'jo',
  'deres',
  'efter',
  'ned',
  'skulle',
  'denne',
  'end',
  'dette',
  'mit',
  'også',
  'have',
  'dig',
  'sit',
  'sine',
  'vor',
  'mod',
  'disse',
  'hvis',
  'din',
  'nogle',
  'hos',
  'blive',
  'ad',
  'bliver',
  'været',
  'jer',
  'jeres',
  'vores',
  'kan',
  'sådan',
  // English
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'from',
  'has',
  'have',
  'in',
  'is',
  'of',
  'on',
  'or',
  'our',
  'that',
  'the',
  'their',
  'this',
  'these',
  'those',
  'to',
  'was',
  'we',
  'were',
  'will',
  'with',
  'you',
  'your',
]);

/**
 * Trailing heads of Danish security compounds. "døgnovervågning" is indexed as itself and also as "overvågning"
 * and "døgn"; the modifier loses a linking s ("netværkssikkerhed" → "netværk" + "sikkerhed").
 */
export const COMPOUND_HEADS: readonly string[] = [
  'overvågning',
  'sikkerhed',
  'beskyttelse',
  'test',
  'scanning',
  'håndtering',
  'træning',
  'politik',
  'kryptering',
  'angreb',
  'rådgivning',
  'analyse',
  'vurdering',
  'styring',
  'beredskab',
  'revision',
  'certificering',
  'uddannelse',
  'kursus',
  'hændelse',
  'forsikring',
  'brud',
  'svindel',
  'mail',
  'netværk',
  'løsning',
  'konsulent',
  'chef',
];

/** Weight of a synonym expansion relative to the words the user typed (the literal word should rank first). */
export const SYNONYM_WEIGHT = 0.85;

const WORD_PATTERN = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** Characters that need Unicode normalisation: anything but printable ASCII, whitespace and the Danish letters. */
const NEEDS_UNICODE_WORK = /[^\t\n\r -~æøåÆØÅ]/;

/**
 * Lowercase, compatibility-normalise and strip accents except the Danish letters: é → e, ä → æ, ö → ø (German and
 * Swedish keyboards), but å, æ and ø stay as they are. Plain ASCII/Danish text (most of it) skips the Unicode work.
 */
export function normalizeText(text: string): string {
  if (!NEEDS_UNICODE_WORK.test(text)) return text.toLowerCase();
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[äöü]/g, (c) => (c === 'ä' ? 'æ' : c === 'ö' ? 'ø' : 'u'))
      .normalize('NFD')
      // Keep the combining ring (U+030A) so that "å" recomposes; every other combining mark goes.
      .replace(/[\u0300-\u0309\u030b-\u036f]/g, '')
      .normalize('NFC')
  );
}

/** The old/ASCII spellings ae, oe, aa are accepted as æ, ø, å. Applied to both indexed text and queries. */
export function foldDigraphs(word: string): string {
  return word.replace(/ae|oe|aa/g, (d) => (d === 'ae' ? 'æ' : d === 'oe' ? 'ø' : 'å'));
}

/** The inverse spelling (overvågning → overvaagning), for engines that cannot fold at query time. */
export function toDigraphs(word: string): string {
  return word.replace(/[æøå]/g, (c) => (c === 'æ' ? 'ae' : c === 'ø' ? 'oe' : 'aa'));
}

const stemCache = new Map<string, string>();

/**
 * Danish Snowball stemming for all text, Danish and English alike. Why not per language: the query language is
 * unknown, and the Danish stemmer is conservative on English words (it strips -s/-es/-e and undoubles final
 * consonants: "services" → "servic", "firewall" → "firewal"), which is harmless because index and query are stemmed
 * the same way. An English stemmer would leave Danish endings such as -en and -et in place, and Danish inflection is
 * what users type most ("overvågningen", "sikkerhedskopier", "beredskabet").
 */
export function stemDanish(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = danishStemmer(word);
    // The cache only bounds repeated work on a vocabulary; clearing it is cheap and keeps memory flat.
    if (stemCache.size > 100_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/** The matching key of one already-normalised word: digraphs folded, then stemmed. */
export function termKey(word: string): string {
  return stemDanish(foldDigraphs(word));
}

/** Number of typos allowed for a query word, as Meilisearch does by default: 0 below 5 letters, 1 to 8, then 2. */
export function typoBudget(word: string): 0 | 1 | 2 {
  const length = [...word].length;
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

/** Raw tokens of a text: normalised words, where a hyphenated token ("it-sikkerhed") is kept whole. */
export function rawTokens(text: string): string[] {
  return normalizeText(text).match(WORD_PATTERN) ?? [];
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(foldDigraphs(word));
}

interface HeadKey {
  head: string;
  key: string;
}

const HEAD_KEYS: readonly HeadKey[] = COMPOUND_HEADS.map((head) => ({ head, key: termKey(head) })).sort(
  (a, b) => b.key.length - a.key.length,
);

export interface CompoundParts {
  modifier: string;
  head: string;
}

/**
 * Split a Danish compound on a known trailing head: "døgnovervågning" → døgn + overvågning. Works on inflected forms
 * too ("netværkssikkerheden" → netværk + sikkerhed) because the match is made on stems. The modifier must have at
 * least 3 letters (4 for short heads such as "test", so that "protest" or "latest" are not split).
 */
export function splitCompound(word: string): CompoundParts | undefined {
  const stem = termKey(normalizeText(word));
  for (const { head, key } of HEAD_KEYS) {
    if (stem.length <= key.length || !stem.endsWith(key)) continue;
    // Stemming only rewrites the end of a word, so the stem's leading part is the modifier as written.
    let modifier = stem.slice(0, stem.length - key.length);
    if (modifier.length >= 5 && modifier.endsWith('s')) modifier = modifier.slice(0, -1);
    if (modifier.endsWith('-')) modifier = modifier.slice(0, -1);
    if (modifier.length >= (head.length >= 5 ? 3 : 4)) return { modifier, head };
  }
  return undefined;
}

const wordKeyCache = new Map<string, readonly string[]>();

/** Index keys of one normalised word: its own key plus its compound parts' keys; none for a stop word. Cached. */
function wordIndexKeys(word: string): readonly string[] {
  let keys = wordKeyCache.get(word);
  if (keys !== undefined) return keys;
  if (isStopWord(word)) {
    keys = [];
  } else {
    const own = termKey(word);
    const parts = splitCompound(word);
    keys =
      parts === undefined
        ? [own]
        : [own, termKey(parts.head), ...(isStopWord(parts.modifier) ? [] : [termKey(parts.modifier)])];
  }
  // A vocabulary cache: bounded so a stream of unique junk words cannot grow it forever.
  if (wordKeyCache.size > 200_000) wordKeyCache.clear();
  wordKeyCache.set(word, keys);
  return keys;
}

/**
 * Index keys of a text for the embedded engine: every word's key, hyphenated words both as parts and joined
 * ("it-sikkerhed" → it, sikkerhed, itsikkerhed) and compound parts. Stop words are dropped; keys are unique.
 */
export function indexTerms(text: string): string[] {
  const keys = new Set<string>();
  for (const token of rawTokens(text)) {
    if (token.includes('-')) {
      const parts = token.split('-');
      for (const part of parts) for (const key of wordIndexKeys(part)) keys.add(key);
      for (const key of wordIndexKeys(parts.join(''))) keys.add(key);
    } else {
      for (const key of wordIndexKeys(token)) keys.add(key);
    }
  }
  return [...keys];
}

/**
 * Extra words for engines without index-time folding or compound splitting (Meilisearch): compound parts and the
 * ae/oe/aa spelling of every word with æ/ø/å. Indexed in a low-ranked attribute so that "overvågning" finds
 * "døgnovervågning" and "overvaagning" finds "overvågning".
 */
export function searchAliases(texts: readonly string[]): string[] {
  const aliases = new Set<string>();
  const add = (word: string): void => {
    if (/[æøå]/.test(word)) aliases.add(toDigraphs(word));
  };
  for (const text of texts) {
    for (const token of rawTokens(text)) {
      const words = token.split('-');
      if (words.length > 1) words.push(words.join(''));
      for (const word of words) {
        add(word);
        const parts = splitCompound(word);
        if (parts === undefined) continue;
        aliases.add(parts.modifier);
        aliases.add(parts.head);
        add(parts.modifier);
        add(parts.head);
      }
    }
  }
  return [...aliases];
}

/** Meilisearch's synonyms setting: every term of a group maps to all the others (symmetric). */
export function meilisearchSynonyms(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const term of group) {
      synonyms[term] = group.filter((other) => other !== term);
    }
  }
  return synonyms;
}

// ---------------------------------------------------------------------------------------------------------------
// Query parsing

/** One word to look up: its candidate keys, its typo budget and whether it may match as a prefix. */
export interface QueryWord {
  text: string;
  keys: readonly string[];
  typos: 0 | 1 | 2;
  prefix: boolean;
}

/** One way of satisfying a unit: all its words must match (in any field, in any order). */
export interface QueryAlternative {
  words: readonly QueryWord[];
  weight: number;
}

/** A unit is one concept of the query; a document must satisfy every unit through one of its alternatives. */
export interface QueryUnit {
  source: string;
  alternatives: readonly QueryAlternative[];
}

export interface ParsedQuery {
  units: readonly QueryUnit[];
}

interface SynonymEntry {
  group: number;
  term: string;
}

/** A query or synonym word: hyphenated tokens are one word ("to-faktor" → tofaktor) that remembers its parts. */
interface PhraseWord {
  text: string;
  parts: readonly string[];
}

function phraseWords(text: string): PhraseWord[] {
  return rawTokens(text).map((token) => {
    const parts = token.split('-');
    return { text: parts.join(''), parts };
  });
}

/**
 * Synonym terms by the keys of their words joined with spaces, for inflection-insensitive phrase detection. A
 * hyphenated term is registered joined and split, so "it-beredskab", "itberedskab" and "it beredskab" all hit it.
 */
const SYNONYM_INDEX: ReadonlyMap<string, SynonymEntry> = (() => {
  const index = new Map<string, SynonymEntry>();
  SYNONYM_GROUPS.forEach((group, groupIndex) => {
    for (const term of group) {
      const words = phraseWords(term);
      const joined = words.map((w) => termKey(w.text)).join(' ');
      const split = words
        .flatMap((w) => w.parts)
        .map(termKey)
        .join(' ');
      for (const key of [joined, split]) {
        if (!index.has(key)) index.set(key, { group: groupIndex, term });
      }
    }
  });
  return index;
})();

const MAX_SYNONYM_WORDS = Math.max(...[...SYNONYM_INDEX.keys()].map((key) => key.split(' ').length));

function queryWord(text: string, prefix: boolean): QueryWord {
  const folded = foldDigraphs(text);
  const key = stemDanish(folded);
  return {
    text,
    // The stem finds inflections; the unstemmed form keeps typo matching sane when a typo changed the suffix
    // ("overvågnig" stems to "overvågn", but is one edit away from the indexed "overvågning").
    keys: key === folded ? [key] : [key, folded],
    typos: typoBudget(text),
    prefix: prefix && text.length >= 2,
  };
}

function exactWord(text: string): QueryWord {
  return { text, keys: [termKey(text)], typos: 0, prefix: false };
}

function withoutStopWords<T extends { text: string }>(words: readonly T[]): T[] {
  return words.filter((word) => !isStopWord(word.text));
}

/** Maximal query length in characters; longer input is cut so a pasted essay cannot make the matcher crawl. */
export const MAX_QUERY_LENGTH = 256;

/**
 * Parse a user query into units. Synonym phrases are detected greedily (longest first, on stems, so "sikkerhedskopier"
 * finds the backup group); each becomes one unit whose alternatives are the typed words and every other term of its
 * group (exact, weighted by SYNONYM_WEIGHT). Every other word is a unit of its own; a hyphenated word matches joined
 * (the index always holds the joined form) or as its parts. Stop words are dropped, except inside synonym phrases.
 * Only the last word of the query may match as a prefix, as in Meilisearch.
 */
export function parseQuery(query: string): ParsedQuery {
  const words = phraseWords(query.slice(0, MAX_QUERY_LENGTH));
  const keys = words.map((word) => termKey(word.text));
  const last = words.length - 1;
  const units: QueryUnit[] = [];

  let i = 0;
  while (i < words.length) {
    const synonym = longestSynonymAt(keys, i);
    if (synonym !== undefined) {
      const typed = words.slice(i, i + synonym.length);
      const original = withoutStopWords(typed).map((w) => queryWord(w.text, w === words[last]));
      const alternatives: QueryAlternative[] = [];
      if (original.length > 0) alternatives.push({ words: original, weight: 1 });
      for (const term of SYNONYM_GROUPS[synonym.group] ?? []) {
        if (term === synonym.term) continue;
        const termWords = withoutStopWords(phraseWords(term)).map((w) => exactWord(w.text));
        if (termWords.length > 0) alternatives.push({ words: termWords, weight: SYNONYM_WEIGHT });
      }
      units.push({ source: typed.map((w) => w.parts.join('-')).join(' '), alternatives });
      i += synonym.length;
      continue;
    }
    const word = words[i];
    i += 1;
    if (word === undefined || isStopWord(word.text)) continue;
    const isLast = i - 1 === last;
    const alternatives: QueryAlternative[] = [{ words: [queryWord(word.text, isLast)], weight: 1 }];
    const parts = withoutStopWords(word.parts.map((text) => ({ text })));
    if (word.parts.length > 1 && parts.length > 0) {
      alternatives.push({
        words: parts.map((part, k) => queryWord(part.text, isLast && k === parts.length - 1)),
        weight: 1,
      });
    }
    units.push({ source: word.parts.join('-'), alternatives });
  }
  return { units };
}

function longestSynonymAt(keys: readonly string[], start: number): (SynonymEntry & { length: number }) | undefined {
  for (let length = Math.min(MAX_SYNONYM_WORDS, keys.length - start); length >= 1; length -= 1) {
    const entry = SYNONYM_INDEX.get(keys.slice(start, start + length).join(' '));
    if (entry !== undefined) return { ...entry, length };
  }
  return undefined;
}
