/**
 * Offline proof bundles (c2sp.org/tlog-proof@v1): a checkpoint, an entry index, its RFC 6962 inclusion
 * proof and optional unauthenticated extra data, as one text.
 *
 * This module only parses and formats. A verifier opens `checkpoint` with `openCheckpoint` (log
 * signature, origin, witness cosignatures per policy), then checks the inclusion of the
 * application-defined leaf hash with `verifyInclusion`.
 * @module
 */
import { toBase64 } from '../crypto/index.js';
import { parseDecimal } from './checkpoint.js';
import { LogError } from './errors.js';
import { decodeBase64 } from './note.js';

/** tlog-proof §Format: the first line. */
export const TLOG_PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
/**
 * An inclusion proof in a tree of at most 2^64 leaves has at most 64 hashes; longer lists are refused
 * before decoding, so a hostile bundle cannot make the parser decode without bound.
 */
export const MAX_TLOG_PROOF_HASHES = 64;

const HASH_LENGTH = 32;

/** A parsed tlog-proof bundle. */
export interface TlogProof {
  /** Opaque application data. Unauthenticated: it MUST NOT be trusted implicitly (tlog-proof §Format). */
  readonly extra?: Buffer;
  /** The zero-based index of the entry in the log. */
  readonly index: number;
  /** The inclusion proof, from the leaf's sibling up to the root's child (RFC 6962 §2.1.1). */
  readonly proof: readonly Buffer[];
  /** The signed checkpoint note, verbatim and not yet verified. */
  readonly checkpoint: string;
}

/**
 * The text form of a bundle (tlog-proof §Format). `extra` is written when present, even if empty.
 * @throws LogError LOG_PROOF_BUNDLE_MALFORMED for an index that is not a safe non-negative integer, too
 *   many hashes, or a checkpoint that is empty or does not end in "\n"; LOG_BAD_HASH for a proof hash
 *   that is not 32 bytes
 */
export function formatTlogProof(p: TlogProof): string {
  if (!Number.isSafeInteger(p.index) || p.index < 0)
    throw malformed('index must be a safe non-negative integer');
  if (p.proof.length > MAX_TLOG_PROOF_HASHES) throw malformed('too many proof hashes');
  if (p.proof.some((h) => h.length !== HASH_LENGTH))
    throw new LogError('LOG_BAD_HASH', 'proof hash must be 32 bytes');
  requireCheckpointText(p.checkpoint);
  const lines = [TLOG_PROOF_HEADER];
  if (p.extra !== undefined) lines.push(`extra ${toBase64(p.extra)}`);
  lines.push(`index ${p.index}`, ...p.proof.map(toBase64), '');
  return `${lines.join('\n')}\n${p.checkpoint}`;
}

/**
 * Parses a bundle strictly (tlog-proof §Format): the exact header line; an optional `extra <base64>`;
 * `index <decimal without leading zeroes>` (up to 2^53 − 1); 0..64 lines of canonical base64 32-byte
 * hashes; an empty line; then the checkpoint, kept verbatim (it must be non-empty and end in "\n";
 * its signatures are checked by `openCheckpoint`, not here).
 * @throws LogError LOG_PROOF_BUNDLE_MALFORMED
 */
export function parseTlogProof(text: string): TlogProof {
  // The header block holds no empty line (hash lines and "extra " lines are never empty), so the first
  // blank line ends it and everything after is the checkpoint.
  const end = text.indexOf('\n\n');
  if (end < 0) throw malformed('missing the empty line before the checkpoint');
  const lines = text.slice(0, end).split('\n');
  if (lines[0] !== TLOG_PROOF_HEADER) throw malformed(`first line must be ${TLOG_PROOF_HEADER}`);
  let next = 1;
  let extra: Buffer | undefined;
  if (lines[next]?.startsWith('extra ')) {
    extra = decodeBase64(lines[next++]!.slice('extra '.length), 'LOG_PROOF_BUNDLE_MALFORMED', 'extra');
  }
  const indexLine = lines[next++];
  if (indexLine === undefined || !indexLine.startsWith('index ')) throw malformed('missing index line');
  const index = parseDecimal(indexLine.slice('index '.length), 'LOG_PROOF_BUNDLE_MALFORMED', 'index');
  const hashLines = lines.slice(next);
  if (hashLines.length > MAX_TLOG_PROOF_HASHES) throw malformed('too many proof hashes');
  const proof = hashLines.map(decodeHash);
  const checkpoint = text.slice(end + 2);
  requireCheckpointText(checkpoint);
  return extra === undefined ? { index, proof, checkpoint } : { extra, index, proof, checkpoint };
}

function decodeHash(line: string): Buffer {
  const hash = decodeBase64(line, 'LOG_PROOF_BUNDLE_MALFORMED', 'proof hash');
  if (hash.length !== HASH_LENGTH) throw malformed('proof hash must be 32 bytes');
  return hash;
}

function requireCheckpointText(checkpoint: string): void {
  if (!checkpoint.endsWith('\n')) throw malformed('checkpoint must be non-empty and end in "\\n"');
}

function malformed(message: string): LogError {
  return new LogError('LOG_PROOF_BUNDLE_MALFORMED', message);
}
