/**
 * Query reading: what an SME most likely means by the words it typed, before any engine is asked. The search page
 * shows the reading ("we read this as: Backup and restore", with a one-click way back to a plain word search), and
 * the relevance benchmark measures the same pipeline on both engines, because the reading sits in front of the
 * engine contract rather than inside one engine.
 *
 * Why hand-written: this is domain knowledge, not text retrieval. An engine ranks listings by the words vendors
 * wrote; an SME writes symptoms ("vores filer er krypteret"), questions ("skal vi følge NIS2") and single words too
 * broad to name one need ("virus"). No search library knows that an attack in progress calls for emergency help
 * rather than a backup product, or that "sikkerhed" is a choice to offer rather than 1,679 results. The language
 * work underneath (normalisation, Danish stemming, digraph folding) is shared with the engines (text.ts).
 *
 * A reading is one of:
 * - `urgent`: an attack in progress, ransom demands, a breach (event phrases such as "hacket", "låst ude", "filer er
 *   krypteret"; topic words such as "ransomware" alone, unless the query asks how to prevent it). Leads with the
 *   emergency need; the needs the other words name are offered beside it.
 * - `needs`: the words clearly name one need (or a few, each named by different words), scored by how specific the
 *   matched catalogue phrases are (an idf over the catalogue), with inflections, compounds and typos accepted.
 * - `broad`: every word is too broad to name one need (a curated list with the choices to offer), or the words fit
 *   more than three needs equally well.
 * - `words`: nothing read; the engine searches the words as typed.
 */
import { foldDigraphs, normalizeText, rawTokens, STOP_WORDS, termKey } from './text';
import type { SearchEngine, SearchRequest, SearchResponse } from './types';

export interface ReadingLexicon {
  /** Every need with its phrases: names and keywords in both languages, plus everyday phrasings. */
  needs: readonly { slug: string; phrases: readonly string[] }[];
  /** The need an attack in progress leads to. */
  emergencyNeed: string;
  /** Words too broad to name one need, each group with the needs to offer as a choice (in order). */
  broad: readonly { terms: readonly string[]; choices: readonly string[] }[];
}

export type QueryReading =
  | { kind: 'words' }
  | {
      kind: 'needs' | 'urgent';
      /** The needs whose providers are shown, most likely first. */
      needs: string[];
      /** Other needs the words may mean, offered as one-click alternatives. */
      related: string[];
      /** Words the reading did not account for; searched as text among the needs' providers. */
      rest: string;
    }
  | { kind: 'broad'; choices: string[] };

/** Words that carry no need of their own in an SME's question (on top of the engines' stop words). */
const FILLER = new Set([
  ...STOP_WORDS,
  // Danish questions and filler
  'hvordan',
  'hvem',
  'hvilken',
  'hvilke',
  'hvorfor',
  'hvornår',
  'gør',
  'gøre',
  'laver',
  'lave',
  'tager',
  'tage',
  'få',
  'får',
  'fået',
  'brug',
  'behov',
  'hjælp',
  'hjælpe',
  'mange',
  'nogen',
  'ved',
  'gerne',
  'godt',
  'god',
  'gode',
  'bedste',
  'billig',
  'billigt',
  'pris',
  'priser',
  'koster',
  'tilbud',
  'firma',
  'virksomhed',
  'virksomheden',
  'lille',
  'små',
  'smv',
  'vores',
  'mine',
  'alle',
  'lige',
  'blevet',
  'styr',
  'klar',
  'søger',
  'leverandør',
  'leverandører',
  'udbyder',
  'udbydere',
  'firmaer',
  'mangler',
  'følge',
  'omkring',
  'angående',
  'ift',
  'sker',
  // English
  'how',
  'what',
  'who',
  'which',
  'why',
  'when',
  'do',
  'does',
  'did',
  'can',
  'could',
  'should',
  'would',
  'need',
  'needs',
  'want',
  'help',
  'us',
  'about',
  'best',
  'good',
  'cheap',
  'price',
  'cost',
  'company',
  'small',
  'business',
  'get',
  'got',
  'been',
  'for',
  'my',
  'me',
  'i',
  'provider',
  'providers',
  'supplier',
  'some',
  'someone',
  'please',
  'it',
]);

