/**
 * Ranks candidate providers for an SME profile by the public rules in `rules.ts` and explains
 * every point. Pure: the same candidates and context always give the same result, and a
 * candidate's score depends only on its own facts, so no provider can lose points because of
 * another. Explanations are built only from the candidate's facts and the SME's context.
 */
import { createHash } from 'node:crypto';
import { lapsesAt } from '../confirmation';
import type { SizeBand, Text } from '../model';
import { popcount } from './cover';
import { budgetLimit, RANKING_RULES } from './rules';
import type {
  Candidate,
  CandidateCertification,
  CandidateProduct,
  Criterion,
  MatchContext,
  RankedList,
  RankedProvider,
  ScoreComponent,
} from './types';

export type ScoredCandidate = Omit<RankedProvider, 'rank'>;

const RULES = RANKING_RULES.criteria;

// Lists are joined and numbers grouped by hand: Intl formatters were the largest cost when ranking thousands.
const AND: Text = { da: 'og', en: 'and' };
const OR: Text = { da: 'eller', en: 'or' };
const COLLATOR = new Intl.Collator('da');

const SIZE_BAND_LABELS: Record<SizeBand, Text> = {
  micro: { da: '1–9 ansatte', en: '1–9 employees' },
  small: { da: '10–49 ansatte', en: '10–49 employees' },
  medium: { da: '50–249 ansatte', en: '50–249 employees' },
  large: { da: '250 eller flere ansatte', en: '250 or more employees' },
};

const LANGUAGE_NAMES: Record<string, Text> = {
  da: { da: 'dansk', en: 'Danish' },
  en: { da: 'engelsk', en: 'English' },
};

/** Regulation codes are identifiers; SMEs know them by these names. */
const REGULATION_NAMES: Record<string, string> = { ISO27001: 'ISO 27001', 'D-MAERKET': 'D-mærket' };

/** The profile's needs that exist, once each, in the order the SME chose them. */
export function chosenNeeds(context: MatchContext): string[] {
  return [...new Set(context.profile.needs)].filter((slug) => Object.hasOwn(context.needNames, slug));
}

/** A candidate's score and explanation, or null when it covers none of the chosen needs (then it is no match). */
export function scoreCandidate(candidate: Candidate, context: MatchContext): ScoredCandidate | null {
  return scoreWithNeeds(candidate, context, chosenNeeds(context));
}

// Per-context lookups, built once per match rather than once per candidate.
const NEED_SETS = new WeakMap<string[], Set<string>>();
const RELEVANT_SETS = new WeakMap<MatchContext, Set<string>>();

function needSet(needs: string[]): Set<string> {
  let set = NEED_SETS.get(needs);
  if (!set) {
    set = new Set(needs);
    NEED_SETS.set(needs, set);
  }
  return set;
}

function relevantSet(context: MatchContext): Set<string> {
  let set = RELEVANT_SETS.get(context);
  if (!set) {
    set = new Set(context.relevantRegulations);
    RELEVANT_SETS.set(context, set);
  }
  return set;
}

function scoreWithNeeds(candidate: Candidate, context: MatchContext, needs: string[]): ScoredCandidate | null {
  const limit = budgetLimit(context.profile.budget);
  const products = coveringProducts(candidate.products, needSet(needs), limit);
  if (products.length === 0) return null;
  // The best product for each need it addresses: the first in product order.
  const productFor = new Map<string, CandidateProduct>();
  for (const product of products) {
    for (const need of product.needSlugs) if (!productFor.has(need)) productFor.set(need, product);
  }
  const coveredNeeds = needs.filter((need) => productFor.has(need));
  const facts: Facts = { candidate, context, needs, coveredNeeds, productFor, products, limit };
  const breakdown = RANKING_RULES.order.map((criterion) => SCORERS[criterion](facts));
  const score = round2(breakdown.reduce((sum, component) => sum + component.points, 0));
  return { candidate, score, breakdown, coveredNeeds, products };
}

/** Per provider in rank order (rank = position + 1): its score in hundredths and its covered needs as bits over the chosen needs. */
export interface Coverage {
  cents: Int32Array;
  masks: Int32Array;
}

/** A ranking as arrays: the providers in rank order, what each covers (see Coverage), the needs nobody covers. */
export interface Ranking {
  providers: RankedProvider[];
  uncoveredNeeds: string[];
  /** The chosen needs that exist, in the profile's order (chosenNeeds); bit i of a mask is `needs[i]`. */
  needs: string[];
  coverage: Coverage;
}

/**
 * Scores, drops candidates that cover none of the needs, and orders by score. Equal scores are
 * ordered by a hash of the day and the provider: stable all day, redrawn every day, and blind to
 * names, so over time every tied provider comes first equally often.
 *
 * Every candidate is scored by `pointsOf`, which counts the same points as the explaining scorers
 * below but builds nothing; a provider's explanation and its ordered products are written only
 * when read (`Ranked`), because a match ranks thousands of providers and shows a page of them.
 * The two paths are held equal by a test over the sample and random profiles.
 */
