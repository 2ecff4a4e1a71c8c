import type { ShipmentRecord } from '../context.js';
import { type Check, ms } from '../scope.js';

const DAY_MS = 86_400_000;

/**
 * LS-STRUCTURING: one shipment just under a reporting threshold is nothing; several from the same shipper
 * within a window is the classic way of staying under it. The window's history comes from the context, so
 * this rule reads no store; this statement's own earlier shipments are counted too.
 */
export const structuring: Check = function* (scope) {
  const { thresholdGrams, margin, count, windowDays } = scope.thresholds.structuring;
  const near = (grams: number) => grams >= thresholdGrams * (1 - margin) && grams < thresholdGrams;
  const shipper = scope.input.statement.issuer;
  const own: ShipmentRecord[] = [];
  for (const event of scope.events) {
    if (event.type !== 'ship') continue;
    own.push({
      statement: scope.input.id,
      event: event.id,
      batch: event.splitInto ?? event.batch,
      shipper,
      grams: event.grams,
      time: event.time,
      fromFacility: scope.batch(event.batch)?.facility ?? '',
      toFacility: event.toFacility,
      ...(event.transportMode === undefined ? {} : { transportMode: event.transportMode }),
    });
    if (!near(event.grams)) continue;
    const untilMs = ms(event.time);
    const since = new Date(untilMs - windowDays * DAY_MS).toISOString();
    const byKey = new Map<string, ShipmentRecord>();
    for (const s of [...scope.context.recentShipments(shipper, since, event.time), ...own]) {
      const t = ms(s.time);
      if (s.shipper === shipper && near(s.grams) && t <= untilMs && t >= untilMs - windowDays * DAY_MS) {
        byKey.set(`${s.statement} ${s.event}`, s);
      }
    }
    if (byKey.size < count) continue;
    const shipments = [...byKey.values()].sort(
      (a, b) => ms(a.time) - ms(b.time) || (a.event < b.event ? -1 : a.event > b.event ? 1 : 0),
    );
    yield {
      subject: { kind: 'organization', id: shipper },
      at: event.time,
      related: shipments.map((s) => s.statement),
      facts: {
        event: event.id,
        thresholdGrams,
        margin,
        windowDays,
        count: shipments.length,
        shipments: shipments.map((s) => ({
          statement: s.statement,
          event: s.event,
          grams: s.grams,
          time: s.time,
        })),
      },
      message: `${shipper} made ${shipments.length} shipments within ${windowDays} days each within ${margin * 100} % under ${thresholdGrams} g`,
    };
  }
};