/** Words that turn a topic into prevention ("hvordan beskytter vi os mod ransomware"): no emergency then. */
const PREVENTION = [
  'beskytte',
  'beskytter',
  'beskyttelse',
  'undgå',
  'undgår',
  'forebygge',
  'forebyggelse',
  'forhindre',
  'sikre',
  'sikrer',
  'sikring',
  'protect',
  'protection',
  'prevent',
  'prevention',
  'avoid',
  'forsikring',
  'forsikringen',
  'insurance',
  'øvelse',
  'exercise',
  'test',
  'simulering',
  'simulation',
  'plan',
  'kursus',
  'træning',
  'training',
];

/**
 * Event phrases: an attack is happening or has happened. Each entry is words that must all be present; a word may
 * list alternatives with `|`. Words match exactly (after normalisation), never by typo or prefix: one typo away from
 * a participle is often the noun or the present tense ("hacker", "krypterer", "giver"), which means something else.
 * Common misspellings are listed as alternatives instead.
 */
const EVENTS = [
  'hacket|hakket|hacked|hackede|hakkede',
  'angrebet|attacked',
  'kompromitteret|kompromiteret|compromised',
  'inficeret|infected|smittet',
  'afpresset|afpresning|extortion|blackmailed',
  'datalæk|datalækage|lækket|leaked',
  'akut|emergency',
  'krypteret|krypterede|encrypted filer|filerne|data|computere|computer|server|servere|serveren|systemer|alt|pc|harddisk|files|computers|servers|systems|everything er|blevet|alle|is|are|been|was|were|all',
  'låst ude|computere|computer|computerne|systemer|systemerne|pc|filer|filerne|skærm|skærmen',
  'locked out|computers|systems|files',
  'angreb gang|nu',
  'under angreb|attack',
  'attack now|progress',
  'overtaget konto|kontoen|mail|mailen|profil|profilen|systemer|computer|computeren',
  'taken over',
  'data breach',
  'kræver|krævet penge|løsesum|bitcoin',
  'demand|demanding|demands|demanded ransom|money|bitcoin',
  'ransom demand',
  'klikket|klikkede link|linket|vedhæftning|vedhæftningen',
  'clicked link|attachment',
  'givet|gav password|kode|koden|adgangskode|adgangskoden|kodeord|login|loginoplysninger',
  'gave password|credentials',
  'står stille',
  'fået virus|malware|ransomware',
  'got virus|malware|ransomware',
  'har virus|malware',
] as const;

/**
 * Words that state that something happened ("vi er blevet hacket", "we have been hacked"): an event phrase with one
 * of them is an attack even in a question about prevention; without, beside a prevention word ("hvordan undgår vi at
 * blive hacket"), it is a prevention question.
 */
const STATEMENT = ['er', 'har', 'blev', 'blevet', 'nu', 'lige', 'are', 'is', 'was', 'were', 'been', 'has', 'now'];

/** Topic words that, alone, most likely mean an attack; with a prevention word they are a prevention question. */
const TOPICS = [
  'ransomware',
  'løsesum',
  'løsesumsvirus',
  'løsepenge',
  'ransom',
  'kryptovirus',
  'databrud',
  'cyberangreb',
  'hackerangreb',
] as const;

/** A compound ending in "angreb" names an attack ("virusangreb", "ransomwareangreb"). */
const ATTACK_HEAD = 'angreb';

