import { describe, expect, inject, it } from 'vitest';

/**
 * The search page reads an SME's words (search/understand.ts) over HTTP, with the sample data, in
 * both languages and without JavaScript: it says which need it understood and lists that need's
 * providers, offers the words as typed in one click, leads an attack in progress with the
 * Cyberhotline and emergency help, and answers a broad word with a choice whose counts are the
 * totals of the pages they link to.
 */

const base = inject('baseUrl');

async function page(path: string, status = 200): Promise<string> {
  const response = await fetch(new URL(path, base), { redirect: 'manual' });
  expect(response.status, path).toBe(status);
  return response.text();
}

function text(fragment: string): string {
  return fragment
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const decode = (href: string) => href.replace(/&amp;/g, '&');

/** The result total in the heading ("116 resultater" / "116 results"); undefined when there is none. */
function total(html: string): number | undefined {
  const heading = /<h2 id="results-heading">([\s\S]*?)<\/h2>/.exec(html)?.[1];
  if (heading === undefined) return undefined;
  return Number(text(heading).replace(/[^\d]/g, ''));
}

/** The href of the first link inside <main> whose text starts with `name`. */
function link(html: string, name: string): string {
  const main = html.slice(html.indexOf('<main'), html.lastIndexOf('</main>'));
  for (const [, href, inner] of main.matchAll(/<a\b[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)) {
    if (
      text(inner ?? '')
        .trim()
        .startsWith(name)
    )
      return decode(href ?? '');
  }
  throw new Error(`no link "${name}"`);
}

describe('the search page reads the words', () => {
  it('lists the providers of the need the words name, and says so (Danish)', async () => {
    const read = await page('/soeg?q=mist%C3%A6nkelig+mail');
    expect(text(read)).toContain('Vi viser udbydere af: Beskyttelse mod phishing og svindel-mails');
    const byNeed = await page('/soeg?need=e-mail-og-phishing-beskyttelse');
    expect(total(read)).toBe(total(byNeed));
    expect(total(read)).toBeGreaterThan(10);
  });

  it('reads English words with the English names', async () => {
    const read = await page('/en/search?q=suspicious+email');
    expect(text(read)).toContain('Showing providers of: Email and phishing protection');
    expect(total(read)).toBe(total(await page('/en/search?need=e-mail-og-phishing-beskyttelse')));
  });

  it('undoes the reading in one click: the words as typed, kept through the filter form', async () => {
    const read = await page('/soeg?q=mist%C3%A6nkelig+mail');
    const undo = link(read, 'Søg i stedet efter ordene');
    expect(new URL(undo, base).searchParams.get('literal')).toBe('mistænkelig mail');
    const literal = await page(undo);
    expect(text(literal)).toContain('Vi søger efter ordene, som du skrev dem.');
    expect(text(literal)).not.toContain('Vi viser udbydere af');
    expect(literal).toMatch(/<input type="hidden" name="literal" value="mistænkelig mail"/);
    expect(total(literal)).not.toBe(total(read));
    // And back: the reading again.
    expect(text(await page(link(literal, 'Lad os læse, hvad du søger')))).toContain('Vi viser udbydere af');
  });

  it('leads an attack in progress with the Cyberhotline and emergency help', async () => {
    for (const [path, heading, providers] of [
      [
        '/soeg?q=vi+er+blevet+hacket',
        'Er I ramt af et angreb lige nu?',
        'Vi viser udbydere af: Akut hjælp ved hackerangreb',
      ],
      [
        '/en/search?q=our+files+are+encrypted',
        'Are you under attack right now?',
        'Showing providers of: Emergency incident response',
      ],
    ] as const) {
      const html = await page(path);
      expect(text(html), path).toContain(heading);
      expect(html, path).toContain('href="tel:+4533370037"');
      expect(html, path).toContain('href="https://sikkerdigital.dk/cyberhotline"');
      expect(text(html), path).toContain(providers);
      // The emergency box comes before the results.
      expect(html.indexOf('tel:+4533370037'), path).toBeLessThan(html.indexOf('class="result-list"'));
    }
  });

  it('answers a broad word with a short choice whose counts are the totals of the pages they lead to', async () => {
    const html = await page('/soeg?q=virus');
    expect(text(html)).toContain('»virus« kan betyde flere ting');
    expect(html).not.toContain('class="result-list"');
    const choices = [
      ...html.matchAll(/<li>\s*<a href="([^"]*)">([^<]*)<\/a>\s*<span class="muted">\s*\(([\d.]+) resultat(?:er)?\)/g),
    ];
    expect(choices.length).toBeGreaterThanOrEqual(2);
    expect(choices.length).toBeLessThanOrEqual(6);
    for (const [, href, , count] of choices) {
      const chosen = await page(decode(href ?? ''));
      expect(total(chosen), href).toBe(Number((count ?? '').replace(/\./g, '')));
    }
    expect(total(await page(link(html, 'Vis alle resultater for ordene')))).toBeGreaterThan(0);
  });

  it('reads a new search from a page of words as typed: the choice holds only for the words it was made for', async () => {
    // What the form sends when the reader types new words on the page for "backup" as typed.
    const html = await page('/soeg?q=vi+er+blevet+hacket&literal=backup');
    expect(text(html)).toContain('Er I ramt af et angreb lige nu?');
    expect(html).not.toContain('name="literal"');
    expect(text(await page('/soeg?q=backup&literal=backup'))).toContain('Vi søger efter ordene, som du skrev dem.');
  });

  it('keeps the words as typed when a listing is named by them', async () => {
    const companies = await fetch(new URL('/graphql', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ companies(limit: 1) { items { name } } }' }),
    });
    const name = ((await companies.json()) as { data: { companies: { items: { name: string }[] } } }).data.companies
      .items[0]?.name;
    expect(name).toBeTruthy();
    const html = await page(`/soeg?q=${encodeURIComponent(name ?? '')}`);
    expect(text(html)).not.toContain('Vi viser udbydere af');
    expect(text(html)).toContain(name ?? '');
  });
});
