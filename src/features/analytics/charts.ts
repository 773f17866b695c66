import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { type Area, denmarkAreas } from '../../../graph/data/map';
import type { Locale } from '../../i18n';
import { areaValuesOf, barsOf, type Section } from './tables';

/**
 * Charts drawn on the server as SVG (Observable Plot over a DOM-less document from linkedom), so
 * the dashboards show them without JavaScript. Every chart is an image with a title for screen
 * readers; the numbers themselves are in the table beside it on the page.
 *
 * Plot puts a <style> element into each SVG (and a style attribute on a legend's figure); the
 * site's Content-Security-Policy admits no inline styles, so they are taken out and their few
 * rules live in analytics.css (classes `ck-chart`, `ck-chart-figure`).
 */

const CLASS = 'ck-chart';

function render(options: Plot.PlotOptions, title: string): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({ ...options, document: document as unknown as Document, className: CLASS });
  // A chart with a legend comes as a <figure> holding the legend's SVG and the chart's.
  const element = svg as unknown as Element;
  if (element.tagName.toLowerCase() === 'svg') element.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  element.setAttribute('role', 'img');
  element.setAttribute('aria-label', title);
  for (const style of element.querySelectorAll('style')) style.remove();
  // Style attributes are inline styles too (the figure's max-width): their rules are in analytics.css.
  element.removeAttribute('style');
  for (const styled of element.querySelectorAll('[style]')) styled.removeAttribute('style');
  // Plot names its marks' groups (<g aria-label="bar">), which ARIA does not allow on a group
  // without a role; inside an image they say nothing anyway: the image's own label names it.
  for (const labelled of element.querySelectorAll('[aria-label], [aria-description]')) {
    labelled.removeAttribute('aria-label');
    labelled.removeAttribute('aria-description');
  }
  return element.outerHTML;
}

export interface BarRow {
  label: string;
  value: number;
}

/** Horizontal bars, one per row, in the given order (largest first reads best). */
export function barChart(rows: readonly BarRow[], options: { title: string; valueLabel: string }): string {
  const width = 640;
  const longest = Math.max(0, ...rows.map((row) => row.label.length));
  return render(
    {
      width,
      height: 40 + rows.length * 22,
      marginLeft: Math.min(260, 12 + longest * 6),
      x: { label: options.valueLabel, grid: true },
      y: { label: null, domain: rows.map((row) => row.label) },
      marks: [
        Plot.barX(rows, {
          x: 'value',
          y: 'label',
          fill: '#0b3a63',
          title: (row: BarRow) => `${row.label}: ${row.value}`,
        }),
        Plot.ruleX([0]),
      ],
    },
    options.title,
  );
}

export type MapLevel = 'region' | 'municipality';

/**
 * Denmark's regions or municipalities coloured by a measure (`values` by the graph's area code);
 * an area without a value is grey. Each area's <title> says its name and value.
 */
export function choropleth(
  values: ReadonlyMap<string, number>,
  options: { level: MapLevel; locale: Locale; title: string; valueLabel: string },
): string {
  const areas = denmarkAreas()[options.level === 'region' ? 'regions' : 'municipalities'];
  const valueAt = (area: Area) => values.get(area.properties.code);
  const name = (area: Area) => area.properties[options.locale];
  return render(
    {
      width: 640,
      height: 520,
      // Denmark's own projection family (UTM zone 32 is transverse Mercator), fitted to the country.
      projection: {
        type: 'transverse-mercator',
        rotate: [-9, 0],
        domain: { type: 'FeatureCollection', features: areas },
      },
      // Five classes rather than a continuous ramp: areas read as clearly more or less, and the
      // legend is drawn as SVG (a continuous one needs a canvas, which the server has not).
      color: { type: 'quantize', n: 5, scheme: 'blues', legend: true, label: options.valueLabel, unknown: '#dddddd' },
      marks: [
        Plot.geo(areas, {
          fill: (area: Area) => valueAt(area) ?? null,
          stroke: 'white',
          strokeWidth: 0.6,
          title: (area: Area) => `${name(area)}: ${valueAt(area) ?? '–'}`,
        }),
      ],
    },
    options.title,
  );
}

/**
 * A dashboard section's chart, drawn from its table's own rows (tables.ts), so the picture and
 * the table beside it cannot disagree; null when the section has no chart or nothing to draw.
 */
export function sectionChart(section: Section, locale: Locale): string | null {
  const { chart, table } = section;
  if (!chart) return null;
  if (chart.kind === 'bar') {
    const bars = barsOf(table, chart.value, chart.label);
    return bars.length === 0 ? null : barChart(bars, { title: chart.title, valueLabel: chart.valueLabel });
  }
  const values = areaValuesOf(table, chart.code, chart.value);
  if (values.size === 0) return null;
  return choropleth(values, { level: chart.level, locale, title: chart.title, valueLabel: chart.valueLabel });
}
