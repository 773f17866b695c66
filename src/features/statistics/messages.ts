/** The public statistics page's and the methods page's texts (src/features/statistics). */
const da = {
  'statistics.title': 'Statistik',
  'statistics.metaDescription':
    'Offentlig statistik over det danske marked for cybersikkerhed: udbydere og ydelser pr. behov og region, dækning af NIS2 og NIST CSF, kompetencer og efterspørgsel fra små og mellemstore virksomheder.',
  'statistics.intro':
    'Tal for hele markedet, som de står i Cyberkort: hvor mange udbydere der dækker hvert behov, hvor i landet, hvor godt NIS2 og NIST CSF er dækket, og hvad små og mellemstore virksomheder søger efter. Ingen tal handler om en enkelt person eller en enkelt virksomhed.',
  'statistics.rules':
    'Tal bygget på færre end 5 søgninger vises som »under 5«, og tal om 1 eller 2 virksomheder vises som »under 3«.',
  'statistics.methodsLink': 'Sådan er tallene lavet',
  'statistics.apiLink': 'Hent tallene med GraphQL',
  'statistics.openDataLink': 'Åbne data',
  'statistics.filter.title': 'Vælg periode og udsnit',
  'statistics.filter.quarter': 'Kvartal',
  'statistics.filter.quarterHint': 'Fx 2026-Q3. Eller vælg første og sidste dag nedenfor.',
  'statistics.filter.from': 'Første dag',
  'statistics.filter.to': 'Sidste dag',
  'statistics.filter.periodHint': 'Uden periode: dette kvartal og de tre før. Højst 8 kvartaler.',
  'statistics.filter.region': 'Region',
  'statistics.filter.allRegions': 'Hele Danmark',
  'statistics.filter.sector': 'Branche',
  'statistics.filter.allSectors': 'Alle brancher',
  'statistics.filter.sizeBand': 'Virksomhedsstørrelse',
  'statistics.filter.allSizes': 'Alle størrelser',
  'statistics.filter.show': 'Vis statistik',
  'statistics.filter.reset': 'Nulstil',
  'statistics.errorSummary': 'Der er {count} fejl i dine valg',
  'statistics.problem.quarter':
    'Skriv kvartalet som 2026-Q3, eller vælg første og sidste dag i stedet (ikke begge dele).',
  'statistics.problem.from': 'Skriv første dag som en dato (ÅÅÅÅ-MM-DD), som ikke ligger efter sidste dag.',
  'statistics.problem.to': 'Skriv sidste dag som en dato (ÅÅÅÅ-MM-DD) efter første dag, højst 8 kvartaler senere.',
  'statistics.problem.region': 'Vælg en region fra listen.',
  'statistics.problem.sector': 'Vælg en branche fra listen.',
  'statistics.problem.sizeBand': 'Vælg en størrelse fra listen.',
  'statistics.period': 'Periode: {from} til {to}.',
  'statistics.staffNote': 'Du er logget ind som NCC-DK: du ser alle tal, også dem under 5 og under 3.',
  'statistics.downloads': 'Hent tabellerne på siden som',
  'statistics.downloadCsv': 'CSV',
  'statistics.downloadJson': 'JSON',
  'statistics.licence': 'Licens: CC BY 4.0, kilde »Cyberkort, NCC-DK«.',
  'statistics.supplyHeading': 'Udbud',
  'statistics.demandHeading': 'Efterspørgsel',
  'statistics.demandIntro':
    'Søgninger og behovsguider fra besøgende, der ikke er logget ind, talt pr. behov. Søgninger, der ikke fandt noget, offentliggøres ikke, fordi de indeholder de besøgendes egne ord.',
  'statistics.chartTitle.providers': 'Udbydere pr. behov',
  'statistics.chartTitle.map': 'Behov med mindst 3 udbydere pr. region',
  'statistics.chartTitle.nis2': 'Udbydere pr. NIS2-foranstaltning',
  'statistics.table.supplyByNeed': 'Udbydere og ydelser pr. behov',
  'statistics.table.supplyByRegion': 'Udbydere pr. behov og region (i regionen eller betjener den)',
  'statistics.table.regionCoverage': 'Behov med mindst 3 udbydere pr. region',
  'statistics.table.nis2': 'Dækning af NIS2, artikel 21, stk. 2',
  'statistics.table.csf': 'Dækning af NIST CSF 2.0',
  'statistics.table.roles': 'Virksomheder med hver ECSF-rolle pr. region',
  'statistics.table.demandByQuarter': 'Efterspørgsel pr. behov og kvartal',
  'statistics.table.demandByRegion': 'Efterspørgsel pr. behov og region i perioden',
  'statistics.col.need': 'Behov',
  'statistics.col.region': 'Region',
  'statistics.col.measure': 'Foranstaltning',
  'statistics.col.category': 'Kategori',
  'statistics.col.role': 'ECSF-rolle',
  'statistics.col.providers': 'Udbydere',
  'statistics.col.products': 'Ydelser',
  'statistics.col.smeFriendly': 'Til SMV',
  'statistics.col.smeFriendlyShare': 'Andel til SMV',
  'statistics.col.danish': 'På dansk',
  'statistics.col.danishShare': 'Andel på dansk',
  'statistics.col.verified': 'Verificeret certificering',
  'statistics.col.verifiedShare': 'Andel verificeret',
  'statistics.col.function': 'Funktion',
  'statistics.col.needsWithThree': 'Behov med mindst 3 udbydere',
  'statistics.valueLabel.providers': 'Udbydere',
  'statistics.valueLabel.needs': 'Behov',
  'statistics.notShown': '–',
  'statistics.footer': 'Statistik',

  'methods.title': 'Sådan er statistikken lavet',
  'methods.metaDescription':
    'Definitionerne bag Cyberkorts statistik: udbydere, dækning, kompetencer, efterspørgsel, gap-scoren, reglerne »under 5« og »under 3«, kilder og licens.',
  'methods.intro':
    'Her står præcis, hvordan hvert tal på statistiksiden og i analyserne er regnet ud, så du kan læse og genbruge dem rigtigt.',
  'methods.backToStatistics': 'Til statistikken',
  'methods.supplyHeading': 'Udbud',
  'methods.supply.published':
    'En offentliggjort virksomhed er en virksomhed i kataloget med en adresse i en dansk kommune. Ændringer, der venter på godkendelse, tæller ikke med.',
  'methods.supply.provider':
    'En udbyder af et behov er en offentliggjort virksomhed med mindst ét aktivt produkt eller én aktiv ydelse, der dækker behovet. Udfasede produkter tæller aldrig.',
  'methods.supply.region':
    'En udbyder tæller i en region, når den har adresse i en af regionens kommuner (»i regionen«), eller når den selv siger, at den betjener regionen. Tallet »i regionen« tæller kun de første.',
  'methods.supply.products': 'Ydelser: udbydernes aktive produkter og ydelser, der dækker behovet.',
  'methods.supply.sme':
    'Til SMV: udbydere med mindst én ydelse til behovet, der er markeret som lavet til små og mellemstore virksomheder.',
  'methods.supply.danish':
    'På dansk: udbydere, hvis sprog omfatter dansk, eller som tilbyder en ydelse til behovet på dansk (den samme regel som behovsguiden bruger).',
  'methods.supply.verified':
    'Verificeret certificering: udbydere med mindst én certificering, der ikke er udløbet, og som NCC-DK har kontrolleret inden for det seneste år. Ukontrollerede og forældede oplysninger tæller ikke.',
  'methods.supply.share': 'En andel er antallet delt med antallet af udbydere af behovet.',
  'methods.supply.filters':
    'Branche: kun virksomheder med erfaring fra branchen. Størrelse: kun virksomheder af den størrelse.',
  'methods.coverageHeading': 'Dækning af NIS2 og NIST CSF',
  'methods.coverage.csf':
    'En ydelse dækker en kategori i NIST CSF 2.0, når udbyderen har angivet det for ydelsen selv.',
  'methods.coverage.nis2':
    'Ingen ydelse er knyttet direkte til NIS2. En ydelse dækker en foranstaltning i artikel 21, stk. 2, når den dækker et behov, som understøtter foranstaltningen. En ydelse, der kun siger, at den hjælper med NIS2 i det hele taget, dækker ingen bestemt foranstaltning.',
  'methods.rolesHeading': 'Kompetencer (ECSF)',
  'methods.roles.body':
    'Virksomheder med en ECSF-rolle er offentliggjorte virksomheder med adresse i regionen, som har en kompetence i rollen eller i en af dens mere specifikke færdigheder. De tælles, hvor de har adresse, ikke hvor de betjener kunder. Antal medarbejdere offentliggøres ikke, fordi en stor virksomhed kan stå for næsten hele tallet.',
  'methods.demandHeading': 'Efterspørgsel',
  'methods.demand.what':
    'Et efterspørgselssignal er en søgning på siden eller en gennemført behovsguide, eller en tilsvarende anonym forespørgsel i API’et. Signalet tæller for de behov, der blev valgt, eller som søgeordene peger på; et signal om flere behov tæller én gang for hvert. Tallene læses fra en daglig optælling, ikke fra de enkelte signaler.',
  'methods.demand.who':
    'Kun besøgende, der ikke er logget ind, tæller: hverken virksomheder, NCC-DK’s medarbejdere eller analytikeres API-nøgler. Trafik, der kalder sig en robot (søgemaskiner, scripts, hovedløse browsere), tælles ikke, heller ikke besøg uden browseroplysninger.',
  'methods.demand.once':
    'Den samme besøgende, der stiller det samme spørgsmål flere gange på en dag, tæller én gang, og én besøgende kan højst give 100 signaler om dagen. For at kende den samme besøgende igen laves et hash af adressen og browseroplysningerne med en tilfældig nøgle, som kun findes i serverens hukommelse og skiftes ud hver dag (dansk tid). Nøglen gemmes aldrig, og hverken adresse, browseroplysninger eller hash bliver gemt sammen med signalet, så ingen kan bagefter se, hvem der søgte.',
  'methods.demand.period':
    'Et kvartal er et kalenderkvartal (2026-Q3 er 1. juli til 30. september). Perioden kan også være valgfri første og sidste dag; så klippes første og sidste kvartal til perioden.',
  'methods.demand.filters':
    'Region, branche og størrelse er dem, den besøgende selv valgte i søgningen eller guiden. Tabellen pr. region tæller kun signaler, der nævnte en region.',
  'methods.under5Heading': 'Reglen »under 5«',
  'methods.under5.body':
    'Et tal bygget på færre end 5 efterspørgselssignaler (0 til 4) vises som »under 5« og aldrig som et tal: på siden, i CSV- og JSON-filerne og i GraphQL. Derfor kan ingen slutte sig til, hvad en enkelt besøgende har søgt efter. NCC-DK’s medarbejdere og analytikeres API-nøgler ser de præcise tal.',
  'methods.under3Heading': 'Reglen »under 3«',
  'methods.under3.body':
    'Et tal om udbud bygget på 1 eller 2 virksomheder ville være de virksomheders egne tal (fx hvor mange ydelser de har). Derfor vises alle tal i en celle med 1 eller 2 udbydere eller virksomheder som »under 3«, også antal ydelser og andele. En celle med 0 virksomheder vises som 0. Kortet tæller kun behov med mindst 3 udbydere.',
  'methods.gapHeading': 'Gap-scoren',
  'methods.gap.intro':
    'NCC-DK’s analyser måler, hvor efterspørgslen efter et behov i en region er større end udbuddet, med gap-scoren for behov n i region r:',
  'methods.gap.symbols': 'Hvor:',
  'methods.gap.D': 'D(n,r): efterspørgselssignaler for behovet fra regionen i perioden;',
  'methods.gap.Dr': 'D(r): alle signaler fra regionen, lagt sammen over alle behov;',
  'methods.gap.S':
    'S(n,r): udbydere af behovet med adresse i regionen (virksomheder i en af regionens kommuner med en aktiv ydelse, der dækker behovet);',
  'methods.gap.Sr': 'S(r): alle udbydere i regionen, lagt sammen over alle behov;',
  'methods.gap.K': 'K: antallet af behov i kataloget ({needs}); ln er den naturlige logaritme.',
  'methods.gap.read':
    'Sådan læses den: 0 betyder, at behovets andel af regionens efterspørgsel er lig med dets andel af udbuddet. Over 0 efterspørges behovet mere, end det udbydes (+0,69 er dobbelt så stor en andel). Under 0 er der relativt mere udbud end efterspørgsel. At der lægges 1 til hvert behov (og K til hver sum) holder scoren endelig og trækker scorer bygget på få signaler mod 0. I en region uden udbydere har hvert behov udbudsandelen 1/K.',
  'methods.gap.public':
    'Gap-scoren offentliggøres ikke på statistiksiden, fordi man kunne regne små efterspørgselstal ud af den.',
  'methods.sourcesHeading': 'Kilder og licens',
  'methods.sources.body':
    'Udbuddet er Cyberkorts offentliggjorte katalog, som virksomhederne selv vedligeholder, og som NCC-DK godkender. Behovene, NIS2-foranstaltningerne, NIST CSF 2.0, ECSF-rollerne og EU’s JRC-brancher er de kataloger og taksonomier, Cyberkort bygger på. Regionerne er Danmarks fem regioner. Udbud er kataloget, som det er i dag; efterspørgsel er den valgte periode.',
  'methods.sources.licence':
    'Statistikken og filerne må bruges frit under licensen CC BY 4.0, når du angiver kilden »Cyberkort, NCC-DK«:',
  'methods.footer': 'Metode',
};

