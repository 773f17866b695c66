/** The "how we rank" page's framing texts; its rules come from graph/match/rules.ts. */
const da = {
  'ranking.title': 'Sådan rangerer vi udbydere',
  'ranking.metaDescription':
    'De offentlige regler, som Cyberkort bruger til at give udbydere point, når du bruger »Find hjælp«: behov, certificeringer, afstand, branche, størrelse og pris.',
  'ranking.intro':
    'Når du bruger »Find hjælp«, giver vi hver udbyder point efter de samme regler. Her er de alle sammen. Siden bygger på de samme tal, som Cyberkort regner med, så den passer altid med resultaterne.',
  'ranking.neutral.heading': 'Ingen betalt placering',
  'ranking.criteria.heading': 'Kriterierne og deres point',
  'ranking.criteria.intro':
    'Hver udbyder kan højst få {total} point. Ved hvert resultat kan du se, hvordan pointene er fordelt, og hvorfor.',
  'ranking.table.caption': 'Point for hvert kriterium, højst {total} i alt',
  'ranking.table.criterion': 'Kriterium',
  'ranking.table.max': 'Højst antal point',
  'ranking.table.total': 'I alt',
  'ranking.budget.heading': 'Budgetter',
  'ranking.budget.intro':
    'Vælger du et budget, sammenligner vi det med startprisen på udbyderens relevante ydelser. Du kan vælge mellem:',
  'ranking.fewest.heading': 'De færreste udbydere, der kan klare det hele',
  'ranking.fewest.body':
    'Øverst i resultatet viser vi den mindste gruppe udbydere, der tilsammen dækker alle dine behov, for hver ekstra aftale koster tid og penge. Er der flere lige så små grupper, vælger vi den med flest point i alt.',
  'ranking.facts.heading': 'Kun oplysninger fra Cyberkort',
  'ranking.facts.body':
    'Hver begrundelse bygger på én oplysning i Cyberkort, fx en ydelse, en certificering eller en adresse. Vi bruger ikke annoncer, anmeldelser eller andet, som udbyderne kan købe sig til.',
  'ranking.reading.heading': 'Sådan læser vi din søgning',
  'ranking.reading.intro':
    'Når du søger med dine egne ord, prøver vi først at forstå, hvilket behov du mener. Vi sammenligner ordene med navnene på behovene, deres nøgleord og almindelige hverdagsord, også når de er bøjet, sat sammen eller stavet forkert.',
  'ranking.reading.needs':
    'Nævner ordene tydeligt et behov, viser vi udbyderne af det behov og skriver øverst, hvordan vi har læst søgningen.',
  'ranking.reading.urgent':
    'Tyder ordene på et angreb lige nu, fx »vi er blevet hacket« eller »vores filer er krypteret«, viser vi først Cyberhotlinens nummer og derefter udbydere af akut hjælp.',
  'ranking.reading.broad':
    'Er ordene for brede til ét behov, fx »virus« eller »sikkerhed«, giver vi dig et kort valg mellem de behov, du sandsynligvis mener.',
  'ranking.reading.undo':
    'Du kan altid vælge at søge efter ordene, præcis som du skrev dem. Så sorterer vi efter, hvor godt ordene passer: ord i navnet vægter mest, derefter nøgleord, firmanavn og beskrivelse.',
  'ranking.search.body':
    'Søgningen på Cyberkort sorteres på en anden måde: efter hvor godt resultaterne passer til dine ord.',
  'ranking.search.link': 'Læs om søgningen',
  'ranking.cta': 'Find hjælp til jeres virksomhed',
};

const en: Record<keyof typeof da, string> = {
  'ranking.title': 'How we rank providers',
  'ranking.metaDescription':
    'The public rules Cyberkort uses to give providers points when you use “Find help”: needs, certifications, distance, sector, size and price.',
  'ranking.intro':
    'When you use “Find help”, we give every provider points by the same rules. Here they all are. This page is built from the same numbers Cyberkort calculates with, so it always matches the results.',
  'ranking.neutral.heading': 'No paid placement',
  'ranking.criteria.heading': 'The criteria and their points',
  'ranking.criteria.intro':
    'A provider can get at most {total} points. With every result you can see how the points add up, and why.',
  'ranking.table.caption': 'Points for each criterion, at most {total} in total',
  'ranking.table.criterion': 'Criterion',
  'ranking.table.max': 'Maximum points',
  'ranking.table.total': 'Total',
  'ranking.budget.heading': 'Budgets',
  'ranking.budget.intro':
    'If you choose a budget, we compare it with the starting price of the provider’s relevant services. You can choose from:',
  'ranking.fewest.heading': 'The fewest providers who can do it all',
  'ranking.fewest.body':
    'At the top of the result we show the smallest group of providers that together cover all your needs, because every extra contract costs time and money. If several groups are equally small, we choose the one with the most points in total.',
  'ranking.facts.heading': 'Only information held by Cyberkort',
  'ranking.facts.body':
    'Every reason is built on one piece of information in Cyberkort, such as a service, a certification or an address. We do not use advertising, reviews or anything else providers can buy.',
  'ranking.reading.heading': 'How we read your search',
  'ranking.reading.intro':
    'When you search in your own words, we first try to understand which need you mean. We compare the words with the names of the needs, their keywords and common everyday words, also when they are inflected, compounded or misspelt.',
  'ranking.reading.needs':
    'When the words clearly name a need, we show the providers of that need and say at the top how we read your search.',
  'ranking.reading.urgent':
    'When the words suggest an attack right now, such as “we have been hacked” or “our files are encrypted”, we show the Cyberhotline’s number first and then providers of emergency help.',
  'ranking.reading.broad':
    'When the words are too broad for one need, such as “virus” or “security”, we give you a short choice between the needs you most likely mean.',
  'ranking.reading.undo':
    'You can always choose to search for the words exactly as you typed them. Results are then ordered by how well the words match: words in the name count most, then keywords, the company name and the description.',
  'ranking.search.body': 'Search on Cyberkort is ordered differently: by how well the results match your words.',
  'ranking.search.link': 'Read about search',
  'ranking.cta': 'Find help for your business',
};

export const rankingMessages = { da, en };
