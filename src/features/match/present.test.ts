import { describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../../graph/catalog';
import type { MatchContext } from '../../../graph/match/types';
import type { NeedView } from '../../../graph/views';
import { formatPoints } from '../../i18n';
import { emptyMatchState, type MatchProblem } from './params';
import {
  describeMatchProblem,
  municipalityGroups,
  needList,
  needNames,
  needOptionGroups,
  pointsOutOf,
  questionOptions,
  scorePercent,
} from './present';

function need(slug: string, name: string, question = ''): NeedView {
  return {
    slug,
    name: { da: name, en: `${name} (en)` },
    summary: { da: `Om ${name}`, en: '' },
    question: { da: question, en: question ? `${question} (en)` : '' },
    keywords: { da: [], en: [] },
    csfCategories: [],
    nis2Measures: [],
    dMaerketCriteria: [],
    skills: [],
    regulations: [],
    categories: [],
    providerCount: 1,
  };
}

const NEEDS = [
  need('tofaktor-login', 'Tofaktor-login', 'Skal medarbejderne bruge mere end en adgangskode?'),
  need('backup-og-gendannelse', 'Backup', 'Har I backup, som I har prøvet at gendanne fra?'),
  need('nis2-krav', 'NIS2'),
  need('helt-nyt-behov', 'Æbler'),
];

describe('points', () => {
  it('keep their decimals in the reader’s format and are always said in words', () => {
    expect(formatPoints('da', 16.67)).toBe('16,67');
    expect(formatPoints('en', 82.5)).toBe('82.5');
    expect(pointsOutOf('da', 82.5, 100)).toBe('82,5 af 100 point');
    expect(pointsOutOf('en', 50, 50)).toBe('50 of 50 points');
  });

  it('give a bar width that stays within 0–100 %', () => {
    expect(scorePercent(82.5, 100)).toBe(82.5);
    expect(scorePercent(5, 12)).toBe(41.7);
    expect(scorePercent(120, 100)).toBe(100);
    expect(scorePercent(1, 0)).toBe(0);
  });
});

describe('needOptionGroups', () => {
  it('groups the needs, sorts them in the reader’s alphabet and ticks the chosen ones', () => {
    const state = { ...emptyMatchState(), needs: ['backup-og-gendannelse'] };
    const groups = needOptionGroups(NEEDS, state, 'da');
    expect(groups.map((group) => [group.legend, group.options.map((option) => [option.slug, option.checked])])).toEqual(
      [
        [
          'Beskyt den daglige drift',
          [
            ['backup-og-gendannelse', true],
            ['tofaktor-login', false],
          ],
        ],
        ['Regler, krav og ansvar', [['nis2-krav', false]]],
        ['Andre behov', [['helt-nyt-behov', false]]],
      ],
    );
  });

  it('marks a summary that falls back to the other language', () => {
    const [group] = needOptionGroups(NEEDS, emptyMatchState(), 'en');
    expect(group?.options[0]?.summary).toEqual({ text: 'Om Backup', lang: 'da' });
  });

  it('carries each need’s provider count, the number the home page’s card shows', () => {
    const counted = NEEDS.map((item, index) => ({ ...item, providerCount: index * 7 }));
    const options = needOptionGroups(counted, emptyMatchState(), 'da').flatMap((group) => group.options);
    expect(Object.fromEntries(options.map((option) => [option.slug, option.providers]))).toEqual({
      'tofaktor-login': 0,
      'backup-og-gendannelse': 7,
      'nis2-krav': 14,
      'helt-nyt-behov': 21,
    });
  });
});

describe('questionOptions', () => {
  it('asks in the wizard’s order, skips needs without a question text and shows the given answers', () => {
    const state = { ...emptyMatchState(), answers: { 'backup-og-gendannelse': 'no' as const } };
    expect(questionOptions(NEEDS, state, 'da')).toEqual([
      {
        need: 'backup-og-gendannelse',
        question: { text: 'Har I backup, som I har prøvet at gendanne fra?', lang: 'da' },
        answer: 'no',
      },
      {
        need: 'tofaktor-login',
        question: { text: 'Skal medarbejderne bruge mere end en adgangskode?', lang: 'da' },
        answer: null,
      },
    ]);
  });
});

describe('needNames and needList', () => {
  // The SME chose only backup; a product also addresses two-factor login, which the context does not name.
  const context = {
    needNames: { 'backup-og-gendannelse': { da: 'Backup', en: 'Backup and restore' } },
  } as unknown as MatchContext;
  const names = needNames(context, NEEDS);

  it('names needs the SME did not choose from the catalogue, in both languages', () => {
    expect(needList(names, ['tofaktor-login', 'backup-og-gendannelse'], 'da')).toBe('Tofaktor-login og Backup');
    expect(needList(names, ['tofaktor-login', 'backup-og-gendannelse'], 'en')).toBe(
      'Tofaktor-login (en) and Backup and restore',
    );
  });

  it('never shows a slug: a need nobody can name is left out', () => {
    for (const locale of ['da', 'en'] as const) {
      const text = needList(names, ['microsoft-365-og-cloud-sikkerhed', 'nis2-krav'], locale);
      expect(text).not.toContain('microsoft-365');
      expect(text).not.toContain('nis2-krav');
      expect(text).toBe(locale === 'da' ? 'NIS2' : 'NIS2 (en)');
    }
  });
});

describe('municipalityGroups', () => {
  it('keeps the regions’ order and names them in the page language', () => {
    const taxonomy = {
      regions: [
        {
          code: '1081',
          name: 'Region Nordjylland',
          nameEn: 'North Denmark Region',
          municipalities: [
            { code: '851', name: 'Aalborg', regionCode: '1081' },
            { code: '813', name: 'Frederikshavn', regionCode: '1081' },
          ],
        },
        {
          code: '1084',
          name: 'Region Hovedstaden',
          nameEn: 'Capital Region of Denmark',
          municipalities: [
            { code: '101', name: 'København', regionCode: '1084' },
            { code: '147', name: 'Frederiksberg', regionCode: '1084' },
          ],
        },
      ],
    } as unknown as Taxonomy;
    expect(municipalityGroups(taxonomy, 'en')).toEqual([
      {
        region: 'North Denmark Region',
        municipalities: [
          { code: '851', name: 'Aalborg' },
          { code: '813', name: 'Frederikshavn' },
        ],
      },
      {
        region: 'Capital Region of Denmark',
        municipalities: [
          { code: '147', name: 'Frederiksberg' },
          { code: '101', name: 'København' },
        ],
      },
    ]);
  });
});

describe('describeMatchProblem', () => {
  const labels = { question: (slug: string) => (slug === 'nis2-krav' ? 'Er I omfattet af NIS2?' : slug) };
  const say = (problem: MatchProblem) => describeMatchProblem(problem, 'da', labels);

  it('tells the reader what to do, in the form’s words', () => {
    expect(say({ kind: 'municipality', value: '999' })).toBe(
      'Der findes ingen kommune med koden »999«. Vælg jeres kommune i listen.',
    );
    expect(say({ kind: 'answer', need: 'nis2-krav', value: 'maybe' })).toBe(
      'Svaret på »Er I omfattet af NIS2?« skal være ja, nej eller ved ikke (i adressen står der »maybe«).',
    );
    expect(say({ kind: 'compareCount', count: 1 })).toBe('Vælg 2 eller 3 udbydere at sammenligne. Du har valgt 1.');
    expect(say({ kind: 'tooManyNeeds', count: 16 })).toContain('højst 15');
    expect(describeMatchProblem({ kind: 'noNeeds' }, 'en', labels)).toBe(
      'Choose at least one need, or answer the questions, so we know what you need help with.',
    );
  });

  it('has a text for every kind of problem in both languages', () => {
    const problems: MatchProblem[] = [
      { kind: 'need', value: 'x' },
      { kind: 'sector', value: 'x' },
      { kind: 'size', value: 'x' },
      { kind: 'municipality', value: 'x' },
      { kind: 'language', value: 'x' },
      { kind: 'budget', value: 'x' },
      { kind: 'delivery', value: 'x' },
      { kind: 'driver', value: 'x' },
      { kind: 'page', value: 'x' },
      { kind: 'question', value: 'x' },
      { kind: 'answer', need: 'x', value: 'x' },
      { kind: 'tooManyValues', param: 'provider' },
      { kind: 'tooManyNeeds', count: 20 },
      { kind: 'noNeeds' },
      { kind: 'provider', value: 'x' },
      { kind: 'compareCount', count: 4 },
      { kind: 'notMatched', value: 'x' },
    ];
    for (const locale of ['da', 'en'] as const) {
      for (const problem of problems) {
        expect(describeMatchProblem(problem, locale, labels), `${locale} ${problem.kind}`).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
