import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import municipalityJson from './sources/dk-municipalities.json' with { type: 'json' };
import { TAXONOMIES } from './taxonomies';

const codes = (rows: Array<{ code: string }>) => rows.map((row) => row.code);

describe('TAXONOMIES', () => {
  it('holds the public facts in full', () => {
    expect(TAXONOMIES.regions).toHaveLength(5);
    expect(TAXONOMIES.municipalities).toHaveLength(98);
    expect(TAXONOMIES.csfFunctions).toHaveLength(6);
    expect(TAXONOMIES.csfCategories).toHaveLength(22);
    expect(TAXONOMIES.skills.filter((skill) => skill.kind === 'role')).toHaveLength(12);
    expect(TAXONOMIES.skills.filter((skill) => skill.kind === 'skill').length).toBeGreaterThanOrEqual(25);
    expect(TAXONOMIES.categories.filter((category) => category.scheme === 'jrc-domain')).toHaveLength(15);
    expect(TAXONOMIES.categories.filter((category) => category.scheme === 'service').length).toBeGreaterThanOrEqual(25);
    expect(TAXONOMIES.sectors).toHaveLength(15);
    expect(codes(TAXONOMIES.regulations)).toEqual(['NIS2', 'GDPR', 'DORA', 'CRA', 'ISO27001', 'D-MAERKET']);
    expect(codes(TAXONOMIES.nis2Measures)).toEqual('abcdefghij'.split('').map((letter) => `NIS2-21-2-${letter}`));
    expect(codes(TAXONOMIES.dMaerketCriteria)).toEqual([
      'DM-1',
      'DM-2',
      'DM-3',
      'DM-4',
      'DM-5',
      'DM-6',
      'DM-7',
      'DM-8',
    ]);
    expect(TAXONOMIES.certifications.length).toBeGreaterThanOrEqual(12);
  });

  it('uses each code once per kind of node', () => {
    for (const rows of Object.values(TAXONOMIES)) {
      const list = codes(rows as Array<{ code: string }>);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('links every child to a parent that exists', () => {
    const regions = new Set(codes(TAXONOMIES.regions));
    for (const municipality of TAXONOMIES.municipalities) expect(regions).toContain(municipality.regionCode);
    const functions = new Set(codes(TAXONOMIES.csfFunctions));
    for (const category of TAXONOMIES.csfCategories) expect(functions).toContain(category.functionCode);
    const roles = new Set(codes(TAXONOMIES.skills.filter((skill) => skill.kind === 'role')));
    for (const skill of TAXONOMIES.skills) {
      if (skill.kind === 'skill') expect(roles).toContain(skill.parentCode);
      else expect(skill.parentCode).toBeUndefined();
    }
    const domains = new Set(codes(TAXONOMIES.categories.filter((category) => category.scheme === 'jrc-domain')));
    for (const category of TAXONOMIES.categories) {
      if (category.scheme === 'service') expect(domains).toContain(category.parentCode);
      else expect(category.parentCode).toBeUndefined();
    }
    const regulations = new Set(codes(TAXONOMIES.regulations));
    for (const certification of TAXONOMIES.certifications) {
      for (const code of certification.regulationCodes) expect(regulations).toContain(code);
    }
  });

  it('has Danish and English text everywhere', () => {
    const texts = [
      ...TAXONOMIES.csfFunctions.map((row) => row.name),
      ...TAXONOMIES.csfCategories.map((row) => row.name),
      ...TAXONOMIES.skills.map((row) => row.name),
      ...TAXONOMIES.categories.map((row) => row.name),
      ...TAXONOMIES.sectors.map((row) => row.name),
      ...TAXONOMIES.regulations.flatMap((row) => [row.name, row.description]),
      ...TAXONOMIES.nis2Measures.map((row) => row.text),
      ...TAXONOMIES.dMaerketCriteria.map((row) => row.text),
    ];
    for (const text of texts) {
      expect(text.da.trim()).not.toBe('');
      expect(text.en.trim()).not.toBe('');
    }
    for (const region of TAXONOMIES.regions) expect(region.nameEn).not.toBe(region.name);
  });

  it('gives every sector at least one NACE code', () => {
    for (const sector of TAXONOMIES.sectors) {
      expect(sector.nace.length).toBeGreaterThan(0);
      for (const nace of sector.nace) expect(nace).toMatch(/^[A-U](\d{2}(\.\d)?)?$/);
    }
  });

  it('reads the municipalities JSON that was converted from the copied CSV', () => {
    const csv = readFileSync(new URL('./sources/dk-municipalities.csv', import.meta.url), 'utf8');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header).toBe('code,name,region_code,region_name,lat,lon');
    const fromCsv = lines.map((line) => {
      const [code, name, regionCode, regionName, lat, lon] = line.split(',');
      return { code, name, regionCode, regionName, lat: Number(lat), lon: Number(lon) };
    });
    expect(municipalityJson).toEqual(fromCsv);
  });
});
