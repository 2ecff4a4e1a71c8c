/**
 * Ed25519 witness cosignatures (c2sp.org/tlog-cosignature@v1.0.1, `cosignature/v1`, signature type 0x04).
 *
 * A cosignature is a note signature on a checkpoint whose blob is `keyID(4) ‖ u64be timestamp ‖
 * Ed25519(cosignature/v1 message)`, 76 bytes. Cosigners and cosignature verifiers are ordinary
 * {@link NoteSigner}s and {@link NoteVerifier}s over the checkpoint text, so one note carries the log's
 * signature and its cosignatures through the same signNote / openNote machinery. ML-DSA-44 (type 0x06,
 * tlog-cosignature v1.1.0) is out of scope: Node 20 has no ML-DSA.
 * @module
 */
import type { Ed25519KeyPair } from '../crypto/index.js';
import { ed25519Sign } from '../crypto/index.js';
import { parseCheckpoint } from './checkpoint.js';
import { LogError } from './errors.js';
import {
  computeKeyId,
  cosignatureV1Message,
  decodeUtf8,
  isValidKeyName,
  type NoteSigner,
  type NoteVerifier,
  newCosignatureV1Verifier,
  SIG_TYPE_COSIGNATURE_V1,
  toKeyPair,
} from './note.js';
import { decodeVerifierKey, formatVerifierKey } from './note-keys.js';

/** keyID(4) ‖ timestamp(8) ‖ Ed25519 signature(64) (tlog-cosignature §Format). */
export const COSIGNATURE_V1_BLOB_LENGTH = 76;

/** The current POSIX time in whole seconds (tlog-cosignature §Conventions). */
const systemClock = (): number => Math.floor(Date.now() / 1000);

/**
 * The signed message of tlog-cosignature §"Ed25519 signed message": `cosignature/v1\n`,
 * `time <timestamp>\n`, then the whole checkpoint body (extension lines included, signatures not).
 * @throws LogError LOG_COSIGNATURE_INVALID unless `timestamp` is a safe non-negative integer
 */
export function cosignatureMessage(checkpointBody: string, timestamp: number): Buffer {
  return cosignatureV1Message(checkpointBody, requireTimestamp(timestamp));
}

/**
 * A cosigner: a {@link NoteSigner} whose `sign` takes the checkpoint text and returns `u64be timestamp ‖
 * signature`. It refuses text that is not a checkpoint, because a v1 cosignature states that the tree
 * head is the largest consistent one the cosigner has seen for that origin. Each cosigner MUST have
 * its own key: the message does not commit to the cosigner name (tlog-cosignature §"Ed25519 signed
 * message"). Checking consistency before signing is the witness's job, not this function's.
 * @param clock POSIX seconds; defaults to the system clock
 * @throws LogError LOG_BAD_KEY for an invalid name or seed. Its `sign` throws LOG_CHECKPOINT_MALFORMED
 *   for a text that is not a checkpoint and LOG_COSIGNATURE_INVALID for a bad clock value
 */
export function newCosigner(
  name: string,
  seedOrKeyPair: Uint8Array | Ed25519KeyPair,
  clock: () => number = systemClock,
): NoteSigner {
  if (!isValidKeyName(name)) throw new LogError('LOG_BAD_KEY', 'invalid key name');
  const pair = toKeyPair(seedOrKeyPair);
  const keyId = computeKeyId(name, SIG_TYPE_COSIGNATURE_V1, pair.publicRaw);
  const sign = (body: Uint8Array): Buffer => {
    parseCheckpoint(decodeUtf8(body, 'LOG_CHECKPOINT_MALFORMED'));
    const timestamp = requireTimestamp(clock());
    const signature = ed25519Sign(pair.privateKey, cosignatureV1Message(body, timestamp));
    const out = Buffer.alloc(8 + signature.length);
    out.writeBigUInt64BE(BigInt(timestamp));
    signature.copy(out, 8);
    return out;
  };
  return { name, keyId, sign };
}

/**
 * A verifier of type 0x04 cosignatures by the raw 32-byte Ed25519 key `publicKey`. Blobs whose
 * timestamp exceeds 2^63 − 1 fail (tlog-cosignature §Format). Future timestamps are accepted: a
 * freshness policy belongs to the caller (see {@link cosignatureTimestamp}).
 * @throws LogError LOG_BAD_KEY for an invalid name or key
 */
export function newCosignatureVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  return newCosignatureV1Verifier(name, publicKey);
}

/**
 * The timestamp of a cosignature blob (`keyID ‖ u64be timestamp ‖ signature`, the decoded base64 of a
 * signature line). It is not authenticated until the signature is verified.
 * @throws LogError LOG_COSIGNATURE_INVALID unless the blob is 76 bytes with a timestamp ≤ 2^53 − 1
 */
export function cosignatureTimestamp(signatureBlob: Uint8Array): number {
  if (signatureBlob.length !== COSIGNATURE_V1_BLOB_LENGTH) {
    throw new LogError('LOG_COSIGNATURE_INVALID', `cosignature must be ${COSIGNATURE_V1_BLOB_LENGTH} bytes`);
  }
  const timestamp = Buffer.from(signatureBlob.buffer, signatureBlob.byteOffset, 12).readBigUInt64BE(4);
  if (timestamp > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new LogError('LOG_COSIGNATURE_INVALID', 'cosignature timestamp is out of range');
  }
  return Number(timestamp);
}

/**
 * The type 0x04 vkey of the same name and Ed25519 key as a type 0x01 vkey: the key ID is recomputed
 * with type 0x04 (tlog-cosignature §Format). A 0x04 vkey is returned in canonical form.
 * @throws LogError LOG_BAD_KEY for an invalid vkey (see `decodeVerifierKey`)
 */
export function cosignerVkeyFromLogVkey(vkey: string): string {
  const { name, publicKey } = decodeVerifierKey(vkey);
  return formatVerifierKey(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
}

function requireTimestamp(timestamp: number): number {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new LogError(
      'LOG_COSIGNATURE_INVALID',
      'timestamp must be a safe non-negative integer (POSIX seconds)',
    );
  }
  return timestamp;
}
