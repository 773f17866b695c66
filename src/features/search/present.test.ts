import { describe, expect, it } from 'vitest';
import type { Taxonomy } from '../../../graph/catalog';
import type { SearchDocument } from '../../../search/types';
import { parseSearchParams } from './params';
import { describeProblem, facetGroups, regionText, whyShown } from './present';

const T = (da: string, en: string) => ({ da, en });
const taxonomy = {
  categories: [],
  csfFunctions: [
    { code: 'GV', name: T('Styr', 'Govern'), categories: [] },
    { code: 'PR', name: T('Beskyt', 'Protect'), categories: [] },
  ],
  regions: [
    { code: '1081', name: 'Region Nordjylland', nameEn: 'North Denmark Region', municipalities: [] },
    { code: '1084', name: 'Region Hovedstaden', nameEn: 'Capital Region of Denmark', municipalities: [] },
  ],
  sectors: [],
  regulations: [],
  certifications: [],
  skills: [],
  needs: [],
  labels: {
    needs: {
      backup: T('Backup og gendannelse', 'Backup and restore'),
      mfa: T('Login med to trin', 'Multi-factor login'),
    },
    categories: {},
    csfFunctions: { GV: T('Styr', 'Govern'), PR: T('Beskyt', 'Protect') },
    certifications: {},
    regions: {
      '1081': T('Region Nordjylland', 'North Denmark Region'),
      '1084': T('Region Hovedstaden', 'Capital Region'),
    },
    municipalities: {},
    sectors: {},
  },
} satisfies Taxonomy;

const document: SearchDocument = {
  id: 'product:p',
  kind: 'product',
  slug: 'p',
  name: 'P',
  companySlug: 'c',
  companyName: 'C',
  descriptionDa: '',
  descriptionEn: '',
  keywords: [],
  needs: ['backup', 'mfa'],
  categories: [],
  csfFunctions: [],
  certifications: [],
  regions: ['1081'],
  municipalities: [],
  sizeBand: 'small',
  languages: ['da'],
  priceFrom: null,
  smeFit: true,
  updatedAt: 0,
};

const state = (query: string) => parseSearchParams(new URLSearchParams(query)).state;

describe('facetGroups', () => {
  it('labels values, orders by count, and keeps chosen values even without results', () => {
    const groups = facetGroups(
      state('need=gone'),
      { needs: { backup: 3, mfa: 7, empty: 0 }, sizeBand: { large: 1, micro: 2 }, csfFunctions: { PR: 5, GV: 1 } },
      taxonomy,
      'da',
    );
    const needs = groups.find((group) => group.param === 'need');
    expect(needs?.legend).toBe('Behov');
    expect(needs?.options).toEqual([
      { value: 'mfa', label: 'Login med to trin', count: 7, checked: false },
      { value: 'backup', label: 'Backup og gendannelse', count: 3, checked: false },
      { value: 'gone', label: 'gone', count: 0, checked: true },
    ]);
    expect(groups.find((group) => group.param === 'size')?.options.map((option) => option.label)).toEqual([
      '1–9 ansatte',
      '250 ansatte eller flere',
    ]);
    expect(groups.find((group) => group.param === 'csf')?.options.map((option) => option.value)).toEqual(['GV', 'PR']);
    expect(groups.some((group) => group.param === 'region')).toBe(false);
  });

  it('lists only the chosen values when there is no taxonomy', () => {
    const groups = facetGroups(state('region=1081'), {}, null, 'en');
    expect(groups).toEqual([
      { param: 'region', legend: 'Region', options: [{ value: '1081', label: '1081', count: 0, checked: true }] },
    ]);
  });
});

describe('whyShown', () => {
  it('names the search words, the chosen needs the result covers and other filters', () => {
    expect(whyShown(document, state('q=backup&need=backup&region=1081'), taxonomy.labels, 'en')).toBe(
      'Shown because: it matches your search words, it covers Backup and restore and it meets your filters.',
    );
    expect(whyShown(document, state(''), taxonomy.labels, 'da')).toBe('Vist fordi: du ser alle leverandører.');
  });
});

describe('regionText', () => {
  it('says "all of Denmark" when every region is served', () => {
    expect(regionText(document, taxonomy, 'en')).toBe('North Denmark Region');
    expect(regionText({ ...document, regions: ['1081', '1084'] }, taxonomy, 'da')).toBe('Hele landet');
    expect(regionText({ ...document, regions: [] }, taxonomy, 'da')).toBeNull();
  });
});

describe('describeProblem', () => {
  it('names the filter as the reader sees it', () => {
    expect(describeProblem({ kind: 'value', param: 'size', value: 'huge' }, 'da')).toBe(
      'Filteret »Leverandørens størrelse« har en ugyldig værdi: »huge«.',
    );
    expect(describeProblem({ kind: 'page', value: 'abc' }, 'en')).toBe(
      'The page number must be a whole number from 1 to 500 (you entered “abc”).',
    );
  });
});
