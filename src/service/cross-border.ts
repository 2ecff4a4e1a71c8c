import { randomUUID } from 'node:crypto';
import { canonicalize, sha256Hex } from '../crypto/index.js';
import type { BatchRow, FacilityRow, ImportedBatch } from '../custody/index.js';
import { crossBorderReceiptCredential, provenanceSummaryCredential } from '../interop/index.js';
import type {
  CrossBorderReceiptStatement,
  ProvenanceSummaryStatement,
  ShipEvent,
  SupplyStatement,
} from '../model/index.js';
import { ServiceError } from './errors.js';
import type { ForeignReceiptVerification } from './foreign-receipt.js';
import { parseStatement } from './parse.js';
import type { Receipt } from './receipt.js';

/**
 * Cross-border custody (DESIGN.md §8, issue 8 part 5). A batch shipped on node A to an organisation on
 * node B travels as an export bundle: A's ship statement and A's operator-signed provenance summary of
 * the batch, each with a receipt against A's witnessed checkpoint. B's organisation registers a
 * `CrossBorderReceipt` carrying the bundle; B verifies both receipts before the batch exists on B, with
 * the composition A vouched for. No upstream statement crosses the border.
 */

/** What the exporting organisation hands the importer. */
export interface ExportBundle {
  readonly origin: string;
  readonly batch: string;
  readonly shipment: { readonly statement: string; readonly receipt: Receipt; readonly event: string };
  readonly summary: { readonly statement: string; readonly receipt: Receipt };
}

/** The origin node's side. */
export interface ExportHost {
  readonly origin: string;
  readonly operator: { readonly did: string; sign(payload: unknown): string };
  /** The stored JWS and registration time of a statement. */
  stored(id: string): { readonly jws: string; readonly registered: string } | undefined;
  batch(id: string): BatchRow | undefined;
  facility(id: string): FacilityRow | undefined;
  register(jws: string): Promise<{ readonly receipt: Receipt }>;
  receipt(id: string): Receipt | undefined;
}

/**
 * The export bundle of ship event `event` of statement `shipment`, for its shipper (or the operator):
 * registers the operator's provenance summary of the shipped batch (idempotent: dated by the ship
 * event, so the same export gives the same statement) and proves both against the most-cosigned
 * checkpoint. Until peers cosign one holding them, the receipts carry the plain latest checkpoint and
 * the importer's node refuses them on the witness quorum: ask again.
 * @throws ServiceError STATEMENT_NOT_FOUND, BAD_QUERY, FEDERATION_EXPORT_NEEDS_SPLIT
 */
export async function exportShipment(
  host: ExportHost,
  caller: string | 'operator',
  shipment: string,
  event: string,
): Promise<ExportBundle> {
  const stored = host.stored(shipment);
  if (stored === undefined) throw new ServiceError('STATEMENT_NOT_FOUND', `no statement ${shipment}`);
  const { statement } = parseStatement(stored.jws, stored.registered);
  if (caller !== 'operator' && caller !== statement.issuer) {
    throw new ServiceError('STATEMENT_NOT_FOUND', `no statement ${shipment} of yours`);
  }
  const ship = shipEventOf(statement, event);
  if (ship === undefined) throw new ServiceError('BAD_QUERY', `${shipment} has no ship event ${event}`);
  const batchId = ship.splitInto ?? ship.batch;
  const row = host.batch(batchId);
  if (row === undefined) throw new ServiceError('BAD_QUERY', `no batch ${batchId}`);
  if (ship.splitInto === undefined && row.createdGrams !== ship.grams) {
    throw new ServiceError(
      'FEDERATION_EXPORT_NEEDS_SPLIT',
      `${batchId} was partly used before it was shipped: ship it with splitInto so its composition is exact`,
    );
  }
  const summary: ProvenanceSummaryStatement = {
    kind: 'provenance-summary',
    batch: batchId,
    material: row.material,
    grams: ship.grams,
    content: row.content,
    composition: row.composition,
    origins: originFacilities(row).flatMap((id) => {
      const f = host.facility(id);
      return f === undefined
        ? []
        : [{ facility: id, name: f.name, country: f.country, facilityKind: f.facilityKind }];
    }),
    shipment,
  };
  const credential = provenanceSummaryCredential(
    summary,
    { id: host.operator.did, name: 'Node operator' },
    // Same shipment, same summary, same bytes: asking again returns the first registration.
    { validFrom: ship.time, id: `urn:sha256:${sha256Hex(canonicalize(summary))}` },
  );
  const summaryJws = host.operator.sign(credential);
  const { receipt } = await host.register(summaryJws);
  const shipReceipt = host.receipt(shipment);
  const summaryReceipt = host.receipt(receipt.statement);
  if (shipReceipt === undefined || summaryReceipt === undefined) {
    throw new ServiceError('STATEMENT_NOT_FOUND', 'a receipt vanished');
  }
  return {
    origin: host.origin,
    batch: batchId,
    shipment: { statement: stored.jws, receipt: shipReceipt, event },
    summary: { statement: summaryJws, receipt: summaryReceipt },
  };
}

/** The destination node's side: verify a foreign statement and receipt (see verifyForeignReceipt). */
export type VerifyForeign = (statement: string, receipt: unknown) => ForeignReceiptVerification;

