import { describe, expect, it } from 'vitest';
import type { DemandGap } from '../../use-cases/analytics-demand';
import { type AnalyticsFilter, NO_FILTER } from '../../use-cases/analytics-filter';
import type { NeedSupply } from '../../use-cases/analytics-supply';
import { sectionChart } from './charts';
import { tableCsv } from './tables';
import {
  concentrationSections,
  coverageSections,
  demandSections,
  gapSections,
  skillSections,
  supplySections,
  zeroResultSections,
} from './views';

const counts = (providers: number, rest: Partial<Record<string, number>> = {}) => ({
  providers,
  products: rest.products ?? providers * 2,
  smeFriendlyProviders: rest.sme ?? 0,
  danishSpeakingProviders: rest.danish ?? providers,
  verifiedCertifiedProviders: rest.verified ?? 0,
});

function supply(filter: Partial<AnalyticsFilter> = {}): NeedSupply {
  return {
    filter: { ...NO_FILTER, ...filter },
    byNeed: [
      { need: 'backup-og-gendannelse', ...counts(3, { sme: 2 }), onSiteProviders: filter.region ? 1 : null },
      { need: 'tofaktor-login', ...counts(5), onSiteProviders: filter.region ? 4 : null },
      { need: 't-ukendt', ...counts(0), onSiteProviders: filter.region ? 0 : null },
    ],
    byArea: {
      level: 'region',
      rows: [
        { need: 'tofaktor-login', region: '1084', ...counts(4), onSiteProviders: 3 },
        { need: 'tofaktor-login', region: '1081', ...counts(1), onSiteProviders: 1 },
        { need: 'backup-og-gendannelse', region: '1084', ...counts(2, { sme: 2 }), onSiteProviders: 1 },
      ],
    },
  };
}

describe('the supply page’s tables', () => {
  it('lists every need by the chosen figure, named in the page’s language, and maps the top need by region', () => {
    const [needs, areas] = supplySections(supply(), 'da', 'providers');
    expect(needs?.table.columns.map((column) => column.key)).toEqual([
      'need',
      'needCode',
      'providers',
      'products',
      'smeFriendlyProviders',
      'danishSpeakingProviders',
      'verifiedCertifiedProviders',
    ]);
    expect(needs?.table.rows.map((row) => row[1])).toEqual(['tofaktor-login', 'backup-og-gendannelse', 't-ukendt']);
    // A need the catalogue does not know is shown by its code.
    expect(needs?.table.rows[2]?.[0]).toBe('t-ukendt');
    expect(areas?.table.caption).toContain('»');
    expect(areas?.table.rows.map((row) => row.slice(0, 3))).toEqual([
      ['Region Hovedstaden', '1084', 4],
      ['Region Nordjylland', '1081', 1],
    ]);
    expect(areas?.note).toContain('Vælg et behov');
    expect(areas?.chart).toMatchObject({ kind: 'map', level: 'region', code: 'regionCode', value: 'providers' });

    const sme = supplySections(supply(), 'en', 'smeFriendlyProviders');
    expect(sme[0]?.table.rows.map((row) => row[1])).toEqual(['backup-og-gendannelse', 'tofaktor-login', 't-ukendt']);
    expect(sme[1]?.table.rows.map((row) => row[0])).toEqual(['Capital Region of Denmark']);
  });

  it('narrows to the chosen need, adds on-site providers with a region, and draws bars of what the table holds', () => {
    const sections = supplySections(supply({ region: '1084', need: 'backup-og-gendannelse' }), 'da', 'onSiteProviders');
    const [needs, areas] = sections;
    expect(needs?.table.columns.at(-1)?.key).toBe('onSiteProviders');
    expect(needs?.table.rows).toEqual([['Backup og gendannelse', 'backup-og-gendannelse', 3, 6, 2, 3, 0, 1]]);
    expect(areas?.note).toBeNull();
    const svg = needs ? sectionChart(needs, 'da') : null;
    expect(svg).toContain('<title>Backup og gendannelse: 1</title>');
    const map = areas ? sectionChart(areas, 'da') : null;
    expect(map).toContain('<title>Region Hovedstaden: 1</title>');
    expect(map).toContain('<title>Region Sjælland: –</title>');
  });

  it('shows providers in the bars when on-site providers are chosen without a region', () => {
    const [needs] = supplySections(supply(), 'da', 'onSiteProviders');
    expect(needs?.chart).toMatchObject({ kind: 'bar', value: 'providers' });
  });
});

