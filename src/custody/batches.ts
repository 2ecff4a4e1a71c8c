import type { CustodyModel, ElementSymbol, NewBatch } from '../model/index.js';
import { compositionRow, take, type Vector, type Vectors } from './composition.js';
import { CustodyError, ensure } from './errors.js';
import type { BatchRow, BatchStatus } from './rows.js';
import type { StagedMap } from './staged.js';
import { trackedElements } from './tracked.js';

/**
 * A batch as the ledger holds it: its row, and what its row does not show, the composition of what
 * remains. Invariant: for every tracked element e, `remaining.get(e)` sums to `remainingGrams × ppm_e`.
 */
export interface BatchState {
  readonly row: BatchRow;
  readonly createdAtMs: number;
  /** When it was shipped, while in transit (a receipt cannot precede it). */
  readonly shippedAtMs?: number;
  readonly remaining: Vectors;
}

/** Batches by id, staged until the statement commits. */
export type BatchStore = StagedMap<string, BatchState>;

/** Everything about a new batch besides its description. */
export interface Creation {
  readonly custodian: string;
  readonly owner: string;
  readonly facility: string;
  readonly custodyModel: CustodyModel;
  readonly statement: string;
  readonly at: string;
  readonly atMs: number;
  readonly status: BatchStatus;
  readonly inTransit?: BatchRow['inTransit'];
  /** Its composition, which must match its element masses. */
  readonly vectors: Vectors;
}

/** Create and store a batch; it is recorded as created by `creation.statement` at `creation.at`. */
export function createBatch(store: BatchStore, batch: NewBatch, creation: Creation): BatchState {
  const { vectors, atMs, at, statement, inTransit, status, ...holders } = creation;
  const row: BatchRow = {
    id: batch.id,
    material: batch.material,
    createdGrams: batch.grams,
    remainingGrams: batch.grams,
    content: batch.content,
    status,
    ...holders,
    ...(inTransit !== undefined && { inTransit }),
    createdBy: statement,
    createdAt: at,
    composition: compositionRow(vectors),
  };
  const state: BatchState = {
    row,
    createdAtMs: atMs,
    remaining: vectors,
    ...(inTransit !== undefined && { shippedAtMs: atMs }),
  };
  store.set(batch.id, state);
  return state;
}

/**
 * The batch `id`, which must exist and not postdate `atMs`.
 * @throws CustodyError CUSTODY_UNKNOWN_BATCH, CUSTODY_EVENT_BEFORE_BATCH
 */
export function batchAt(store: BatchStore, id: string, atMs: number, at: string): BatchState {
  const batch = store.get(id);
  if (batch === undefined) throw new CustodyError('CUSTODY_UNKNOWN_BATCH', `no batch ${id}`);
  ensure(atMs >= batch.createdAtMs, 'CUSTODY_EVENT_BEFORE_BATCH', () => {
    return `${id} was created at ${batch.row.createdAt}, after the event at ${at}`;
  });
  return batch;
}

/**
 * A batch id nobody has used.
 * @throws CustodyError CUSTODY_BATCH_EXISTS
 */
export function ensureFresh(store: BatchStore, id: string): void {
  ensure(!store.has(id), 'CUSTODY_BATCH_EXISTS', () => `batch ${id} already exists`);
}

/**
 * The batch is active, and holds at least `grams` (the double-spend check).
 * @throws CustodyError CUSTODY_IN_TRANSIT, CUSTODY_INSUFFICIENT_QUANTITY
 */
export function ensureAvailable(batch: BatchState, grams: number): void {
  const { id, status, remainingGrams } = batch.row;
  ensure(status !== 'in-transit', 'CUSTODY_IN_TRANSIT', () => `${id} is in transit`);
  ensure(grams <= remainingGrams, 'CUSTODY_INSUFFICIENT_QUANTITY', () => {
    return `${id}: ${grams} g requested, ${remainingGrams} g remain`;
  });
}

/** Micrograms of each tracked element of `grams` of a batch with this material and content. */
export function elementMasses(batch: NewBatch | BatchRow, grams: number): Map<ElementSymbol, bigint> {
  const masses = new Map<ElementSymbol, bigint>();
  for (const element of trackedElements(batch.material)) {
    masses.set(element, BigInt(grams) * BigInt(batch.content[element]!));
  }
  return masses;
}

/**
 * Take `grams` out of what remains of a batch: the composition of the part taken (proportional, by the
 * rounding rule) and the batch with its remaining quantity and composition reduced; consumed at zero.
 */
export function takeGrams(batch: BatchState, grams: number): { taken: Vectors; batch: BatchState } {
  const taken = new Map<ElementSymbol, Vector>();
  const left = new Map<ElementSymbol, Vector>();
  for (const [element, mass] of elementMasses(batch.row, grams)) {
    const [part, rest] = take(batch.remaining.get(element) ?? [], mass);
    taken.set(element, part);
    left.set(element, rest);
  }
  const remainingGrams = batch.row.remainingGrams - grams;
  const status = remainingGrams === 0 ? 'consumed' : batch.row.status;
  return { taken, batch: { ...batch, remaining: left, row: { ...batch.row, remainingGrams, status } } };
}
