import type { CrossBorderReceiptStatement, ElementContent, ElementSymbol } from '../model/index.js';
import { createBatch, elementMasses, ensureFresh } from './batches.js';
import { massOf, type Vector } from './composition.js';
import { checkNewBatch } from './content.js';
import { CustodyError, ensure } from './errors.js';
import type { EventContext, Stores } from './event-context.js';
import { facilityOf } from './facilities.js';
import type { Composition } from './rows.js';
import type { Journal, Scope } from './scope.js';
import { pastInstant } from './time.js';

/**
 * A batch arriving from another member nation's log, as that log's operator summarised it (a
 * `ProvenanceSummary` included in that log). The service verifies the summary's and the shipment's
 * receipts against the origin's witnessed checkpoints before handing it to the ledger.
 */
export interface ImportedBatch {
  readonly material: string;
  readonly grams: number;
  readonly content: ElementContent;
  /** Its composition on the origin log: per element, origin keys with micrograms. */
  readonly composition: Composition;
}

/** The arrival, as the receiving organisation states it. */
export interface Arrival {
  readonly id: string;
  readonly time: string;
  readonly facility: string;
  readonly batch: string;
}

/**
 * The receiving organisation takes the batch into custody at its facility, with the composition it had
 * on the origin log: provenance crosses the border as the summary, not as upstream statements.
 * @throws CustodyError CUSTODY_IMPORT_MISMATCH, CUSTODY_BATCH_EXISTS, the facility and new-batch codes
 */
export function applyImport(c: EventContext, arrival: Arrival, imported: ImportedBatch): readonly string[] {
  facilityOf(c.facilities, arrival.facility, c.actor, c.atMs);
  const batch = {
    id: arrival.batch,
    material: imported.material,
    grams: imported.grams,
    content: imported.content,
  };
  checkNewBatch(batch);
  ensureFresh(c.batches, arrival.batch);
  createBatch(c.batches, batch, {
    custodian: c.actor,
    owner: c.actor,
    facility: arrival.facility,
    custodyModel: 'segregated',
    statement: c.statement,
    at: arrival.time,
    atMs: c.atMs,
    status: 'active',
    vectors: vectorsOf(batch, imported.composition),
  });
  return [arrival.batch];
}

/** The composition row as vectors, each adding up to the element's mass (grams × ppm). */
function vectorsOf(
  batch: { material: string; grams: number; content: ElementContent },
  composition: Composition,
): Map<ElementSymbol, Vector> {
  const vectors = new Map<ElementSymbol, Vector>();
  for (const [element, mass] of elementMasses(batch as never, batch.grams)) {
    const parts = (composition[element] ?? []).map(([origin, micrograms]) => ({
      origin,
      mass: microgramsOf(micrograms),
    }));
    const vector = [...parts].sort((a, b) => (a.origin < b.origin ? -1 : a.origin > b.origin ? 1 : 0));
    ensure(new Set(vector.map((p) => p.origin)).size === vector.length, 'CUSTODY_IMPORT_MISMATCH', () => {
      return `${element}: the summary names an origin twice`;
    });
    ensure(massOf(vector) === mass, 'CUSTODY_IMPORT_MISMATCH', () => {
      return `${element}: the summary accounts for ${massOf(vector)} µg of the batch's ${mass}`;
    });
    vectors.set(
      element,
      vector.filter((p) => p.mass !== 0n),
    );
  }
  return vectors;
}

function microgramsOf(text: string): bigint {
  if (!/^\d{1,30}$/.test(text))
    throw new CustodyError('CUSTODY_IMPORT_MISMATCH', `not a mass in micrograms: ${text}`);
  return BigInt(text);
}

/**
 * A cross-border receipt statement: one arrival event, signed by the receiving organisation.
 * @throws CustodyError CUSTODY_IMPORT_UNVERIFIED without the verified batch, CUSTODY_DUPLICATE_EVENT,
 * IDENTITY_NOT_AUTHORIZED, and {@link applyImport}'s codes
 */
export function applyCrossBorder(
  stores: Stores,
  body: CrossBorderReceiptStatement,
  scope: Scope,
  imported: ImportedBatch | undefined,
  journal: Journal,
): void {
  if (imported === undefined) {
    throw new CustodyError('CUSTODY_IMPORT_UNVERIFIED', `${body.id}: no verified summary of ${body.batch}`);
  }
  const { issuer, kid } = scope.statement;
  const atMs = pastInstant(scope.clock, body.time, `event ${body.id}: time`);
  stores.registry.signingKey(kid, issuer, atMs, body.time);
  ensure(!stores.eventIds.has(body.id), 'CUSTODY_DUPLICATE_EVENT', () => `event ${body.id} exists`);
  stores.eventIds.set(body.id, true);
  ensure(stores.registry.hasRole(issuer, 'producer', atMs), 'IDENTITY_NOT_AUTHORIZED', () => {
    return `${issuer} is not a producer at ${body.time}`;
  });
  const c: EventContext = { ...stores, actor: issuer, atMs, statement: scope.id, journal };
  const batches = applyImport(c, body, imported);
  // Recorded as a receipt at the arrival facility: that is what happened on this side of the border.
  const event = {
    type: 'receive' as const,
    id: body.id,
    time: body.time,
    batch: body.batch,
    facility: body.facility,
    grams: imported.grams,
  };
  journal.events.push({ statement: scope.id, seq: 0, event, actor: issuer, batches });
}
