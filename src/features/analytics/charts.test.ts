import { describe, expect, it } from 'vitest';
import { denmarkAreas } from '../../../graph/data/map';
import { barChart, choropleth } from './charts';

describe('charts drawn on the server', () => {
  it('draws one bar per row, as an image with a title, with no inline style and the labels escaped', () => {
    const svg = barChart(
      [
        { label: 'Backup og gendannelse', value: 12 },
        { label: 'MFA <og> "SSO"', value: 4 },
      ],
      { title: 'Udbydere pr. behov', valueLabel: 'udbydere' },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Udbydere pr. behov"');
    // Only the image is labelled: Plot's labels on its groups are not allowed there (ARIA).
    expect(svg.match(/aria-label=/g)).toHaveLength(1);
    expect(svg).not.toContain('<style');
    expect(svg).not.toMatch(/\sstyle="/);
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('MFA &lt;og&gt;');
    expect(svg).toContain('<title>Backup og gendannelse: 12</title>');
  });

  it('knows all 98 municipalities (and Christiansø) and the 5 regions, with the graph’s codes', () => {
    const { municipalities, regions } = denmarkAreas();
    expect(municipalities).toHaveLength(99);
    expect(municipalities.find((area) => area.properties.code === '101')?.properties.da).toBe('København');
    expect(regions.map((area) => area.properties.code)).toEqual(['1081', '1082', '1083', '1084', '1085']);
  });

  it('colours each area by its value, grey without one, and names it with its value', () => {
    const values = new Map([
      ['1084', 30],
      ['1082', 10],
    ]);
    const svg = choropleth(values, {
      level: 'region',
      locale: 'en',
      title: 'Providers by region',
      valueLabel: 'providers',
    });
    expect(svg).not.toContain('<style');
    // The legend's figure carried a style attribute, which the CSP refuses as an inline style too.
    expect(svg).not.toMatch(/\sstyle="/);
    expect(svg.match(/aria-(label|description)=/g)).toHaveLength(1);
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('<title>Capital Region of Denmark: 30</title>');
    expect(svg).toContain('<title>Region Zealand: –</title>');
    const fills = [...svg.matchAll(/<path[^>]* fill="([^"]+)"[^>]*><title>/g)].map((match) => match[1]);
    expect(fills).toHaveLength(5);
    expect(fills.filter((fill) => fill === '#dddddd')).toHaveLength(3);
    expect(new Set(fills).size).toBe(3);

    const municipal = choropleth(new Map([['101', 5]]), {
      level: 'municipality',
      locale: 'da',
      title: 'Udbydere pr. kommune',
      valueLabel: 'udbydere',
    });
    expect(municipal.match(/<title>/g)?.length).toBeGreaterThanOrEqual(99);
    expect(municipal).toContain('<title>København: 5</title>');
  });
});
