import type { ReceiveEvent, ShipEvent } from '../model/index.js';
import { type BatchState, batchAt, createBatch, ensureAvailable, ensureFresh, takeGrams } from './batches.js';
import { massRow } from './composition.js';
import { checkGrams } from './content.js';
import { CustodyError, ensure } from './errors.js';
import type { EventContext } from './event-context.js';
import { facilityOf } from './facilities.js';

/**
 * The custodian ships a batch, whole or (with `splitInto`) in part: the shipped part becomes a new batch
 * carrying its proportional share of the composition.
 * @throws CustodyError CUSTODY_UNKNOWN_BATCH, CUSTODY_EVENT_BEFORE_BATCH, CUSTODY_NOT_CUSTODIAN,
 * CUSTODY_BAD_QUANTITY, CUSTODY_IN_TRANSIT, CUSTODY_INSUFFICIENT_QUANTITY, IDENTITY_UNKNOWN_ORGANIZATION,
 * CUSTODY_UNKNOWN_FACILITY, CUSTODY_NOT_FACILITY_OPERATOR, CUSTODY_FACILITY_INACTIVE,
 * CUSTODY_SPLIT_REQUIRED, CUSTODY_BATCH_EXISTS
 */
export function applyShip(c: EventContext, event: ShipEvent): readonly string[] {
  const batch = batchAt(c.batches, event.batch, c.atMs, event.time);
  ensure(batch.row.custodian === c.actor, 'CUSTODY_NOT_CUSTODIAN', () => {
    return `${event.batch} is held by ${batch.row.custodian}, not ${c.actor}`;
  });
  checkGrams(event.grams, `${event.id}: shipped quantity`);
  ensureAvailable(batch, event.grams);
  if (!c.registry.isRegistered(event.to)) {
    throw new CustodyError('IDENTITY_UNKNOWN_ORGANIZATION', `recipient ${event.to} is not registered`);
  }
  facilityOf(c.facilities, event.toFacility, event.to, c.atMs);
  const inTransit = { to: event.to, toFacility: event.toFacility, grams: event.grams };
  if (event.splitInto === undefined) {
    ensure(event.grams === batch.row.remainingGrams, 'CUSTODY_SPLIT_REQUIRED', () => {
      return `${event.id} ships ${event.grams} g of the ${batch.row.remainingGrams} g left: name splitInto`;
    });
    c.batches.set(event.batch, {
      ...batch,
      shippedAtMs: c.atMs,
      row: { ...batch.row, status: 'in-transit', inTransit },
    });
    return [event.batch];
  }
  split(c, event, batch, event.splitInto, inTransit);
  return [event.batch, event.splitInto];
}

function split(
  c: EventContext,
  event: ShipEvent,
  parent: BatchState,
  child: string,
  inTransit: { to: string; toFacility: string; grams: number },
): void {
  ensureFresh(c.batches, child);
  const { taken, batch } = takeGrams(parent, event.grams);
  c.batches.set(parent.row.id, batch);
  const { material, content, owner, custodian, facility, custodyModel } = parent.row;
  createBatch(
    c.batches,
    { id: child, material, content, grams: event.grams },
    {
      custodian,
      owner,
      facility,
      custodyModel,
      statement: c.statement,
      at: event.time,
      atMs: c.atMs,
      status: 'in-transit',
      inTransit,
      vectors: taken,
    },
  );
  c.journal.edges.push({
    from: parent.row.id,
    to: child,
    statement: c.statement,
    grams: event.grams,
    elements: massRow(taken),
  });
}

/**
 * The recipient receives a batch in transit at the facility it was shipped to; what did not arrive is a
 * loss, taken out of the composition proportionally.
 * @throws CustodyError CUSTODY_UNKNOWN_BATCH, CUSTODY_EVENT_BEFORE_BATCH, CUSTODY_NOT_IN_TRANSIT,
 * CUSTODY_NOT_RECIPIENT, CUSTODY_WRONG_FACILITY, CUSTODY_UNKNOWN_FACILITY, CUSTODY_NOT_FACILITY_OPERATOR,
 * CUSTODY_FACILITY_INACTIVE, CUSTODY_BAD_QUANTITY, CUSTODY_RECEIVED_MORE_THAN_SHIPPED
 */
export function applyReceive(c: EventContext, event: ReceiveEvent): readonly string[] {
  const batch = batchAt(c.batches, event.batch, c.atMs, event.time);
  const transit = batch.row.inTransit;
  if (batch.row.status !== 'in-transit' || transit === undefined) {
    throw new CustodyError('CUSTODY_NOT_IN_TRANSIT', `${event.batch} is not in transit`);
  }
  ensure(
    transit.to === c.actor,
    'CUSTODY_NOT_RECIPIENT',
    () => `${event.batch} was shipped to ${transit.to}`,
  );
  ensure(transit.toFacility === event.facility, 'CUSTODY_WRONG_FACILITY', () => {
    return `${event.batch} was shipped to ${transit.toFacility}, not ${event.facility}`;
  });
  facilityOf(c.facilities, event.facility, c.actor, c.atMs);
  ensure(c.atMs >= (batch.shippedAtMs ?? batch.createdAtMs), 'CUSTODY_EVENT_BEFORE_BATCH', () => {
    return `${event.id} receives ${event.batch} before it was shipped`;
  });
  checkGrams(event.grams, `${event.id}: received quantity`);
  ensure(event.grams <= transit.grams, 'CUSTODY_RECEIVED_MORE_THAN_SHIPPED', () => {
    return `${event.id} receives ${event.grams} g of ${transit.grams} g shipped`;
  });
  const { batch: arrived } = takeGrams(batch, transit.grams - event.grams);
  const { inTransit: _, ...row } = arrived.row;
  c.batches.set(event.batch, {
    row: { ...row, status: 'active', custodian: c.actor, facility: event.facility },
    createdAtMs: arrived.createdAtMs,
    remaining: arrived.remaining,
  });
  return [event.batch];
}
