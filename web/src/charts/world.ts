/*
 * The world map, bundled (no network at run time): Natural Earth 1:110m countries from world-atlas,
 * TopoJSON converted to GeoJSON with topojson-client. Loaded lazily, only by pages that draw a map.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-110m.json';
import { ALPHA3_BY_NUMERIC, ISO3_PROPERTY, KOSOVO } from '../countries';

export const WORLD_MAP = 'world';

/** Register the world map with ECharts (once). */
export function registerWorld(registerMap: (name: string, geoJson: never) => void): void {
  if (registered) return;
  const topology = countries as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const world = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  // Antarctica only squeezes the rest of the map.
  const features = world.features
    .filter((f) => f.properties.name !== 'Antarctica')
    .map((f) => withIso3(planar(f)));
  registerMap(WORLD_MAP, { ...world, features } as never);
  registered = true;
}

let registered = false;

/**
 * world-atlas keys countries by ISO 3166-1 numeric code (the feature id) and a short name; the API speaks
 * alpha-3. Shapes without a code (Northern Cyprus, Somaliland) get one that matches no country.
 */
function withIso3(f: Feature<Geometry, { name: string }>): Feature<Geometry, Record<string, string>> {
  const iso3 =
    ALPHA3_BY_NUMERIC.get(String(f.id)) ??
    (f.properties.name === KOSOVO.mapName ? KOSOVO.code : `-${f.properties.name}`);
  return { ...f, properties: { ...f.properties, [ISO3_PROPERTY]: iso3 } };
}

/**
 * world-atlas is made for spherical projections: a few rings (Russia, Fiji) cross the antimeridian,
 * which a flat map draws as a line across the world. Such a ring is kept on its own side of ±180°.
 */
function planar(f: Feature<Geometry, { name: string }>): Feature<Geometry, { name: string }> {
  const g = f.geometry;
  if (g.type === 'Polygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map(oneSide) } };
  if (g.type === 'MultiPolygon') {
    return { ...f, geometry: { ...g, coordinates: g.coordinates.map((p) => p.map(oneSide)) } };
  }
  return f;
}

function oneSide(ring: Position[]): Position[] {
  const crosses = ring.some((p, i) => i > 0 && Math.abs((p[0] ?? 0) - (ring[i - 1]?.[0] ?? 0)) > 180);
  if (!crosses) return ring;
  const east = ring.reduce((sum, p) => sum + (p[0] ?? 0), 0) >= 0;
  return ring.map(([lon = 0, lat = 0]) => [east && lon < 0 ? 180 : !east && lon > 0 ? -180 : lon, lat]);
}
