import type { GeoPoint, GeoPolygon } from '../../model/index.js';
import { at, invalid, readArray, readConst, readObject, req } from './check.js';
import type { JsonMap } from './wire.js';

/** GeoJSON (RFC 7946) Point and Polygon as UNTP `geoLocation` / `geoBoundary` carry them. */

/** Most rings in a polygon (outer boundary and holes). */
export const MAX_RINGS = 100;
/** Most positions in one ring. */
export const MAX_RING_POSITIONS = 10_000;

const GEOMETRY_KEYS: ReadonlySet<string> = new Set(['type', 'coordinates']);

/** A GeoJSON Point of `[longitude, latitude]` (WGS 84; no altitude, which Lodestone does not keep). */
export function readPoint(value: unknown, path: string): GeoPoint {
  const point = readObject(value, path, GEOMETRY_KEYS);
  readConst(req(point, 'type', path), at(path, 'type'), 'Point');
  return {
    type: 'Point',
    coordinates: readPosition(req(point, 'coordinates', path), at(path, 'coordinates')),
  };
}

/** A GeoJSON Polygon: 1 to {@link MAX_RINGS} closed linear rings of at least four positions (RFC 7946 §3.1.6). */
export function readPolygon(value: unknown, path: string): GeoPolygon {
  const polygon = readObject(value, path, GEOMETRY_KEYS);
  readConst(req(polygon, 'type', path), at(path, 'type'), 'Polygon');
  const ringsPath = at(path, 'coordinates');
  const rings = readArray(req(polygon, 'coordinates', path), ringsPath, MAX_RINGS, 1).map((ring, i) =>
    readRing(ring, at(ringsPath, i)),
  );
  return { type: 'Polygon', coordinates: rings };
}

function readRing(value: unknown, path: string): (readonly [number, number])[] {
  const ring = readArray(value, path, MAX_RING_POSITIONS, 4).map((p, i) => readPosition(p, at(path, i)));
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first === undefined || last === undefined || first[0] !== last[0] || first[1] !== last[1]) {
    invalid(path, 'a linear ring must end where it starts');
  }
  return ring;
}

function readPosition(value: unknown, path: string): readonly [number, number] {
  const [lon, lat] = readArray(value, path, 2, 2);
  if (typeof lon !== 'number' || !Number.isFinite(lon) || lon < -180 || lon > 180) {
    invalid(at(path, 0), 'expected a longitude in [-180, 180]');
  }
  if (typeof lat !== 'number' || !Number.isFinite(lat) || lat < -90 || lat > 90) {
    invalid(at(path, 1), 'expected a latitude in [-90, 90]');
  }
  return [lon, lat];
}

/** A point as wire JSON. */
export function pointJson(point: GeoPoint): JsonMap {
  return { type: 'Point', coordinates: [point.coordinates[0], point.coordinates[1]] };
}

/** A polygon as wire JSON. */
export function polygonJson(polygon: GeoPolygon): JsonMap {
  return {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((ring) => ring.map(([lon, lat]) => [lon, lat])),
  };
}
