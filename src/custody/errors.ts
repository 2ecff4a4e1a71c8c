import { BaseError } from '../errors.js';

/** Codes the ledger throws when a statement breaks a rule of the registry or the custody model. */
export type CustodyErrorCode =
  /** The signing `kid` is not a DID URL `<did>#<fragment>` of the statement's issuer. */
  | 'IDENTITY_ISSUER_MISMATCH'
  /** The signing `kid`, or a key a statement names, is not registered to that organisation. */
  | 'IDENTITY_UNKNOWN_KEY'
  /** The key has been revoked: it registers nothing new, whatever the statement's date. */
  | 'IDENTITY_KEY_REVOKED'
  /** The key is not active at the time the statement or event is dated. */
  | 'IDENTITY_KEY_INACTIVE'
  /** The issuer, recipient or buyer DID is not a registered organisation. */
  | 'IDENTITY_UNKNOWN_ORGANIZATION'
  /** The issuer lacks the role (or the relation to the subject) the statement requires at its time. */
  | 'IDENTITY_NOT_AUTHORIZED'
  /** A key being bound is not a DID URL of the subject DID. */
  | 'IDENTITY_KEY_MISMATCH'
  /** A kid is already bound to another key or DID, or was retired and cannot come back. */
  | 'IDENTITY_KEY_CONFLICT'
  /** A registration lists no key, or a rotation neither adds nor retires one. */
  | 'IDENTITY_NO_KEYS'
  /** A registration or rotation is dated before the subject's latest identity change. */
  | 'IDENTITY_BACKDATED'
  /** A time is not an RFC 3339 date-time. */
  | 'CUSTODY_BAD_TIME'
  /** An event, validity or revocation time lies too far after the statement's registration. */
  | 'CUSTODY_FUTURE_TIME'
  /** A facility id is already registered by another operator. */
  | 'CUSTODY_FACILITY_CONFLICT'
  /** An event names a facility that is not registered. */
  | 'CUSTODY_UNKNOWN_FACILITY'
  /** The facility is operated by another organisation than the one acting there. */
  | 'CUSTODY_NOT_FACILITY_OPERATOR'
  /** The event is dated before the facility's `validFrom`. */
  | 'CUSTODY_FACILITY_INACTIVE'
  /** A batch names a material code that is not in the vocabulary. */
  | 'CUSTODY_UNKNOWN_MATERIAL'
  /** A quantity or tolerance is not a positive (for tolerances: non-negative) safe integer. */
  | 'CUSTODY_BAD_QUANTITY'
  /** Element content is not integer ppm in [0, 1 000 000] of known element symbols. */
  | 'CUSTODY_BAD_CONTENT'
  /** A batch id is already in use (or used twice in one statement). */
  | 'CUSTODY_BATCH_EXISTS'
  /** A new batch does not declare the content of every element its material tracks. */
  | 'CUSTODY_MISSING_CONTENT'
  /** Declared or assayed content lies outside the material's plausible ranges. */
  | 'CUSTODY_IMPLAUSIBLE_CONTENT'
  /** An event id has been used before (or twice in one statement). */
  | 'CUSTODY_DUPLICATE_EVENT'
  /** A custody statement carries no event. */
  | 'CUSTODY_NO_EVENTS'
  /** An event on a batch is dated before the batch was created, or a receipt before the shipment. */
  | 'CUSTODY_EVENT_BEFORE_BATCH'
  /** An event names a batch that does not exist. */
  | 'CUSTODY_UNKNOWN_BATCH'
  /** An extraction happens at a facility that is not a mine. */
  | 'CUSTODY_NOT_A_MINE'
  /** A mine brings material into custody other than by extraction. */
  | 'CUSTODY_MINE_MUST_EXTRACT'
  /** The material's stage cannot come out of the ground (extraction of refined material). */
  | 'CUSTODY_STAGE_MISMATCH'
  /** The issuer is not the batch's current custodian. */
  | 'CUSTODY_NOT_CUSTODIAN'
  /** The batch is in transit and cannot be shipped or consumed until it is received. */
  | 'CUSTODY_IN_TRANSIT'
  /** More than the batch's remaining quantity is shipped or consumed (the double-spend check). */
  | 'CUSTODY_INSUFFICIENT_QUANTITY'
  /** A part-shipment does not name the batch (`splitInto`) the shipped part becomes. */
  | 'CUSTODY_SPLIT_REQUIRED'
  /** A cross-border receipt applied without the verified summary of the batch from its origin log. */
  | 'CUSTODY_IMPORT_UNVERIFIED'
  /** A cross-border receipt whose summarised composition does not add up to the batch's element masses. */
  | 'CUSTODY_IMPORT_MISMATCH'
  /** A receipt names a batch that is not in transit. */
  | 'CUSTODY_NOT_IN_TRANSIT'
  /** The receiver is not the organisation the batch was shipped to. */
  | 'CUSTODY_NOT_RECIPIENT'
  /** The batch is not at (or was not shipped to) the event's facility. */
  | 'CUSTODY_WRONG_FACILITY'
  /** A receipt weighs in more than was shipped. */
  | 'CUSTODY_RECEIVED_MORE_THAN_SHIPPED'
  /** A transform lacks inputs or outputs. */
  | 'CUSTODY_EMPTY_TRANSFORM'
  /** A transform lists the same input batch twice. */
  | 'CUSTODY_DUPLICATE_INPUT'
  /** A transform declares a measurement tolerance above 50 000 ppm (5 %). */
  | 'CUSTODY_TOLERANCE_TOO_HIGH'
  /** A transform's outputs carry more of an element than its inputs plus the tolerance. */
  | 'CUSTODY_ELEMENT_NOT_CONSERVED'
  /** The issuer is not the batch's owner. */
  | 'CUSTODY_NOT_OWNER';

/** Thrown by the custody module; callers branch on {@link CustodyError.code}, never on the message. */
export class CustodyError extends BaseError<CustodyErrorCode> {}

/** Throw a {@link CustodyError} unless `condition` holds: keeps rule checks one line each. */
export function ensure(condition: boolean, code: CustodyErrorCode, message: () => string): asserts condition {
  if (!condition) throw new CustodyError(code, message());
}
