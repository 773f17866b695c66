/** The about page's texts. */
const da = {
  'about.title': 'Om Cyberkort',
  'about.metaDescription':
    'Sådan sorterer Cyberkort søgeresultater: efter hvor godt de passer til din søgning, uden betalt placering, og med tydelige mærker for kontrollerede oplysninger.',
  'about.intro':
    'Cyberkort skal hjælpe dig med at finde en leverandør, du kan stole på. Derfor er reglerne for, hvad du ser og i hvilken rækkefølge, de samme for alle og beskrevet her.',
  'about.neutral.heading': 'Ingen betalt placering',
  'about.neutral.body':
    'Cyberkort drives af NCC-DK, som er en offentlig myndighed. Ingen virksomhed kan betale for at blive vist, komme højere op eller blive fremhævet, og vi sælger ikke annoncer. Alle leverandører vises efter de samme regler.',
  'about.ranking.heading': 'Sådan bliver resultaterne sorteret',
  'about.ranking.body':
    'Når du søger, sorterer vi efter, hvor godt hver virksomhed eller ydelse passer til dine ord. Vi leder i navnet og beskrivelsen og i de behov, kategorier og nøgleord, som ydelsen er koblet til. Derfor finder du også det rigtige, når du skriver med dine egne ord, fx »hacket« eller »løsesum« i stedet for et fagudtryk.',
  'about.filters.body':
    'Filtre som behov, region og certificering fjerner de resultater, der ikke passer. De flytter ikke nogen op. Vil du have en anden rækkefølge, kan du sortere efter navn, laveste pris eller senest opdateret.',
  'about.trust.heading': 'Hvad betyder mærkerne ved certificeringer?',
  'about.trust.intro': 'Hver certificering har et mærke, der fortæller, hvor sikre vi er på oplysningen:',
  'about.trust.verified':
    'NCC-DK har set dokumentation for certificeringen inden for det seneste år. Vi viser, hvornår det skete.',
  'about.trust.unverified': 'Virksomheden har selv oplyst certificeringen, men NCC-DK har ikke kontrolleret den endnu.',
  'about.trust.stale':
    'NCC-DK kontrollerede certificeringen for mere end et år siden. Den kan stadig være gyldig, men spørg leverandøren om ny dokumentation.',
  'about.trust.expired': 'Certificeringer, der er udløbet, bliver ikke vist.',
  'about.smeFit.heading': 'Egnet til små virksomheder',
  'about.smeFit.body':
    'Mærket »Egnet til små virksomheder« betyder, at ydelsen er tilpasset virksomheder uden egen it-sikkerhedsafdeling, fx med pris, omfang og sprog.',
  'about.sample.heading': 'Eksempeldata',
  'about.sample.body':
    'Cyberkort er under opbygning. De virksomheder og ydelser, du ser nu, er fiktive eksempler, så man kan prøve tjenesten. Navne, CVR-numre, adresser og kontaktoplysninger er opdigtede. Profiler med eksempeldata er tydeligt mærket.',
  'about.data.heading': 'Hvor kommer oplysningerne fra?',
  'about.data.body':
    'Virksomhederne skriver selv deres profil, og NCC-DK gennemgår den, før den bliver vist. Ved hver certificering kan du se, hvem der har kontrolleret den og hvornår. Alle data kan også hentes som åbne data.',
  'about.cta': 'Find en leverandør',
  'about.match.heading': 'Når du bruger »Find hjælp«',
  'about.match.body':
    'I »Find hjælp« får hver udbyder point efter offentlige kriterier, fx hvor mange af dine behov den dækker, og hvor tæt på den ligger.',
  'about.match.link': 'Se alle kriterierne og deres point',
};

const en: Record<keyof typeof da, string> = {
  'about.title': 'About Cyberkort',
  'about.metaDescription':
    'How Cyberkort orders search results: by how well they match your search, with no paid placement, and with clear labels for checked information.',
  'about.intro':
    'Cyberkort should help you find a provider you can trust. That is why the rules for what you see, and in which order, are the same for everyone and explained here.',
  'about.neutral.heading': 'No paid placement',
  'about.neutral.body':
    'Cyberkort is run by NCC-DK, a public authority. No company can pay to be listed, to rank higher or to be highlighted, and we do not sell advertising. Every provider is shown by the same rules.',
  'about.ranking.heading': 'How results are ordered',
  'about.ranking.body':
    'When you search, we order results by how well each company or service matches your words. We look in the name and description and in the needs, categories and keywords the service is linked to. That is why you also find the right thing when you use everyday words such as “hacked” or “ransom” instead of a technical term.',
  'about.filters.body':
    'Filters such as need, region and certification remove results that do not fit. They never move anyone up. If you want a different order, you can sort by name, lowest price or most recently updated.',
  'about.trust.heading': 'What do the labels on certifications mean?',
  'about.trust.intro': 'Every certification has a label that tells you how sure we are of it:',
  'about.trust.verified':
    'NCC-DK has seen evidence of the certification within the last year. We show when that happened.',
  'about.trust.unverified': 'The company stated the certification itself, but NCC-DK has not checked it yet.',
  'about.trust.stale':
    'NCC-DK checked the certification more than a year ago. It may still be valid, but ask the provider for new evidence.',
  'about.trust.expired': 'Certifications that have expired are not shown.',
  'about.smeFit.heading': 'Suited to small businesses',
  'about.smeFit.body':
    'The label “Suited to small businesses” means the service is designed for businesses without their own security team, for example in price, scope and language.',
  'about.sample.heading': 'Sample data',
  'about.sample.body':
    'Cyberkort is being built. The companies and services you see now are fictional examples so that the service can be tried out. Names, CVR numbers, addresses and contact details are made up. Profiles with sample data are clearly labelled.',
  'about.data.heading': 'Where does the information come from?',
  'about.data.body':
    'Companies write their own profile, and NCC-DK reviews it before it is shown. For each certification you can see who checked it and when. All data is also available as open data.',
  'about.cta': 'Find a provider',
  'about.match.heading': 'When you use “Find help”',
  'about.match.body':
    'In “Find help” every provider gets points by public criteria, for example how many of your needs it covers and how close it is.',
  'about.match.link': 'See every criterion and its points',
};

export const aboutMessages = { da, en };
