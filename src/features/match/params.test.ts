import { describe, expect, it } from 'vitest';
import { comparePath, identifyRoute, localizedPath, matchPath, rankingPath } from '../../i18n/routes';
import {
  effectiveNeeds,
  emptyMatchState,
  hiddenFields,
  type KnownValues,
  MAX_NEEDS,
  needsAddedByAnswers,
  parseCompareParams,
  parseMatchParams,
  stateToQuery,
  toMatchProfile,
  wasSubmitted,
} from './params';

const NEED_SLUGS = [
  'backup-og-gendannelse',
  'tofaktor-login',
  'nis2-krav',
  'penetrationstest',
  'e-mail-og-phishing-beskyttelse',
  'awareness-traening',
  'akut-hjaelp-ved-angreb',
  'sikkerhedskrav-fra-stor-kunde',
  ...Array.from({ length: 20 }, (_, index) => `behov-${index + 1}`),
];

const KNOWN: KnownValues = {
  needs: new Set(NEED_SLUGS),
  sectors: new Set(['SEC-HEALTH', 'SEC-FOOD']),
  municipalities: new Set(['101', '751']),
};

const parse = (query: string) => parseMatchParams(new URLSearchParams(query), KNOWN);

describe('parseMatchParams', () => {
  it('reads a complete wizard submission', () => {
    const { state, problems } = parse(
      'need=backup-og-gendannelse&need=tofaktor-login&sector=SEC-HEALTH&size=small&kommune=751&lang=en' +
        '&budget=medium&delivery=onsite&driver=NIS2&driver=D-MAERKET&q_nis2-krav=yes&q_penetrationstest=no',
    );
    expect(problems).toEqual([]);
    expect(state).toEqual({
      needs: ['backup-og-gendannelse', 'tofaktor-login'],
      answers: { 'nis2-krav': 'yes', penetrationstest: 'no' },
      sector: 'SEC-HEALTH',
      size: 'small',
      municipality: '751',
      language: 'en',
      budget: 'medium',
      delivery: 'onsite',
      drivers: ['NIS2', 'D-MAERKET'],
      page: 1,
    });
  });

  it('treats the empty values a GET form sends for unchosen fields as not given', () => {
    const { state, problems } = parse('need=tofaktor-login&sector=&size=&kommune=&q_nis2-krav=&budget=any');
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ sector: null, size: null, municipality: null, answers: {}, budget: 'any' });
  });

  it('reports every invalid value and keeps the valid ones, so the form can be shown again', () => {
    const { state, problems } = parse(
      'need=backup-og-gendannelse&need=findes-ikke&need=NOT A SLUG&sector=SEC-MOON&size=huge&kommune=999' +
        '&lang=de&budget=cheap&delivery=post&driver=NIS2&driver=HIPAA&page=0&q_nis2-krav=maybe&q_dora-krav=yes',
    );
    expect(state.needs).toEqual(['backup-og-gendannelse']);
    expect(state.drivers).toEqual(['NIS2']);
    expect(state).toMatchObject({ sector: null, size: null, municipality: null, language: null, page: 1 });
    expect(problems).toEqual(
      expect.arrayContaining([
        { kind: 'need', value: 'findes-ikke' },
        { kind: 'need', value: 'NOT A SLUG' },
        { kind: 'sector', value: 'SEC-MOON' },
        { kind: 'size', value: 'huge' },
        { kind: 'municipality', value: '999' },
        { kind: 'language', value: 'de' },
        { kind: 'budget', value: 'cheap' },
        { kind: 'delivery', value: 'post' },
        { kind: 'driver', value: 'HIPAA' },
        { kind: 'page', value: '0' },
        { kind: 'answer', need: 'nis2-krav', value: 'maybe' },
        // dora-krav is a catalogue need, but the wizard does not ask about it.
        { kind: 'question', value: 'dora-krav' },
      ]),
    );
    expect(problems).toHaveLength(12);
  });

  it('takes the last value of a single-valued parameter and each repeated value once', () => {
    const { state } = parse('need=tofaktor-login&need=tofaktor-login&size=micro&size=large&driver=GDPR&driver=GDPR');
    expect(state.needs).toEqual(['tofaktor-login']);
    expect(state.size).toBe('large');
    expect(state.drivers).toEqual(['GDPR']);
  });

  it('asks for a need when the form was sent without one, but not when it was only opened', () => {
    expect(parse('').problems).toEqual([]);
    expect(parse('utm_source=nyhedsbrev').problems).toEqual([]);
    expect(parse('size=micro&budget=any').problems).toEqual([{ kind: 'noNeeds' }]);
    // Answers that signal nothing leave no need either.
    expect(parse('q_backup-og-gendannelse=yes').problems).toEqual([{ kind: 'noNeeds' }]);
    // An answer that signals a need is enough on its own.
    expect(parse('q_backup-og-gendannelse=no').problems).toEqual([]);
  });

  it('does not also ask for a need when the only one given is unknown', () => {
    expect(parse('need=findes-ikke').problems).toEqual([{ kind: 'need', value: 'findes-ikke' }]);
  });

  it('refuses more needs than the matching handles, counting those the answers add', () => {
    const ticked = NEED_SLUGS.filter((slug) => slug.startsWith('behov-')).slice(0, MAX_NEEDS);
    const query = ticked.map((slug) => `need=${slug}`).join('&');
    expect(parse(query).problems).toEqual([]);
    expect(parse(`${query}&q_backup-og-gendannelse=no`).problems).toEqual([
      { kind: 'tooManyNeeds', count: MAX_NEEDS + 1 },
    ]);
  });

  it('drops an absurd number of values instead of listing each as a problem', () => {
    const query = Array.from({ length: 60 }, (_, index) => `need=x-${index}`).join('&');
    expect(parse(query).problems).toEqual([{ kind: 'tooManyValues', param: 'need' }]);
  });

  it('accepts a page number within range', () => {
    expect(parse('need=tofaktor-login&page=3').state.page).toBe(3);
    expect(parse('need=tofaktor-login&page=abc').problems).toEqual([{ kind: 'page', value: 'abc' }]);
  });
});

