import type { MatchOptions } from '../../graph/match/match';
import type { MatchContext, MatchProfile, MatchResult } from '../../graph/match/types';
import type { Services } from '../services';

export type ProviderMatch = MatchResult & { context: MatchContext };

/**
 * An SME asks who can help (the wizard page, compare page and GraphQL `match`): the ranked,
 * explained providers, and the anonymous demand signal recorded here and nowhere else. A
 * comparison re-runs a match the list already counted, so it asks not to record it again.
 */
export async function matchProviders(
  services: Pick<Services, 'matcher' | 'demand'>,
  profile: MatchProfile,
  options: MatchOptions & { recordDemand?: boolean } = {},
): Promise<ProviderMatch> {
  const match = await services.matcher.match(profile, options);
  if (options.recordDemand ?? true) {
    services.demand.record({
      kind: 'match',
      needs: profile.needs,
      region: match.context.regionCode,
      sector: profile.sector ?? null,
      sizeBand: profile.sizeBand ?? null,
      results: match.providers.length,
      query: null,
    });
  }
  return match;
}
