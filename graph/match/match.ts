import type { Executor } from '../executor';
import {
  type CandidateIndex,
  loadMatchReference,
  type MatchReference,
  matchContext,
  referenceLacks,
} from './candidates';
import { fewestProviders } from './cover';
import { rankScorable } from './rank';
import type { MatchContext, MatchProfile, MatchResult } from './types';

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
    // A listing nobody has confirmed for 15 months is not recommended; search still finds it, marked.
    const now = (options.now ?? new Date()).getTime();
    if (Number.isNaN(now)) throw new RangeError('match: options.now is not a valid date');
    const { offering, entries } = this.candidates.offeringFor(profile.needs, now);
    const { providers, uncoveredNeeds, needs, coverage } = rankScorable(entries, context);
    const fewest = fewestProviders(providers, needs, coverage);
    return { providers, offering, uncoveredNeeds, fewest, context };
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
