/**
 * A browser's part in a login, for tests: a cookie jar and manual redirects, so each hop of the
 * OpenID Connect round trip (app → development provider → app) is a real HTTP request that can be
 * checked. `logInAs` goes through the development provider's own login page, choosing a person by
 * what the page shows, exactly as a person would.
 */

export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Keeps what a response set, and forgets what it cleared. */
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const cleared = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.split('=').map((part) => part.trim().toLowerCase());
        return (key === 'max-age' && Number(setting) <= 0) || (key === 'expires' && Date.parse(setting) < Date.now());
      });
      if (cleared || value === '') this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }

  set(name: string, value: string): void {
    this.#cookies.set(name, value);
  }

  delete(name: string): void {
    this.#cookies.delete(name);
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** One request as a browser sends it: the jar's cookies, no automatic redirects. */
export async function send(jar: CookieJar, url: string | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const cookie = jar.header();
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(response);
  return response;
}

export interface Hop {
  url: string;
  status: number;
  /** The Set-Cookie lines of the response, as sent. */
  setCookie: string[];
}

/** Follows redirects as a browser would (a 303 or 302 after a POST becomes a GET), recording each hop. */
export async function follow(
  jar: CookieJar,
  url: string | URL,
  init: RequestInit = {},
  hops: Hop[] = [],
): Promise<{ response: Response; hops: Hop[] }> {
  let target = new URL(url);
  let request = init;
  for (let step = 0; step < 10; step += 1) {
    const response = await send(jar, target, request);
    hops.push({ url: target.href, status: response.status, setCookie: response.headers.getSetCookie() });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { response, hops };
    await response.body?.cancel();
    target = new URL(location, target);
    request = {};
  }
  throw new Error(`too many redirects from ${url}`);
}

export interface LoginResult {
  jar: CookieJar;
  /** The last response: the page the login returned to (or a refusal). */
  response: Response;
  hops: Hop[];
}

/**
 * Logs in at `baseUrl` through the development provider: starts at /auth/login, picks on the
 * provider's page the first person whose entry contains `person` (a name, a CVR number, a role
 * word), and follows the redirects back to the site.
 */
export async function logInAs(
  baseUrl: string,
  options: { as: 'vendor' | 'staff'; person: string; returnTo?: string; jar?: CookieJar },
): Promise<LoginResult> {
  const jar = options.jar ?? new CookieJar();
  const start = new URL('/auth/login', baseUrl);
  start.searchParams.set('as', options.as);
  if (options.returnTo !== undefined) start.searchParams.set('returnTo', options.returnTo);
  const toProvider = await follow(jar, start);
  const page = toProvider.response;
  const html = await page.text();
  if (page.status !== 200 || !html.includes('name="subject"')) {
    throw new Error(`expected the development provider's login page, got ${page.status} at ${page.url}`);
  }
  const choice = [...html.matchAll(/<button name="subject" value="([^"]+)">([\s\S]*?)<\/button>/g)].find((match) =>
    match[2]?.includes(options.person),
  );
  if (!choice?.[1]) throw new Error(`no person matching "${options.person}" on the development login page`);
  const action = /<form method="post" action="([^"]+\/login)"/.exec(html)?.[1];
  const loginUrl = new URL(action ?? '', toProvider.hops.at(-1)?.url);
  const back = await follow(
    jar,
    loginUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ subject: choice[1] }).toString(),
    },
    toProvider.hops,
  );
  return { jar, response: back.response, hops: back.hops };
}
