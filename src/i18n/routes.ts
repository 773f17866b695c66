import { DEFAULT_LOCALE, LOCALES, type Locale } from './index';

/**
 * Localized URLs. Danish pages live at the root with Danish words (/soeg), English pages under
 * /en with English words (/en/search), so each page type has one path per language. Every link
 * on the site is built here, and the language switcher maps a URL to its twin in the other language.
 */
const PAGES = {
  home: { da: '/', en: '/en/' },
  search: { da: '/soeg', en: '/en/search' },
  about: { da: '/om', en: '/en/about' },
  match: { da: '/find-hjaelp', en: '/en/find-help' },
  compare: { da: '/sammenlign', en: '/en/compare' },
  ranking: { da: '/saadan-rangerer-vi', en: '/en/how-we-rank' },
  login: { da: '/log-ind', en: '/en/log-in' },
  myPages: { da: '/mine-sider', en: '/en/my-pages' },
  register: { da: '/mine-sider/registrer', en: '/en/my-pages/register' },
  /** What the service stores about the logged-in person, its download and the deletion of the account. */
  myData: { da: '/mine-sider/mine-oplysninger', en: '/en/my-pages/my-data' },
  /** NCC staff's audit log search. */
  auditLog: { da: '/ncc/log', en: '/en/ncc/log' },
  /** NCC admins' pages: analysts' API tokens, and access to companies granted to named people. */
  apiKeys: { da: '/ncc/api-noegler', en: '/en/ncc/api-keys' },
  companyAccess: { da: '/ncc/adgange', en: '/en/ncc/access' },
  /** Where a mail's unsubscribe link leads (src/use-cases/confirmation.ts). */
  unsubscribe: { da: '/afmeld', en: '/en/unsubscribe' },
  /** The vendor's "still correct" confirmation (a POST from My pages). */
  confirmListing: { da: '/mine-sider/bekraeft', en: '/en/my-pages/confirm' },
  /** The open-data page: the export's files, their licence and the DCAT-AP description (the files are at /aaben-data/<file>). */
  openData: { da: '/aaben-data', en: '/en/open-data' },
  /** NCC staff's analytics dashboards: the overview and one page per measure (src/features/analytics/measures.ts). */
  analytics: { da: '/ncc/analyse', en: '/en/ncc/analytics' },
  analyticsSupply: { da: '/ncc/analyse/udbud', en: '/en/ncc/analytics/supply' },
  analyticsDemand: { da: '/ncc/analyse/efterspoergsel', en: '/en/ncc/analytics/demand' },
  analyticsGaps: { da: '/ncc/analyse/huller', en: '/en/ncc/analytics/gaps' },
  analyticsSkills: { da: '/ncc/analyse/kompetencer', en: '/en/ncc/analytics/skills' },
  analyticsCoverage: { da: '/ncc/analyse/daekning', en: '/en/ncc/analytics/coverage' },
  analyticsConcentration: { da: '/ncc/analyse/koncentration', en: '/en/ncc/analytics/concentration' },
  analyticsZeroResults: { da: '/ncc/analyse/nul-resultater', en: '/en/ncc/analytics/zero-results' },
  /** The public statistics (their downloads: the same path with .csv or .json), how they are made, and the analysts' API guide. */
  statistics: { da: '/statistik', en: '/en/statistics' },
  methods: { da: '/metode', en: '/en/methods' },
  apiDocs: { da: '/api', en: '/en/api' },
} as const satisfies Record<string, Record<Locale, string>>;

/** Profile pages: the prefix is followed by one slug segment. Slugs are the same in both languages. */
const PROFILES = {
  company: { da: '/virksomhed/', en: '/en/company/' },
  product: { da: '/produkt/', en: '/en/product/' },
  /** The vendor portal's edit page of a company profile. */
  companyEdit: { da: '/mine-sider/virksomhed/', en: '/en/my-pages/company/' },
  /** The portal's form for a new product of the company with this slug. */
  productNew: { da: '/mine-sider/nyt-produkt/', en: '/en/my-pages/new-product/' },
  /** The portal's edit page of a product, and the confirmation pages of retiring and deleting it. */
  productEdit: { da: '/mine-sider/produkt/', en: '/en/my-pages/product/' },
  productRetire: { da: '/mine-sider/udfas-produkt/', en: '/en/my-pages/retire-product/' },
  productDelete: { da: '/mine-sider/slet-produkt/', en: '/en/my-pages/delete-product/' },
  /** Withdrawing one of the vendor's submissions; the segment is the submission's id. */
  withdraw: { da: '/mine-sider/traek-tilbage/', en: '/en/my-pages/withdraw/' },
} as const satisfies Record<string, Record<Locale, string>>;

export type PageName = keyof typeof PAGES;
export type ProfileName = keyof typeof PROFILES;

/** The anchor of the needs list on the home page; the "Behov" menu item points at it. */
export const NEEDS_ANCHOR = 'behov';

/** Query values: a repeated parameter is a list; empty values and undefined are left out. */
export type QueryValues = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export function queryString(values: QueryValues): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly string[]) params.append(name, item);
    } else {
      params.append(name, String(value));
    }
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function pagePath(locale: Locale, page: PageName, query: QueryValues = {}): string {
  return `${PAGES[page][locale]}${queryString(query)}`;
}

