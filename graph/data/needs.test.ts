import { describe, expect, it } from 'vitest';
import { NEEDS } from './needs';
import { TAXONOMIES } from './taxonomies';

const codeSet = (rows: Array<{ code: string }>) => new Set(rows.map((row) => row.code));

describe('NEEDS', () => {
  it('covers the whole starting catalogue with unique Danish ASCII slugs', () => {
    expect(NEEDS.length).toBeGreaterThanOrEqual(34);
    const slugs = NEEDS.map((need) => need.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const slug of slugs) expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('only references codes that exist in TAXONOMIES', () => {
    const known = {
      csfCategoryCodes: codeSet(TAXONOMIES.csfCategories),
      nis2MeasureCodes: codeSet(TAXONOMIES.nis2Measures),
      dMaerketCriterionCodes: codeSet(TAXONOMIES.dMaerketCriteria),
      skillCodes: codeSet(TAXONOMIES.skills),
      regulationCodes: codeSet(TAXONOMIES.regulations),
      categoryCodes: codeSet(TAXONOMIES.categories),
    };
    const unresolved: string[] = [];
    for (const need of NEEDS) {
      for (const [field, codes] of Object.entries(known) as Array<[keyof typeof known, Set<string>]>) {
        for (const code of need[field]) if (!codes.has(code)) unresolved.push(`${need.slug}.${field}: ${code}`);
        if (new Set(need[field]).size !== need[field].length) unresolved.push(`${need.slug}.${field}: duplicate`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('maps every need to a CSF category, a skill and a service category', () => {
    const services = codeSet(TAXONOMIES.categories.filter((category) => category.scheme === 'service'));
    for (const need of NEEDS) {
      expect(need.csfCategoryCodes.length, need.slug).toBeGreaterThan(0);
      expect(need.skillCodes.length, need.slug).toBeGreaterThan(0);
      expect(
        need.categoryCodes.some((code) => services.has(code)),
        need.slug,
      ).toBe(true);
    }
  });

  it('leaves no service category without a need, so every kind of product has something to address', () => {
    const used = new Set(NEEDS.flatMap((need) => need.categoryCodes));
    const unused = TAXONOMIES.categories.filter((c) => c.scheme === 'service' && !used.has(c.code)).map((c) => c.code);
    expect(unused).toEqual([]);
  });

  it('writes every text in Danish and English, with everyday keywords in both', () => {
    for (const need of NEEDS) {
      for (const text of [need.name, need.summary, need.question]) {
        expect(text.da.trim(), need.slug).not.toBe('');
        expect(text.en.trim(), need.slug).not.toBe('');
      }
      expect(need.question.da.endsWith('?'), need.slug).toBe(true);
      expect(need.keywords.da.length, need.slug).toBeGreaterThanOrEqual(5);
      expect(need.keywords.en.length, need.slug).toBeGreaterThanOrEqual(5);
    }
  });

  it('reaches the needs through the words people who were hit actually use', () => {
    const byKeyword = (word: string) => NEEDS.filter((need) => need.keywords.da.includes(word)).map((n) => n.slug);
    expect(byKeyword('hacket')).toContain('akut-hjaelp-ved-angreb');
    expect(byKeyword('løsesum')).toContain('akut-hjaelp-ved-angreb');
    expect(byKeyword('kryptovirus')).toContain('backup-og-gendannelse');
    expect(byKeyword('mistet data')).toContain('backup-og-gendannelse');
    expect(byKeyword('svindel-mail')).toContain('e-mail-og-phishing-beskyttelse');
    expect(byKeyword('døgnovervågning')).toContain('doegnovervaagning');
    expect(byKeyword('sikkerhedskopi')).toContain('backup-og-gendannelse');
  });
});
