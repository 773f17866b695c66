/**
 * A request target whose path does not percent-decode (`/%ff`, `/produkt/%E0%A4%A`) stops in
 * Fastify's router, which writes a bare JSON 400 straight to the socket: past every hook, so
 * without the security headers and without the site's own page. With its percent signs escaped
 * the path is plain text that names no page, so it goes through every plugin like any other
 * unknown address and the site answers with its own bilingual 404. The query is left alone: the
 * router does not decode it, and the pages read it leniently (URLSearchParams).
 */
export function routableUrl(url: string): string {
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  try {
    decodeURI(path);
    return url;
  } catch {
    return `${path.replaceAll('%', '%25')}${end === -1 ? '' : url.slice(end)}`;
  }
}
