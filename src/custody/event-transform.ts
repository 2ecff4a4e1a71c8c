import type { ElementSymbol, NewBatch, TransformEvent } from '../model/index.js';
import { batchAt, createBatch, elementMasses, ensureAvailable, ensureFresh, takeGrams } from './batches.js';
import { scaleTo, type Vector } from './composition.js';
import {
  type Consumed,
  type ElementMasses,
  ensureConserved,
  poolsOf,
  transformEdges,
} from './conservation.js';
import { checkGrams, checkNewBatch } from './content.js';
import { ensure } from './errors.js';
import type { EventContext } from './event-context.js';
import { facilityOf } from './facilities.js';

/** The largest measurement tolerance a transform may declare: 5 %. */
export const MAX_TOLERANCE_PPM = 50_000;

/**
 * Consume inputs, create outputs: each tracked element of the outputs may not exceed its mass in the
 * consumed inputs by more than the declared tolerance, and each output's composition is the pool of the
 * inputs' compositions scaled to its own element mass (controlled blending, DESIGN.md §5).
 * @throws CustodyError CUSTODY_EMPTY_TRANSFORM, CUSTODY_BAD_QUANTITY, CUSTODY_TOLERANCE_TOO_HIGH,
 * CUSTODY_DUPLICATE_INPUT, CUSTODY_NOT_CUSTODIAN, CUSTODY_IN_TRANSIT, CUSTODY_INSUFFICIENT_QUANTITY,
 * CUSTODY_WRONG_FACILITY, CUSTODY_BATCH_EXISTS, CUSTODY_ELEMENT_NOT_CONSERVED, the facility, batch and
 * new-batch codes
 */
export function applyTransform(c: EventContext, event: TransformEvent): readonly string[] {
  facilityOf(c.facilities, event.facility, c.actor, c.atMs);
  ensure(event.inputs.length > 0 && event.outputs.length > 0, 'CUSTODY_EMPTY_TRANSFORM', () => {
    return `${event.id} has ${event.inputs.length} inputs and ${event.outputs.length} outputs`;
  });
  checkTolerance(event);
  const consumed = consumeInputs(c, event);
  checkOutputs(c, event.outputs);
  const outputMasses = event.outputs.map((o) => elementMasses(o, o.grams));
  const pools = poolsOf(consumed);
  ensureConserved(pools, outputMasses, event.tolerancePpm);
  event.outputs.forEach((output, j) => {
    createOutput(c, event, output, outputMasses[j]!, pools);
  });
  c.journal.edges.push(...transformEdges(c.statement, consumed, event.outputs, outputMasses));
  return [...consumed.map((i) => i.id), ...event.outputs.map((o) => o.id)];
}

function checkTolerance(event: TransformEvent): void {
  const tolerance = event.tolerancePpm;
  ensure(Number.isSafeInteger(tolerance) && tolerance >= 0, 'CUSTODY_BAD_QUANTITY', () => {
    return `${event.id}: tolerance must be a non-negative integer of ppm, got ${String(tolerance)}`;
  });
  ensure(tolerance <= MAX_TOLERANCE_PPM, 'CUSTODY_TOLERANCE_TOO_HIGH', () => {
    return `${event.id}: tolerance ${tolerance} ppm exceeds ${MAX_TOLERANCE_PPM} ppm`;
  });
}

/** Check and take every input out of its batch; the batches' new states are staged. */
function consumeInputs(c: EventContext, event: TransformEvent): Consumed[] {
  const seen = new Set<string>();
  return event.inputs.map(({ batch: id, grams }) => {
    ensure(!seen.has(id), 'CUSTODY_DUPLICATE_INPUT', () => `${event.id} lists input ${id} twice`);
    seen.add(id);
    const batch = batchAt(c.batches, id, c.atMs, event.time);
    ensure(batch.row.custodian === c.actor, 'CUSTODY_NOT_CUSTODIAN', () => {
      return `${id} is held by ${batch.row.custodian}, not ${c.actor}`;
    });
    checkGrams(grams, `${event.id}: input ${id}`);
    ensureAvailable(batch, grams);
    ensure(batch.row.facility === event.facility, 'CUSTODY_WRONG_FACILITY', () => {
      return `${id} is at ${batch.row.facility}, not ${event.facility}`;
    });
    const { taken, batch: after } = takeGrams(batch, grams);
    c.batches.set(id, after);
    return { id, grams, taken };
  });
}

function checkOutputs(c: EventContext, outputs: readonly NewBatch[]): void {
  const ids = new Set<string>();
  for (const output of outputs) {
    checkNewBatch(output);
    ensureFresh(c.batches, output.id);
    ensure(!ids.has(output.id), 'CUSTODY_BATCH_EXISTS', () => `output ${output.id} is listed twice`);
    ids.add(output.id);
  }
}

function createOutput(
  c: EventContext,
  event: TransformEvent,
  output: NewBatch,
  masses: ElementMasses,
  pools: ReadonlyMap<ElementSymbol, Vector>,
): void {
  const vectors = new Map<ElementSymbol, Vector>();
  for (const [element, mass] of masses) vectors.set(element, scaleTo(pools.get(element) ?? [], mass));
  createBatch(c.batches, output, {
    custodian: c.actor,
    owner: c.actor,
    facility: event.facility,
    custodyModel: event.custodyModel,
    statement: c.statement,
    at: event.time,
    atMs: c.atMs,
    status: 'active',
    vectors,
  });
}
