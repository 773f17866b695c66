import { lapsesAt } from '../confirmation';
import type { Executor } from '../executor';
import {
  type CandidateIndex,
  loadMatchReference,
  type MatchReference,
  matchContext,
  referenceLacks,
} from './candidates';
import { fewestProviders } from './cover';
import { chosenNeeds, rankProviders } from './rank';
import type { Candidate, MatchContext, MatchProfile, MatchResult } from './types';

/**
 * When a candidate's confirmation lapses (epoch ms; Infinity without a date), remembered per candidate: working it
 * out in calendar months for thousands of candidates on every match cost several milliseconds. A candidate object is
 * replaced when its company changes, so a remembered moment never outlives its data.
 */
const LAPSES_AT = new WeakMap<Candidate, number>();

function lapsed(candidate: Candidate, now: Date): boolean {
  let at = LAPSES_AT.get(candidate);
  if (at === undefined) {
    at = lapsesAt(candidate.confirmedAt);
    LAPSES_AT.set(candidate, at);
  }
  return at <= now.getTime();
}

export class UnknownNeedsError extends Error {
  constructor(readonly slugs: string[]) {
    super(`Unknown needs: ${slugs.join(', ')}`);
    this.name = 'UnknownNeedsError';
  }
}

export interface MatchOptions {
  /** The moment whose Copenhagen day rotates ties; now by default. */
  now?: Date;
}

/**
 * From an SME profile to ranked, explained providers and the fewest that cover every need: the
 * SME's context from reference data kept in memory, the providers' facts from the in-memory
 * candidate index, and pure ranking. Recording the demand is the use case's (src/use-cases).
 */
export class Matcher {
  #reference: Promise<MatchReference> | undefined;
  #referenceReadAt = 0;

  private readonly rereadMs: number;

  /** `rereadMs`: how often at most a profile naming something the reference lacks reads it again. */
  constructor(
    private readonly executor: Executor,
    readonly candidates: CandidateIndex,
    options: { rereadMs?: number } = {},
  ) {
    this.rereadMs = options.rereadMs ?? REREAD_MS;
  }

  async match(profile: MatchProfile, options: MatchOptions = {}): Promise<MatchResult & { context: MatchContext }> {
    const context = matchContext(await this.reference(profile), profile, options.now);
    const unknown = profile.needs.filter((slug) => !Object.hasOwn(context.needNames, slug));
    if (unknown.length > 0) throw new UnknownNeedsError(unknown);
    const needs = chosenNeeds(context);
    // A listing nobody has confirmed for 15 months is not recommended; search still finds it, marked.
    const now = options.now ?? new Date();
    const offering = this.candidates.candidatesFor(needs);
    const confirmed = offering.filter((candidate) => !lapsed(candidate, now));
    const { providers, uncoveredNeeds } = rankProviders(confirmed, context);
    const fewest = fewestProviders(providers, needs);
    return { providers, offering: offering.length, uncoveredNeeds, fewest, context };
  }

  /**
   * The reference, read once per process like the catalogue's taxonomy. A profile naming a need,
   * municipality or sector it lacks reads it again (at most every `rereadMs`), so a re-seed that adds
   * one is seen; otherwise the name is unknown and the match says so.
   */
  private async reference(profile: MatchProfile): Promise<MatchReference> {
    const reference = await this.#read();
    const age = Date.now() - this.#referenceReadAt;
    if (age > REFRESH_MS || (referenceLacks(reference, profile) && age >= this.rereadMs)) {
      // Read again; until that read succeeds the reference in hand keeps serving.
      this.#referenceReadAt = Date.now();
      const fresh = loadMatchReference(this.executor);
      this.#reference = fresh.catch(() => reference);
      if (referenceLacks(reference, profile)) return this.#reference;
    }
    return reference;
  }

  #read(): Promise<MatchReference> {
    if (!this.#reference) {
      this.#referenceReadAt = Date.now();
      this.#reference = loadMatchReference(this.executor).catch((error) => {
        this.#reference = undefined;
        throw error;
      });
    }
    return this.#reference;
  }
}

/** By default a profile naming something the reference lacks reads it again at most this often. */
const REREAD_MS = 10_000;
/** The reference is read again in the background this often, so a re-seed's renamed needs reach matches. */
const REFRESH_MS = 10 * 60_000;