export function rankProviders(candidates: readonly Candidate[], context: MatchContext): Ranking {
  const ranking = rankScorable(candidates.map(scorable), context);
  return { ...ranking, providers: ranking.providers.slice() };
}

/**
 * As rankProviders, over candidates the index has already prepared for scoring
 * (CandidateIndex.offeringFor), with the providers as a list that makes a provider's object when it
 * is read. A match used to keep an object for each of thousands of providers while the page read
 * ten; with several matches under way those objects outlived the young generation and filled the
 * old one, and its collections were the long tail of a match's time.
 */
export function rankScorable(
  entries: readonly Scorable[],
  context: MatchContext,
): { providers: RankedList; uncoveredNeeds: string[]; needs: string[]; coverage: Coverage } {
  const plan = planFor(context);
  const count = entries.length;
  const scores = new Int32Array(count);
  const bits = new Int32Array(count);
  const order = new Int32Array(count);
  let kept = 0;
  let coveredByAnyone = 0;
  for (let index = 0; index < count; index += 1) {
    const entry = entries[index] as Scorable;
    const cents = pointsOf(entry, plan);
    if (cents < 0) continue;
    tieOf(entry, context.day);
    scores[index] = cents;
    bits[index] = plan.mask;
    order[kept] = index;
    kept += 1;
    coveredByAnyone |= plan.mask;
  }
  // Synchronous from the tie keys to here, so no other match can set them for another day in between.
  const ranked = order
    .subarray(0, kept)
    .sort(
      (a, b) =>
        (scores[b] as number) - (scores[a] as number) ||
        compareKeys((entries[a] as Scorable).tie, (entries[b] as Scorable).tie),
    );
  const ordered: Scorable[] = new Array(kept);
  const cents = new Int32Array(kept);
  const masks = new Int32Array(kept);
  for (let rank = 0; rank < kept; rank += 1) {
    const index = ranked[rank] as number;
    ordered[rank] = entries[index] as Scorable;
    cents[rank] = scores[index] as number;
    masks[rank] = bits[index] as number;
  }
  const uncoveredNeeds = plan.needs.filter((_, index) => (coveredByAnyone & (1 << index)) === 0);
  return {
    providers: new LazyRanking(ordered, { cents, masks }, plan),
    uncoveredNeeds,
    needs: plan.needs,
    coverage: { cents, masks },
  };
}

/** The matcher's ranked list: a provider's object is made on first read and kept, so it is the same object every time. */
class LazyRanking implements RankedList {
  readonly #entries: Scorable[];
  readonly #coverage: Coverage;
  readonly #plan: Plan;
  readonly #made = new Map<number, Ranked>();

  constructor(entries: Scorable[], coverage: Coverage, plan: Plan) {
    this.#entries = entries;
    this.#coverage = coverage;
    this.#plan = plan;
  }

  get length(): number {
    return this.#entries.length;
  }

  /** As Array.prototype.at. */
  at(position: number): RankedProvider | undefined {
    const relative = Math.trunc(position) || 0;
    const index = relative < 0 ? relative + this.length : relative;
    if (index < 0 || index >= this.length) return undefined;
    let provider = this.#made.get(index);
    if (!provider) {
      const { cents, masks } = this.#coverage;
      provider = new Ranked(
        this.#entries[index] as Scorable,
        cents[index] as number,
        masks[index] as number,
        this.#plan,
        index + 1,
      );
      this.#made.set(index, provider);
    }
    return provider;
  }

  /** As Array.prototype.slice. */
  slice(start = 0, end = this.length): RankedProvider[] {
    const from = clampIndex(start, this.length);
    const to = clampIndex(end, this.length);
    const slice: RankedProvider[] = [];
    for (let index = from; index < to; index += 1) slice.push(this.at(index) as RankedProvider);
    return slice;
  }

  *[Symbol.iterator](): Iterator<RankedProvider> {
    for (let index = 0; index < this.length; index += 1) yield this.at(index) as RankedProvider;
  }

  /** Serialised like the array it stands for. */
  toJSON(): RankedProvider[] {
    return this.slice();
  }
}

function clampIndex(value: number, length: number): number {
  const integer = Math.trunc(value) || 0;
  return integer < 0 ? Math.max(0, length + integer) : Math.min(integer, length);
}

