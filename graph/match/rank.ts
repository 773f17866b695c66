/**
 * Ranks candidate providers for an SME profile by the public rules in `rules.ts` and explains
 * every point. Pure: the same candidates and context always give the same result, and a
 * candidate's score depends only on its own facts, so no provider can lose points because of
 * another. Explanations are built only from the candidate's facts and the SME's context.
 */
import { createHash } from 'node:crypto';
import type { SizeBand, Text } from '../model';
import { budgetLimit, RANKING_RULES } from './rules';
import type {
  Candidate,
  CandidateCertification,
  CandidateProduct,
  Criterion,
  MatchContext,
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

/**
 * Scores, drops candidates that cover none of the needs, and orders by score. Equal scores are
 * ordered by a hash of the day and the provider: stable all day, redrawn every day, and blind to
 * names, so over time every tied provider comes first equally often.
 */
export function rankProviders(
  candidates: Candidate[],
  context: MatchContext,
): { providers: RankedProvider[]; uncoveredNeeds: string[] } {
  const needs = chosenNeeds(context);
  const scored: ScoredCandidate[] = [];
  for (const candidate of candidates) {
    const result = scoreWithNeeds(candidate, context, needs);
    if (result) scored.push(result);
  }
  // Hashing only the providers that actually tie keeps this cheap for thousands of candidates.
  const keys = new Map<string, string>();
  const keyOf = (slug: string) => {
    let key = keys.get(slug);
    if (key === undefined) {
      key = tieKey(context.day, slug);
      keys.set(slug, key);
    }
    return key;
  };
  scored.sort((a, b) => b.score - a.score || compareKeys(keyOf(a.candidate.slug), keyOf(b.candidate.slug)));
  const providers = scored.map((result, index) => ({ ...result, rank: index + 1 }));
  const covered = new Set(providers.flatMap((provider) => provider.coveredNeeds));
  const uncoveredNeeds = needs.filter((need) => !covered.has(need));
  return { providers, uncoveredNeeds };
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
  const rule = RULES.price;
  if (product.priceFromDkk === null) return rule.onRequest;
  return limit === null || product.priceFromDkk <= limit ? rule.withinBudget : rule.aboveBudget;
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
