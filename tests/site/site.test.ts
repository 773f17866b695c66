import { describe, expect, inject, it } from 'vitest';

/** The built site, served by the real server process over HTTP, on the seeded sample. */
const base = inject('baseUrl');

async function page(path: string) {
  const response = await fetch(new URL(path, base), { redirect: 'manual' });
  return { status: response.status, type: response.headers.get('content-type') ?? '', html: await response.text() };
}

async function graphql<T>(query: string): Promise<T> {
  const response = await fetch(new URL('/graphql', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: T }).data;
}

describe('the site over HTTP', () => {
  it('answers health and readiness', async () => {
    expect((await page('/healthz')).status).toBe(200);
    const ready = await fetch(new URL('/readyz', base));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { neo4j: true, search: true } });
  });

  it('serves the home page in Danish and English', async () => {
    const da = await page('/');
    expect(da.status).toBe(200);
    expect(da.type).toContain('text/html');
    expect(da.html).toContain('<html lang="da"');
    expect(da.html).toMatch(/<form[^>]*method="get"/i);
    const en = await page('/en/');
    expect(en.status).toBe(200);
    expect(en.html).toContain('<html lang="en"');
  });

  it('serves search results with facets without JavaScript', async () => {
    const result = await page('/soeg?q=backup');
    expect(result.status).toBe(200);
    expect(result.html).toMatch(/<fieldset/);
    expect(result.html).toMatch(/href="\/virksomhed\/|href="\/produkt\//);
  });

  it('serves a company profile and a product page with JSON-LD', async () => {
    const data = await graphql<{
      companies: { items: Array<{ slug: string; name: string; products: Array<{ slug: string; name: string }> }> };
    }>('{ companies(limit: 1) { items { slug name products { slug name } } } }');
    const company = data.companies.items[0];
    if (!company) throw new Error('no company in the sample');
    const profile = await page(`/virksomhed/${company.slug}`);
    expect(profile.status).toBe(200);
    expect(profile.html).toContain('application/ld+json');
    expect(profile.html).toContain(company.name.replace(/&/g, '&amp;'));
    const product = company.products[0];
    if (!product) throw new Error('sample company without products');
    const productPage = await page(`/produkt/${product.slug}`);
    expect(productPage.status).toBe(200);
    expect(productPage.html).toContain('application/ld+json');
    const english = await page(`/en/company/${company.slug}`);
    expect(english.status).toBe(200);
    expect(english.html).toContain('<html lang="en"');
  });

  it('says what happened for unknown pages and listings', async () => {
    const missing = await page('/findes-ikke');
    expect(missing.status).toBe(404);
    expect(missing.html).toMatch(/findes ikke|ikke fundet/i);
    expect(missing.html).toMatch(/not found/i);
    expect((await page('/virksomhed/findes-ikke')).status).toBe(404);
    expect((await page('/produkt/findes-ikke')).status).toBe(404);
  });

  it('explains a bad search parameter instead of failing', async () => {
    const bad = await page('/soeg?q=x&page=abc');
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/<form/);
  });
});
