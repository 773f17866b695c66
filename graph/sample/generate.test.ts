import { describe, expect, it } from 'vitest';
import { isValidCvr } from '../cvr';
import { NEEDS } from '../data/needs';
import { TAXONOMIES } from '../data/taxonomies';
import type { Ecosystem } from '../model';
import { slugify } from '../slug';
import { generateEcosystem, SCARCE_NEED_SLUGS } from './generate';
import { POSTAL_TOWN } from './places';

const sample = generateEcosystem({ companies: 300, seed: 1 });

function providersByNeed(ecosystem: Ecosystem): Map<string, number> {
  const companies = new Map<string, Set<string>>(NEEDS.map((need) => [need.slug, new Set()]));
  for (const product of ecosystem.products) {
    if (product.status !== 'active') continue;
    for (const slug of product.needSlugs) companies.get(slug)?.add(product.companySlug);
  }
  return new Map([...companies].map(([slug, set]) => [slug, set.size]));
}

describe('generateEcosystem', () => {
  it('is deterministic: the same seed gives the same ecosystem, another seed another', () => {
    expect(generateEcosystem({ companies: 300, seed: 1 })).toEqual(sample);
    const other = generateEcosystem({ companies: 300, seed: 2 });
    expect(other.companies.map((c) => c.slug)).not.toEqual(sample.companies.map((c) => c.slug));
  });

  it('makes about five products per company by default', () => {
    expect(sample.companies).toHaveLength(300);
    expect(sample.products.length).toBeGreaterThan(1_200);
    expect(sample.products.length).toBeLessThan(1_800);
    const denser = generateEcosystem({ companies: 100, seed: 1, productsPerCompany: 10 });
    expect(denser.products.length).toBeGreaterThan(800);
    expect(denser.products.length).toBeLessThan(1_200);
    expect(generateEcosystem({ companies: 0 })).toEqual({ companies: [], products: [] });
  });

  it('gives every company a valid, unique CVR number and unique slugs, names and websites', () => {
    const big = generateEcosystem({ companies: 3_000, seed: 7 });
    for (const ecosystem of [sample, big]) {
      const cvrs = ecosystem.companies.map((c) => c.cvr);
      expect(cvrs.every(isValidCvr)).toBe(true);
      expect(new Set(cvrs).size).toBe(cvrs.length);
      for (const key of ['slug', 'name', 'website'] as const) {
        expect(new Set(ecosystem.companies.map((c) => c[key])).size).toBe(ecosystem.companies.length);
      }
      expect(new Set(ecosystem.products.map((p) => p.slug)).size).toBe(ecosystem.products.length);
    }
  });

  it('is clearly fictional', () => {
    for (const company of sample.companies) {
      expect(company.sample).toBe(true);
      expect(company.website).toMatch(/^https:\/\/[a-z0-9-]+\.example$/);
      expect(company.email).toMatch(/@[a-z0-9-]+\.example$/);
      expect(company.phone).toMatch(/^\+45 00 \d\d \d\d \d\d$/);
      expect(company.slug).toBe(slugify(company.slug));
    }
  });

  it('spreads companies over all five regions, weighted towards the capital, and many municipalities', () => {
    const regionOf = new Map(TAXONOMIES.municipalities.map((m) => [m.code, m.regionCode]));
    const byRegion = new Map<string, number>();
    for (const company of sample.companies) {
      const region = regionOf.get(company.municipalityCode) ?? 'unknown';
      byRegion.set(region, (byRegion.get(region) ?? 0) + 1);
    }
    expect([...byRegion.keys()].sort()).toEqual(['1081', '1082', '1083', '1084', '1085']);
    expect(Math.max(...byRegion.values())).toBe(byRegion.get('1084'));
    expect(new Set(sample.companies.map((c) => c.municipalityCode)).size).toBeGreaterThan(60);
    for (const company of sample.companies) {
      expect(company.regionsServed).toContain(regionOf.get(company.municipalityCode));
      expect(company.postcode).toBe(POSTAL_TOWN[company.municipalityCode]?.[0]);
    }
  });

  it('has a postcode and town for every municipality', () => {
    for (const municipality of TAXONOMIES.municipalities) expect(POSTAL_TOWN[municipality.code]).toBeDefined();
  });

  it('keeps companies mostly micro and small, Danish-speaking, with certificates in every trust state', () => {
    const bands = sample.companies.map((c) => c.sizeBand);
    const smallShare = bands.filter((band) => band === 'micro' || band === 'small').length / bands.length;
    expect(smallShare).toBeGreaterThan(0.75);
    expect(sample.companies.every((c) => c.languages.includes('da'))).toBe(true);
    const held = sample.companies.flatMap((c) => c.certifications);
    expect(held.some((h) => h.validUntil !== null && h.validUntil < '2026-01-01')).toBe(true);
    expect(held.some((h) => h.verifiedBy === null)).toBe(true);
    expect(held.some((h) => h.verifiedBy === 'NCC-DK' && h.verifiedAt !== null)).toBe(true);
    for (const company of sample.companies) {
      for (const competence of company.competences) {
        expect(competence.headcount).toBeGreaterThanOrEqual(1);
        expect(competence.headcount).toBeLessThanOrEqual(company.employees);
      }
    }
  });

  it('references only codes and slugs that exist', () => {
    const codes = (rows: Array<{ code: string }>) => new Set(rows.map((row) => row.code));
    const municipalities = codes(TAXONOMIES.municipalities);
    const regions = codes(TAXONOMIES.regions);
    const sectors = codes(TAXONOMIES.sectors);
    const skills = codes(TAXONOMIES.skills);
    const certifications = codes(TAXONOMIES.certifications);
    const categories = codes(TAXONOMIES.categories);
    const csf = codes(TAXONOMIES.csfCategories);
    const regulations = codes(TAXONOMIES.regulations);
    const needs = new Set(NEEDS.map((need) => need.slug));
    const companies = new Set(sample.companies.map((c) => c.slug));
    const missing: string[] = [];
    const check = (set: Set<string>, values: string[], where: string) => {
      for (const value of values) if (!set.has(value)) missing.push(`${where}: ${value}`);
    };
    for (const c of sample.companies) {
      check(municipalities, [c.municipalityCode], c.slug);
      check(regions, c.regionsServed, c.slug);
      check(sectors, c.sectorCodes, c.slug);
      check(
        skills,
        c.competences.map((x) => x.skillCode),
        c.slug,
      );
      check(
        certifications,
        c.certifications.map((x) => x.code),
        c.slug,
      );
      check(companies, c.partnerSlugs, c.slug);
      expect(c.partnerSlugs).not.toContain(c.slug);
    }
    for (const p of sample.products) {
      check(companies, [p.companySlug], p.slug);
      check(needs, p.needSlugs, p.slug);
      check(categories, p.categoryCodes, p.slug);
      check(csf, p.csfCategoryCodes, p.slug);
      check(regulations, p.regulationCodes, p.slug);
    }
    expect(missing).toEqual([]);
  });

  it('keeps products coherent: each category is one of its needs’ categories, and 1–4 needs each', () => {
    const needBySlug = new Map(NEEDS.map((need) => [need.slug, need]));
    for (const product of sample.products) {
      expect(product.needSlugs.length).toBeGreaterThanOrEqual(1);
      expect(product.needSlugs.length).toBeLessThanOrEqual(4);
      const needs = product.needSlugs.map((slug) => needBySlug.get(slug));
      for (const code of product.categoryCodes) {
        expect(
          needs.some((need) => need?.categoryCodes.includes(code)),
          `${product.slug} ${code}`,
        ).toBe(true);
      }
      expect(needs[0]?.categoryCodes).toContain(product.categoryCodes[0]);
      expect(product.priceFromDkk === null).toBe(product.pricingModel === 'quote');
      expect(product.description.da).toContain(product.name);
      expect(product.description.en).toContain(product.name);
    }
    const pentest = sample.products.filter((p) => p.categoryCodes[0] === 'SVC-PENTEST');
    expect(pentest.length).toBeGreaterThan(0);
    for (const product of pentest) expect(product.needSlugs).toContain('penetrationstest');
  });

  it('covers every need with several companies, and a few needs deliberately with few', () => {
    const providers = providersByNeed(sample);
    for (const [slug, count] of providers) expect(count, slug).toBeGreaterThanOrEqual(3);
    const others = [...providers].filter(([slug]) => !SCARCE_NEED_SLUGS.includes(slug)).map(([, count]) => count);
    for (const slug of SCARCE_NEED_SLUGS) expect(providers.get(slug), slug).toBeLessThan(Math.min(...others) / 2);
  });

  it('writes search-worthy Danish text, including the compounds SMEs and vendors use', () => {
    const text = sample.products.map((p) => p.description.da).join('\n');
    expect(text).toContain('døgnovervågning');
    expect(text).toContain('Døgnovervågning');
    expect(sample.products.every((p) => p.description.da.length > 80 && p.description.en.length > 80)).toBe(true);
  });

  it('draws certificate dates around the reference date, 2026-01-01 unless told otherwise', () => {
    const dates = (ecosystem: Ecosystem) =>
      ecosystem.companies.flatMap((c) => c.certifications.flatMap((h) => [h.validUntil, h.verifiedAt]));
    const later = generateEcosystem({ companies: 300, seed: 1, referenceDate: '2027-06-01' });
    const verifiedAt = (ecosystem: Ecosystem) =>
      ecosystem.companies.flatMap((c) => c.certifications.flatMap((h) => (h.verifiedAt ? [h.verifiedAt] : [])));
    expect(verifiedAt(sample).every((date) => date < '2026-01-01' && date >= '2025-03-01')).toBe(true);
    expect(verifiedAt(later).every((date) => date < '2027-06-01' && date >= '2026-08-01')).toBe(true);
    expect(later.companies.map((c) => c.slug)).toEqual(sample.companies.map((c) => c.slug));
    expect(dates(later)).not.toEqual(dates(sample));
  });

  it('rejects impossible options', () => {
    expect(() => generateEcosystem({ companies: -1 })).toThrow(RangeError);
    expect(() => generateEcosystem({ companies: 1.5 })).toThrow(RangeError);
    expect(() => generateEcosystem({ companies: 1, productsPerCompany: 0 })).toThrow(RangeError);
    expect(() => generateEcosystem({ companies: 1, referenceDate: '1. januar' })).toThrow(RangeError);
  });
});