/** What scoring a candidate needs from the context, worked out once per match. */
interface Plan {
  context: MatchContext;
  needs: string[];
  /** Need ordinal (see NEED_ORDINALS) → its bit in this match (1 << its index in `needs`), 0 when not chosen. */
  bitOf: Int32Array;
  limit: number | null;
  relevant: Set<string>;
  municipality: string | null;
  region: string | null;
  sector: string | null;
  bands: readonly SizeBand[];
  /** `bands` as bits (see bandBits). */
  bandBits: number;
  language: string;
  /** The language's bit among LANGUAGE_ORDINALS. */
  languageBit: number;
  onsite: boolean;
  /** The needs the last candidate scored covers, as bits: set by pointsOf, so scoring allocates nothing. */
  mask: number;
}

/**
 * Small numbers for need slugs and languages, given on first sight and kept for the process: the
 * catalogue has a few dozen needs, so a match turns its chosen needs into a lookup table and a
 * product's needs into bits without hashing a string per product.
 */
const NEED_ORDINALS = new Map<string, number>();
const LANGUAGE_ORDINALS = new Map<string, number>();
const SIZE_BAND_ORDINALS = new Map<string, number>();

function ordinal(ordinals: Map<string, number>, key: string): number {
  let value = ordinals.get(key);
  if (value === undefined) {
    value = ordinals.size;
    ordinals.set(key, value);
  }
  return value;
}

/** A language's bit; languages past the 31st share none (they are then found by name, see languageMatches). */
function languageBit(language: string): number {
  const value = ordinal(LANGUAGE_ORDINALS, language);
  return value < 31 ? 1 << value : 0;
}

/**
 * Size bands as bits; the vocabulary has four. A band past the 31st seen gets none (0 for the
 * whole set), and then bands are compared by name (see pointsOf).
 */
function bandBits(bands: readonly string[]): number {
  let bits = 0;
  for (const band of bands) {
    const value = ordinal(SIZE_BAND_ORDINALS, band);
    if (value >= 31) return 0;
    bits |= 1 << value;
  }
  return bits;
}

function planFor(context: MatchContext): Plan {
  const needs = chosenNeeds(context);
  // Covered needs are bits of one 32-bit integer; a profile holds at most 15 (the API's limit).
  if (needs.length > 31) throw new RangeError(`a match ranks for at most 31 needs, got ${needs.length}`);
  const ordinals = needs.map((need) => ordinal(NEED_ORDINALS, need));
  const bitOf = new Int32Array(NEED_ORDINALS.size);
  ordinals.forEach((value, index) => {
    bitOf[value] = 1 << index;
  });
  const band = context.profile.sizeBand;
  const language = context.profile.language ?? RANKING_RULES.defaultLanguage;
  return {
    context,
    needs,
    bitOf,
    limit: budgetLimit(context.profile.budget),
    relevant: relevantSet(context),
    municipality: context.profile.municipality && context.regionCode ? context.profile.municipality : null,
    region: context.profile.municipality ? context.regionCode : null,
    sector: context.profile.sector && context.sectorName ? context.profile.sector : null,
    bands: band ? [band] : RANKING_RULES.smeSizeBands,
    bandBits: bandBits(band ? [band] : RANKING_RULES.smeSizeBands),
    language,
    languageBit: languageBit(language),
    onsite: context.profile.delivery === 'onsite',
    mask: 0,
  };
}

const SME_FIT = 1;
const REMOTE = 2;
/** Some product speaks a language without a bit of its own: then languages are compared by name. */
const MANY_LANGUAGES = 4;

/**
 * A candidate as scoring reads it, worked out once per candidate object (the index replaces a
 * candidate when its company changes, so nothing here outlives its data). Per product its flags,
 * price (NaN on request), language bits, the number of needs it addresses and their ordinals, packed
 * into one array; the company's facts a score compares, one property away and in one shape for all.
 * Reading these is several times faster than walking thousands of candidates' product objects, slug
 * lists and nested places on every match, and scoring them allocates nothing.
 */
export class Scorable {
  readonly products: Float64Array;
  readonly municipality: string;
  readonly region: string;
  /** The customer size bands it serves, as bits (see bandBits). */
  readonly sizeBands: number;
  /** When its confirmation lapses (epoch ms; Infinity without a date): then it is not recommended. */
  readonly lapsesAt: number;
  /** The last union this entry was taken into (CandidateIndex.offeringFor), so a union needs no Set. */
  stamp = 0;
  /** Its tie key (see tieKey) and the day it is for. */
  tie = '';
  tieDay = '';

