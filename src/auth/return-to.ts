/**
 * Where to send a person after login: only a path on this site. The value is read as a browser
 * would read it (backslashes as slashes, tabs and newlines dropped) and what comes out is judged,
 * so `//host`, `/\host` or `/.//host` — anything a browser would take to another origin — sends
 * them to the fallback instead, and a login link can never be an open redirect.
 */
const MAX_LENGTH = 2000;
const BASE = new URL('http://cyberkort.invalid');

export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH || !value.startsWith('/')) return fallback;
  const url = URL.parse(value, BASE);
  if (!url || url.origin !== BASE.origin) return fallback;
  const path = `${url.pathname}${url.search}`;
  // Returning into the login machinery would only start another login.
  if (path.startsWith('//') || path.startsWith('/auth/')) return fallback;
  return path;
}
