import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import source from './sources/dk-municipalities.topo.json' with { type: 'json' };

/**
 * Denmark's municipalities and regions as shapes for the dashboards' maps: the municipal
 * boundaries (scripts/build-map.ts made the simplified TopoJSON from the boundary file), and the
 * five regions merged from their municipalities, so the two always share their borders. Each
 * shape carries the code the graph uses: the municipality's (`Municipality.code`, '101') and the
 * region's (`Region.code`, '1084').
 */

export interface AreaProperties {
  code: string;
  da: string;
  en: string;
}

export type Area = Feature<Polygon | MultiPolygon, AreaProperties>;

interface MunicipalityProperties extends AreaProperties {
  /** The region's ISO 3166-2 code, 'DK-84'. */
  region: string;
}

const topology = source as unknown as Topology<{ municipalities: GeometryCollection<MunicipalityProperties> }>;

/** The region's code in the graph ('1084') from its ISO 3166-2 code ('DK-84'). */
const regionCode = (iso: string) => `10${iso.slice(3)}`;

const REGION_NAMES: Record<string, { da: string; en: string }> = {
  '1081': { da: 'Region Nordjylland', en: 'North Denmark Region' },
  '1082': { da: 'Region Midtjylland', en: 'Central Denmark Region' },
  '1083': { da: 'Region Syddanmark', en: 'Region of Southern Denmark' },
  '1084': { da: 'Region Hovedstaden', en: 'Capital Region of Denmark' },
  '1085': { da: 'Region Sjælland', en: 'Region Zealand' },
};

let cached: { municipalities: Area[]; regions: Area[] } | null = null;

/** The 99 municipalities and 5 regions, built once. */
export function denmarkAreas(): { municipalities: Area[]; regions: Area[] } {
  if (cached) return cached;
  const collection = feature(topology, topology.objects.municipalities) as FeatureCollection<
    Polygon | MultiPolygon,
    MunicipalityProperties
  >;
  const municipalities: Area[] = collection.features.map((area) => ({
    type: 'Feature',
    id: area.properties.code,
    geometry: area.geometry,
    properties: { code: area.properties.code, da: area.properties.da, en: area.properties.en },
  }));
  const regionOf = (geometry: { properties?: unknown }) => (geometry.properties as MunicipalityProperties).region;
  const isoCodes = [...new Set(topology.objects.municipalities.geometries.map(regionOf))];
  const regions: Area[] = isoCodes.sort().map((iso) => {
    const code = regionCode(iso);
    const names = REGION_NAMES[code];
    if (!names) throw new Error(`unknown region ${iso} in the map`);
    return {
      type: 'Feature',
      id: code,
      geometry: merge(topology, topology.objects.municipalities.geometries.filter((g) => regionOf(g) === iso) as never),
      properties: { code, ...names },
    };
  });
  cached = { municipalities, regions };
  return cached;
}