  constructor(readonly candidate: Candidate) {
    let length = 0;
    for (const product of candidate.products) length += 4 + product.needSlugs.length;
    const packed = new Float64Array(length);
    let at = 0;
    for (const product of candidate.products) {
      let languages = 0;
      let flags = (product.smeFit ? SME_FIT : 0) | (product.delivery.includes('remote') ? REMOTE : 0);
      for (const language of product.languages) {
        const bit = languageBit(language);
        if (bit === 0) flags |= MANY_LANGUAGES;
        languages |= bit;
      }
      packed[at] = flags;
      packed[at + 1] = product.priceFromDkk ?? Number.NaN;
      packed[at + 2] = languages;
      packed[at + 3] = product.needSlugs.length;
      at += 4;
      for (const need of product.needSlugs) {
        packed[at] = ordinal(NEED_ORDINALS, need);
        at += 1;
      }
    }
    this.products = packed;
    this.municipality = candidate.municipality.code;
    this.region = candidate.region.code;
    this.sizeBands = bandBits(candidate.customerSizeBands);
    this.lapsesAt = lapsesAt(candidate.confirmedAt);
  }
}

/**
 * Candidates handed to rankProviders directly (tests, tools) are prepared once per candidate object
 * too, so a candidate must not be changed in place after it was ranked (the index never does: it
 * replaces a changed company's candidate).
 */
const SCORABLE = new WeakMap<Candidate, Scorable>();

export function scorable(candidate: Candidate): Scorable {
  let entry = SCORABLE.get(candidate);
  if (!entry) {
    entry = new Scorable(candidate);
    SCORABLE.set(candidate, entry);
  }
  return entry;
}

/**
 * A candidate's score in hundredths exactly as the breakdown adds it up (same rules, same order of
 * addition, rounded to hundredths as round2 does), or -1 when it covers none of the needs. Sets
 * `plan.mask` to the needs it covers.
 */
function pointsOf(entry: Scorable, plan: Plan): number {
  const products = entry.products;
  const { bitOf, limit, languageBit: spoken } = plan;
  let mask = 0;
  let fit = false;
  let productSpeaks = false;
  let remote = false;
  let byName = false;
  let price = Number.NEGATIVE_INFINITY;
  for (let at = 0; at < products.length; ) {
    const flags = products[at] as number;
    const end = at + 4 + (products[at + 3] as number);
    let addresses = 0;
    for (let need = at + 4; need < end; need += 1) {
      const value = products[need] as number;
      if (value < bitOf.length) addresses |= bitOf[value] as number;
    }
    if (addresses !== 0) {
      mask |= addresses;
      fit ||= (flags & SME_FIT) !== 0;
      remote ||= (flags & REMOTE) !== 0;
      productSpeaks ||= ((products[at + 2] as number) & spoken) !== 0;
      byName ||= (flags & MANY_LANGUAGES) !== 0;
      const from = products[at + 1] as number;
      const points = priceRulePoints(Number.isNaN(from) ? null : from, limit);
      if (points > price) price = points;
    }
    at = end;
  }
  plan.mask = mask;
  if (mask === 0) return -1;
  const candidate = entry.candidate;
  if (!productSpeaks && (byName || spoken === 0)) productSpeaks = languageMatches(candidate, plan);

  const needs = round2((RULES.needs.max * popcount(mask)) / plan.needs.length);
  const certifications = plan.relevant.size === 0 ? 0 : certificationPoints(candidate.certifications, plan.relevant);
  const distance = distancePoints(entry, plan, remote);
  const sector =
    plan.sector === null ? RULES.sector.max : candidate.sectors.includes(plan.sector) ? RULES.sector.experienced : 0;
  const servesSize =
    (entry.sizeBands & plan.bandBits) !== 0 ||
    ((entry.sizeBands === 0 || plan.bandBits === 0) &&
      candidate.customerSizeBands.some((customers) => plan.bands.includes(customers)));
  const speaks = productSpeaks || candidate.languages.includes(plan.language);
  const smeFit =
    (fit ? RULES.smeFit.smeFitProduct : 0) +
    (servesSize ? RULES.smeFit.servesSizeBand : 0) +
    (speaks ? RULES.smeFit.speaksLanguage : 0);
  let sum = 0;
  for (const criterion of RANKING_RULES.order) {
    if (criterion === 'needs') sum += needs;
    else if (criterion === 'certifications') sum += certifications;
    else if (criterion === 'distance') sum += distance;
    else if (criterion === 'sector') sum += sector;
    else if (criterion === 'smeFit') sum += smeFit;
    else sum += price;
  }
  // As a small integer (| 0): a double here would box every Ranked's score in a number object of its own.
  return Math.round(sum * 100) | 0;
}

/** The slow way, by name, for languages beyond the bits: whether a product covering a chosen need speaks it. */
function languageMatches(candidate: Candidate, plan: Plan): boolean {
  return candidate.products.some(
    (product) =>
      product.languages.includes(plan.language) &&
      product.needSlugs.some((need) => (plan.bitOf[NEED_ORDINALS.get(need) ?? plan.bitOf.length] ?? 0) !== 0),
  );
}

