import { describe, expect, it } from 'vitest';
import type { DemandSignal } from '../../graph/demand';
import type { SearchResponse } from '../../search/types';
import type { Services } from '../services';
import { DemandGate, type Visitor } from './demand-gate';
import { matchProviders } from './match-providers';
import { readCompanyProfile } from './read-profile';
import { searchListings } from './search-listings';

const person: Visitor = {
  address: '192.0.2.7',
  userAgent: 'Mozilla/5.0 (Windows NT 10.0) Firefox/133.0',
  channel: 'site',
};

/** Services with only what the use cases touch; the graph-backed paths are tested in tests/graph. */
function recording() {
  const signals: DemandSignal[] = [];
  const demand = { record: (signal: DemandSignal | null) => signal && signals.push(signal) };
  const response: SearchResponse = { hits: [], total: 7, facets: {} as SearchResponse['facets'], tookMs: 1 };
  const services = {
    demand,
    demandGate: new DemandGate(),
    search: { search: async () => response },
    catalog: { taxonomy: async () => ({ needs: [] }) },
    matcher: {
      match: async () => ({
        providers: [],
        uncoveredNeeds: [],
        fewest: { providers: [], complete: true, uncoveredNeeds: [] },
        context: { regionCode: '1084' },
      }),
    },
  } as unknown as Services;
  return { services, signals };
}

describe('use cases record demand in one place', () => {
  it('a search records one signal on its first page, none when paging, repeating or asked by no visitor', async () => {
    const { services, signals } = recording();
    await searchListings(services, { query: '  backup  ', offset: 0 }, person);
    await searchListings(services, { query: 'backup', offset: 20 }, person);
    await searchListings(services, { query: 'backup', offset: 0 }, person);
    await searchListings(services, { query: 'phishing', offset: 0 }, undefined);
    expect(signals).toEqual([
      expect.objectContaining({
        kind: 'search',
        query: 'backup',
        results: 7,
        needs: ['backup-og-gendannelse'],
        region: null,
      }),
    ]);
  });

  it('a match records one signal with the region of the SME, unless the caller has counted it already', async () => {
    const { services, signals } = recording();
    await matchProviders(services, { needs: ['backup'], sector: 'SEC-HEALTH', sizeBand: 'small' }, person);
    await matchProviders(services, { needs: ['backup'] }, person, { recordDemand: false });
    expect(signals).toEqual([
      {
        kind: 'match',
        needs: ['backup'],
        region: '1084',
        sector: 'SEC-HEALTH',
        sizeBand: 'small',
        results: 0,
        query: null,
      },
    ]);
  });

  it('a profile lookup with something that is not a slug asks no one', async () => {
    let asked = 0;
    const source = {
      company: async () => {
        asked += 1;
        return null;
      },
      product: async () => null,
    };
    expect(await readCompanyProfile(source, '../etc/passwd')).toBeNull();
    expect(await readCompanyProfile(source, undefined)).toBeNull();
    expect(asked).toBe(0);
    await readCompanyProfile(source, 'nordlys-it');
    expect(asked).toBe(1);
  });
});