describe('effective needs', () => {
  it('are the ticked needs first, then those the answers add, each once', () => {
    const { state } = parse(
      'need=tofaktor-login&need=nis2-krav&q_nis2-krav=yes&q_backup-og-gendannelse=unsure&q_penetrationstest=no',
    );
    expect(effectiveNeeds(state)).toEqual(['tofaktor-login', 'nis2-krav', 'backup-og-gendannelse']);
    expect(needsAddedByAnswers(state)).toEqual(['backup-og-gendannelse']);
  });

  it('make the match profile', () => {
    const { state } = parse('need=tofaktor-login&q_backup-og-gendannelse=no&kommune=101&driver=NIS2&budget=small');
    expect(toMatchProfile(state)).toEqual({
      needs: ['tofaktor-login', 'backup-og-gendannelse'],
      sector: null,
      sizeBand: null,
      municipality: '101',
      language: null,
      budget: 'small',
      delivery: null,
      drivers: ['NIS2'],
    });
  });
});

describe('stateToQuery', () => {
  it('round-trips through the URL, leaving out what is not set', () => {
    const query =
      'need=backup-og-gendannelse&need=tofaktor-login&q_nis2-krav=yes&sector=SEC-FOOD&size=micro&kommune=101' +
      '&lang=da&budget=large&delivery=remote&driver=GDPR&page=2';
    const { state } = parse(query);
    const link = matchPath('da', stateToQuery(state));
    expect(link).toBe(`/find-hjaelp?${query}`);
    expect(parse(new URL(link, 'http://x').search).state).toEqual(state);
    expect(matchPath('da', stateToQuery(emptyMatchState()))).toBe('/find-hjaelp');
  });

  it('gives hidden fields for the compare form without the page number', () => {
    const { state } = parse('need=tofaktor-login&need=nis2-krav&q_backup-og-gendannelse=no&page=2');
    expect(hiddenFields(state)).toEqual([
      { name: 'need', value: 'tofaktor-login' },
      { name: 'need', value: 'nis2-krav' },
      { name: 'q_backup-og-gendannelse', value: 'no' },
    ]);
  });
});

describe('wasSubmitted', () => {
  it('looks only at the wizard’s own parameters', () => {
    expect(wasSubmitted(new URLSearchParams(''))).toBe(false);
    expect(wasSubmitted(new URLSearchParams('fbclid=abc'))).toBe(false);
    expect(wasSubmitted(new URLSearchParams('kommune='))).toBe(true);
    expect(wasSubmitted(new URLSearchParams('q_nis2-krav=yes'))).toBe(true);
  });
});

describe('parseCompareParams', () => {
  const compare = (query: string) => parseCompareParams(new URLSearchParams(query), KNOWN);

  it('reads the profile and two or three providers', () => {
    const { state, providers, problems } = compare('need=tofaktor-login&kommune=751&p=alfa-aps&p=beta-as&p=alfa-aps');
    expect(problems).toEqual([]);
    expect(providers).toEqual(['alfa-aps', 'beta-as']);
    expect(state.municipality).toBe('751');
  });

  it('refuses fewer than two or more than three providers', () => {
    expect(compare('need=tofaktor-login&p=alfa-aps').problems).toEqual([{ kind: 'compareCount', count: 1 }]);
    expect(compare('need=tofaktor-login').problems).toEqual([{ kind: 'compareCount', count: 0 }]);
    expect(compare('need=tofaktor-login&p=a&p=b&p=c&p=d').problems).toEqual([{ kind: 'compareCount', count: 4 }]);
  });

  it('reports a provider that cannot be a company slug, and profile problems too', () => {
    expect(compare('need=tofaktor-login&p=alfa-aps&p=<script>&size=huge').problems).toEqual(
      expect.arrayContaining([
        { kind: 'provider', value: '<script>' },
        { kind: 'compareCount', count: 1 },
        { kind: 'size', value: 'huge' },
      ]),
    );
    expect(compare('p=alfa-aps&p=beta-as').problems).toEqual([{ kind: 'noNeeds' }]);
  });

  it('ignores a page number, which only the list has', () => {
    expect(compare('need=tofaktor-login&p=a&p=b&page=x').problems).toEqual([]);
  });
});

describe('links to the new pages', () => {
  it('have a twin in the other language that keeps the whole match', () => {
    const query = '?need=backup-og-gendannelse&kommune=751&q_nis2-krav=yes';
    const url = (href: string) => new URL(href, 'http://cyberkort.test');
    expect(localizedPath(url(`/find-hjaelp${query}`), 'en')).toBe(`/en/find-help${query}`);
    expect(localizedPath(url(`/en/compare${query}&p=a&p=b`), 'da')).toBe(`/sammenlign${query}&p=a&p=b`);
    expect(localizedPath(url('/saadan-rangerer-vi'), 'en')).toBe('/en/how-we-rank');
    expect(identifyRoute('/en/how-we-rank')).toEqual({ locale: 'en', page: 'ranking' });
    expect(comparePath('da', { p: ['a', 'b'] })).toBe('/sammenlign?p=a&p=b');
    expect(rankingPath('da')).toBe('/saadan-rangerer-vi');
  });
});
