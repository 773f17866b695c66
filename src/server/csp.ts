/**
 * The site's Content-Security-Policy, in one place. Astro renders each page's policy itself
 * (`security.csp` in astro.config.mjs): these directives plus `script-src`/`style-src` with the
 * hashes of the inline scripts and styles it emitted, sent as the page's header. Helmet sends the
 * same directives with plain `'self'` scripts and styles on every other response (assets, JSON,
 * Fastify's own errors) and Astro's header replaces it on pages, so a response carries exactly one
 * policy and the two can only differ by Astro's hashes.
 */
export const SITE_CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
} as const satisfies Record<string, readonly string[]>;

/** The directives as Astro's `security.csp.directives` takes them ("name value …"). */
export function astroCspDirectives(): string[] {
  return Object.entries(SITE_CSP_DIRECTIVES).map(([name, values]) => `${name} ${values.join(' ')}`);
}

/** The policy helmet sends where Astro does not render the response. */
export function helmetCspDirectives(): Record<string, string[]> {
  return {
    ...Object.fromEntries(Object.entries(SITE_CSP_DIRECTIVES).map(([name, values]) => [name, [...values]])),
    'script-src': ["'self'"],
    'style-src': ["'self'"],
  };
}

/**
 * GraphiQL (GET /graphql outside production) is yoga's page: inline scripts, its bundle, styles
 * and editor workers from unpkg. It gets this looser policy on that route only.
 */
export function graphiqlCspDirectives(): Record<string, string[]> {
  return {
    ...helmetCspDirectives(),
    'script-src': ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
    'style-src': ["'self'", "'unsafe-inline'", 'https://unpkg.com'],
    'connect-src': ["'self'", 'https://unpkg.com'],
    'font-src': ["'self'", 'data:', 'https://unpkg.com'],
    'img-src': ["'self'", 'data:', 'https://raw.githubusercontent.com'],
    'worker-src': ["'self'", 'blob:'],
  };
}
