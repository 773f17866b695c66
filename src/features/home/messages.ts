/** The home page's texts. */
const da = {
  'home.title': 'Find hjælp til it-sikkerhed',
  'home.metaDescription':
    'Find danske leverandører af it-sikkerhed efter behov: backup, phishing, NIS2, penetrationstest og meget mere. Neutralt og uden betalt placering.',
  'home.intro':
    'Skriv, hvad du har brug for hjælp til, eller vælg et behov herunder. Vi viser danske leverandører, der kan hjælpe, og ingen kan betale for at komme først.',
  'home.searchLabel': 'Hvad har du brug for hjælp til?',
  'home.searchHint': 'Skriv med dine egne ord, fx »backup«, »mistænkelig mail« eller »vi er blevet hacket«.',
  'home.searchButton': 'Søg',
  'home.needsHeading': 'Find hjælp efter behov',
  'home.needsIntro':
    'Vælg det, der ligner jeres situation mest. Tallet viser, hvor mange virksomheder på Cyberkort der tilbyder hjælp til det.',
  'home.providers.one': '{count} leverandør',
  'home.providers.other': '{count} leverandører',
  'home.categoriesHeading': 'Find efter type ydelse',
  'home.categoriesIntro': 'Ved du allerede, hvilken slags løsning du leder efter? Vælg en kategori.',
  'home.matchHeading': 'Ved du ikke helt, hvad I har brug for?',
  'home.matchBody':
    'Svar på nogle få spørgsmål om jeres virksomhed. Så finder vi de danske udbydere, der passer bedst til jer, og forklarer hvorfor.',
  'home.matchButton': 'Find hjælp til jeres virksomhed',
};

const en: Record<keyof typeof da, string> = {
  'home.title': 'Find help with cybersecurity',
  'home.metaDescription':
    'Find Danish cybersecurity providers by need: backup, phishing, NIS2, penetration testing and more. Neutral, with no paid placement.',
  'home.intro':
    'Describe what you need help with, or choose a need below. We show Danish providers who can help, and nobody can pay to come first.',
  'home.searchLabel': 'What do you need help with?',
  'home.searchHint': 'Use your own words, e.g. “backup”, “suspicious email” or “we have been hacked”.',
  'home.searchButton': 'Search',
  'home.needsHeading': 'Find help by need',
  'home.needsIntro':
    'Choose the one closest to your situation. The number shows how many companies on Cyberkort offer help with it.',
  'home.providers.one': '{count} provider',
  'home.providers.other': '{count} providers',
  'home.categoriesHeading': 'Browse by type of service',
  'home.categoriesIntro': 'Already know what kind of solution you are looking for? Choose a category.',
  'home.matchHeading': 'Not quite sure what you need?',
  'home.matchBody':
    'Answer a few questions about your business. We will find the Danish providers that fit you best and explain why.',
  'home.matchButton': 'Find help for your business',
};

export const homeMessages = { da, en };