describe('the demand pages’ tables', () => {
  it('sums the weekly cells per week in order and per need, signals without a need as one row', () => {
    const cell = (week: string, need: string | null, signals: number, zeroResults = 0) => ({
      week,
      need,
      region: null,
      sector: null,
      sizeBand: null,
      signals,
      zeroResults,
    });
    const [weeks, needs] = demandSections(
      {
        weekly: [
          cell('2026-W10', 'tofaktor-login', 2, 1),
          cell('2026-W09', 'tofaktor-login', 1),
          cell('2026-W10', null, 4, 4),
          cell('2026-W10', 'backup-og-gendannelse', 3),
        ],
      },
      'en',
    );
    expect(weeks?.table.rows).toEqual([
      ['2026-W09', 1, 0],
      ['2026-W10', 9, 5],
    ]);
    expect(needs?.table.rows).toEqual([
      ['No need', '', 4, 4],
      // Equal demand: by name.
      ['Backup and restore', 'backup-og-gendannelse', 3, 0],
      ['Multi-factor login (MFA)', 'tofaktor-login', 3, 1],
    ]);
  });

  it('lists the largest gaps with scores to two decimals and maps the largest gap’s need by region', () => {
    const gap = (need: string, region: string, demand: number, supply: number, score: number): DemandGap => ({
      need,
      region,
      demand,
      supply,
      regionDemand: 10,
      regionSupply: 20,
      score,
    });
    const gaps = [gap('tofaktor-login', '1084', 6, 0, 1.23456), gap('tofaktor-login', '1081', 0, 3, -0.5)];
    const [largest, regions] = gapSections({ filter: NO_FILTER, gaps, largestGaps: gaps.slice(0, 1) }, 'da');
    expect(largest?.table.rows).toEqual([
      ['Tofaktor-login (MFA)', 'Region Hovedstaden', 'tofaktor-login', '1084', 6, 0, 10, 20, 1.23],
    ]);
    expect(regions?.table.rows.map((row) => [row[1], row.at(-1)])).toEqual([
      ['1084', 1.23],
      ['1081', -0.5],
    ]);
    expect(regions && tableCsv(regions.table)).toContain('Region Nordjylland,1081,0,3,10,20,-0.5');
    const none = gapSections({ filter: NO_FILTER, gaps: [], largestGaps: [] }, 'da');
    expect(none).toHaveLength(1);
    expect(none[0]?.note).toContain('Ingen huller');
  });

  it('lists the searches that found nothing as the use case ranks them', () => {
    const [searches] = zeroResultSections(
      {
        searchesWithoutResults: [
          { words: 'kvante, krypto', searches: 7, firstDay: '2026-03-01', lastDay: '2026-03-05' },
        ],
      },
      'da',
    );
    expect(searches?.table.rows).toEqual([['kvante, krypto', 7, '2026-03-01', '2026-03-05']]);
  });
});

describe('the supply measures’ other pages', () => {
  it('lists roles scarcest first by the chosen figure and maps the chosen role by region', () => {
    const data = {
      scarcity: [
        { role: 'ECSF-PENTESTER', region: null, companies: 4, headcount: 9 },
        { role: 'ECSF-CISO', region: null, companies: 1, headcount: 12 },
      ],
      scarcityByRegion: [
        { role: 'ECSF-PENTESTER', region: '1084', companies: 3, headcount: 8 },
        { role: 'ECSF-CISO', region: '1084', companies: 1, headcount: 12 },
      ],
    };
    const [byCompanies, map] = skillSections(data, 'da', { show: 'companies', role: null });
    expect(byCompanies?.table.rows.map((row) => row[1])).toEqual(['ECSF-CISO', 'ECSF-PENTESTER']);
    expect(map?.table.rows).toEqual([['Region Hovedstaden', '1084', 1, 12]]);
    const [byHeadcount, chosen] = skillSections(data, 'da', { show: 'headcount', role: 'ECSF-PENTESTER' });
    expect(byHeadcount?.table.rows.map((row) => row[1])).toEqual(['ECSF-PENTESTER', 'ECSF-CISO']);
    expect(chosen?.table.rows).toEqual([['Region Hovedstaden', '1084', 3, 8]]);
    expect(chosen?.note).toBeNull();
  });

  it('names CSF categories and NIS2 measures, in code order', () => {
    const [csf, nis2] = coverageSections(
      {
        csfCoverage: [{ category: 'PR.AA', function: 'PR', products: 5, providers: 2 }],
        nis2Coverage: [{ measure: 'NIS2-21-2-a', letter: 'a', products: 3, providers: 3 }],
      },
      'da',
    );
    expect(csf?.table.rows).toEqual([
      ['PR.AA Identitetsstyring, autentifikation og adgangskontrol', 'PR.AA', 'PR', 5, 2],
    ]);
    expect(nis2?.table.rows[0]?.[0]).toBe('(a)');
    expect(nis2?.table.rows[0]?.[2]).toBe('NIS2-21-2-a');
  });

  it('shows the top-three share as a percentage and the thin needs', () => {
    const row = (need: string, providers: number, products: number, top3Share: number | null) => ({
      need,
      providers,
      products,
      top3Share,
      thin: providers <= 2,
    });
    const none = row('backup-og-gendannelse', 0, 0, null);
    const rows = [row('tofaktor-login', 5, 9, 7 / 9), none];
    const [all, thin] = concentrationSections({ concentration: rows, thinNeeds: [none] }, 'en');
    expect(all?.table.rows).toEqual([
      ['Backup and restore', 'backup-og-gendannelse', 0, 0, null, 'Yes'],
      ['Multi-factor login (MFA)', 'tofaktor-login', 5, 9, 77.8, 'No'],
    ]);
    expect(thin?.table.rows).toEqual([['Backup and restore', 'backup-og-gendannelse', 0, 0]]);
    expect(all ? sectionChart(all, 'en') : null).toContain('<title>Multi-factor login (MFA): 77.8</title>');
  });
});