/** As scoreCertifications: one claim per certification code, the most trusted one, capped at the maximum. */
function certificationPoints(certifications: CandidateCertification[], relevant: Set<string>): number {
  const rule = RULES.certifications;
  let points = 0;
  for (let index = 0; index < certifications.length; index += 1) {
    const certification = certifications[index] as CandidateCertification;
    if (!attestsTo(certification, relevant)) continue;
    let counted = false;
    let verified = false;
    for (let other = 0; other < certifications.length; other += 1) {
      const same = certifications[other] as CandidateCertification;
      if (same.code !== certification.code || !attestsTo(same, relevant)) continue;
      if (other < index) counted = true;
      verified ||= same.trust === 'verified';
    }
    if (!counted) points += verified ? rule.verified : rule.unverifiedOrStale;
  }
  return Math.min(rule.max, points);
}

function attestsTo(certification: CandidateCertification, relevant: Set<string>): boolean {
  const codes = certification.regulations;
  for (let index = 0; index < codes.length; index += 1) if (relevant.has(codes[index] as string)) return true;
  return false;
}

/** As scoreDistance. */
function distancePoints(entry: Scorable, plan: Plan, remote: boolean): number {
  const rule = RULES.distance;
  if (plan.municipality === null || plan.region === null) return rule.max;
  if (entry.municipality === plan.municipality) return rule.sameMunicipality;
  if (entry.region === plan.region) return rule.sameRegion;
  if (entry.candidate.regionsServed.includes(plan.region)) return rule.servesRegion;
  return remote && !plan.onsite ? rule.remoteDelivery : 0;
}

/**
 * A ranked provider whose explanation, covered needs and ordered products are worked out on first
 * read, from the same facts; serialised like the plain object it stands for. Only the providers a
 * match's reader asks for are made (LazyRanking), so each can keep what it has written.
 */
class Ranked implements RankedProvider {
  readonly candidate: Candidate;
  readonly score: number;
  readonly #plan: Plan;
  readonly #mask: number;
  #covered: string[] | undefined;
  #explained: ScoredCandidate | undefined;

  constructor(
    entry: Scorable,
    cents: number,
    mask: number,
    plan: Plan,
    readonly rank: number,
  ) {
    this.candidate = entry.candidate;
    this.score = cents / 100;
    this.#mask = mask;
    this.#plan = plan;
  }

  get coveredNeeds(): string[] {
    this.#covered ??= this.#plan.needs.filter((_, index) => (this.#mask & (1 << index)) !== 0);
    return this.#covered;
  }

  get breakdown(): ScoreComponent[] {
    return this.#explain().breakdown;
  }

  get products(): CandidateProduct[] {
    return this.#explain().products;
  }

  #explain(): ScoredCandidate {
    this.#explained ??= scoreWithNeeds(this.candidate, this.#plan.context, this.#plan.needs) as ScoredCandidate;
    return this.#explained;
  }

  toJSON(): RankedProvider {
    const { candidate, score, breakdown, coveredNeeds, products, rank } = this;
    return { candidate, score, breakdown, coveredNeeds, products, rank };
  }
}

/**
 * A provider's tie key for a day, kept on its entry until the day changes: it depends only on the
 * day and the provider, and hashing every tied provider again on every match cost more than the scoring.
 */
function tieOf(entry: Scorable, day: string): void {
  if (entry.tieDay !== day) {
    entry.tie = tieKey(day, entry.candidate.slug);
    entry.tieDay = day;
  }
}

