import { BaseError } from '../errors.js';

/** Codes thrown by the log module. Stable: the API maps them to problem types. */
export type LogErrorCode =
  /** An inclusion or consistency proof (or a subtree proof) does not verify. */
  | 'LOG_PROOF_INVALID'
  /** An index, size or range is out of bounds for the tree it is asked about. */
  | 'LOG_RANGE'
  /** A hash is not 32 bytes. */
  | 'LOG_BAD_HASH'
  /** A signed note is not well formed (signed-note v1.0.0). */
  | 'LOG_NOTE_MALFORMED'
  /** No known key verified a note, or a known key's signature failed. */
  | 'LOG_NOTE_UNVERIFIED'
  /** A vkey / skey string or a key is malformed, or its embedded key ID does not match. */
  | 'LOG_BAD_KEY'
  /** Two verifiers share a name and key ID. */
  | 'LOG_AMBIGUOUS_KEY'
  /** A checkpoint body is not well formed (tlog-checkpoint v1.0.0). */
  | 'LOG_CHECKPOINT_MALFORMED'
  /** A cosignature is malformed or does not verify (tlog-cosignature v1.0.1). */
  | 'LOG_COSIGNATURE_INVALID'
  /** A tile or entry-bundle path does not follow tlog-tiles. */
  | 'LOG_TILE_PATH'
  /** A tile or entry bundle's bytes are malformed. */
  | 'LOG_TILE_MALFORMED'
  /** An entry exceeds the 65,535-byte tlog-tiles limit. */
  | 'LOG_ENTRY_TOO_LARGE'
  /** A c2sp.org/tlog-proof@v1 bundle is malformed. */
  | 'LOG_PROOF_BUNDLE_MALFORMED'
  /** The sequencer's queue is full; retry later (HTTP 503 with Retry-After). */
  | 'LOG_PUSHBACK'
  /** The sequencer has been closed. */
  | 'LOG_CLOSED'
  /** Something the log needs to read is missing from storage. */
  | 'LOG_NOT_FOUND';

export class LogError extends BaseError<LogErrorCode> {}