/** Quality of a word match: same stem, an inflection, a shared stem of a verb and its noun, a typo, a compound head. */
const SAME = 1;
const INFLECTION = 0.9;
const DERIVED = 0.7;
const COMPOUND_PART = 0.85;
const HEAD_OF_COMPOUND = 0.6;
/** A phrase matched only in part counts this much of its words' weight. */
const PARTIAL = 0.4;
/** The least score that names a need (a typo of a word unique to one need scores about 2.5). */
const MIN_SCORE = 1.2;
/** Needs within this share of the best score are equally likely. */
const TIE = 0.8;
const MAX_WORDS = 12;
const MAX_CHOICES = 6;

interface LexiconWord {
  text: string;
  key: string;
  idf: number;
}

interface CompiledNeed {
  slug: string;
  phrases: LexiconWord[][];
}

export interface CompiledLexicon {
  needs: CompiledNeed[];
  vocabulary: Map<string, LexiconWord>;
  /** The stems of the vocabulary, for telling a known word from an unknown one in O(1). */
  keys: Set<string>;
  emergencyNeed: string;
  broad: { terms: Set<string>; choices: readonly string[] }[];
}

/** A word as compared: normalised, digraphs folded. */
function plain(word: string): string {
  return foldDigraphs(normalizeText(word));
}

/** Words of a text: hyphenated tokens both split and joined ("it-sikkerhed" → it, sikkerhed, itsikkerhed). */
function wordsOf(text: string): string[][] {
  const alternatives: string[][] = [[]];
  for (const token of rawTokens(text)) {
    const parts = token.split('-').map(plain);
    alternatives[0]?.push(...parts);
    if (parts.length > 1) alternatives.push([parts.join('')]);
  }
  return alternatives;
}

export function compileLexicon(lexicon: ReadingLexicon): CompiledLexicon {
  const documentFrequency = new Map<string, Set<string>>();
  const raw = lexicon.needs.map((need) => {
    const phrases: string[][] = [];
    const seen = new Set<string>();
    for (const phrase of need.phrases) {
      for (const words of wordsOf(phrase)) {
        const content = words.filter((word) => !FILLER.has(word));
        const id = content.join(' ');
        if (content.length === 0 || seen.has(id)) continue;
        seen.add(id);
        phrases.push(content);
        for (const word of content) {
          const slugs = documentFrequency.get(word) ?? new Set<string>();
          slugs.add(need.slug);
          documentFrequency.set(word, slugs);
        }
      }
    }
    return { slug: need.slug, phrases };
  });
  const total = lexicon.needs.length;
  const vocabulary = new Map<string, LexiconWord>();
  for (const [text, slugs] of documentFrequency) {
    vocabulary.set(text, { text, key: termKey(text), idf: Math.log(1 + total / slugs.size) });
  }
  return {
    needs: raw.map((need) => ({
      slug: need.slug,
      phrases: need.phrases.map((phrase) => phrase.map((word) => vocabulary.get(word) as LexiconWord)),
    })),
    vocabulary,
    keys: new Set([...vocabulary.values()].map((word) => word.key)),
    emergencyNeed: lexicon.emergencyNeed,
    broad: lexicon.broad.map((group) => ({
      terms: new Set(group.terms.flatMap((term) => wordsOf(term).map((words) => words.join(' ')))),
      choices: group.choices,
    })),
  };
}

