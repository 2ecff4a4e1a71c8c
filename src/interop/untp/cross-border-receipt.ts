import {
  type CrossBorderReceiptStatement,
  type ForeignProof,
  MAX_FOREIGN_JWS_LENGTH,
} from '../../model/index.js';
import { asPlainObject, at, invalid, type JsonObject, readObject, readUri, req } from './check.js';
import { CROSS_BORDER_RECEIPT_KIND, envelope } from './envelope.js';
import { readTime } from './time.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions, JsonValue } from './wire.js';

/**
 * The Lodestone extension credential `CrossBorderReceipt` (DESIGN.md §8): the receiving organisation
 * records, on the destination node, the arrival of a batch shipped from another nation's log. It carries
 * the origin log's ship statement and provenance summary (compact JWS) with their receipts there. Envelope
 * as every extension: `@context` `[VC 2.0, Lodestone]`, issuer `{id, name}`, exact properties, `validFrom`
 * the arrival time. The parser checks shapes and bounds only: the service verifies the JWS signatures, the
 * receipts against the origin log and the witnesses, and that the issuer operates the arrival facility.
 */

const SUBJECT_KEYS: ReadonlySet<string> = new Set([
  'id',
  'time',
  'facility',
  'batch',
  'origin',
  'shipment',
  'summary',
]);
const SHIPMENT_KEYS: ReadonlySet<string> = new Set(['statement', 'receipt', 'event']);
const SUMMARY_KEYS: ReadonlySet<string> = new Set(['statement', 'receipt']);
const PATH = '/credentialSubject';

/** A compact JWS (RFC 7515 §7.1): three base64url parts. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
/**
 * A log origin (C2SP tlog-checkpoint): one line, and, as the log's signed-note key name, neither spaces nor
 * `+`. Printable ASCII only.
 */
const ORIGIN = /^[\x21-\x2a\x2c-\x7e]{1,255}$/;

/** Most characters of a receipt's JSON text (an inclusion proof and a cosigned checkpoint need far fewer). */
export const MAX_RECEIPT_LENGTH = 65_536;
/** Deepest nesting of a receipt's JSON. */
const MAX_RECEIPT_DEPTH = 16;

/**
 * Parse the subject of a cross-border receipt: exactly `{id, time, facility, batch, origin, shipment:
 * {statement, receipt, event}, summary: {statement, receipt}}`, where `time` is the credential's
 * `validFrom` (the statement's time, written once more in the subject).
 * @throws InteropError INTEROP_INVALID
 */
export function parseCrossBorderReceiptSubject(
  value: unknown,
  validFrom: string,
): CrossBorderReceiptStatement {
  const s = readObject(value, PATH, SUBJECT_KEYS);
  const time = readTime(req(s, 'time', PATH), at(PATH, 'time'));
  if (time !== validFrom) invalid(at(PATH, 'time'), `expected the credential's validFrom ${validFrom}`);
  const shipmentPath = at(PATH, 'shipment');
  const shipment = readObject(req(s, 'shipment', PATH), shipmentPath, SHIPMENT_KEYS);
  return {
    kind: 'cross-border-receipt',
    id: readUri(req(s, 'id', PATH), at(PATH, 'id')),
    time,
    facility: readUri(req(s, 'facility', PATH), at(PATH, 'facility')),
    batch: readUri(req(s, 'batch', PATH), at(PATH, 'batch')),
    origin: readOrigin(req(s, 'origin', PATH), at(PATH, 'origin')),
    shipment: {
      ...readProof(shipment, shipmentPath),
      event: readUri(req(shipment, 'event', shipmentPath), at(shipmentPath, 'event')),
    },
    summary: readProof(
      readObject(req(s, 'summary', PATH), at(PATH, 'summary'), SUMMARY_KEYS),
      at(PATH, 'summary'),
    ),
  };
}

function readOrigin(value: unknown, path: string): string {
  if (typeof value !== 'string' || !ORIGIN.test(value)) {
    invalid(path, 'expected a log origin: 1 to 255 printable ASCII characters, no space or "+"');
  }
  return value;
}

function readProof(object: JsonObject, path: string): ForeignProof {
  return {
    statement: readCompactJws(req(object, 'statement', path), at(path, 'statement')),
    receipt: readReceipt(req(object, 'receipt', path), at(path, 'receipt')),
  };
}

function readCompactJws(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length > MAX_FOREIGN_JWS_LENGTH || !COMPACT_JWS.test(value)) {
    invalid(path, `expected a compact JWS of at most ${MAX_FOREIGN_JWS_LENGTH} characters`);
  }
  return value;
}

/**
 * A receipt: a plain JSON object of at most {@link MAX_RECEIPT_LENGTH} characters and
 * {@link MAX_RECEIPT_DEPTH} levels. Its meaning is the service's to verify; here only that it is JSON
 * (no class instances, no non-finite numbers) and bounded, walked under a budget so hostile input cannot
 * make the walk itself expensive.
 */
function readReceipt(value: unknown, path: string): JsonObject {
  const receipt = asPlainObject(value, path);
  let budget = MAX_RECEIPT_LENGTH;
  const walk = (v: unknown, depth: number): void => {
    budget -= typeof v === 'string' ? v.length + 1 : 1;
    if (budget < 0 || depth > MAX_RECEIPT_DEPTH) {
      invalid(path, `expected at most ${MAX_RECEIPT_LENGTH} characters, ${MAX_RECEIPT_DEPTH} levels deep`);
    }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) invalid(path, 'expected JSON (a finite number)');
      return;
    }
    if (Array.isArray(v)) {
      for (const item of v) walk(item, depth + 1);
      return;
    }
    const object = asPlainObject(v, path);
    for (const key of Object.keys(object)) {
      budget -= key.length;
      walk(object[key], depth + 1);
    }
  };
  walk(receipt, 1);
  if (JSON.stringify(receipt).length > MAX_RECEIPT_LENGTH) {
    invalid(path, `expected at most ${MAX_RECEIPT_LENGTH} characters of JSON`);
  }
  return receipt;
}

/** The `CrossBorderReceipt` JSON of a receipt (issued by the receiving organisation); `validFrom` is its time. */
export function crossBorderReceiptJson(
  receipt: CrossBorderReceiptStatement,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  // The receipts are checked by the parser the builder runs on its result (`checked`), not here.
  const subject = {
    id: receipt.id,
    time: receipt.time,
    facility: receipt.facility,
    batch: receipt.batch,
    origin: receipt.origin,
    shipment: {
      statement: receipt.shipment.statement,
      receipt: receipt.shipment.receipt as JsonValue,
      event: receipt.shipment.event,
    },
    summary: { statement: receipt.summary.statement, receipt: receipt.summary.receipt as JsonValue },
  };
  return envelope(CROSS_BORDER_RECEIPT_KIND, issuer, options, subject, receipt.time);
}
