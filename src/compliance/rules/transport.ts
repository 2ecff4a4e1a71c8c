import { greatCircleKm } from '../geo.js';
import { type Check, ms } from '../scope.js';

/**
 * Transport modes by UN/CEFACT Recommendation 19 code and by common names, onto the keys of the
 * thresholds. Senders write "1", "sea", "maritime" or "vessel" for the same thing.
 */
const MODE_ALIASES: Readonly<Record<string, string>> = {
  '1': 'sea',
  maritime: 'sea',
  sea: 'sea',
  ocean: 'sea',
  vessel: 'sea',
  ship: 'sea',
  '2': 'rail',
  rail: 'rail',
  train: 'rail',
  '3': 'road',
  road: 'road',
  truck: 'road',
  lorry: 'road',
  '4': 'air',
  air: 'air',
  aircraft: 'air',
  '7': 'pipeline',
  pipeline: 'pipeline',
  '8': 'inland-water',
  'inland-water': 'inland-water',
  'inland water': 'inland-water',
  barge: 'inland-water',
};

/** The thresholds key of a transport mode as written in a ship event; unknown modes stay as written. */
export function normalizeMode(mode: string | undefined): string | undefined {
  if (mode === undefined) return undefined;
  const key = mode.trim().toLowerCase();
  return MODE_ALIASES[key] ?? key;
}

/**
 * LS-TRANSPORT-IMPLAUSIBLE: a receipt is timed against the latest shipment of its batch. An average
 * speed over the great-circle distance above the mode's maximum means a date or a place is false.
 */
export const transportImplausible: Check = function* (scope) {
  const { maxKmPerHour, defaultKmPerHour, minKm } = scope.thresholds.transport;
  for (const event of scope.events) {
    if (event.type !== 'receive') continue;
    const shipment = scope.context.lastShipment(event.batch, event.time);
    if (shipment === undefined) continue;
    const from = scope.facility(shipment.fromFacility);
    const to = scope.facility(event.facility);
    if (from === undefined || to === undefined) continue;
    const km = greatCircleKm(from.location, to.location);
    if (km < minKm) continue;
    const hours = (ms(event.time) - ms(shipment.time)) / 3_600_000;
    const mode = normalizeMode(shipment.transportMode);
    const limit = (mode === undefined ? undefined : maxKmPerHour[mode]) ?? defaultKmPerHour;
    const speed = hours > 0 ? km / hours : Number.POSITIVE_INFINITY;
    if (speed <= limit) continue;
    yield {
      subject: { kind: 'batch', id: event.batch },
      at: event.time,
      related: [shipment.statement],
      facts: {
        event: event.id,
        shipEvent: shipment.event,
        from: from.id,
        to: to.id,
        km: Math.round(km * 10) / 10,
        hours: Math.round(hours * 100) / 100,
        kmPerHour: Number.isFinite(speed) ? Math.round(speed * 10) / 10 : 'infinite',
        mode: mode ?? 'unspecified',
        maxKmPerHour: limit,
      },
      message: `batch ${event.batch} covered ${Math.round(km)} km from ${from.name} to ${to.name} in ${Math.round(hours * 10) / 10} h (${mode ?? 'unspecified mode'}, limit ${limit} km/h)`,
    };
  }
};
