import type { AreaRisk } from '../context.js';
import type { Check, Draft, Scope } from '../scope.js';

/** LS-CAHRA-ORIGIN: an extraction at a mine in a listed area, judged at the event time. */
export const cahraOrigin: Check = function* (scope) {
  for (const event of scope.events) {
    if (event.type !== 'extract') continue;
    const draft = areaDraft(scope, event.facility, event.time, { event: event.id, batch: event.batch.id });
    if (draft !== undefined) yield { ...draft, message: `extraction in a listed area: ${draft.message}` };
  }
};

/** LS-CAHRA-TRANSIT: material shipped to, or received at, a facility in a listed area. */
export const cahraTransit: Check = function* (scope) {
  for (const event of scope.events) {
    const facility =
      event.type === 'ship' ? event.toFacility : event.type === 'receive' ? event.facility : '';
    if (facility === '') continue;
    const draft = areaDraft(scope, facility, event.time, { event: event.id, eventType: event.type });
    if (draft !== undefined) yield { ...draft, message: `${event.type} in a listed area: ${draft.message}` };
  }
};

function areaDraft(
  scope: Scope,
  facilityId: string,
  at: string,
  facts: Record<string, unknown>,
): Draft | undefined {
  const facility = scope.facility(facilityId);
  if (facility === undefined) return undefined;
  const region = scope.context.regionOf?.(facility);
  const risk: AreaRisk = scope.context.areaRiskAt(facility.country, region, at);
  if (!risk.listed) return undefined;
  const place = region === undefined ? facility.country : `${facility.country}/${region}`;
  return {
    subject: { kind: 'facility', id: facility.id },
    at,
    facts: { ...facts, country: facility.country, region, entry: risk.entry },
    message: `${facility.name} (${place}) is listed${risk.entry === undefined ? '' : ` as ${risk.entry.id}`} at ${at}`,
  };
}
