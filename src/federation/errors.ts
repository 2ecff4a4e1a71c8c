import { BaseError } from '../errors.js';

/**
 * Codes thrown by the federation module. The witness codes map one-to-one to the HTTP statuses of
 * c2sp.org/tlog-witness@v1.0.0 §add-checkpoint, so a decision never needs a second table.
 */
export type FederationErrorCode =
  /** The add-checkpoint body is not `old N`, ≤ 63 proof lines, a blank line and a checkpoint note (400). */
  | 'WITNESS_REQUEST_MALFORMED'
  /** The checkpoint's origin is not a log this witness is configured for (404). */
  | 'WITNESS_UNKNOWN_LOG'
  /** No trusted log signature, or a line with a trusted name and key ID fails to verify (403). */
  | 'WITNESS_BAD_SIGNATURE'
  /** `old` is larger than the checkpoint's tree size (400). */
  | 'WITNESS_OLD_TOO_LARGE'
  /** `old` is not the size this witness last cosigned for the origin (409). */
  | 'WITNESS_CONFLICT'
  /** The checkpoint is not consistent with what the witness cosigned: bad proof, roots differ (422). */
  | 'WITNESS_INCONSISTENT'
  /** A witnessed-log configuration entry is unusable (bad vkey, duplicate origin). */
  | 'WITNESS_CONFIG_INVALID';

export class FederationError extends BaseError<FederationErrorCode> {}
