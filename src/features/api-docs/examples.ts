/**
 * The example operations on the analysts' API page (/api, /en/api), as plain data: the page shows
 * each with a curl command, and examples.test.ts validates every one against the printed schema
 * (src/api/schema.graphql), so an example that no longer matches the schema fails a test.
 * Queries contain no single quote: the page puts them inside a single-quoted shell argument.
 */

export interface ApiExample {
  id: string;
  /** Who may run it: everyone, or NCC-DK staff and analysts' tokens only. */
  access: 'public' | 'token';
  title: { da: string; en: string };
  explanation: { da: string; en: string };
  query: string;
  variables?: Record<string, unknown>;
}

export const API_EXAMPLES: readonly ApiExample[] = [
  {
    id: 'public-demand',
    access: 'public',
    title: { da: 'Efterspørgsel pr. behov og kvartal (offentlig)', en: 'Demand per need and quarter (public)' },
    explanation: {
      da: 'Uden nøgle får du de offentlige tal: en celle bygget på færre end 5 signaler har value null og shown "under 5".',
      en: 'Without a token you get the public figures: a cell built from fewer than 5 signals has value null and shown "under 5".',
    },
    query: `query PublicDemand($filter: StatisticsFilter) {
  statistics(filter: $filter) {
    audience
    filter { from to region }
    demandByNeedAndQuarter { need quarter signals { value shown } }
  }
}`,
    variables: { filter: { quarter: '2026-Q3', region: '1084' } },
  },
  {
    id: 'public-supply',
    access: 'public',
    title: { da: 'Udbud og NIS2-dækning (offentlig)', en: 'Supply and NIS2 coverage (public)' },
    explanation: {
      da: 'Tal om 1 eller 2 virksomheder har value null og shown "under 3".',
      en: 'Figures about 1 or 2 companies have value null and shown "under 3".',
    },
    query: `query PublicSupply($filter: StatisticsFilter) {
  statistics(filter: $filter) {
    supplyByNeed { need providers { value shown } smeFriendlyShare danishSpeakingShare verifiedCertifiedShare }
    nis2Coverage { code group providers { shown } products { shown } }
  }
}`,
    variables: { filter: { sizeBand: 'small' } },
  },
  {
    id: 'supply-region',
    access: 'token',
    title: {
      da: 'Udbud pr. behov i en region og knappe ECSF-roller',
      en: 'Supply per need in a region, and scarce ECSF roles',
    },
    explanation: {
      da: 'Alle tal er præcise. Regionsfiltret tæller udbydere med adresse i regionen eller som betjener den.',
      en: 'Every figure is exact. The region filter counts providers located in the region or serving it.',
    },
    query: `query SupplyInRegion($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    filter { region }
    supplyByNeedAndRegion { need region providers onSiteProviders smeFriendlyProviders verifiedCertifiedProviders }
    roleScarcity(byRegion: true) { role region companies headcount }
  }
}`,
    variables: { filter: { region: '1081' } },
  },
  {
    id: 'gaps',
    access: 'token',
    title: { da: 'De største huller mellem efterspørgsel og udbud', en: 'The largest gaps between demand and supply' },
    explanation: {
      da: 'Gap-scoren pr. behov og region i perioden, højeste først.',
      en: 'The gap score per need and region in the period, highest first.',
    },
    query: `query Gaps($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    largestGaps(limit: 10) { need region demand supply regionDemand regionSupply score }
  }
}`,
    variables: { filter: { from: '2026-07-01', to: '2026-09-30' } },
  },
  {
    id: 'demand',
    access: 'token',
    title: {
      da: 'Efterspørgsel pr. uge og søgninger uden resultat',
      en: 'Demand per week, and searches that found nothing',
    },
    explanation: {
      da: 'Små virksomheders efterspørgsel pr. uge og de søgninger, der ikke fandt noget, grupperet efter ordene.',
      en: 'Demand from small companies per week, and the searches that found nothing, grouped by their words.',
    },
    query: `query Demand($filter: AnalyticsFilter) {
  analytics(filter: $filter) {
    weeklyDemand { week need region sector sizeBand signals zeroResults }
    searchesWithoutResults(limit: 20) { words searches firstDay lastDay }
  }
}`,
    variables: { filter: { from: '2026-07-01', to: '2026-09-30', sizeBand: 'small' } },
  },
  {
    id: 'coverage',
    access: 'token',
    title: { da: 'Dækning og koncentration', en: 'Coverage and concentration' },
    explanation: {
      da: 'Dækning af NIST CSF 2.0 og NIS2 og, pr. behov, hvor stor en del de tre største udbydere har.',
      en: 'Coverage of NIST CSF 2.0 and NIS2 and, per need, the share of the three largest providers.',
    },
    query: `query Coverage {
  analytics {
    csfCoverage { category function providers products }
    nis2Coverage { measure letter providers products }
    concentration { need providers products top3Share thin }
    thinNeeds { need providers }
  }
}`,
  },
  {
    id: 'series',
    access: 'token',
    title: { da: 'Et mål over tid', en: 'A measure over time' },
    explanation: {
      da: 'Et punkt pr. dag med et dagligt øjebliksbillede af udbuddet.',
      en: 'One point per day with a daily snapshot of supply.',
    },
    query: `query Series($filter: SeriesFilter) {
  supplySeries(measure: supplyByNeed, filter: $filter) { day key providers products smeFriendlyProviders }
}`,
    variables: { filter: { from: '2026-07-01', to: '2026-09-30', need: 'backup-og-gendannelse' } },
  },
  {
    id: 'comparison',
    access: 'token',
    title: { da: 'To datoer sammenlignet', en: 'Two dates compared' },
    explanation: {
      da: 'Dækningen af NIS2 i Region Hovedstaden på to dage og forskellen.',
      en: 'NIS2 coverage in the Capital Region on two days, and the difference.',
    },
    query: `query Comparison($filter: SeriesFilter) {
  supplyComparison(measure: nis2Coverage, first: "2026-07-01", second: "2026-10-01", filter: $filter) {
    key
    first { providers products }
    second { providers products }
    difference { providers products }
  }
}`,
    variables: { filter: { region: '1084' } },
  },
];

/** The operation as one line, for a curl command (GraphQL ignores the line breaks and indentation). */
export function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}

/** The curl command that runs an example against `endpoint`; a token example sends the header with a placeholder. */
export function curlOf(example: ApiExample, endpoint: string): string {
  const body = JSON.stringify({
    query: oneLine(example.query),
    ...(example.variables ? { variables: example.variables } : {}),
  });
  return [
    `curl -s ${endpoint}`,
    `  -H 'content-type: application/json'`,
    ...(example.access === 'token' ? [`  -H 'authorization: Bearer ck_…'`] : []),
    `  --data '${body}'`,
  ].join(' \\\n');
}
