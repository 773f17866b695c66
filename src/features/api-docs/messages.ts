/** The analysts' API page's texts (src/features/api-docs). */
const da = {
  'apiDocs.title': 'GraphQL-API til analyser',
  'apiDocs.metaDescription':
    'Sådan henter du Cyberkorts statistik og NCC-DK’s analyser med GraphQL: nøgler, adresse, grænser, fejlkoder og eksempler med curl.',
  'apiDocs.intro':
    'Alt i Cyberkort kan hentes med GraphQL. Den offentlige statistik kan alle hente; analyserne (udbud, efterspørgsel, huller, søgninger uden resultat, udvikling over tid) kræver en API-nøgle til analytikere eller et login som NCC-DK-medarbejder.',
  'apiDocs.endpointHeading': 'Adresse',
  'apiDocs.endpointBody':
    'Send forespørgsler som POST med JSON ({"query": …, "variables": …}) til denne adresse. Svaret er JSON med data og eventuelle errors.',
  'apiDocs.tokenHeading': 'API-nøgle',
  'apiDocs.tokenBody':
    'NCC-DK’s administratorer udsteder nøgler til analytikere på siden API-nøgler. En nøgle begynder med ck_ og vises kun én gang, når den bliver lavet. Den udløber efter 90 dage, hvis ikke andet er valgt (højst 365), og kan trækkes tilbage når som helst.',
  'apiDocs.tokenLink': 'API-nøgler (kun for administratorer)',
  'apiDocs.headerBody':
    'Send nøglen i headeren Authorization med ordet Bearer foran. En nøgle kan kun læse: alle ændringer med en nøgle afvises med FORBIDDEN. Forespørgsler med en nøgle tæller aldrig som efterspørgsel.',
  'apiDocs.publicNote':
    'Uden nøgle gælder statistikkens regler: efterspørgsel bygget på færre end 5 signaler vises som "under 5", og tal om 1 eller 2 virksomheder som "under 3". Med en nøgle får du de præcise tal.',
  'apiDocs.limitsHeading': 'Grænser',
  'apiDocs.limit.cost':
    'Pris højst 50.000: hvert felt koster 1, og alt under en liste ganges med listens størrelse (limit, eller et skøn for lister uden limit). For dyre forespørgsler afvises, før noget køres (QUERY_TOO_COSTLY).',
  'apiDocs.limit.shape':
    'Dybde højst 10, højst 15 aliaser og 2.000 tegn-enheder (tokens) pr. forespørgsel; body højst 100 KB.',
  'apiDocs.limit.time': 'Højst 10 sekunder pr. forespørgsel og 5 MB svar.',
  'apiDocs.limit.rate': 'Et begrænset antal forespørgsler pr. minut pr. klient; derover svares 429 med RATE_LIMITED.',
  'apiDocs.errorsHeading': 'Fejl',
  'apiDocs.errorsBody':
    'Hver fejl har en kode i extensions.code, som dit program kan reagere på. Ved BAD_USER_INPUT står hvert problem i extensions.issues med path, code og message.',
  'apiDocs.col.code': 'Kode',
  'apiDocs.col.meaning': 'Betyder',
  'apiDocs.error.BAD_USER_INPUT': 'Et argument er forkert (fx en dato eller en ukendt region). Se extensions.issues.',
  'apiDocs.error.UNAUTHENTICATED': 'Nøglen i Authorization er ugyldig, udløbet eller trukket tilbage (HTTP 401).',
  'apiDocs.error.FORBIDDEN': 'Du må ikke hente feltet (fx analyser uden nøgle) eller ændre noget med en nøgle.',
  'apiDocs.error.QUERY_TOO_COSTLY': 'Forespørgslen er for dyr. Bed om mindre sider eller færre felter.',
  'apiDocs.error.QUERY_TOO_DEEP':
    'Forespørgslen er for dyb, har for mange aliaser eller er for lang (også TOO_MANY_ALIASES, QUERY_TOO_LARGE).',
  'apiDocs.error.RATE_LIMITED': 'For mange forespørgsler. Vent så længe, som Retry-After siger.',
  'apiDocs.error.TIMEOUT': 'Forespørgslen tog mere end 10 sekunder.',
  'apiDocs.error.RESPONSE_TOO_LARGE': 'Svaret ville blive større end 5 MB.',
  'apiDocs.error.GRAPHQL_VALIDATION_FAILED': 'Forespørgslen passer ikke til skemaet (også GRAPHQL_PARSE_FAILED).',
  'apiDocs.error.SERVICE_UNAVAILABLE': 'Databasen svarer ikke lige nu. Prøv igen senere.',
  'apiDocs.examplesHeading': 'Eksempler',
  'apiDocs.examplesIntro':
    'Hvert eksempel er vist som forespørgsel, variabler og en curl-kommando. Skift ck_… ud med din egen nøgle.',
  'apiDocs.access.public': 'Kræver ingen nøgle.',
  'apiDocs.access.token': 'Kræver en API-nøgle til analytikere.',
  'apiDocs.operation': 'Forespørgsel',
  'apiDocs.variables': 'Variabler',
  'apiDocs.curl': 'Med curl',
  'apiDocs.referenceHeading': 'Felterne i skemaet',
  'apiDocs.referenceIntro':
    'Beskrivelserne herunder kommer direkte fra skemaet og er på engelsk. Hele skemaet kan hentes som SDL:',
  'apiDocs.referenceReturns': 'Felter i {type}',
  'apiDocs.statisticsLink': 'Den offentlige statistik',
  'apiDocs.methodsLink': 'Sådan er tallene lavet',
};

