import { describe, expect, it } from 'vitest';
import {
  activeFilters,
  MAX_VALUES_PER_FILTER,
  PAGE_SIZE,
  pageWindow,
  parseSearchParams,
  stateToQuery,
  toSearchRequest,
  withoutFilters,
} from './params';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('parseSearchParams', () => {
  it('gives the defaults for an empty URL', () => {
    const { state, problems } = parse('');
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ query: '', smeFit: false, maxPrice: null, sort: 'relevance', page: 1 });
    expect(Object.values(state.selected).flat()).toEqual([]);
  });

  it('reads the query, repeated filters, sort and page, ignoring empty form fields', () => {
    const { state, problems } = parse(
      'q=+backup++til+kontoret+&need=backup-og-gendannelse&need=phishing&need=phishing&region=1081&size=small' +
        '&smeFit=true&maxPrice=5000&sort=priceAsc&page=3&municipality=&csf=PR&utm_source=mail',
    );
    expect(problems).toEqual([]);
    expect(state.query).toBe('backup til kontoret');
    expect(state.selected.need).toEqual(['backup-og-gendannelse', 'phishing']);
    expect(state.selected.region).toEqual(['1081']);
    expect(state.selected.municipality).toEqual([]);
    expect(state.selected.csf).toEqual(['PR']);
    expect(state).toMatchObject({ smeFit: true, maxPrice: 5000, sort: 'priceAsc', page: 3 });
  });

  it('reports each invalid parameter and falls back to its default', () => {
    const { state, problems } = parse('page=abc&sort=cheapest&maxPrice=-5&smeFit=maybe&size=huge&need=<script>');
    expect(problems).toEqual(
      expect.arrayContaining([
        { kind: 'page', value: 'abc' },
        { kind: 'sort', value: 'cheapest' },
        { kind: 'maxPrice', value: '-5' },
        { kind: 'smeFit', value: 'maybe' },
        { kind: 'value', param: 'size', value: 'huge' },
        { kind: 'value', param: 'need', value: '<script>' },
      ]),
    );
    expect(problems).toHaveLength(6);
    expect(state).toMatchObject({ page: 1, sort: 'relevance', maxPrice: null, smeFit: false });
    expect(state.selected.size).toEqual([]);
  });

  it('rejects page 0, pages past the limit and absurd lists', () => {
    expect(parse('page=0').problems).toEqual([{ kind: 'page', value: '0' }]);
    expect(parse('page=99999').problems).toEqual([{ kind: 'page', value: '99999' }]);
    const many = Array.from({ length: MAX_VALUES_PER_FILTER + 1 }, (_, index) => `need=n${index}`).join('&');
    expect(parse(many).problems).toEqual([{ kind: 'tooMany', param: 'need' }]);
    expect(parse(`q=${'a'.repeat(201)}`).problems).toEqual([{ kind: 'queryTooLong' }]);
  });

  it('reports search words whose bytes are not text, and keeps the readable rest', () => {
    const { state, problems } = parse('q=backup%ff%E0%A4');
    expect(problems).toEqual([{ kind: 'queryUnreadable' }]);
    expect(state.query).toBe('backup');
  });
});

describe('toSearchRequest', () => {
  it('maps URL names to facets and pages to offsets', () => {
    const { state } = parse('q=mfa&need=mfa&kind=product&language=da&smeFit=1&maxPrice=0&page=2&sort=name');
    expect(toSearchRequest(state)).toEqual({
      query: 'mfa',
      filters: { needs: ['mfa'], kind: ['product'], languages: ['da'], smeFit: true, maxPrice: 0 },
      sort: 'name',
      limit: PAGE_SIZE,
      offset: PAGE_SIZE,
    });
  });
});

describe('links from a state', () => {
  it('round-trip through the URL and leave defaults out', () => {
    const { state } = parse('q=backup&need=a&need=b&region=1081&smeFit=true&page=2');
    const query = stateToQuery(state);
    expect(query).toMatchObject({ q: 'backup', need: ['a', 'b'], region: ['1081'], smeFit: 'true', page: 2 });
    expect(query.sort).toBeUndefined();
    expect(query.maxPrice).toBeUndefined();
  });

  it('offer one removable chip per chosen value, each going back to page 1', () => {
    const { state } = parse('q=x&need=a&need=b&smeFit=true&page=4');
    const chips = activeFilters(state);
    expect(chips).toHaveLength(3);
    const [first] = chips;
    expect(first?.kind === 'facet' && first.value).toBe('a');
    expect(first?.without.selected.need).toEqual(['b']);
    expect(first?.without.page).toBe(1);
    expect(withoutFilters(state)).toMatchObject({ query: 'x', smeFit: false, page: 1 });
  });
});

describe('pageWindow', () => {
  it('shows first, last and neighbours with gaps', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 4)).toEqual([1, 2, 3, 4]);
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    expect(pageWindow(2, 20)).toEqual([1, 2, 3, 4, null, 20]);
  });
});
