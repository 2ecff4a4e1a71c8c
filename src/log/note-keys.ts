/**
 * The text forms of note keys (c2sp.org/signed-note@v1.0.0 §"Verifier keys", and the Go
 * golang.org/x/mod/sumdb/note private-key form): `name+hex8(keyId)+base64(type ‖ key)` and
 * `PRIVATE+KEY+name+hex8(keyId)+base64(0x01 ‖ seed)`.
 * @module
 */
import { ED25519_KEY_LENGTH, toBase64 } from '../crypto/index.js';
import { LogError } from './errors.js';
import {
  computeKeyId,
  decodeBase64,
  type Ed25519NoteSigner,
  isValidKeyName,
  type NoteVerifier,
  newCosignatureV1Verifier,
  newEd25519Signer,
  newEd25519Verifier,
  requireKeyName,
  SIG_TYPE_COSIGNATURE_V1,
  SIG_TYPE_ED25519,
} from './note.js';

const KEY_ID_HEX = /^[0-9a-fA-F]{8}$/; // Go parses the ID with strconv.ParseUint(.., 16, 32): both cases

/** The fields of a vkey `name+hex8(keyId)+base64(sigType ‖ publicKey)`. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: Buffer;
  readonly sigType: number;
  readonly publicKey: Buffer;
}

/**
 * Decodes a vkey (signed-note §"Verifier keys"). Only types 0x01 and 0x04 are supported; the embedded
 * key ID MUST equal the computed one, so a vkey cannot be paired with a key it does not name.
 * @throws LogError LOG_BAD_KEY for any malformed, unsupported or mismatched vkey
 */
export function decodeVerifierKey(vkey: string): VerifierKey {
  // base64 contains "+": split at the first two only.
  const [name, idHex, keyB64] = splitAtPlus(vkey, 3);
  if (!isValidKeyName(name) || !KEY_ID_HEX.test(idHex)) throw new LogError('LOG_BAD_KEY', 'malformed vkey');
  const material = decodeBase64(keyB64, 'LOG_BAD_KEY', 'vkey key');
  const sigType = material[0];
  if (sigType !== SIG_TYPE_ED25519 && sigType !== SIG_TYPE_COSIGNATURE_V1) {
    throw new LogError('LOG_BAD_KEY', `unsupported vkey signature type ${sigType}`);
  }
  const publicKey = material.subarray(1);
  if (publicKey.length !== ED25519_KEY_LENGTH) throw new LogError('LOG_BAD_KEY', 'vkey key length');
  const keyId = computeKeyId(name, sigType, publicKey);
  if (!keyId.equals(Buffer.from(idHex, 'hex'))) throw new LogError('LOG_BAD_KEY', 'vkey key ID mismatch');
  return { name, keyId, sigType, publicKey };
}

/**
 * A verifier for a type 0x01 or 0x04 vkey.
 * @throws LogError LOG_BAD_KEY (see {@link decodeVerifierKey})
 */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const { name, sigType, publicKey } = decodeVerifierKey(vkey);
  const build = sigType === SIG_TYPE_ED25519 ? newEd25519Verifier : newCosignatureV1Verifier;
  return build(name, publicKey);
}

/**
 * The vkey `name+hex8(keyId)+base64(sigType ‖ publicKey)` of a type 0x01 or 0x04 Ed25519 key.
 * @throws LogError LOG_BAD_KEY for an invalid name, type or key length
 */
export function formatVerifierKey(name: string, sigType: number, publicKey: Uint8Array): string {
  requireKeyName(name);
  if (sigType !== SIG_TYPE_ED25519 && sigType !== SIG_TYPE_COSIGNATURE_V1) {
    throw new LogError('LOG_BAD_KEY', `unsupported signature type ${sigType}`);
  }
  if (publicKey.length !== ED25519_KEY_LENGTH) throw new LogError('LOG_BAD_KEY', 'key length');
  const keyId = computeKeyId(name, sigType, publicKey).toString('hex');
  return `${name}+${keyId}+${toBase64(Buffer.concat([Uint8Array.of(sigType), publicKey]))}`;
}

/**
 * A signer for a Go-format skey `PRIVATE+KEY+name+hex8(keyId)+base64(0x01 ‖ seed)`.
 * @throws LogError LOG_BAD_KEY for any malformed skey, or one whose key ID does not match its key
 */
export function parseSignerKey(skey: string): Ed25519NoteSigner {
  // The name cannot contain "+" but base64 can: split at the first four only.
  const [priv, key, name, idHex, keyB64] = splitAtPlus(skey, 5);
  if (priv !== 'PRIVATE' || key !== 'KEY' || !isValidKeyName(name) || !KEY_ID_HEX.test(idHex)) {
    throw new LogError('LOG_BAD_KEY', 'malformed skey');
  }
  const material = decodeBase64(keyB64, 'LOG_BAD_KEY', 'skey key');
  if (material.length !== 33 || material[0] !== SIG_TYPE_ED25519) {
    throw new LogError('LOG_BAD_KEY', 'skey must hold type 0x01 and a 32-byte seed');
  }
  const signer = newEd25519Signer(name, material.subarray(1));
  if (!signer.keyId.equals(Buffer.from(idHex, 'hex'))) {
    throw new LogError('LOG_BAD_KEY', 'skey key ID mismatch');
  }
  return signer;
}

/**
 * The Go-format skey of a type 0x01 key. The result is a secret.
 * @throws LogError LOG_BAD_KEY for an invalid name or a seed that is not 32 bytes
 */
export function formatSignerKey(name: string, seed: Uint8Array): string {
  const { keyId } = newEd25519Signer(name, seed);
  return `PRIVATE+KEY+${name}+${keyId.toString('hex')}+${toBase64(Buffer.concat([Uint8Array.of(1), seed]))}`;
}

/** Splits at the first `parts - 1` "+" signs (base64 may contain more). */
function splitAtPlus(text: string, parts: 3): [string, string, string];
function splitAtPlus(text: string, parts: 5): [string, string, string, string, string];
function splitAtPlus(text: string, parts: number): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i < parts; i++) {
    const at = text.indexOf('+', start);
    if (at < 0) throw new LogError('LOG_BAD_KEY', `key must have ${parts} "+"-separated parts`);
    out.push(text.slice(start, at));
    start = at + 1;
  }
  out.push(text.slice(start));
  return out;
}
