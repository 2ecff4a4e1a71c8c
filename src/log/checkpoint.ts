/**
 * Checkpoints (c2sp.org/tlog-checkpoint@v1.0.0): the signed-note body that commits a log to a tree head.
 * @module
 */
import { toBase64 } from '../crypto/index.js';
import { LogError, type LogErrorCode } from './errors.js';
import {
  decodeBase64,
  isWellFormedNoteText,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
  openNote,
  signNote,
} from './note.js';

/** RFC 6962 SHA-256 root hashes are 32 bytes. */
const ROOT_HASH_LENGTH = 32;
// tlog-checkpoint §"Note text" 2: ASCII decimal, no leading zeroes except for "0" itself.
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** A tree head: the note text of a checkpoint, without signatures. */
export interface Checkpoint {
  /** The log identity; non-empty (a schema-less URL is recommended, but MUST NOT be assumed). */
  readonly origin: string;
  /** The number of leaves; at most 2^53 − 1 here. */
  readonly size: number;
  /** The 32-byte RFC 6962 root hash of the first `size` leaves. */
  readonly rootHash: Buffer;
  /** Opaque, non-empty extension lines (NOT RECOMMENDED by the spec). */
  readonly extensions: readonly string[];
}

/** A checkpoint whose note the log (and maybe others) signed. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
}

/** Options of {@link openCheckpoint}. */
export interface OpenCheckpointOptions {
  /** The origin the checkpoint must carry. Default: the log verifier's key name (the spec's SHOULD). */
  readonly origin?: string;
}

/**
 * The note text of a checkpoint (tlog-checkpoint §"Note text"): origin, size, base64 root, extensions,
 * each ending in "\n".
 * @throws LogError LOG_CHECKPOINT_MALFORMED for an empty or multi-line origin or extension, control
 *   characters, or a size that is not a safe non-negative integer; LOG_BAD_HASH for a root that is not
 *   32 bytes
 */
export function formatCheckpoint(cp: Checkpoint): string {
  if (!isLine(cp.origin)) throw malformed('origin must be one non-empty line');
  if (!Number.isSafeInteger(cp.size) || cp.size < 0)
    throw malformed('size must be a safe non-negative integer');
  if (cp.rootHash.length !== ROOT_HASH_LENGTH)
    throw new LogError('LOG_BAD_HASH', 'root hash must be 32 bytes');
  if (!cp.extensions.every(isLine)) throw malformed('extension lines must be non-empty single lines');
  return [cp.origin, String(cp.size), toBase64(cp.rootHash), ...cp.extensions].map((l) => `${l}\n`).join('');
}

/**
 * Parses a checkpoint note text strictly (tlog-checkpoint §"Note text"). Stricter than Go's
 * transparency-dev/formats, which accepts any root length and empty extension lines: both break the
 * spec's "root of the RFC 6962 Merkle hash tree" and "extension lines MUST be non-empty".
 * @throws LogError LOG_CHECKPOINT_MALFORMED
 */
export function parseCheckpoint(body: string): Checkpoint {
  if (!body.endsWith('\n') || !isWellFormedNoteText(body)) {
    throw malformed('checkpoint must be text ending in "\\n" without control characters');
  }
  const [origin, sizeText, rootText, ...extensions] = body.slice(0, -1).split('\n');
  if (origin === undefined || origin === '' || sizeText === undefined || rootText === undefined) {
    throw malformed('checkpoint needs an origin, a size and a root hash');
  }
  const size = parseDecimal(sizeText, 'LOG_CHECKPOINT_MALFORMED', 'tree size');
  const rootHash = decodeBase64(rootText, 'LOG_CHECKPOINT_MALFORMED', 'root hash');
  if (rootHash.length !== ROOT_HASH_LENGTH) throw malformed('root hash must be 32 bytes');
  if (extensions.includes('')) throw malformed('extension lines must be non-empty');
  return { origin, size, rootHash, extensions };
}

/**
 * Signs a checkpoint: the log's signature first, then any `extraSigners` (e.g. cosigners).
 * The spec says the log's key name SHOULD equal the origin; this is not enforced here.
 * @throws LogError as {@link formatCheckpoint} and `signNote` do
 */
export function signCheckpoint(
  cp: Checkpoint,
  signer: NoteSigner,
  extraSigners: readonly NoteSigner[] = [],
): string {
  return signNote(formatCheckpoint(cp), [signer, ...extraSigners]);
}

/**
 * Opens a checkpoint note: `logVerifier` MUST have signed it (another key's signature is not enough), the
 * body MUST parse, and the origin MUST equal `options.origin` (default: the log's key name). Signatures
 * of `extraVerifiers` (e.g. witnesses) are verified too and listed in `note.verified`; checking a
 * witness quorum is the caller's policy.
 * @throws LogError LOG_NOTE_MALFORMED, LOG_AMBIGUOUS_KEY, LOG_NOTE_UNVERIFIED (no valid log signature,
 *   or any known key's signature fails), LOG_CHECKPOINT_MALFORMED (bad body or unexpected origin)
 */
export function openCheckpoint(
  note: string | Uint8Array,
  logVerifier: NoteVerifier,
  extraVerifiers: readonly NoteVerifier[] = [],
  options: OpenCheckpointOptions = {},
): OpenedCheckpoint {
  const opened = openNote(note, [logVerifier, ...extraVerifiers]);
  const byLog = opened.verified.some((s) => s.name === logVerifier.name && s.keyId.equals(logVerifier.keyId));
  if (!byLog) throw new LogError('LOG_NOTE_UNVERIFIED', `checkpoint is not signed by ${logVerifier.name}`);
  const checkpoint = parseCheckpoint(opened.text);
  const origin = options.origin ?? logVerifier.name;
  if (checkpoint.origin !== origin) throw malformed(`unexpected origin ${JSON.stringify(checkpoint.origin)}`);
  return { checkpoint, note: opened };
}

/**
 * @internal A decimal without leading zeroes, as tree sizes and proof indexes are written, up to
 * 2^53 − 1 (the specs allow u64; larger values are rejected rather than rounded).
 */
export function parseDecimal(text: string, code: LogErrorCode, what: string): number {
  const n = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new LogError(code, `${what} must be a decimal up to 2^53 - 1`);
  return n;
}

function isLine(line: string): boolean {
  return line !== '' && !line.includes('\n') && isWellFormedNoteText(line);
}

function malformed(message: string): LogError {
  return new LogError('LOG_CHECKPOINT_MALFORMED', message);
}
