import { denmarkAreas } from '../../../graph/data/map';
import { NEEDS } from '../../../graph/data/needs';
import { TAXONOMIES } from '../../../graph/data/taxonomies';
import type { Locale } from '../../i18n';

/**
 * Names of the codes the measures are keyed by, in the page's language, from the catalogues the
 * graph is loaded from. A code a catalogue does not know (one added to the graph since) is shown
 * as itself, never dropped.
 */

type Names = ReadonlyMap<string, { da: string; en: string }>;

const needs: Names = new Map(NEEDS.map((need) => [need.slug, need.name]));
const regions: Names = new Map(
  TAXONOMIES.regions.map((region) => [region.code, { da: region.name, en: region.nameEn }]),
);
const municipalities: Names = new Map(
  denmarkAreas().municipalities.map((area) => [
    area.properties.code,
    { da: area.properties.da, en: area.properties.en },
  ]),
);
const sectors: Names = new Map(TAXONOMIES.sectors.map((sector) => [sector.code, sector.name]));
const roles: Names = new Map(
  TAXONOMIES.skills.filter((skill) => skill.kind === 'role').map((skill) => [skill.code, skill.name]),
);
const csfCategories: Names = new Map(TAXONOMIES.csfCategories.map((category) => [category.code, category.name]));
const nis2Measures: Names = new Map(TAXONOMIES.nis2Measures.map((measure) => [measure.code, measure.text]));

const namer = (names: Names) => (locale: Locale, code: string) => names.get(code)?.[locale] ?? code;

export const needName = namer(needs);
export const regionName = namer(regions);
export const municipalityName = namer(municipalities);
export const sectorName = namer(sectors);
export const roleName = namer(roles);
export const csfCategoryName = namer(csfCategories);
export const nis2MeasureText = namer(nis2Measures);

/** The filter form's choices: code and name, by name in the page's language. */
function choices(names: Names, locale: Locale): Array<{ value: string; label: string }> {
  return [...names]
    .map(([value, name]) => ({ value, label: name[locale] }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}

export const regionChoices = (locale: Locale) => choices(regions, locale);
export const sectorChoices = (locale: Locale) => choices(sectors, locale);
export const needChoices = (locale: Locale) => choices(needs, locale);
export const roleChoices = (locale: Locale) => choices(roles, locale);
