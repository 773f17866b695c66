import { z } from 'zod';
import type { MatchProfile } from '../../../graph/match/types';
import { isSlug } from '../../../graph/slug';
import {
  type BudgetBand,
  budgetBandSchema,
  type ComplianceDriver,
  complianceDriverSchema,
  type DeliveryPreference,
  deliveryPreferenceSchema,
  type PreferredLanguage,
  preferredLanguageSchema,
  type SizeBand,
  sizeBandSchema,
} from '../../../graph/vocabulary';
import type { QueryValues } from '../../i18n/routes';
import {
  type Answer,
  isAnswer,
  NEED_QUESTIONS,
  needsFromAnswers,
  QUESTION_PARAM_PREFIX,
  questionParam,
} from './questions';

/**
 * The needs wizard keeps its whole state in the URL, so an accountant can send a client a link
 * to a finished match and it works without JavaScript. This module turns URL parameters into a
 * validated state (checked against the catalogue's needs, sectors and municipalities, which the
 * caller passes in), the state into a match profile, and the state back into links.
 */

/** The matching API's limit; `fewestProviders` is exact only because needs are few. */
export const MAX_NEEDS = 15;
export const PAGE_SIZE = 10;
export const MAX_PAGE = 1000;
/** More values than this is not a person using the form; the values are dropped rather than listed one by one. */
export const MAX_VALUES_PER_PARAM = 50;
export const MIN_COMPARE = 2;
export const MAX_COMPARE = 3;

/** URL parameter names. Short and Danish where an SME might read them in a shared link. */
export const PARAMS = {
  need: 'need',
  sector: 'sector',
  size: 'size',
  municipality: 'kommune',
  language: 'lang',
  budget: 'budget',
  delivery: 'delivery',
  driver: 'driver',
  page: 'page',
  provider: 'p',
} as const;

export interface MatchState {
  /** Needs ticked in the form (the answers may add more: see `effectiveNeeds`). */
  needs: string[];
  /** Need slug → the answer to that need's question. */
  answers: Record<string, Answer>;
  sector: string | null;
  size: SizeBand | null;
  municipality: string | null;
  language: PreferredLanguage | null;
  budget: BudgetBand | null;
  delivery: DeliveryPreference | null;
  drivers: ComplianceDriver[];
  page: number;
}

export type SingleParam = 'sector' | 'size' | 'municipality' | 'language' | 'budget' | 'delivery' | 'page';

export type MatchProblem =
  | { kind: SingleParam | 'need' | 'driver'; value: string }
  | { kind: 'question'; value: string }
  | { kind: 'answer'; need: string; value: string }
  | { kind: 'tooManyValues'; param: 'need' | 'driver' | 'provider' }
  | { kind: 'tooManyNeeds'; count: number }
  | { kind: 'noNeeds' }
  | { kind: 'provider'; value: string }
  | { kind: 'compareCount'; count: number }
  | { kind: 'notMatched'; value: string };

/** What exists in the catalogue; a value outside these sets can only be a mistyped or stale link. */
export interface KnownValues {
  needs: ReadonlySet<string>;
  sectors: ReadonlySet<string>;
  municipalities: ReadonlySet<string>;
}

export interface ParsedMatch {
  /** Always usable: invalid parts are left out so the form can be shown with what was valid. */
  state: MatchState;
  problems: MatchProblem[];
}

export function emptyMatchState(): MatchState {
  return {
    needs: [],
    answers: {},
    sector: null,
    size: null,
    municipality: null,
    language: null,
    budget: null,
    delivery: null,
    drivers: [],
    page: 1,
  };
}

function values(params: URLSearchParams, name: string): string[] {
  return [
    ...new Set(
      params
        .getAll(name)
        .map((value) => value.trim())
        .filter(Boolean),
    ),
  ];
}

/** The last non-empty value; a GET form sends an unchosen select or radio as `name=`. */
function single(params: URLSearchParams, name: string): string {
  return (
    params
      .getAll(name)
      .map((value) => value.trim())
      .filter(Boolean)
      .at(-1) ?? ''
  );
}

function oneOf<T>(
  params: URLSearchParams,
  kind: SingleParam,
  schema: z.ZodType<T>,
  problems: MatchProblem[],
): T | null {
  const value = single(params, PARAMS[kind]);
  if (!value) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  problems.push({ kind, value });
  return null;
}

const memberOf = (values: ReadonlySet<string>) => z.string().refine((value) => values.has(value));
const pageSchema = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number)
  .pipe(z.number().min(1).max(MAX_PAGE));

/** True when the URL carries any of the wizard's parameters, i.e. the form was sent rather than just opened. */
export function wasSubmitted(params: URLSearchParams): boolean {
  const names = new Set<string>(Object.values(PARAMS));
  return [...params.keys()].some((name) => names.has(name) || name.startsWith(QUESTION_PARAM_PREFIX));
}

