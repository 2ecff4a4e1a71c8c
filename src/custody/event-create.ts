import {
  type CommissionEvent,
  type ElementSymbol,
  type ExtractEvent,
  getMaterial,
  type MaterialStage,
  type NewBatch,
} from '../model/index.js';
import { createBatch, elementMasses, ensureFresh } from './batches.js';
import { originKey, type Vector } from './composition.js';
import { checkNewBatch } from './content.js';
import { ensure } from './errors.js';
import type { EventContext } from './event-context.js';
import { facilityOf } from './facilities.js';
import type { OriginKey } from './rows.js';

/** What can come out of the ground: anything refined has been through a transform first. */
const EXTRACTABLE: readonly MaterialStage[] = ['ore', 'concentrate', 'intermediate'];

/**
 * A mine extracts a new batch; all of its element mass originates there, by the declared method.
 * @throws CustodyError CUSTODY_UNKNOWN_FACILITY, CUSTODY_NOT_FACILITY_OPERATOR, CUSTODY_FACILITY_INACTIVE,
 * CUSTODY_NOT_A_MINE, CUSTODY_STAGE_MISMATCH, CUSTODY_BATCH_EXISTS and the new-batch codes
 */
export function applyExtract(c: EventContext, event: ExtractEvent): readonly string[] {
  const facility = facilityOf(c.facilities, event.facility, c.actor, c.atMs);
  ensure(facility.row.facilityKind === 'mine', 'CUSTODY_NOT_A_MINE', () => {
    return `${event.facility} is a ${facility.row.facilityKind}, not a mine`;
  });
  checkNewBatch(event.batch);
  const { stage } = getMaterial(event.batch.material);
  ensure(EXTRACTABLE.includes(stage), 'CUSTODY_STAGE_MISMATCH', () => {
    return `${event.batch.material} is ${stage} material: it is made, not extracted`;
  });
  originate(c, event, { method: event.method, facility: event.facility });
  return [event.batch.id];
}

/**
 * A facility other than a mine brings a batch of undeclared origin into custody.
 * @throws CustodyError CUSTODY_UNKNOWN_FACILITY, CUSTODY_NOT_FACILITY_OPERATOR, CUSTODY_FACILITY_INACTIVE,
 * CUSTODY_MINE_MUST_EXTRACT, CUSTODY_BATCH_EXISTS and the new-batch codes
 */
export function applyCommission(c: EventContext, event: CommissionEvent): readonly string[] {
  const facility = facilityOf(c.facilities, event.facility, c.actor, c.atMs);
  // A mine that commissioned instead of extracting would launder its output as "undeclared".
  ensure(facility.row.facilityKind !== 'mine', 'CUSTODY_MINE_MUST_EXTRACT', () => {
    return `${event.facility} is a mine: its material enters custody by extraction`;
  });
  checkNewBatch(event.batch);
  originate(c, event, { method: 'undeclared', facility: event.facility });
  return [event.batch.id];
}

function originate(c: EventContext, event: ExtractEvent | CommissionEvent, origin: OriginKey): void {
  ensureFresh(c.batches, event.batch.id);
  createBatch(c.batches, event.batch, {
    custodian: c.actor,
    owner: c.actor,
    facility: event.facility,
    custodyModel: event.custodyModel,
    statement: c.statement,
    at: event.time,
    atMs: c.atMs,
    status: 'active',
    vectors: singleOrigin(event.batch, originKey(origin)),
  });
}

function singleOrigin(batch: NewBatch, origin: string): Map<ElementSymbol, Vector> {
  const vectors = new Map<ElementSymbol, Vector>();
  for (const [element, mass] of elementMasses(batch, batch.grams)) {
    vectors.set(element, mass === 0n ? [] : [{ origin, mass }]);
  }
  return vectors;
}