const en: Record<keyof typeof da, string> = {
  'statistics.title': 'Statistics',
  'statistics.metaDescription':
    'Public statistics on the Danish cybersecurity market: providers and services per need and region, coverage of NIS2 and NIST CSF, skills, and demand from small and medium-sized businesses.',
  'statistics.intro':
    'Figures for the whole market as Cyberkort has it: how many providers cover each need, where in Denmark, how well NIS2 and NIST CSF are covered, and what small and medium-sized businesses search for. No figure is about a single person or a single company.',
  'statistics.rules':
    'Figures built from fewer than 5 searches are shown as “under 5”, and figures about 1 or 2 companies as “under 3”.',
  'statistics.methodsLink': 'How the figures are made',
  'statistics.apiLink': 'Get the figures with GraphQL',
  'statistics.openDataLink': 'Open data',
  'statistics.filter.title': 'Choose period and slice',
  'statistics.filter.quarter': 'Quarter',
  'statistics.filter.quarterHint': 'For example 2026-Q3. Or choose a first and last day below.',
  'statistics.filter.from': 'First day',
  'statistics.filter.to': 'Last day',
  'statistics.filter.periodHint': 'Without a period: this quarter and the three before it. At most 8 quarters.',
  'statistics.filter.region': 'Region',
  'statistics.filter.allRegions': 'All of Denmark',
  'statistics.filter.sector': 'Sector',
  'statistics.filter.allSectors': 'All sectors',
  'statistics.filter.sizeBand': 'Company size',
  'statistics.filter.allSizes': 'All sizes',
  'statistics.filter.show': 'Show statistics',
  'statistics.filter.reset': 'Reset',
  'statistics.errorSummary': 'There are {count} problems with your choices',
  'statistics.problem.quarter': 'Write the quarter as 2026-Q3, or choose a first and last day instead (not both).',
  'statistics.problem.from': 'Write the first day as a date (YYYY-MM-DD) that is not after the last day.',
  'statistics.problem.to': 'Write the last day as a date (YYYY-MM-DD) after the first day, at most 8 quarters later.',
  'statistics.problem.region': 'Choose a region from the list.',
  'statistics.problem.sector': 'Choose a sector from the list.',
  'statistics.problem.sizeBand': 'Choose a size from the list.',
  'statistics.period': 'Period: {from} to {to}.',
  'statistics.staffNote': 'You are logged in as NCC-DK: you see every figure, including those under 5 and under 3.',
  'statistics.downloads': 'Download the tables on this page as',
  'statistics.downloadCsv': 'CSV',
  'statistics.downloadJson': 'JSON',
  'statistics.licence': 'Licence: CC BY 4.0, source “Cyberkort, NCC-DK”.',
  'statistics.supplyHeading': 'Supply',
  'statistics.demandHeading': 'Demand',
  'statistics.demandIntro':
    'Searches and needs-wizard runs by visitors who are not logged in, counted per need. Searches that found nothing are not published, because they contain the visitors’ own words.',
  'statistics.chartTitle.providers': 'Providers per need',
  'statistics.chartTitle.map': 'Needs with at least 3 providers per region',
  'statistics.chartTitle.nis2': 'Providers per NIS2 measure',
  'statistics.table.supplyByNeed': 'Providers and services per need',
  'statistics.table.supplyByRegion': 'Providers per need and region (located there or serving it)',
  'statistics.table.regionCoverage': 'Needs with at least 3 providers per region',
  'statistics.table.nis2': 'Coverage of NIS2, Article 21(2)',
  'statistics.table.csf': 'Coverage of NIST CSF 2.0',
  'statistics.table.roles': 'Companies with each ECSF role per region',
  'statistics.table.demandByQuarter': 'Demand per need and quarter',
  'statistics.table.demandByRegion': 'Demand per need and region in the period',
  'statistics.col.need': 'Need',
  'statistics.col.region': 'Region',
  'statistics.col.measure': 'Measure',
  'statistics.col.category': 'Category',
  'statistics.col.role': 'ECSF role',
  'statistics.col.providers': 'Providers',
  'statistics.col.products': 'Services',
  'statistics.col.smeFriendly': 'For SMEs',
  'statistics.col.smeFriendlyShare': 'Share for SMEs',
  'statistics.col.danish': 'In Danish',
  'statistics.col.danishShare': 'Share in Danish',
  'statistics.col.verified': 'Verified certification',
  'statistics.col.verifiedShare': 'Share verified',
  'statistics.col.function': 'Function',
  'statistics.col.needsWithThree': 'Needs with at least 3 providers',
  'statistics.valueLabel.providers': 'Providers',
  'statistics.valueLabel.needs': 'Needs',
  'statistics.notShown': '–',
  'statistics.footer': 'Statistics',

  'methods.title': 'How the statistics are made',
  'methods.metaDescription':
    'The definitions behind Cyberkort’s statistics: providers, coverage, skills, demand, the gap score, the “under 5” and “under 3” rules, sources and licence.',
  'methods.intro':
    'This page says exactly how each figure on the statistics page and in the analytics is computed, so that you can read and reuse them correctly.',
  'methods.backToStatistics': 'To the statistics',
  'methods.supplyHeading': 'Supply',
  'methods.supply.published':
    'A published company is a company in the directory with an address in a Danish municipality. Changes waiting for approval do not count.',
  'methods.supply.provider':
    'A provider of a need is a published company with at least one active product or service that addresses the need. Retired products never count.',
  'methods.supply.region':
    'A provider counts in a region when its address is in one of the region’s municipalities (“located there”), or when it says itself that it serves the region. The “located there” figure counts only the former.',
  'methods.supply.products': 'Services: the providers’ active products and services that address the need.',
  'methods.supply.sme':
    'For SMEs: providers with at least one service for the need marked as made for small and medium-sized businesses.',
  'methods.supply.danish':
    'In Danish: providers whose languages include Danish, or that offer a service for the need in Danish (the rule the needs wizard uses).',
  'methods.supply.verified':
    'Verified certification: providers holding at least one certification that has not expired and that NCC-DK checked within the last year. Unchecked and stale claims do not count.',
  'methods.supply.share': 'A share is the count divided by the number of providers of the need.',
  'methods.supply.filters': 'Sector: only companies experienced in the sector. Size: only companies of that size.',
  'methods.coverageHeading': 'Coverage of NIS2 and NIST CSF',
  'methods.coverage.csf':
    'A service covers a NIST CSF 2.0 category when its provider has said so for the service itself.',
  'methods.coverage.nis2':
    'No service is linked to NIS2 directly. A service covers a measure of Article 21(2) when it addresses a need that supports the measure. A service that only says it helps with NIS2 as a whole covers no particular measure.',
  'methods.rolesHeading': 'Skills (ECSF)',
  'methods.roles.body':
    'Companies with an ECSF role are published companies located in the region with a competence in the role or in one of its finer skills. They are counted where they are located, not where they serve customers. Headcounts are not published, because one large company can make up nearly all of the figure.',
  'methods.demandHeading': 'Demand',
  'methods.demand.what':
    'A demand signal is a search on the site or a completed needs wizard, or the same anonymous question through the API. The signal counts for the needs that were chosen or that the search words point at; a signal for several needs counts once for each. The figures are read from a daily count, not from the single signals.',
  'methods.demand.who':
    'Only visitors who are not logged in count: not companies, not NCC-DK staff and not analysts’ API tokens. Traffic that announces itself as automated (search engines, scripts, headless browsers) is left out, and so are visits without browser details.',
  'methods.demand.once':
    'The same visitor asking the same question several times in one day counts once, and one visitor adds at most 100 signals a day. To recognise the same visitor, a hash is made of the address and browser details with a random key that exists only in the server’s memory and is replaced every day (Danish time). The key is never stored, and neither address, browser details nor hash is stored with the signal, so no one can tell afterwards who searched.',
  'methods.demand.period':
    'A quarter is a calendar quarter (2026-Q3 is 1 July to 30 September). The period can also be any first and last day; the first and last quarter are then clipped to it.',
  'methods.demand.filters':
    'Region, sector and size are those the visitor chose in the search or the wizard. The per-region table counts only signals that named a region.',
  'methods.under5Heading': 'The “under 5” rule',
  'methods.under5.body':
    'A figure built from fewer than 5 demand signals (0 to 4) is shown as “under 5” and never as a number: on the page, in the CSV and JSON files and in GraphQL. So no one can tell what a single visitor searched for. NCC-DK staff and analysts’ API tokens see the exact figures.',
  'methods.under3Heading': 'The “under 3” rule',
  'methods.under3.body':
    'A supply figure built from 1 or 2 companies would be those companies’ own figures (how many services they have, say). So every figure in a cell of 1 or 2 providers or companies is shown as “under 3”, service counts and shares included. A cell of 0 companies is shown as 0. The map counts only needs with at least 3 providers.',
  'methods.gapHeading': 'The gap score',
  'methods.gap.intro':
    'NCC-DK’s analytics measure where the demand for a need in a region outruns its supply with the gap score of need n in region r:',
  'methods.gap.symbols': 'Where:',
  'methods.gap.D': 'D(n,r): demand signals for the need from the region in the period;',
  'methods.gap.Dr': 'D(r): all signals from the region, summed over all needs;',
  'methods.gap.S':
    'S(n,r): providers of the need located in the region (companies in one of its municipalities with an active service addressing the need);',
  'methods.gap.Sr': 'S(r): all providers in the region, summed over all needs;',
  'methods.gap.K': 'K: the number of needs in the catalogue ({needs}); ln is the natural logarithm.',
  'methods.gap.read':
    'How to read it: 0 means the need’s share of the region’s demand equals its share of supply. Above 0 the need is asked for more than it is supplied (+0.69 is twice the share). Below 0 there is relatively more supply than demand. Adding 1 to each need (and K to each sum) keeps the score finite and pulls scores built on few signals towards 0. In a region with no providers each need’s supply share is 1/K.',
  'methods.gap.public':
    'The gap score is not published on the statistics page, because small demand figures could be worked out from it.',
  'methods.sourcesHeading': 'Sources and licence',
  'methods.sources.body':
    'Supply is Cyberkort’s published directory, kept by the companies themselves and approved by NCC-DK. The needs, the NIS2 measures, NIST CSF 2.0, the ECSF roles and the EU JRC sectors are the catalogues and taxonomies Cyberkort is built on. The regions are Denmark’s five regions. Supply is the directory as it is today; demand is the chosen period.',
  'methods.sources.licence':
    'The statistics and the files may be used freely under CC BY 4.0 when you credit the source “Cyberkort, NCC-DK”:',
  'methods.footer': 'Methods',
};

export const statisticsMessages = { da, en };