const en: Record<keyof typeof da, string> = {
  'apiDocs.title': 'GraphQL API for analytics',
  'apiDocs.metaDescription':
    'How to get Cyberkort’s statistics and NCC-DK’s analytics with GraphQL: tokens, endpoint, limits, error codes and examples with curl.',
  'apiDocs.intro':
    'Everything in Cyberkort can be queried with GraphQL. Anyone can get the public statistics; the analytics (supply, demand, gaps, searches that found nothing, change over time) need an analyst API token or a login as NCC-DK staff.',
  'apiDocs.endpointHeading': 'Endpoint',
  'apiDocs.endpointBody':
    'Send operations as a POST with JSON ({"query": …, "variables": …}) to this address. The answer is JSON with data and any errors.',
  'apiDocs.tokenHeading': 'API token',
  'apiDocs.tokenBody':
    'NCC-DK’s admins issue tokens to analysts on the API keys page. A token begins with ck_ and is shown only once, when it is made. It expires after 90 days unless chosen otherwise (at most 365), and can be revoked at any time.',
  'apiDocs.tokenLink': 'API keys (admins only)',
  'apiDocs.headerBody':
    'Send the token in the Authorization header with the word Bearer before it. A token can only read: every change made with a token is refused with FORBIDDEN. Requests with a token never count as demand.',
  'apiDocs.publicNote':
    'Without a token the statistics’ rules apply: demand built from fewer than 5 signals is shown as "under 5", and figures about 1 or 2 companies as "under 3". With a token you get the exact figures.',
  'apiDocs.limitsHeading': 'Limits',
  'apiDocs.limit.cost':
    'Cost at most 50,000: every field costs 1, and everything under a list is multiplied by the list’s size (its limit, or an estimate for lists without one). Operations that cost more are refused before anything runs (QUERY_TOO_COSTLY).',
  'apiDocs.limit.shape': 'Depth at most 10, at most 15 aliases and 2,000 tokens per operation; body at most 100 KB.',
  'apiDocs.limit.time': 'At most 10 seconds per operation and 5 MB of answer.',
  'apiDocs.limit.rate':
    'A limited number of requests per minute per client; above it the answer is 429 with RATE_LIMITED.',
  'apiDocs.errorsHeading': 'Errors',
  'apiDocs.errorsBody':
    'Every error has a code in extensions.code for your program to branch on. With BAD_USER_INPUT each problem is listed in extensions.issues with path, code and message.',
  'apiDocs.col.code': 'Code',
  'apiDocs.col.meaning': 'Meaning',
  'apiDocs.error.BAD_USER_INPUT': 'An argument is wrong (a date, say, or an unknown region). See extensions.issues.',
  'apiDocs.error.UNAUTHENTICATED': 'The token in Authorization is not valid, has expired or was revoked (HTTP 401).',
  'apiDocs.error.FORBIDDEN':
    'You may not read the field (analytics without a token, say) or change anything with a token.',
  'apiDocs.error.QUERY_TOO_COSTLY': 'The operation costs too much. Ask for smaller pages or fewer fields.',
  'apiDocs.error.QUERY_TOO_DEEP':
    'The operation is too deep, has too many aliases or is too long (also TOO_MANY_ALIASES, QUERY_TOO_LARGE).',
  'apiDocs.error.RATE_LIMITED': 'Too many requests. Wait as long as Retry-After says.',
  'apiDocs.error.TIMEOUT': 'The operation took more than 10 seconds.',
  'apiDocs.error.RESPONSE_TOO_LARGE': 'The answer would be larger than 5 MB.',
  'apiDocs.error.GRAPHQL_VALIDATION_FAILED': 'The operation does not fit the schema (also GRAPHQL_PARSE_FAILED).',
  'apiDocs.error.SERVICE_UNAVAILABLE': 'The database does not answer right now. Try again later.',
  'apiDocs.examplesHeading': 'Examples',
  'apiDocs.examplesIntro':
    'Each example is shown as the operation, its variables and a curl command. Replace ck_… with your own token.',
  'apiDocs.access.public': 'Needs no token.',
  'apiDocs.access.token': 'Needs an analyst API token.',
  'apiDocs.operation': 'Operation',
  'apiDocs.variables': 'Variables',
  'apiDocs.curl': 'With curl',
  'apiDocs.referenceHeading': 'The fields in the schema',
  'apiDocs.referenceIntro':
    'The descriptions below come straight from the schema. The whole schema can be downloaded as SDL:',
  'apiDocs.referenceReturns': 'Fields of {type}',
  'apiDocs.statisticsLink': 'The public statistics',
  'apiDocs.methodsLink': 'How the figures are made',
};

export const apiDocsMessages = { da, en };
