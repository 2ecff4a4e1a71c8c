import type { GeoPoint } from '../model/index.js';

/** IUGG mean Earth radius, km. */
const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance between two WGS 84 points, km (haversine on the mean sphere). It is a lower
 * bound of any route's length, which is what makes a speed computed from it a safe red flag: no real
 * route is shorter, so an implausible speed over it is implausible over every route.
 */
export function greatCircleKm(a: GeoPoint, b: GeoPoint): number {
  const [lon1, lat1] = a.coordinates;
  const [lon2, lat2] = b.coordinates;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