export function parseMatchParams(params: URLSearchParams, known: KnownValues): ParsedMatch {
  const problems: MatchProblem[] = [];
  const state = emptyMatchState();

  const needs = values(params, PARAMS.need);
  if (needs.length > MAX_VALUES_PER_PARAM) problems.push({ kind: 'tooManyValues', param: 'need' });
  else {
    for (const need of needs) {
      if (isSlug(need) && known.needs.has(need)) state.needs.push(need);
      else problems.push({ kind: 'need', value: need });
    }
  }

  for (const name of new Set(params.keys())) {
    if (!name.startsWith(QUESTION_PARAM_PREFIX)) continue;
    const need = name.slice(QUESTION_PARAM_PREFIX.length);
    const asked = NEED_QUESTIONS.some((question) => question.need === need) && known.needs.has(need);
    if (!asked) {
      problems.push({ kind: 'question', value: need });
      continue;
    }
    const answer = single(params, name);
    if (!answer) continue;
    if (isAnswer(answer)) state.answers[need] = answer;
    else problems.push({ kind: 'answer', need, value: answer });
  }

  state.sector = oneOf(params, 'sector', memberOf(known.sectors), problems);
  state.size = oneOf(params, 'size', sizeBandSchema, problems);
  state.municipality = oneOf(params, 'municipality', memberOf(known.municipalities), problems);
  state.language = oneOf(params, 'language', preferredLanguageSchema, problems);
  state.budget = oneOf(params, 'budget', budgetBandSchema, problems);
  state.delivery = oneOf(params, 'delivery', deliveryPreferenceSchema, problems);
  state.page = oneOf(params, 'page', pageSchema, problems) ?? 1;

  const drivers = values(params, PARAMS.driver);
  if (drivers.length > MAX_VALUES_PER_PARAM) problems.push({ kind: 'tooManyValues', param: 'driver' });
  else {
    for (const driver of drivers) {
      const parsed = complianceDriverSchema.safeParse(driver);
      if (parsed.success) state.drivers.push(parsed.data);
      else problems.push({ kind: 'driver', value: driver });
    }
  }

  const count = effectiveNeeds(state).length;
  if (count > MAX_NEEDS) problems.push({ kind: 'tooManyNeeds', count });
  // Needs that were given but refused are already a problem; saying "choose a need" too would only confuse.
  const needsRefused = problems.some(
    (problem) => problem.kind === 'need' || (problem.kind === 'tooManyValues' && problem.param === 'need'),
  );
  if (count === 0 && wasSubmitted(params) && !needsRefused) {
    problems.push({ kind: 'noNeeds' });
  }
  return { state, problems };
}

/** The needs to match on: those ticked, then those the answers point to, each once. */
export function effectiveNeeds(state: MatchState): string[] {
  return [...new Set([...state.needs, ...needsFromAnswers(state.answers)])];
}

/** Needs that only the answers added (not ticked), for explaining where they came from. */
export function needsAddedByAnswers(state: MatchState): string[] {
  return needsFromAnswers(state.answers).filter((need) => !state.needs.includes(need));
}

export function toMatchProfile(state: MatchState): MatchProfile {
  return {
    needs: effectiveNeeds(state),
    sector: state.sector,
    sizeBand: state.size,
    municipality: state.municipality,
    language: state.language,
    budget: state.budget,
    delivery: state.delivery,
    drivers: [...state.drivers],
  };
}

/** URL parameters for a state; unset values and page 1 are left out so shared links stay short. */
export function stateToQuery(state: MatchState): QueryValues {
  const answers = Object.fromEntries(
    NEED_QUESTIONS.flatMap(({ need }) => {
      const answer = state.answers[need];
      return answer ? [[questionParam(need), answer]] : [];
    }),
  );
  return {
    [PARAMS.need]: state.needs,
    ...answers,
    [PARAMS.sector]: state.sector,
    [PARAMS.size]: state.size,
    [PARAMS.municipality]: state.municipality,
    [PARAMS.language]: state.language,
    [PARAMS.budget]: state.budget,
    [PARAMS.delivery]: state.delivery,
    [PARAMS.driver]: state.drivers,
    [PARAMS.page]: state.page === 1 ? undefined : state.page,
  };
}

export function withPage(state: MatchState, page: number): MatchState {
  return { ...state, page };
}

/** The profile as name/value pairs for hidden inputs, so a second GET form (compare) carries it along. */
export function hiddenFields(state: MatchState): Array<{ name: string; value: string }> {
  return Object.entries(stateToQuery({ ...state, page: 1 })).flatMap(([name, value]) => {
    if (value === undefined || value === null || value === '' || value === false) return [];
    const list = Array.isArray(value) ? (value as readonly string[]) : [String(value)];
    return list.map((item) => ({ name, value: item }));
  });
}

export interface ParsedCompare extends ParsedMatch {
  /** Company slugs in the order chosen. */
  providers: string[];
}

/** The compare page: the same profile plus `p`, two or three company slugs. */
export function parseCompareParams(params: URLSearchParams, known: KnownValues): ParsedCompare {
  const parsed = parseMatchParams(params, known);
  const problems = parsed.problems.filter((problem) => problem.kind !== 'page');
  const providers: string[] = [];
  const chosen = values(params, PARAMS.provider);
  if (chosen.length > MAX_VALUES_PER_PARAM) problems.push({ kind: 'tooManyValues', param: 'provider' });
  else {
    for (const slug of chosen) {
      if (isSlug(slug)) providers.push(slug);
      else problems.push({ kind: 'provider', value: slug });
    }
    if (providers.length < MIN_COMPARE || providers.length > MAX_COMPARE) {
      problems.push({ kind: 'compareCount', count: providers.length });
    }
  }
  return { state: { ...parsed.state, page: 1 }, problems, providers };
}