/** Optimal string alignment distance, stopping early once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previous2[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return i;
}

/** How well a typed word `q` stands for the lexicon word `w` (0 = not at all). */
export function agreement(q: string, w: LexiconWord): number {
  if (q === w.text || termKey(q) === w.key) return SAME;
  const shorter = Math.min(q.length, w.text.length);
  if (shorter >= 5 && Math.abs(q.length - w.text.length) <= 3 && (q.startsWith(w.text) || w.text.startsWith(q))) {
    return INFLECTION;
  }
  const shared = commonPrefix(q, w.text);
  if (shared >= 6 && shared >= 0.75 * shorter) return DERIVED;
  // A code with digits ("nis2", "27001") is another code when a character differs ("nis1", "27701"); only a swap of
  // two characters is taken as a typo ("nsi2").
  if (/\d/.test(q)) {
    const sorted = (text: string) => [...text].sort().join('');
    return q.length === w.text.length && sorted(q) === sorted(w.text) && editDistance(q, w.text, 1) === 1 ? 0.7 : 0;
  }
  if (shorter >= 4) {
    const limit = w.text.length >= 8 && q.length >= 6 ? 2 : 1;
    const distance = editDistance(q, w.text, limit);
    if (distance <= limit) return distance <= 1 ? 0.7 : 0.5;
  }
  // One part of a catalogue compound: its head ("overvågning" in "døgnovervågning") or its modifier ("mobil" in
  // "mobiltelefon").
  if (q.length >= 6 && w.text.length > q.length + 2 && w.text.endsWith(q)) return HEAD_OF_COMPOUND;
  if (q.length >= 5 && w.text.length > q.length + 3 && w.text.startsWith(q)) return HEAD_OF_COMPOUND;
  return 0;
}

function knownWord(word: string, lexicon: CompiledLexicon): boolean {
  return (
    lexicon.vocabulary.has(word) || FILLER.has(word) || COMPOUND_FILLER.has(word) || lexicon.keys.has(termKey(word))
  );
}

/** Heads that make a compound of a known word without adding a need ("backupløsning", "firewallopsætning"). */
const COMPOUND_FILLER = new Set([
  'løsning',
  'løsninger',
  'system',
  'systemer',
  'program',
  'opsætning',
  'beskyttelse',
  'sikkerhed',
  'angreb',
  'politik',
  'mails',
  'mail',
  'test',
  'tjek',
  'krav',
  'hjælp',
  'firma',
  'rådgivning',
  'service',
  'kursus',
  'plan',
]);

/**
 * Split an unknown compound into two known words, dropping a linking s or e: "backupløsning" → backup + løsning,
 * "netværksovervågning" → netværk + overvågning. The longest known head wins.
 */
export function splitKnownCompound(word: string, lexicon: CompiledLexicon): [string, string] | undefined {
  if (knownWord(word, lexicon) || word.length < 7) return undefined;
  for (let cut = 3; cut <= word.length - 3; cut += 1) {
    const head = word.slice(cut);
    if (!knownWord(head, lexicon)) continue;
    let modifier = word.slice(0, cut);
    if (!knownWord(modifier, lexicon) && modifier.length >= 4 && /[se]$/.test(modifier)) {
      modifier = modifier.slice(0, -1);
    }
    if (knownWord(modifier, lexicon)) return [modifier, head];
  }
  return undefined;
}

interface TypedWord {
  text: string;
  /** Index of the typed token it came from (compound parts share it). */
  source: number;
  quality: number;
}

function typedWords(query: string, lexicon: CompiledLexicon): { words: TypedWord[]; all: string[]; tokens: string[] } {
  const all: string[] = [];
  const words: TypedWord[] = [];
  const tokens = rawTokens(query.slice(0, 200)).slice(0, 40);
  tokens.forEach((token, source) => {
    const parts = token.split('-').map(plain);
    all.push(...parts);
    const candidates = parts.length > 1 ? [...parts, parts.join('')] : parts;
    for (const text of candidates) {
      if (FILLER.has(text)) continue;
      words.push({ text, source, quality: 1 });
      const split = splitKnownCompound(text, lexicon);
      if (split)
        for (const part of split) if (!FILLER.has(part)) words.push({ text: part, source, quality: COMPOUND_PART });
    }
  });
  return { words: words.slice(0, MAX_WORDS * 3), all, tokens };
}

/** True when a typed word is one of the alternatives, or (with `loose`) an inflection or one typo from one. */
function hasWord(all: readonly string[], alternatives: readonly string[], loose = false): boolean {
  return all.some((word) =>
    alternatives.some(
      (alt) => word === alt || (loose && alt.length >= 5 && (editDistance(word, alt, 1) <= 1 || word.startsWith(alt))),
    ),
  );
}

