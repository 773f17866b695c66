import type { DemandSignal } from '../../graph/demand';
import type { MatchOptions } from '../../graph/match/match';
import type { MatchContext, MatchProfile, MatchResult } from '../../graph/match/types';
import type { Services } from '../services';
import type { Visitor } from './demand-gate';

export type ProviderMatch = MatchResult & { context: MatchContext };

/**
 * An SME asks who can help (the wizard page, compare page and GraphQL `match`): the ranked,
 * explained providers, and the anonymous demand signal recorded here and nowhere else. A
 * comparison re-runs a match the list already counted, so it asks not to record it again.
 */
export async function matchProviders(
  services: Pick<Services, 'matcher' | 'demand' | 'demandGate'>,
  profile: MatchProfile,
  visitor: Visitor | undefined,
  options: MatchOptions & { recordDemand?: boolean } = {},
): Promise<ProviderMatch> {
  const match = await services.matcher.match(profile, options);
  if (options.recordDemand ?? true) {
    const signal: DemandSignal = {
      kind: 'match',
      needs: profile.needs,
      region: match.context.regionCode,
      sector: profile.sector ?? null,
      sizeBand: profile.sizeBand ?? null,
      results: match.providers.length,
      query: null,
    };
    if (services.demandGate.admit(signal, visitor)) services.demand.record(signal);
  }
  return match;
}