export function profilePath(locale: Locale, profile: ProfileName, slug: string): string {
  return `${PROFILES[profile][locale]}${encodeURIComponent(slug)}`;
}

export const homePath = (locale: Locale): string => pagePath(locale, 'home');
export const needsPath = (locale: Locale): string => `${pagePath(locale, 'home')}#${NEEDS_ANCHOR}`;
export const searchPath = (locale: Locale, query: QueryValues = {}): string => pagePath(locale, 'search', query);
/**
 * The search listing the providers of needs: companies (not their products) with an active product
 * for at least one of them. Its total is the count a need's provider number links from (the home
 * page's need cards, the wizard), so a number and the page it leads to always agree.
 */
export const needProvidersPath = (locale: Locale, needs: readonly string[]): string =>
  searchPath(locale, { need: needs, kind: 'company' });
export const openDataPath = (locale: Locale): string => pagePath(locale, 'openData');
export const statisticsPath = (locale: Locale, query: QueryValues = {}): string =>
  pagePath(locale, 'statistics', query);
export const methodsPath = (locale: Locale): string => pagePath(locale, 'methods');
export const apiDocsPath = (locale: Locale): string => pagePath(locale, 'apiDocs');
export const aboutPath = (locale: Locale): string => pagePath(locale, 'about');
export const matchPath = (locale: Locale, query: QueryValues = {}): string => pagePath(locale, 'match', query);
export const comparePath = (locale: Locale, query: QueryValues = {}): string => pagePath(locale, 'compare', query);
export const rankingPath = (locale: Locale): string => pagePath(locale, 'ranking');
/** The login page, coming back to `returnTo` (a path on this site) afterwards. */
export const loginPath = (locale: Locale, returnTo?: string): string => pagePath(locale, 'login', { returnTo });
export const myPagesPath = (locale: Locale): string => pagePath(locale, 'myPages');
export const registerPath = (locale: Locale): string => pagePath(locale, 'register');
export const unsubscribePath = (locale: Locale, token?: string | null): string =>
  pagePath(locale, 'unsubscribe', token ? { token } : {});
export const confirmPath = (locale: Locale): string => pagePath(locale, 'confirmListing');
export const myDataPath = (locale: Locale, query: QueryValues = {}): string => pagePath(locale, 'myData', query);
export const auditLogPath = (locale: Locale, query: QueryValues = {}): string => pagePath(locale, 'auditLog', query);
export const apiKeysPath = (locale: Locale, query: QueryValues = {}): string => pagePath(locale, 'apiKeys', query);
export const companyAccessPath = (locale: Locale, query: QueryValues = {}): string =>
  pagePath(locale, 'companyAccess', query);
export const companyPath = (locale: Locale, slug: string): string => profilePath(locale, 'company', slug);
export const productPath = (locale: Locale, slug: string): string => profilePath(locale, 'product', slug);
export const companyEditPath = (locale: Locale, slug: string): string => profilePath(locale, 'companyEdit', slug);
export const productNewPath = (locale: Locale, companySlug: string, draft?: string): string =>
  `${profilePath(locale, 'productNew', companySlug)}${queryString({ draft })}`;
export const productEditPath = (locale: Locale, slug: string): string => profilePath(locale, 'productEdit', slug);
export const productRetirePath = (locale: Locale, slug: string): string => profilePath(locale, 'productRetire', slug);
export const productDeletePath = (locale: Locale, slug: string): string => profilePath(locale, 'productDelete', slug);
export const withdrawPath = (locale: Locale, submissionId: string): string =>
  profilePath(locale, 'withdraw', submissionId);

export type KnownRoute = { locale: Locale; page: PageName } | { locale: Locale; profile: ProfileName; slug: string };

function withoutTrailingSlash(pathname: string): string {
  return pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

/** Which of our pages a pathname is, in which language; null for anything else (a 404, an asset). */
export function identifyRoute(pathname: string): KnownRoute | null {
  const path = withoutTrailingSlash(pathname);
  for (const locale of LOCALES) {
    for (const [page, paths] of Object.entries(PAGES) as Array<[PageName, Record<Locale, string>]>) {
      if (path === withoutTrailingSlash(paths[locale])) return { locale, page };
    }
    for (const [profile, prefixes] of Object.entries(PROFILES) as Array<[ProfileName, Record<Locale, string>]>) {
      const prefix = prefixes[locale];
      const rest = path.startsWith(prefix) ? path.slice(prefix.length) : '';
      if (rest && !rest.includes('/')) {
        try {
          return { locale, profile, slug: decodeURIComponent(rest) };
        } catch {
          return null;
        }
      }
    }
  }
  return null;
}

/** The language a pathname is in, judged by its prefix alone (works for unknown paths too). */
export function localeOfPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : DEFAULT_LOCALE;
}

/**
 * The same page in `target`, keeping the query so a filtered search stays filtered. A URL that is
 * not one of our pages maps to the target language's home page.
 */
export function localizedPath(url: Pick<URL, 'pathname' | 'search'>, target: Locale): string {
  const route = identifyRoute(url.pathname);
  if (!route) return homePath(target);
  const path = 'page' in route ? pagePath(target, route.page) : profilePath(target, route.profile, route.slug);
  return `${path}${url.search}`;
}