/** The cue lists as compared (normalised, digraphs folded), worked out once rather than on every query. */
const EVENT_PATTERNS = EVENTS.map((pattern) => pattern.split(' ').map((slot) => slot.split('|').map(plain)));
const PREVENTION_WORDS = PREVENTION.map(plain);
const TOPIC_WORDS = TOPICS.map((topic) => ({ word: plain(topic), typos: topic.length >= 8 ? 2 : 1 }));

function matchesPattern(all: readonly string[], slots: readonly (readonly string[])[]): boolean {
  return slots.every((alternatives) => hasWord(all, alternatives));
}

interface NeedScore {
  slug: string;
  score: number;
  /** Typed tokens (sources) that gave this need its score. */
  sources: Set<number>;
  /** True when some phrase of the need matched completely with two or more words. */
  fullPhrase: boolean;
}

function scoreNeeds(words: readonly TypedWord[], lexicon: CompiledLexicon): NeedScore[] {
  const scores: NeedScore[] = [];
  for (const need of lexicon.needs) {
    const best = new Map<number, number>();
    let fullPhrase = false;
    for (const phrase of need.phrases) {
      const matched = phrase.map((entry) => {
        let top = 0;
        let source = -1;
        for (const word of words) {
          const value = agreement(word.text, entry) * word.quality;
          if (value > top) {
            top = value;
            source = word.source;
          }
        }
        return { value: top * entry.idf, source };
      });
      const hits = matched.filter((m) => m.value > 0);
      if (hits.length === 0) continue;
      const full = hits.length === phrase.length;
      if (full && phrase.length > 1) fullPhrase = true;
      for (const hit of hits) {
        // A phrase matched in part counts more the more of it matched: one word of two 0.4, two of four 0.6.
        const value = full
          ? hit.value
          : hit.value * (PARTIAL + ((1 - PARTIAL) * (hits.length - 1)) / (phrase.length - 1));
        if (value > (best.get(hit.source) ?? 0)) best.set(hit.source, value);
      }
    }
    if (best.size === 0) continue;
    let score = 0;
    for (const value of best.values()) score += value;
    scores.push({ slug: need.slug, score, sources: new Set(best.keys()), fullPhrase });
  }
  return scores.sort((a, b) => b.score - a.score);
}

function broadGroup(term: string, lexicon: CompiledLexicon): CompiledLexicon['broad'][number] | undefined {
  return lexicon.broad.find(
    (g) =>
      g.terms.has(term) ||
      [...g.terms].some((known) => known.length >= 4 && term.startsWith(known) && term.length - known.length <= 2),
  );
}

/**
 * The choice for a query made only of broad words: multi-word terms first ("cyber security"), then each word, an
 * unknown compound by its parts ("sikkerhedsløsninger" → sikkerhed + løsninger). Undefined when a word is specific.
 */
function broadChoices(contentTokens: readonly string[], lexicon: CompiledLexicon): string[] | undefined {
  if (contentTokens.length === 0) return undefined;
  const groups: CompiledLexicon['broad'][number][] = [];
  let rest = ` ${contentTokens.join(' ')} `;
  for (const group of lexicon.broad) {
    for (const term of group.terms) {
      if (!term.includes(' ') || !rest.includes(` ${term} `)) continue;
      rest = rest.replace(` ${term} `, ' ');
      groups.push(group);
    }
  }
  for (const token of rest.trim().split(' ').filter(Boolean)) {
    const group = broadGroup(token, lexicon);
    if (group !== undefined) {
      groups.push(group);
      continue;
    }
    const parts = (splitKnownCompound(token, lexicon) ?? []).filter(
      (part) => !FILLER.has(part) && !COMPOUND_FILLER.has(part),
    );
    const partGroups = parts.map((part) => broadGroup(part, lexicon));
    if (parts.length === 0 || partGroups.some((g) => g === undefined)) return undefined;
    groups.push(...(partGroups as CompiledLexicon['broad'][number][]));
  }
  const choices: string[] = [];
  for (const group of groups) for (const choice of group.choices) if (!choices.includes(choice)) choices.push(choice);
  return choices.slice(0, MAX_CHOICES);
}

