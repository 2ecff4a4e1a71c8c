import { trackedElements } from '../../custody/index.js';
import type { ElementSymbol } from '../../model/index.js';
import { type Check, exceeds, microgramsOf, ratio } from '../scope.js';

/**
 * LS-YIELD-IMPLAUSIBLE: conservation stops a transform from creating element mass; this rule catches the
 * opposite, mass that vanishes. A refinery recovering 40 % of its lithium is either badly run or sending
 * the rest somewhere off the books, and the second is what laundering of origin looks like. Judged for
 * the elements the outputs' materials track.
 */
export const yieldImplausible: Check = function* (scope) {
  for (const event of scope.events) {
    if (event.type !== 'transform') continue;
    const minRecovery = scope.thresholds.yield.minRecovery[event.process];
    if (minRecovery === undefined) continue;
    const massIn = new Map<ElementSymbol, bigint>();
    for (const input of event.inputs) {
      const batch = scope.batch(input.batch);
      if (batch === undefined) continue;
      for (const element of trackedElements(batch.material)) {
        const mass = microgramsOf(input.grams, batch.content[element]);
        massIn.set(element, (massIn.get(element) ?? 0n) + mass);
      }
    }
    // Only what the products are made to carry: copper sent to another circuit by a cobalt hydroxide
    // plant, or lanthanum set aside by an NdPr separation, is a by-product, not a loss.
    const carried = new Set(event.outputs.flatMap((o) => trackedElements(o.material)));
    const low: Record<string, unknown>[] = [];
    for (const [element, inMass] of massIn) {
      if (inMass === 0n || !carried.has(element)) continue;
      let outMass = 0n;
      for (const output of event.outputs) outMass += microgramsOf(output.grams, output.content[element]);
      if (outMass * 1_000_000n < inMass * BigInt(Math.round(minRecovery * 1_000_000))) {
        low.push({
          element,
          inMicrograms: inMass.toString(),
          outMicrograms: outMass.toString(),
          recovery: ratio(outMass, inMass),
        });
      }
    }
    if (low.length === 0) continue;
    yield {
      subject: { kind: 'facility', id: event.facility },
      at: event.time,
      facts: { event: event.id, process: event.process, minRecovery, elements: low },
      message: `${event.process} at ${event.facility} recovered ${low.map((l) => `${l.element} ${l.recovery}`).join(', ')}, below the minimum ${minRecovery}`,
    };
  }
};

/**
 * LS-ASSAY-MISMATCH: a measured content far from the declared one means the declaration (and so every
 * mass downstream, computed from it) is wrong, by error or by design.
 */
export const assayMismatch: Check = function* (scope) {
  const tolerance = scope.thresholds.assay.relativeTolerance;
  for (const event of scope.events) {
    if (event.type !== 'assay') continue;
    const batch = scope.batch(event.batch);
    if (batch === undefined) continue;
    const off: Record<string, unknown>[] = [];
    for (const [element, measured] of Object.entries(event.content) as [ElementSymbol, number][]) {
      const declared = batch.content[element];
      if (declared === undefined || declared <= 0) continue;
      const diff = BigInt(Math.abs(measured - declared));
      if (exceeds(diff, BigInt(declared), tolerance)) {
        off.push({
          element,
          declaredPpm: declared,
          measuredPpm: measured,
          relativeDifference: ratio(diff, BigInt(declared)),
        });
      }
    }
    if (off.length === 0) continue;
    yield {
      subject: { kind: 'batch', id: batch.id },
      at: event.time,
      related: [batch.createdBy],
      facts: { event: event.id, certificate: event.certificate, tolerance, elements: off },
      message: `assay of ${batch.id} differs from its declared content beyond ${tolerance}: ${off.map((o) => `${o.element} ${o.declaredPpm} → ${o.measuredPpm} ppm`).join(', ')}`,
    };
  }
};