/** SHA-256 mixes well enough that a provider's place among equals is independent from one day to the next. */
function tieKey(day: string, slug: string): string {
  return createHash('sha256').update(`${day}:${slug}`).digest('hex');
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Facts {
  candidate: Candidate;
  context: MatchContext;
  /** The chosen needs that exist. */
  needs: string[];
  coveredNeeds: string[];
  /** Need slug → the best product addressing it. */
  productFor: Map<string, CandidateProduct>;
  /** Products addressing at least one chosen need, best first. */
  products: CandidateProduct[];
  /** Budget ceiling in DKK; null when there is none. */
  limit: number | null;
}

const SCORERS: Record<Criterion, (facts: Facts) => ScoreComponent> = {
  needs: scoreNeeds,
  certifications: scoreCertifications,
  distance: scoreDistance,
  sector: scoreSector,
  smeFit: scoreSmeFit,
  price: scorePrice,
};

function coveringProducts(products: CandidateProduct[], needs: Set<string>, limit: number | null): CandidateProduct[] {
  const counted: Array<{ product: CandidateProduct; addressed: number }> = [];
  for (const product of products) {
    // Counted without building arrays: this runs for every product of thousands of candidates.
    let addressed = 0;
    product.needSlugs.forEach((need, index) => {
      if (needs.has(need) && product.needSlugs.indexOf(need) === index) addressed += 1;
    });
    if (addressed > 0) counted.push({ product, addressed });
  }
  counted.sort(
    (a, b) =>
      b.addressed - a.addressed ||
      pricePoints(b.product, limit) - pricePoints(a.product, limit) ||
      COLLATOR.compare(a.product.name, b.product.name) ||
      compareKeys(a.product.slug, b.product.slug),
  );
  return counted.map(({ product }) => product);
}

function scoreNeeds({ context, needs, coveredNeeds, productFor }: Facts): ScoreComponent {
  const { max } = RULES.needs;
  return component('needs', round2((max * coveredNeeds.length) / needs.length), () => {
    const covered = coveredNeeds.map((need) => {
      const name = context.needNames[need] as Text;
      const quoted = quote((productFor.get(need) as CandidateProduct).name);
      return { da: `${name.da} (med ${quoted.da})`, en: `${name.en} (with ${quoted.en})` };
    });
    const coveredList = list(AND, covered);
    const reasons: Text[] = [];
    if (coveredNeeds.length === needs.length) {
      reasons.push({
        da: `${needs.length === 1 ? 'Dækker dit behov' : `Dækker alle dine ${needs.length} behov`}: ${coveredList.da}`,
        en: `${needs.length === 1 ? 'Covers your need' : `Covers all ${needs.length} of your needs`}: ${coveredList.en}`,
      });
    } else {
      reasons.push({
        da: `Dækker ${coveredNeeds.length} af ${needs.length} behov: ${coveredList.da}`,
        en: `Covers ${coveredNeeds.length} of ${needs.length} needs: ${coveredList.en}`,
      });
      const missing = list(
        AND,
        needs.filter((need) => !coveredNeeds.includes(need)).map((need) => context.needNames[need] as Text),
      );
      reasons.push({ da: `Dækker ikke: ${missing.da}`, en: `Does not cover: ${missing.en}` });
    }
    return reasons;
  });
}

function scoreCertifications({ candidate, context }: Facts): ScoreComponent {
  const rule = RULES.certifications;
  const relevant = relevantSet(context);
  const relevantNames = () => list(OR, [...relevant].map(regulationName));
  if (relevant.size === 0) {
    return component('certifications', 0, () => [
      {
        da: 'Dine valg peger ikke på regler, som en certificering kan dokumentere',
        en: 'Your choices do not point to rules that a certification can attest to',
      },
    ]);
  }
  const certifications = relevantCertifications(candidate.certifications, relevant);
  if (certifications.length === 0) {
    return component('certifications', 0, () => [
      {
        da: `Har ingen certificering, der dokumenterer ${relevantNames().da}`,
        en: `Holds no certification that attests to ${relevantNames().en}`,
      },
    ]);
  }
  const points = certifications.reduce(
    (sum, certification) => sum + (certification.trust === 'verified' ? rule.verified : rule.unverifiedOrStale),
    0,
  );
  return component('certifications', Math.min(rule.max, points), () =>
    certifications.map((certification) =>
      certificationReason(
        certification,
        list(AND, certification.regulations.filter((code) => relevant.has(code)).map(regulationName)),
      ),
    ),
  );
}

function certificationReason({ name, trust }: CandidateCertification, attests: Text): Text {
  if (trust === 'verified') {
    return {
      da: `Har ${name}, verificeret af NCC-DK (dokumenterer ${attests.da})`,
      en: `Holds ${name}, verified by NCC-DK (attests to ${attests.en})`,
    };
  }
  if (trust === 'unverified') {
    return {
      da:
        `Har ${name} ifølge udbyderen, men det er ikke verificeret af NCC-DK og tæller halvt ` +
        `(dokumenterer ${attests.da})`,
      en:
        `Holds ${name} according to the provider, not verified by NCC-DK, so it counts half ` +
        `(attests to ${attests.en})`,
    };
  }
  return {
    da: `Har ${name}, men NCC-DK's verificering er forældet og tæller halvt (dokumenterer ${attests.da})`,
    en: `Holds ${name}, but NCC-DK's verification is out of date, so it counts half (attests to ${attests.en})`,
  };
}

/** One entry per certification code that attests to a relevant regulation, the most trusted claim kept. */
function relevantCertifications(
  certifications: CandidateCertification[],
  relevant: Set<string>,
): CandidateCertification[] {
  const byCode = new Map<string, CandidateCertification>();
  for (const certification of certifications) {
    if (!certification.regulations.some((code) => relevant.has(code))) continue;
    const held = byCode.get(certification.code);
    if (!held || (held.trust !== 'verified' && certification.trust === 'verified')) {
      byCode.set(certification.code, certification);
    }
  }
  return [...byCode.values()].sort(
    (a, b) => Number(b.trust === 'verified') - Number(a.trust === 'verified') || COLLATOR.compare(a.name, b.name),
  );
}

function scoreDistance({ candidate, context, products }: Facts): ScoreComponent {
  const rule = RULES.distance;
  const municipality = context.profile.municipality;
  const region = context.regionCode;
  if (!municipality || !region) {
    return component('distance', rule.max, () => [
      {
        da: 'Der er ikke valgt en kommune, så afstand tæller ens for alle',
        en: 'No municipality was chosen, so distance counts the same for everyone',
      },
    ]);
  }
  const place = candidate.municipality.name;
  const at: Text = {
    da: `${place} (${candidate.region.name.da})`,
    en: `${place} (${candidate.region.name.en})`,
  };
  if (candidate.municipality.code === municipality) {
    return component('distance', rule.sameMunicipality, () => [
      {
        da: `Ligger i samme kommune (${place})`,
        en: `Located in your municipality (${place})`,
      },
    ]);
  }
  if (candidate.region.code === region) {
    return component('distance', rule.sameRegion, () => [
      {
        da: `Ligger i din region: ${place} i ${candidate.region.name.da}`,
        en: `Located in your region: ${place} in ${candidate.region.name.en}`,
      },
    ]);
  }
  // The region's name in each language; its code only if the graph had no region (not expected).
  const regionName: Text = context.regionName ?? { da: region, en: region };
  if (candidate.regionsServed.includes(region)) {
    return component('distance', rule.servesRegion, () => [
      {
        da: `Ligger i ${at.da} og betjener kunder i din region (${regionName.da})`,
        en: `Located in ${at.en} and serves customers in your region (${regionName.en})`,
      },
    ]);
  }
  const remote = products.some((product) => product.delivery.includes('remote'));
  const onsite = context.profile.delivery === 'onsite';
  if (remote && !onsite) {
    return component('distance', rule.remoteDelivery, () => [
      {
        da: `Ligger i ${at.da}, uden for din region, men kan hjælpe på afstand`,
        en: `Located in ${at.en}, outside your region, but can help remotely`,
      },
    ]);
  }
  return component('distance', 0, () => {
    const outside: Text = {
      da: `Ligger i ${at.da}, uden for din region, og betjener ikke ${regionName.da}`,
      en: `Located in ${at.en}, outside your region, and does not serve ${regionName.en}`,
    };
    return onsite
      ? [{ da: `Du ønsker hjælp på stedet. ${outside.da}`, en: `You want help on site. ${outside.en}` }]
      : [outside];
  });
}

function scoreSector({ candidate, context }: Facts): ScoreComponent {
  const rule = RULES.sector;
  const sector = context.profile.sector;
  const name = context.sectorName;
  if (!sector || !name) {
    return component('sector', rule.max, () => [
      {
        da: 'Der er ikke valgt en sektor, så sektor tæller ens for alle',
        en: 'No sector was chosen, so sector counts the same for everyone',
      },
    ]);
  }
  if (candidate.sectors.includes(sector)) {
    return component('sector', rule.experienced, () => [
      { da: `Har erfaring med sektoren ${name.da}`, en: `Has experience in the sector ${name.en}` },
    ]);
  }
  return component('sector', 0, () => [
    {
      da: `Har ikke oplyst erfaring med sektoren ${name.da}`,
      en: `Has not stated experience in the sector ${name.en}`,
    },
  ]);
}

function scoreSmeFit({ candidate, context, products }: Facts): ScoreComponent {
  const rule = RULES.smeFit;
  const fit = products.find((product) => product.smeFit);
  const band = context.profile.sizeBand;
  const bands = band ? [band] : RANKING_RULES.smeSizeBands;
  const servesSize = candidate.customerSizeBands.some((customers) => bands.includes(customers));
  const language = context.profile.language ?? RANKING_RULES.defaultLanguage;
  const speaks =
    candidate.languages.includes(language) || products.some((product) => product.languages.includes(language));
  const points =
    (fit ? rule.smeFitProduct : 0) + (servesSize ? rule.servesSizeBand : 0) + (speaks ? rule.speaksLanguage : 0);

  return component('smeFit', points, () => {
    const reasons: Text[] = [];
    if (fit) {
      const quoted = quote(fit.name);
      reasons.push({
        da: `${quoted.da} er lavet til små og mellemstore virksomheder`,
        en: `${quoted.en} is made for small and medium-sized businesses`,
      });
    } else {
      reasons.push({
        da: 'Ingen af de relevante produkter er markeret som lavet til små og mellemstore virksomheder',
        en: 'None of the relevant products is marked as made for small and medium-sized businesses',
      });
    }
    if (band) {
      const label = SIZE_BAND_LABELS[band];
      reasons.push(
        servesSize
          ? { da: `Har kunder på din størrelse (${label.da})`, en: `Has customers of your size (${label.en})` }
          : {
              da: `Har ikke oplyst kunder på din størrelse (${label.da})`,
              en: `Has not stated customers of your size (${label.en})`,
            },
      );
    } else {
      reasons.push(
        servesSize
          ? {
              da: 'Har kunder blandt små og mellemstore virksomheder',
              en: 'Has customers among small and medium-sized businesses',
            }
          : {
              da: 'Har ikke oplyst kunder blandt små og mellemstore virksomheder',
              en: 'Has not stated customers among small and medium-sized businesses',
            },
      );
    }
    const languageName = LANGUAGE_NAMES[language] ?? { da: language, en: language };
    reasons.push(
      speaks
        ? { da: `Taler ${languageName.da}`, en: `Speaks ${languageName.en}` }
        : {
            da: `Har ikke oplyst, at den taler ${languageName.da}`,
            en: `Has not stated that it speaks ${languageName.en}`,
          },
    );
    return reasons;
  });
}

function scorePrice({ products, limit }: Facts): ScoreComponent {
  const rule = RULES.price;
  // Best over the covering products: one more product can only raise this, never lower it.
  const points = Math.max(...products.map((product) => pricePoints(product, limit)));
  return component('price', points, () => {
    const cited = products
      .filter((product) => pricePoints(product, limit) === points)
      .reduce((cheapest, product) =>
        (product.priceFromDkk ?? Number.POSITIVE_INFINITY) < (cheapest.priceFromDkk ?? Number.POSITIVE_INFINITY)
          ? product
          : cheapest,
      );
    const quoted = quote(cited.name);
    const price = cited.priceFromDkk;
    if (price === null) {
      return [{ da: `Prisen på ${quoted.da} gives efter aftale`, en: `The price of ${quoted.en} is on request` }];
    }
    if (limit === null) {
      return [
        {
          da: `Pris fra ${dkk(price).da} for ${quoted.da}; du har ikke sat et budget`,
          en: `From ${dkk(price).en} for ${quoted.en}; you did not set a budget`,
        },
      ];
    }
    if (points === rule.withinBudget) {
      return [
        {
          da: `Pris fra ${dkk(price).da} for ${quoted.da} — inden for budgettet (op til ${dkk(limit).da})`,
          en: `From ${dkk(price).en} for ${quoted.en} — within your budget (up to ${dkk(limit).en})`,
        },
      ];
    }
    return [
      {
        da: `Laveste pris er ${dkk(price).da} for ${quoted.da} — over budgettet (op til ${dkk(limit).da})`,
        en: `Lowest price is ${dkk(price).en} for ${quoted.en} — above your budget (up to ${dkk(limit).en})`,
      },
    ];
  });
}

function pricePoints(product: CandidateProduct, limit: number | null): number {
  return priceRulePoints(product.priceFromDkk, limit);
}

function priceRulePoints(priceFromDkk: number | null, limit: number | null): number {
  const rule = RULES.price;
  if (priceFromDkk === null) return rule.onRequest;
  return limit === null || priceFromDkk <= limit ? rule.withinBudget : rule.aboveBudget;
}

/**
 * Reasons are written only when read: a match scores thousands of providers but shows a page of
 * them, and writing every sentence for every provider was most of the ranking time.
 */
function component(criterion: Criterion, points: number, explain: () => Text[]): ScoreComponent {
  return new LazyComponent(criterion, points, RULES[criterion].max, explain);
}

class LazyComponent implements ScoreComponent {
  readonly #explain: () => Text[];
  #written: Text[] | undefined;

  constructor(
    readonly criterion: Criterion,
    readonly points: number,
    readonly max: number,
    explain: () => Text[],
  ) {
    this.#explain = explain;
  }

  get reasons(): Text[] {
    this.#written ??= this.#explain();
    return this.#written;
  }

  /** Serialised (and compared in tests) like the plain object it stands for. */
  toJSON(): ScoreComponent {
    return { criterion: this.criterion, points: this.points, max: this.max, reasons: this.reasons };
  }
}

function regulationName(code: string): Text {
  const name = REGULATION_NAMES[code] ?? code;
  return { da: name, en: name };
}

function quote(name: string): Text {
  return { da: `«${name}»`, en: `“${name}”` };
}

/** "4.900 kr." / "DKK 4,900", in whole kroner. */
function dkk(amount: number): Text {
  const digits = String(Math.round(amount));
  const grouped = (separator: string) => digits.replace(/\B(?=(\d{3})+$)/g, separator);
  return { da: `${grouped('.')} kr.`, en: `DKK ${grouped(',')}` };
}

/** "A, B og C" / "A, B and C". */
function list(conjunction: Text, items: Text[]): Text {
  return {
    da: joinWords(
      items.map((item) => item.da),
      conjunction.da,
    ),
    en: joinWords(
      items.map((item) => item.en),
      conjunction.en,
    ),
  };
}

function joinWords(words: string[], conjunction: string): string {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