export function readQuery(query: string, lexicon: CompiledLexicon): QueryReading {
  const { words, all, tokens } = typedWords(query, lexicon);
  if (all.length === 0) return { kind: 'words' };
  const scored = scoreNeeds(words, lexicon);
  const contentTokens = [...new Set(words.filter((w) => w.quality === 1).map((w) => w.text))];
  const prevention = hasWord(all, PREVENTION_WORDS, true);
  const event = EVENT_PATTERNS.some((slots) => matchesPattern(all, slots));
  const topicWords = all.filter(
    (word) =>
      TOPIC_WORDS.some((topic) => word === topic.word || editDistance(word, topic.word, 2) <= topic.typos) ||
      (word.length > ATTACK_HEAD.length + 2 && word.endsWith(ATTACK_HEAD)),
  );
  // A topic word alone (or with other attack words) is an attack; beside a prevention word or another need, it is not.
  const otherContent = contentTokens.filter(
    (token) => !topicWords.includes(token) && !splitParts(token, lexicon).some((p) => p === ATTACK_HEAD),
  );
  const topicAlone = topicWords.length > 0 && !prevention && otherContent.length === 0;
  const stated = hasWord(all, STATEMENT);
  if ((event && (!prevention || stated)) || topicAlone) {
    const related = scored
      .filter((s) => s.slug !== lexicon.emergencyNeed && s.score >= MIN_SCORE)
      .slice(0, 3)
      .map((s) => s.slug);
    return { kind: 'urgent', needs: [lexicon.emergencyNeed], related, rest: '' };
  }

  const top = scored[0];
  // A whole multi-word catalogue phrase ("email security", "network security") is specific even when its words are not.
  const specific = top?.fullPhrase === true && top.score >= MIN_SCORE;
  if (!specific) {
    const choices = broadChoices(contentTokens, lexicon);
    if (choices !== undefined) return { kind: 'broad', choices };
  }
  if (top === undefined || top.score < MIN_SCORE) return { kind: 'words' };
  const candidates = prevention ? scored.filter((s) => s.slug !== lexicon.emergencyNeed) : scored;
  const first = candidates[0] ?? top;
  const tied = candidates.filter((s) => s.score >= TIE * first.score);
  if (tied.length > 3) return { kind: 'broad', choices: tied.slice(0, MAX_CHOICES).map((s) => s.slug) };
  // Needs named by different words are all meant ("forsikringen kræver tofaktor"); equal readings of the same
  // words are alternatives, except in a prevention question, where each is part of the answer.
  const chosen: NeedScore[] = [first];
  const covered = new Set(first.sources);
  for (const candidate of candidates.slice(1)) {
    if (chosen.length >= 3 || candidate.score < MIN_SCORE) break;
    const adds = [...candidate.sources].some((source) => !covered.has(source));
    const equal = candidate.score >= TIE * first.score;
    if ((adds && candidate.score >= 0.5 * first.score) || (prevention && equal)) {
      chosen.push(candidate);
      for (const source of candidate.sources) covered.add(source);
    }
  }
  const related = candidates
    .filter((s) => !chosen.includes(s) && s.score >= MIN_SCORE)
    .slice(0, 3)
    .map((s) => s.slug);
  // The words as typed (not folded) of the tokens no chosen need accounts for, so the engine reads them its own way.
  const restSources = new Set(words.filter((w) => w.quality === 1 && !covered.has(w.source)).map((w) => w.source));
  const rest = [...restSources].sort((a, b) => a - b).map((source) => tokens[source] as string);
  return { kind: 'needs', needs: chosen.map((s) => s.slug), related, rest: [...new Set(rest)].join(' ') };
}