/**
 * Check a cross-border receipt before the ledger takes the batch in: both receipts verify against a
 * witnessed checkpoint of the named origin, the ship event ships exactly this batch to the issuer, and
 * the summary is the origin's summary of that shipment. Returns the batch as the origin vouched for it.
 * @throws ServiceError FEDERATION_RECEIPT_REFUSED, FEDERATION_SHIPMENT_MISMATCH
 */
export function verifyArrival(
  verify: VerifyForeign,
  issuer: string,
  body: CrossBorderReceiptStatement,
): ImportedBatch {
  for (const [what, part] of [
    ['shipment', body.shipment],
    ['summary', body.summary],
  ] as const) {
    const verdict = verify(part.statement, part.receipt);
    const failed = verdict.checks.find((c) => !c.ok);
    if (!verdict.ok) {
      throw new ServiceError(
        'FEDERATION_RECEIPT_REFUSED',
        `${what} receipt refused: ${failed?.name ?? 'unknown'}: ${failed?.detail ?? ''}`,
      );
    }
    if (verdict.origin !== body.origin) {
      throw new ServiceError(
        'FEDERATION_RECEIPT_REFUSED',
        `${what} receipt is from ${verdict.origin}, not ${body.origin}`,
      );
    }
  }
  const ship = shipEventOf(parseForeign(body.shipment), body.shipment.event);
  const mismatch = (why: string): never => {
    throw new ServiceError('FEDERATION_SHIPMENT_MISMATCH', why);
  };
  if (ship === undefined) return mismatch(`the shipment holds no ship event ${body.shipment.event}`);
  if (ship.to !== issuer) return mismatch(`the batch was shipped to ${ship.to}, not ${issuer}`);
  if ((ship.splitInto ?? ship.batch) !== body.batch)
    return mismatch(`the shipment carried ${ship.splitInto ?? ship.batch}`);
  const summary = summaryOf(parseForeign(body.summary));
  if (summary === undefined) return mismatch('the summary is not a provenance summary');
  if (summary.batch !== body.batch || summary.shipment !== sha256Hex(body.shipment.statement)) {
    return mismatch('the summary is about another batch or shipment');
  }
  if (summary.grams !== ship.grams)
    return mismatch(`the summary has ${summary.grams} g, the shipment ${ship.grams} g`);
  return importedOf(summary);
}

/**
 * The batch a logged cross-border receipt brought in, read from its summary (replays: the proofs were
 * checked when it was registered, and stay in the statement for any auditor).
 */
export function importedFromLogged(body: CrossBorderReceiptStatement): ImportedBatch | undefined {
  const summary = summaryOf(parseForeign(body.summary));
  return summary && importedOf(summary);
}

/** The origin facts a cross-border receipt carries, for this node's provenance. */
export function foreignOrigins(body: CrossBorderReceiptStatement): ProvenanceSummaryStatement['origins'] {
  return summaryOf(parseForeign(body.summary))?.origins ?? [];
}

function importedOf(summary: ProvenanceSummaryStatement): ImportedBatch {
  return {
    material: summary.material,
    grams: summary.grams,
    content: summary.content,
    composition: summary.composition,
  };
}

function parseForeign(part: { readonly statement: string; readonly receipt: unknown }): SupplyStatement {
  // The registration time only stands in for a statement time the credential lacks; the summary and the
  // shipment both carry their own.
  const registered = (part.receipt as { entry?: { registered?: unknown } }).entry?.registered;
  return parseStatement(
    part.statement,
    typeof registered === 'string' ? registered : new Date(0).toISOString(),
  ).statement;
}

function shipEventOf(statement: SupplyStatement, event: string): ShipEvent | undefined {
  if (statement.body.kind !== 'custody') return undefined;
  const found = statement.body.events.find((e) => e.id === event);
  return found?.type === 'ship' ? found : undefined;
}

function summaryOf(statement: SupplyStatement): ProvenanceSummaryStatement | undefined {
  return statement.body.kind === 'provenance-summary' ? statement.body : undefined;
}

function originFacilities(row: BatchRow): string[] {
  const ids = new Set<string>();
  for (const parts of Object.values(row.composition)) {
    for (const [key] of parts ?? []) {
      const space = key.indexOf(' ');
      if (key.slice(0, space) !== 'undeclared') ids.add(key.slice(space + 1));
    }
  }
  return [...ids].sort();
}

/**
 * The unsigned `CrossBorderReceipt` the importing organisation signs for a bundle: the batch arrived at
 * `facility` at `time` (default now), as event `id` (default a fresh URN).
 */
export function crossBorderReceiptPayload(
  bundle: ExportBundle,
  arrival: { readonly facility: string; readonly id?: string; readonly time?: string },
  issuer: { readonly id: string; readonly name: string },
): object {
  return crossBorderReceiptCredential(
    {
      kind: 'cross-border-receipt',
      id: arrival.id ?? `urn:uuid:${randomUUID()}`,
      time: arrival.time ?? new Date().toISOString(),
      facility: arrival.facility,
      batch: bundle.batch,
      origin: bundle.origin,
      shipment: bundle.shipment,
      summary: bundle.summary,
    },
    issuer,
  );
}
