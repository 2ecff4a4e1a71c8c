import { toBase64 } from '../crypto/index.js';
import { formatTlogProof } from '../log/index.js';
import { encodeEntry, type RegistrationEntry } from '../model/index.js';

/**
 * Proof that a statement is registered (DESIGN.md §4): its entry, the entry's index, an RFC 9162 inclusion
 * proof and the signed checkpoint it leads to. Verifies offline with only the log's vkey.
 */
export interface Receipt {
  /** The statement id: lowercase hex SHA-256 of the JWS bytes. */
  readonly statement: string;
  readonly entry: RegistrationEntry;
  readonly index: number;
  /** Inclusion proof hashes, base64, leaf to root. */
  readonly proof: readonly string[];
  /** The signed checkpoint (signed-note text) the proof leads to. */
  readonly checkpoint: string;
}

/**
 * The receipt as a `c2sp.org/tlog-proof@v1` bundle. The entry's leaf bytes travel in the (unauthenticated)
 * `extra` line, which is safe: a verifier recomputes the leaf hash from them and the proof binds it.
 */
export function receiptToTlogProof(receipt: Receipt): string {
  return formatTlogProof({
    extra: encodeEntry(receipt.entry),
    index: receipt.index,
    proof: receipt.proof.map((p) => Buffer.from(p, 'base64')),
    checkpoint: receipt.checkpoint,
  });
}

export function proofToBase64(proof: readonly Uint8Array[]): string[] {
  return proof.map((h) => toBase64(h));
}
