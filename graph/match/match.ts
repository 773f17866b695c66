import { type DemandSignal, recordDemand } from '../demand';
import type { Executor } from '../executor';
import { loadCandidates } from './candidates';
import { fewestProviders } from './cover';
import { chosenNeeds, rankProviders } from './rank';
import type { MatchContext, MatchProfile, MatchResult } from './types';

export class UnknownNeedsError extends Error {
  constructor(readonly slugs: string[]) {
    super(`Unknown needs: ${slugs.join(', ')}`);
    this.name = 'UnknownNeedsError';
  }
}

/**
 * From an SME profile to ranked, explained providers and the fewest that cover every need:
 * one Cypher read for all facts, pure ranking in between, one write for the demand signal.
 */
export async function matchProviders(
  executor: Executor,
  profile: MatchProfile,
  options: { now?: Date; recordDemand?: boolean } = {},
): Promise<MatchResult & { context: MatchContext }> {
  const { context, candidates } = await loadCandidates(executor, profile, options.now);
  const unknown = profile.needs.filter((slug) => !Object.hasOwn(context.needNames, slug));
  if (unknown.length > 0) throw new UnknownNeedsError(unknown);
  const { providers, uncoveredNeeds } = rankProviders(candidates, context);
  const fewest = fewestProviders(providers, chosenNeeds(context));
  if (options.recordDemand ?? true) {
    const signal: DemandSignal = {
      kind: 'match',
      needs: profile.needs,
      region: context.regionCode,
      sector: profile.sector ?? null,
      sizeBand: profile.sizeBand ?? null,
      results: providers.length,
      query: null,
    };
    await recordDemand(executor, signal);
  }
  return { providers, uncoveredNeeds, fewest, context };
}
