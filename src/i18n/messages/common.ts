/** Texts of the whole site: header, footer, error pages and prices. */
const da = {
  'site.name': 'Cyberkort',
  'site.tagline': 'Find danske leverandører af it-sikkerhed, der passer til din virksomhed',
  'site.description':
    'Cyberkort viser danske virksomheder, der kan hjælpe med it-sikkerhed: backup, phishing, NIS2, test og meget mere. Drevet af NCC-DK uden betalt placering.',
  'skip.toContent': 'Gå til indholdet',
  'nav.label': 'Hovedmenu',
  'nav.match': 'Find hjælp',
  'nav.search': 'Søg',
  'nav.needs': 'Behov',
  'nav.about': 'Om Cyberkort',
  'lang.switch': 'English',
  'lang.switchLabel': 'Read this page in English',
  'footer.label': 'Om Cyberkort',
  'footer.runBy':
    'Cyberkort drives af NCC-DK, Nationalt Koordinationscenter for Cybersikkerhed i Digitaliseringsstyrelsen.',
  'footer.sample':
    'Virksomhederne og ydelserne på siden er fiktive eksempeldata, lavet så man kan afprøve Cyberkort. De findes ikke i virkeligheden.',
  'footer.neutral': 'Ingen kan betale for en bedre placering.',
  'footer.howWeRank': 'Sådan rangerer vi',
  'footer.openData': 'GraphQL-API',

  'common.yes': 'Ja',
  'common.no': 'Nej',
  'common.noneListed': 'Ikke oplyst',

  'price.from': 'Fra {price}',
  'price.onRequest': 'Pris efter aftale',

  'notFound.title': 'Siden findes ikke',
  'notFound.body':
    'Vi kan ikke finde den side, du leder efter. Måske er adressen skrevet forkert, eller siden er fjernet.',
  'notFound.home': 'Gå til forsiden',
  'notFound.search': 'Søg efter leverandører',
  'serverError.title': 'Der gik noget galt hos os',
  'serverError.body': 'Det er ikke din skyld. Siden kunne ikke vises på grund af en fejl hos Cyberkort.',
  'serverError.whatToDo': 'Prøv igen om et par minutter. Hvis det bliver ved, kan du starte fra forsiden.',
  'serverError.retry': 'Prøv igen',
  'serverError.home': 'Gå til forsiden',
  'unavailable.title': 'Cyberkort er midlertidigt utilgængelig',
  'unavailable.body':
    'Vi kan ikke hente oplysningerne lige nu. Det er ikke din skyld, og det plejer at gå hurtigt over.',
  'unavailable.whatToDo': 'Prøv igen om lidt. »Prøv igen« henter den samme side igen, med alt hvad du har valgt.',
};

const en: Record<keyof typeof da, string> = {
  'site.name': 'Cyberkort',
  'site.tagline': 'Find Danish cybersecurity providers that fit your business',
  'site.description':
    'Cyberkort lists Danish companies that help with cybersecurity: backup, phishing, NIS2, testing and more. Run by NCC-DK with no paid placement.',
  'skip.toContent': 'Skip to content',
  'nav.label': 'Main menu',
  'nav.match': 'Find help',
  'nav.search': 'Search',
  'nav.needs': 'Needs',
  'nav.about': 'About Cyberkort',
  'lang.switch': 'Dansk',
  'lang.switchLabel': 'Læs siden på dansk',
  'footer.label': 'About Cyberkort',
  'footer.runBy':
    'Cyberkort is run by NCC-DK, the National Coordination Centre for Cybersecurity in the Danish Agency for Digital Government.',
  'footer.sample':
    'The companies and services on this site are fictional sample data, made so that Cyberkort can be tried out. They do not exist.',
  'footer.neutral': 'Nobody can pay for a better position.',
  'footer.howWeRank': 'How we rank',
  'footer.openData': 'GraphQL API',

  'common.yes': 'Yes',
  'common.no': 'No',
  'common.noneListed': 'Not stated',

  'price.from': 'From {price}',
  'price.onRequest': 'Price on request',

  'notFound.title': 'Page not found',
  'notFound.body':
    'We cannot find the page you are looking for. The address may be mistyped, or the page may have been removed.',
  'notFound.home': 'Go to the front page',
  'notFound.search': 'Search providers',
  'serverError.title': 'Something went wrong on our side',
  'serverError.body': 'It is not your fault. The page could not be shown because of an error at Cyberkort.',
  'serverError.whatToDo': 'Please try again in a few minutes. If it keeps happening, start again from the front page.',
  'serverError.retry': 'Try again',
  'serverError.home': 'Go to the front page',
  'unavailable.title': 'Cyberkort is temporarily unavailable',
  'unavailable.body': 'We cannot fetch the information right now. It is not your fault, and it usually passes quickly.',
  'unavailable.whatToDo': 'Please try again shortly. “Try again” loads the same page again, with everything you chose.',
};

export const commonMessages = { da, en };
