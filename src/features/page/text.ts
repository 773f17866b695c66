/** Cuts a description at a word boundary for lists, where a whole description would bury the names. */
export function excerpt(text: string, maxLength = 220): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= maxLength) return clean;
  const cut = clean.slice(0, maxLength);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength * 0.6 ? cut.slice(0, lastSpace) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** The host name of a website, which reads better as link text than the full URL. */
export function displayHost(website: string): string {
  try {
    return new URL(website).host.replace(/^www\./, '');
  } catch {
    return website;
  }
}

/** Only http(s) links from listings are rendered as links; anything else could be a `javascript:` URL. */
export function isWebUrl(value: string | null | undefined): value is string {
  return !!value && /^https?:\/\/[^\s]+$/i.test(value);
}