function splitParts(token: string, lexicon: CompiledLexicon): string[] {
  return splitKnownCompound(token, lexicon) ?? [token];
}

function namesQuery(document: { name: string; companyName: string }, query: string, exact: boolean): boolean {
  const words = normalizeText(query).trim().replace(/\s+/g, ' ');
  if (words.length < 3) return false;
  return [document.name, document.companyName].some((name) => {
    const named = normalizeText(name).trim().replace(/\s+/g, ' ');
    return exact ? named === words : named.includes(words);
  });
}

export interface ReadSearch {
  reading: QueryReading;
  /** The listings shown: the reading's needs' providers, or the words as typed. Empty for a broad reading. */
  response: SearchResponse;
}

/**
 * Search as the page does: read the query, then ask the engine for the needs' providers (keeping the request's other
 * filters), with the unexplained words as text among them when that still finds something. A request that already
 * chose needs, or asks for the words as typed, is searched as it is. A broad reading asks the engine for nothing
 * but the counts (the choice shows each need's).
 */
export async function searchAsRead(
  engine: SearchEngine,
  request: SearchRequest,
  lexicon: CompiledLexicon,
  options: { literal?: boolean } = {},
): Promise<ReadSearch> {
  const chosenNeeds = (request.filters?.needs?.length ?? 0) > 0;
  const reading: QueryReading =
    options.literal || chosenNeeds || request.query.trim() === ''
      ? { kind: 'words' }
      : readQuery(request.query, lexicon);
  if (reading.kind === 'words') return { reading, response: await engine.search(request) };
  // A listing's own name beats a reading ("Beredskabsvagt Nord" is a product, not the continuity need): when the words
  // as typed find a listing whose name holds them all, the words are searched as typed.
  if (reading.kind !== 'urgent' && (reading.kind === 'broad' || reading.rest !== '')) {
    const asTyped = await engine.search(request);
    // A broad word is often part of a name ("Nordlys Data"): then only a name that is the words exactly counts.
    const exact = reading.kind === 'broad';
    if (asTyped.hits.slice(0, 3).some((hit) => namesQuery(hit.document, request.query, exact))) {
      return { reading: { kind: 'words' }, response: asTyped };
    }
  }
  if (reading.kind === 'broad') {
    const facets =
      request.facets === undefined || request.facets.includes('needs')
        ? request.facets
        : [...request.facets, 'needs' as const];
    const response = await engine.search({ ...request, query: '', limit: 0, offset: 0, ...(facets ? { facets } : {}) });
    return { reading, response: { ...response, hits: [], total: 0 } };
  }
  const filters = { ...request.filters, needs: reading.needs };
  if (reading.rest !== '') {
    const narrowed = await engine.search({ ...request, query: reading.rest, filters });
    if (narrowed.total > 0) return { reading, response: narrowed };
    reading.rest = '';
  }
  return { reading, response: await engine.search({ ...request, query: '', filters }) };
}

/**
 * What a read search showed, for the relevance benchmark: the providers' needs in order, or for a broad reading
 * the choice of needs itself (each choice one entry: what the SME sees first and clicks).
 */
export async function askAsRead(
  engine: SearchEngine,
  query: string,
  lexicon: CompiledLexicon,
): Promise<{ ranking: string[][]; total: number }> {
  const { reading, response } = await searchAsRead(
    engine,
    { query, sort: 'relevance', limit: 10, facets: [] },
    lexicon,
  );
  if (reading.kind === 'broad')
    return { ranking: reading.choices.map((slug) => [slug]), total: reading.choices.length };
  return { ranking: response.hits.map((hit) => hit.document.needs), total: response.total };
}
