import { BaseError } from '../errors.js';

/** Codes the service's use-cases throw; the API maps each to a problem type (docs/errors.md). */
export type ServiceErrorCode =
  /** The statement is not a compact JWS, or its header or parts are malformed. */
  | 'STATEMENT_MALFORMED'
  /** The JWS uses an algorithm or feature the node does not accept (only EdDSA, no `crit`, no `b64`). */
  | 'STATEMENT_UNSUPPORTED'
  /** The JWS signature does not verify with the key its `kid` names. */
  | 'STATEMENT_BAD_SIGNATURE'
  /** The JWS payload is not a JSON object. */
  | 'STATEMENT_BAD_PAYLOAD'
  /** The statement is larger than the node accepts. */
  | 'STATEMENT_TOO_LARGE'
  /** No statement with that id is registered here. */
  | 'STATEMENT_NOT_FOUND'
  /** The request needs an access token (or the operator token) and carries none. */
  | 'ACCESS_REQUIRED'
  /** An access token is malformed, expired, for another node, or not signed by a key of its issuer. */
  | 'ACCESS_TOKEN_INVALID'
  /** No such batch here, or not one the caller may see. */
  | 'BATCH_NOT_FOUND'
  /** No such organisation or facility in the registry. */
  | 'REGISTRY_NOT_FOUND'
  /** No certificate, status list or accreditation with that id is registered here. */
  | 'CREDENTIAL_NOT_FOUND'
  /** A query parameter is missing or out of range. */
  | 'BAD_QUERY'
  /** The data directory belongs to a log with another origin or key. */
  | 'NODE_IDENTITY_MISMATCH'
  /** Another running process owns the data directory. */
  | 'NODE_LOCKED'
  /** A setting (operator token, …) is unusable. */
  | 'NODE_CONFIG_INVALID'
  /** The data directory to export holds no Lodestone database, or a log that never signed a checkpoint. */
  | 'EXPORT_NO_LOG'
  /** The export directory holds another log's tree (its checkpoint has another origin or is not one). */
  | 'EXPORT_OTHER_LOG'
  /** The export directory's checkpoint, a tile or a bundle contradicts the log (larger, inconsistent, changed). */
  | 'EXPORT_CONFLICT'
  /** A webhook URL is not an absolute http(s) URL without credentials, or is too long. */
  | 'WEBHOOK_URL_INVALID'
  /** A webhook's `since` is beyond the latest finding seq. */
  | 'WEBHOOK_SINCE_INVALID'
  /** No webhook with that id. */
  | 'WEBHOOK_NOT_FOUND'
  /** No finding with that id here, or not one the caller may see. */
  | 'FINDING_NOT_FOUND'
  /** A case action by someone who is neither the operator nor an auditor or regulator. */
  | 'CASE_ACTION_FORBIDDEN'
  /** A case action that may not follow the case's status (resolve a resolved case, reopen an open one). */
  | 'CASE_TRANSITION_INVALID'
  /** No split-view alarm with that id. */
  | 'ALARM_NOT_FOUND'
  /** A whole batch partly used before it was shipped abroad: ship it with splitInto so its summary is exact. */
  | 'FEDERATION_EXPORT_NEEDS_SPLIT'
  /** A cross-border receipt whose shipment or summary receipt does not verify against the origin's witnessed log. */
  | 'FEDERATION_RECEIPT_REFUSED'
  /** A cross-border receipt whose shipment or summary is not about this batch, this recipient or these grams. */
  | 'FEDERATION_SHIPMENT_MISMATCH'
  /** A provenance summary signed by someone other than this node's operator. */
  | 'FEDERATION_SUMMARY_FORBIDDEN';

export class ServiceError extends BaseError<ServiceErrorCode> {}
