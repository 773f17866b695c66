import type { Taxonomy } from '../../../graph/catalog';
import type { MatchContext } from '../../../graph/match/types';
import type { Text } from '../../../graph/model';
import type { NeedView } from '../../../graph/views';
import {
  compareLabels,
  formatList,
  formatPoints,
  type Locale,
  label,
  type MessageKey,
  type Picked,
  pick,
  t,
} from '../../i18n';
import { groupNeeds, type NeedGroupName } from './need-groups';
import {
  MAX_COMPARE,
  MAX_NEEDS,
  MAX_PAGE,
  MAX_VALUES_PER_PARAM,
  type MatchProblem,
  type MatchState,
  MIN_COMPARE,
} from './params';
import { type Answer, NEED_QUESTIONS } from './questions';

/**
 * Turns the catalogue and a match into what the wizard and the result pages show: need
 * checkboxes in groups, the questions, municipalities by region, readable problems and points.
 */

/** The wizard form's id: the results link back to it ("change your choices"). */
export const MATCH_FORM_ID = 'match-form';

/** "82,5 af 100 point": the score in words, so it never depends on a bar being seen. */
export function pointsOutOf(locale: Locale, points: number, max: number): string {
  return t(locale, 'match.points', { points: formatPoints(locale, points), max: formatPoints(locale, max) });
}

/** Width of the visual score bar in percent (the bar only repeats the text). */
export function scorePercent(points: number, max: number): number {
  return max > 0 ? Math.max(0, Math.min(100, Math.round((points / max) * 1000) / 10)) : 0;
}

export interface NeedOption {
  slug: string;
  label: string;
  summary: Picked;
  checked: boolean;
  /** The need's provider count, the same number as on the home page's need card and in the search. */
  providers: number;
}

export interface NeedOptionGroup {
  group: NeedGroupName;
  legend: string;
  options: NeedOption[];
}

export function needOptionGroups(needs: readonly NeedView[], state: MatchState, locale: Locale): NeedOptionGroup[] {
  const byLabel = compareLabels(locale);
  const options = needs
    .map((need) => ({
      slug: need.slug,
      label: label(need.name, locale),
      summary: pick(need.summary, locale),
      checked: state.needs.includes(need.slug),
      providers: need.providerCount,
    }))
    .sort((a, b) => byLabel(a.label, b.label));
  return groupNeeds(options).map(({ group, needs: members }) => ({
    group,
    legend: t(locale, `match.group.${group}`),
    options: members,
  }));
}

export interface QuestionOption {
  need: string;
  question: Picked;
  answer: Answer | null;
}

/** The wizard's questions that the catalogue can ask (a need without a question text is skipped). */
export function questionOptions(needs: readonly NeedView[], state: MatchState, locale: Locale): QuestionOption[] {
  const bySlug = new Map(needs.map((need) => [need.slug, need]));
  return NEED_QUESTIONS.flatMap(({ need }) => {
    const question = pick(bySlug.get(need)?.question, locale);
    return question.text ? [{ need, question, answer: state.answers[need] ?? null }] : [];
  });
}

export interface MunicipalityGroup {
  region: string;
  municipalities: Array<{ code: string; name: string }>;
}

/** Regions in their official order, municipalities alphabetically within each (for <optgroup>). */
export function municipalityGroups(taxonomy: Taxonomy, locale: Locale): MunicipalityGroup[] {
  const byLabel = compareLabels(locale);
  return taxonomy.regions.map((region) => ({
    region: locale === 'da' ? region.name : region.nameEn,
    municipalities: region.municipalities
      .map(({ code, name }) => ({ code, name }))
      .sort((a, b) => byLabel(a.name, b.name)),
  }));
}

export function sectorOptions(taxonomy: Taxonomy, locale: Locale): Array<{ code: string; label: string }> {
  const byLabel = compareLabels(locale);
  return taxonomy.sectors
    .map((sector) => ({ code: sector.code, label: label(sector.name, locale) }))
    .sort((a, b) => byLabel(a.label, b.label));
}

/**
 * Need slug → name in both languages: every catalogue need, plus the match context's names (a
 * need the catalogue list lacks still has its name from the match). A product addresses needs the
 * SME did not choose, so the context alone does not name them all.
 */
export function needNames(context: MatchContext, catalogue: readonly NeedView[]): ReadonlyMap<string, Text> {
  const names = new Map<string, Text>(catalogue.map((need) => [need.slug, need.name]));
  for (const [slug, name] of Object.entries(context.needNames)) names.set(slug, name);
  return names;
}

/**
 * Need names in the given order, in the page language, as a readable list. A slug nobody can
 * name is left out rather than shown: readers see names, never slugs.
 */
export function needList(names: ReadonlyMap<string, Text>, slugs: readonly string[], locale: Locale): string {
  return formatList(
    locale,
    slugs.flatMap((slug) => {
      const name = names.get(slug);
      return name ? [label(name, locale)] : [];
    }),
  );
}

export interface ProblemLabels {
  /** The question text for a need slug, or the slug itself when the catalogue has none. */
  question: (need: string) => string;
}

const VALUE_ERRORS: Record<
  'need' | 'sector' | 'size' | 'municipality' | 'language' | 'budget' | 'delivery' | 'driver' | 'question' | 'provider',
  MessageKey
> = {
  need: 'match.error.need',
  sector: 'match.error.sector',
  size: 'match.error.size',
  municipality: 'match.error.municipality',
  language: 'match.error.language',
  budget: 'match.error.budget',
  delivery: 'match.error.delivery',
  driver: 'match.error.driver',
  question: 'match.error.question',
  provider: 'match.error.provider',
};

const PARAM_NAMES: Record<'need' | 'driver' | 'provider', MessageKey> = {
  need: 'match.param.need',
  driver: 'match.param.driver',
  provider: 'match.param.provider',
};

/** A problem with the address, told in the words of the form rather than its URL parameters. */
export function describeMatchProblem(problem: MatchProblem, locale: Locale, labels: ProblemLabels): string {
  switch (problem.kind) {
    case 'page':
      return t(locale, 'match.error.page', { value: problem.value, max: MAX_PAGE });
    case 'answer':
      return t(locale, 'match.error.answer', { question: labels.question(problem.need), value: problem.value });
    case 'tooManyValues':
      return t(locale, 'match.error.tooManyValues', {
        param: t(locale, PARAM_NAMES[problem.param]),
        max: MAX_VALUES_PER_PARAM,
      });
    case 'tooManyNeeds':
      return t(locale, 'match.error.tooManyNeeds', { count: problem.count, max: MAX_NEEDS });
    case 'noNeeds':
      return t(locale, 'match.error.noNeeds');
    case 'compareCount':
      return t(locale, 'match.error.compareCount', { count: problem.count, min: MIN_COMPARE, max: MAX_COMPARE });
    case 'notMatched':
      return t(locale, 'match.error.notMatched', { value: problem.value });
    default:
      return t(locale, VALUE_ERRORS[problem.kind], { value: problem.value });
  }
}
