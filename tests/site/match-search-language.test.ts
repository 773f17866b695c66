import { describe, expect, inject, it } from 'vitest';
import { NEEDS } from '../../graph/data/needs';
import { TAXONOMIES } from '../../graph/data/taxonomies';

/**
 * The search and match pages over HTTP, in both languages: every link about how ranking works
 * leads to the ranking page, and English pages name needs and regions in English, never by slug
 * or Danish name.
 */

const base = inject('baseUrl');

async function html(path: string): Promise<string> {
  const response = await fetch(new URL(path, base), { redirect: 'manual' });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The readable text of an HTML fragment: tags (and so attributes such as hrefs and ids) removed. */
function visibleText(fragment: string): string {
  return fragment
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

/** The part of the page inside <main>, so the shared header and footer do not count. */
function main(page: string): string {
  const start = page.indexOf('<main');
  const end = page.lastIndexOf('</main>');
  expect(start, 'page has a <main>').toBeGreaterThanOrEqual(0);
  return page.slice(start, end);
}

/** The hrefs of links inside <main> whose text is the given link text. */
function linksNamed(page: string, name: string): string[] {
  return [...main(page).matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)]
    .filter(([, , inner]) => visibleText(inner ?? '').trim() === name)
    .map(([, href]) => href ?? '');
}

/** Backup and two-factor login in Aarhus (Central Denmark Region): sample providers sit inside and outside it. */
const MATCH_QUERY = 'need=backup-og-gendannelse&need=tofaktor-login&kommune=751';

const PAGES = {
  da: {
    search: '/soeg?q=backup',
    match: `/find-hjaelp?${MATCH_QUERY}`,
    compare: '/sammenlign',
    ranking: '/saadan-rangerer-vi',
    linkText: 'Sådan rangerer vi',
  },
  en: {
    search: '/en/search?q=backup',
    match: `/en/find-help?${MATCH_QUERY}`,
    compare: '/en/compare',
    ranking: '/en/how-we-rank',
    linkText: 'How we rank',
  },
} as const;

/** Two providers from the match list, as compare-page parameters. */
function comparedProviders(matchPage: string): string {
  const slugs = [...matchPage.matchAll(/<input[^>]*name="p"[^>]*value="([^"]+)"/g)].map(([, slug]) => slug);
  expect(slugs.length).toBeGreaterThanOrEqual(2);
  return slugs
    .slice(0, 2)
    .map((slug) => `p=${slug}`)
    .join('&');
}

describe('links about how ranking works', () => {
  for (const locale of ['da', 'en'] as const) {
    const pages = PAGES[locale];
    it(`lead to the ranking page from search, match results and comparison (${locale})`, async () => {
      const matchPage = await html(pages.match);
      const comparePage = await html(`${pages.compare}?${MATCH_QUERY}&${comparedProviders(matchPage)}`);
      for (const [name, page] of [
        ['search', await html(pages.search)],
        ['match', matchPage],
        ['compare', comparePage],
      ] as const) {
        const links = linksNamed(page, pages.linkText);
        expect(links.length, name).toBeGreaterThan(0);
        expect(new Set(links), name).toEqual(new Set([pages.ranking]));
      }
    });
  }
});

describe('English match pages', () => {
  // A slug that is also an ordinary Danish word (penetrationstest) can fairly appear in a product
  // name; every other slug in the text is a slug shown instead of a name.
  const slugs = NEEDS.map((need) => need.slug).filter(
    (slug) => !NEEDS.some((need) => need.name.da.toLowerCase() === slug),
  );
  const danishRegions = TAXONOMIES.regions.map((region) => region.name);
  const englishRegions = TAXONOMIES.regions.map((region) => region.nameEn);

  it('show need names and English region names, never slugs or Danish region names', async () => {
    const matchPage = await html(PAGES.en.match);
    const comparePage = await html(`${PAGES.en.compare}?${MATCH_QUERY}&${comparedProviders(matchPage)}`);
    for (const [name, page] of [
      ['match', matchPage],
      ['compare', comparePage],
    ] as const) {
      const text = visibleText(main(page));
      for (const slug of slugs) expect(text, `${name}: ${slug}`).not.toMatch(new RegExp(`(^|\\s)${slug}(\\W|$)`));
      for (const region of danishRegions) expect(text, `${name}: ${region}`).not.toContain(region);
    }
    // The reasons do name regions, so the check above is not vacuous.
    const reasons = visibleText([...matchPage.matchAll(/<ul class="reasons[^"]*"[^>]*>[\s\S]*?<\/ul>/g)].join(' '));
    expect(englishRegions.some((region) => reasons.includes(region))).toBe(true);
  });

  it('name the same regions in Danish on the Danish page', async () => {
    const text = visibleText(main(await html(PAGES.da.match)));
    expect(danishRegions.some((region) => text.includes(region))).toBe(true);
    for (const region of englishRegions) expect(text, region).not.toContain(region);
  });
});
