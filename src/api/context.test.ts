import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { type CompanyReadPart, OWN_FACTS, type PartialCompanyProfile } from '../../graph/catalog';
import type { ApiServices } from '../services';
import { createContext } from './context';

/**
 * The request's company loader (createContext's companyWith) over a catalog that numbers its reads:
 * every read's own facts and parts carry the read's number, so a merged company shows which read
 * each of them came from. The reads themselves are tested against Neo4j (tests/graph/graphql.test.ts).
 */
function numberedCatalog() {
  const reads: Array<{ slugs: string[]; parts: string[] }> = [];
  const catalog = {
    async companyProfilesWith(slugs: readonly string[], parts: Iterable<CompanyReadPart>) {
      const wanted = new Set(parts);
      reads.push({ slugs: [...slugs], parts: [...wanted].sort() });
      const read = reads.length;
      return slugs.map((slug) => {
        const company: Record<string, unknown> = { slug, name: `Firma ${slug}` };
        if (wanted.has(OWN_FACTS)) Object.assign(company, { version: read, address: `Vej ${read}`, confirmedAt: null });
        if (wanted.has('products')) company.products = [{ slug: `${slug}-p`, name: `read ${read}` }];
        if (wanted.has('partners')) company.partners = [{ slug: 'other', name: `read ${read}` }];
        if (wanted.has('sectors')) company.sectors = [{ code: `read ${read}`, name: { da: 's', en: 's' } }];
        return company as unknown as PartialCompanyProfile;
      });
    },
    async productProfiles() {
      return [];
    },
  };
  const services = { catalog, log: pino({ level: 'silent' }) } as unknown as ApiServices;
  return { reads, context: createContext(services) };
}

describe("the request's company loader", () => {
  it('reads slug and name alone without the own facts, and the facts only when asked for', async () => {
    const { reads, context } = numberedCatalog();
    const named = await context.companyWith('a', []);
    expect(named).toEqual({ slug: 'a', name: 'Firma a' });
    const withProducts = await context.companyWith('a', ['products']);
    expect(withProducts?.version).toBeUndefined();
    expect(withProducts?.address).toBeUndefined();
    expect(reads).toEqual([
      { slugs: ['a'], parts: [] },
      { slugs: ['a'], parts: ['products'] },
    ]);
  });

  it('puts facts read later together with the parts read before, from one read each, without reading again', async () => {
    const { reads, context } = numberedCatalog();
    await context.companyWith('a', ['products']);
    const merged = await context.companyWith('a', ['products', OWN_FACTS]);
    expect(merged).toMatchObject({
      version: 2,
      address: 'Vej 2',
      confirmedAt: null,
      products: [{ name: 'read 1' }],
    });
    // The facts key is held now: a part read afterwards comes with the same facts, not a new read of them.
    const again = await context.companyWith('a', ['partners', OWN_FACTS]);
    expect(again).toMatchObject({ version: 2, address: 'Vej 2', partners: [{ name: 'read 3' }] });
    expect(reads).toEqual([
      { slugs: ['a'], parts: ['products'] },
      { slugs: ['a'], parts: [OWN_FACTS] },
      { slugs: ['a'], parts: ['partners'] },
    ]);
  });

  it('keeps the version with the facts it came with when two reads hold facts', async () => {
    const { reads, context } = numberedCatalog();
    await context.companyWith('a', [OWN_FACTS]);
    // Read in one batch with another company's facts, a's sectors come with a's facts as well.
    const [a] = await Promise.all([context.companyWith('a', ['sectors']), context.companyWith('b', [OWN_FACTS])]);
    expect(a).toMatchObject({ version: 2, address: 'Vej 2' });
    const merged = await context.companyWith('a', ['sectors', OWN_FACTS]);
    expect(reads.length).toBe(2);
    // Facts and version of one read, whichever it is: never the version of one and the address of another.
    expect(merged?.address).toBe(`Vej ${merged?.version}`);
    expect(merged?.sectors).toEqual([{ code: 'read 2', name: { da: 's', en: 's' } }]);
  });

  it('reads a company again once the request has forgotten it, and only that company', async () => {
    const { reads, context } = numberedCatalog();
    await Promise.all([context.companyWith('a', ['products', OWN_FACTS]), context.companyWith('b', [OWN_FACTS])]);
    context.forgetCompany('a');
    expect(await context.companyWith('a', ['products', OWN_FACTS])).toMatchObject({
      version: 2,
      products: [{ name: 'read 2' }],
    });
    expect(await context.companyWith('b', [OWN_FACTS])).toMatchObject({ version: 1 });
    expect(reads.map((read) => read.slugs)).toEqual([['a', 'b'], ['a']]);
  });

  it('answers a company asked for its slug and name alone from any read of it the request made', async () => {
    const { reads, context } = numberedCatalog();
    const withProducts = await context.companyWith('a', ['products']);
    expect(await context.companyWith('a', [])).toBe(withProducts);
    // Another company, and the same one once forgotten, are read.
    expect(await context.companyWith('b', [])).toEqual({ slug: 'b', name: 'Firma b' });
    context.forgetCompany('a');
    expect(await context.companyWith('a', [])).toEqual({ slug: 'a', name: 'Firma a' });
    expect(reads).toEqual([
      { slugs: ['a'], parts: ['products'] },
      { slugs: ['b'], parts: [] },
      { slugs: ['a'], parts: [] },
    ]);
  });

  it('answers null for a company no read found', async () => {
    const { context } = numberedCatalog();
    const missing = createContext({
      ...(context.services as object),
      catalog: { companyProfilesWith: async () => [], productProfiles: async () => [] },
    } as unknown as ApiServices);
    expect(await missing.companyWith('gone', ['products', OWN_FACTS])).toBeNull();
  });
});
