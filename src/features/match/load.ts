import type { Taxonomy } from '../../../graph/catalog';
import type { UnknownNeedsError } from '../../../graph/match/match';
import type { MatchContext, MatchResult, RankedProvider } from '../../../graph/match/types';
import type { NeedView } from '../../../graph/views';
import type { Services } from '../../services';
import type { Visitor } from '../../use-cases/demand-gate';
import { matchProviders } from '../../use-cases/match-providers';
import { failureStatus, reportPageError } from '../page/outcome';
import {
  type KnownValues,
  type MatchProblem,
  type MatchState,
  parseCompareParams,
  parseMatchParams,
  toMatchProfile,
} from './params';

/** What the form is built from: the needs (names, summaries, questions) and the taxonomy (sectors, places). */
export interface MatchForm {
  needs: NeedView[];
  taxonomy: Taxonomy;
}

export type Match = MatchResult & { context: MatchContext };

export type MatchPageOutcome =
  | { status: 200; state: MatchState; form: MatchForm; match: Match | null }
  | { status: 400; state: MatchState; form: MatchForm; problems: MatchProblem[] }
  | { status: 500 }
  | { status: 503 };

export type ComparePageOutcome =
  | { status: 200; state: MatchState; providers: RankedProvider[]; match: Match; form: MatchForm }
  | { status: 400; state: MatchState; problems: MatchProblem[]; form: MatchForm }
  | { status: 500 }
  | { status: 503 };

function knownValues({ needs, taxonomy }: MatchForm): KnownValues {
  return {
    needs: new Set(needs.map((need) => need.slug)),
    sectors: new Set(taxonomy.sectors.map((sector) => sector.code)),
    municipalities: new Set(
      taxonomy.regions.flatMap((region) => region.municipalities.map((municipality) => municipality.code)),
    ),
  };
}

const MISSING_SERVICES = 'Astro.locals.services is missing; serve the site through src/server.ts';

async function loadForm(services: Services): Promise<MatchForm> {
  const [needs, taxonomy] = await Promise.all([services.catalog.needs(), services.catalog.taxonomy()]);
  return { needs, taxonomy };
}

/** A need removed from the catalogue between reading the form and matching is the link's problem, not ours. */
function unknownNeeds(error: unknown): MatchProblem[] | null {
  // By name, not instanceof: the built site bundles its own copy of graph/match, while the
  // matcher that threw runs from the server's.
  if (!(error instanceof Error) || error.name !== 'UnknownNeedsError') return null;
  return (error as UnknownNeedsError).slugs.map((value) => ({ kind: 'need', value }));
}

/**
 * The wizard page: validates the URL against the catalogue, and when it names at least one
 * need (ticked or reached through a question) runs the one match. A wrong parameter is the
 * reader's to fix, so it is a 400 with the form still shown and filled with what was valid.
 */
export async function loadMatchPage(
  services: Services | undefined,
  url: URL,
  visitor?: Visitor,
): Promise<MatchPageOutcome> {
  let form: MatchForm | undefined;
  let state: MatchState | undefined;
  try {
    if (!services) throw new Error(MISSING_SERVICES);
    form = await loadForm(services);
    const parsed = parseMatchParams(url.searchParams, knownValues(form));
    state = parsed.state;
    if (parsed.problems.length > 0) return { status: 400, state, form, problems: parsed.problems };
    const profile = toMatchProfile(state);
    if (profile.needs.length === 0) return { status: 200, state, form, match: null };
    const match = await matchProviders(services, profile, visitor);
    return { status: 200, state, form, match };
  } catch (error) {
    const problems = unknownNeeds(error);
    if (problems && form && state) return { status: 400, state, form, problems };
    reportPageError(services, 'match', error);
    return { status: failureStatus(error) };
  }
}

/**
 * The compare page re-runs the match for the same profile (the ranking is deterministic within
 * a day) and picks the chosen providers from it, so the table shows exactly the list's points.
 */
export async function loadComparePage(
  services: Services | undefined,
  url: URL,
  visitor?: Visitor,
): Promise<ComparePageOutcome> {
  let form: MatchForm | undefined;
  let state: MatchState | undefined;
  try {
    if (!services) throw new Error(MISSING_SERVICES);
    form = await loadForm(services);
    const parsed = parseCompareParams(url.searchParams, knownValues(form));
    state = parsed.state;
    if (parsed.problems.length > 0) return { status: 400, state, form, problems: parsed.problems };
    // The list already recorded this demand; counting the comparison too would double it in the gap analysis.
    const match = await matchProviders(services, toMatchProfile(state), visitor, { recordDemand: false });
    // Read in rank order until every chosen provider is found: the list makes a provider when it is read.
    const chosen = new Set(parsed.providers);
    const bySlug = new Map<string, RankedProvider>();
    for (const provider of match.providers) {
      if (!chosen.has(provider.candidate.slug)) continue;
      bySlug.set(provider.candidate.slug, provider);
      if (bySlug.size === chosen.size) break;
    }
    const missing = parsed.providers.filter((slug) => !bySlug.has(slug));
    if (missing.length > 0) {
      return { status: 400, state, form, problems: missing.map((value) => ({ kind: 'notMatched', value })) };
    }
    // Best first, as in the list, whatever order the boxes were ticked in.
    const providers = parsed.providers
      .map((slug) => bySlug.get(slug) as RankedProvider)
      .sort((a, b) => a.rank - b.rank);
    return { status: 200, state, providers, match, form };
  } catch (error) {
    const problems = unknownNeeds(error);
    if (problems && form && state) return { status: 400, state, form, problems };
    reportPageError(services, 'compare', error);
    return { status: failureStatus(error) };
  }
}
