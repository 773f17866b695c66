// `npx tsx scripts/build-map.ts GEOJSON`: turns the Danish municipalities' boundaries (GeoJSON,
// CRS84, one or more polygons per municipality) into the small TopoJSON the dashboards draw their
// maps from, graph/data/sources/dk-municipalities.topo.json. Run once when the boundaries change;
// the result is committed, so the app never reads the source file.
//
// Topology-preserving simplification (topojson-simplify) keeps shared borders shared, so the
// region outlines merged from municipalities at run time have no slivers; coordinates are
// quantised to a 1e5 grid (about 3 m across Denmark).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';

interface SourceProperties {
  lau_1: string;
  label_dk: string;
  label_en: string;
  iso_3166_2: string;
}

const source = process.argv[2];
if (!source) throw new Error('usage: npx tsx scripts/build-map.ts dk-municipalities.geojson');
const root = path.resolve(new URL('..', import.meta.url).pathname);
const target = path.join(root, 'graph/data/sources/dk-municipalities.topo.json');

const input = JSON.parse(await readFile(source, 'utf8')) as FeatureCollection<Polygon, SourceProperties>;
// One feature per municipality: its polygons as one MultiPolygon, heights (the -999 third value) dropped.
const byCode = new Map<string, Feature<{ type: 'MultiPolygon'; coordinates: number[][][][] }, SourceProperties>>();
for (const feature of input.features) {
  const rings = feature.geometry.coordinates.map((ring) => ring.map(([x = 0, y = 0]) => [x, y]));
  const known = byCode.get(feature.properties.lau_1);
  if (known) known.geometry.coordinates.push(rings);
  else {
    byCode.set(feature.properties.lau_1, {
      type: 'Feature',
      id: feature.properties.lau_1,
      properties: feature.properties,
      geometry: { type: 'MultiPolygon', coordinates: [rings] },
    });
  }
}
const municipalities: FeatureCollection = {
  type: 'FeatureCollection',
  features: [...byCode.values()].map((feature) => ({
    ...feature,
    // Only what the maps use: the municipality's code and names, and its region's ISO code.
    properties: {
      code: feature.properties.lau_1,
      da: feature.properties.label_dk,
      en: feature.properties.label_en,
      region: feature.properties.iso_3166_2,
    },
  })),
};
const topo = presimplify(topology({ municipalities } as never, 1e5) as unknown as Parameters<typeof presimplify>[0]);
// Keep the 12 % of points that carry the most shape (quantile: the weight that many points reach).
const simplified = simplify(topo, quantile(topo, 0.12));
// The weights presimplify put on every point are only for simplifying: dropped, and the result
// quantised again (delta-encoded integers), which is what makes the file small.
simplified.arcs = simplified.arcs.map((arc) => arc.map(([x = 0, y = 0]) => [x, y]));
await writeFile(target, `${JSON.stringify(quantize(simplified, 1e5))}\n`);
const kb = (await readFile(target)).length / 1024;
console.log(`${byCode.size} municipalities → ${path.relative(root, target)} (${kb.toFixed(0)} KiB)`);
