/**
 * Signed notes (c2sp.org/signed-note@v1.0.0, as implemented by golang.org/x/mod/sumdb/note): note
 * keys, signing and opening. The vkey / skey text forms of keys are in note-keys.ts.
 *
 * The note layer also verifies signature type 0x04 (c2sp.org/tlog-cosignature@v1.0.1 `cosignature/v1`):
 * `parseVerifierKey` must turn a 0x04 vkey into a verifier, and cosignature.ts builds on this file, so
 * the verifier lives here to keep the import graph acyclic. Cosigners live in cosignature.ts.
 * @module
 */
import {
  type Ed25519KeyPair,
  ed25519Sign,
  ed25519Verify,
  fromBase64,
  keyPairFromSeed,
  publicKeyFromRaw,
  sha256,
  toBase64,
} from '../crypto/index.js';
import { LogError, type LogErrorCode } from './errors.js';

/** signed-note §"Signature types": Ed25519 over the note text. */
export const SIG_TYPE_ED25519 = 0x01;
/** signed-note §"Signature types": timestamped Ed25519 witness cosignature (tlog-cosignature). */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;
/** Go's limit on signature lines; signed-note §Format only requires accepting at least 16. */
export const MAX_NOTE_SIGNATURES = 100;

const SIGNATURE_PREFIX = '\u2014 '; // em dash, space (signed-note §Format)
const KEY_ID_LENGTH = 4;
const COSIGNATURE_V1_LENGTH = 8 + 64; // u64 timestamp ‖ Ed25519 signature (tlog-cosignature §Format)
const MAX_COSIGNATURE_TIMESTAMP = 2n ** 63n - 1n; // tlog-cosignature §Format: "MUST NOT exceed 2^63 - 1"
// In /u mode a surrogate class only matches unpaired halves, which have no UTF-8 encoding.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// Go's unicode.IsSpace is exactly the Unicode White_Space property.
const UNICODE_SPACE = /\p{White_Space}/u;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Signs note texts for one key. Implementations MUST be deterministic in name and key ID. */
export interface NoteSigner {
  /** The key name; MUST satisfy {@link isValidKeyName}. */
  readonly name: string;
  /** The 4-byte key ID that prefixes every signature. */
  readonly keyId: Buffer;
  /** Signs the UTF-8 note text. Returns the signature bytes that follow the key ID on the signature line. */
  sign(message: Uint8Array): Buffer;
}

/** Verifies note signatures for one key. `verify` MUST NOT throw: a bad signature returns false. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  /** True iff `signature` (the bytes after the key ID) is valid for the UTF-8 note text `message`. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** One signature line of a note: `— <name> base64(keyId ‖ signature)`. */
export interface NoteSignature {
  readonly name: string;
  /** The 4-byte key ID. */
  readonly keyId: Buffer;
  /** The signature bytes after the key ID. */
  readonly signature: Buffer;
}

/** A note split into its text and signature lines, not yet verified. */
export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A note that at least one known key verified. Unknown keys' signatures are kept, unverified. */
export interface OpenedNote {
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  readonly unverified: readonly NoteSignature[];
}

/** True iff the string is well-formed Unicode (so valid UTF-8) with no control characters but "\n". */
export function isWellFormedNoteText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) return false;
  }
  return !LONE_SURROGATE.test(text);
}

/** signed-note §Format: key names are non-empty and contain no Unicode space and no "+". */
export function isValidKeyName(name: string): boolean {
  // Control characters are refused too: a note containing them is malformed anyway.
  return name !== '' && !name.includes('+') && !UNICODE_SPACE.test(name) && isWellFormedNoteText(name);
}

/**
 * signed-note §Signatures: key ID = SHA-256(name ‖ 0x0A ‖ sigType ‖ publicKey)[:4]. Type 0x02 (ECDSA)
 * keys use a different rule (SHA-256 of the SPKI) and are not computed here.
 * @throws LogError LOG_BAD_KEY when `sigType` is not a byte
 */
export function computeKeyId(name: string, sigType: number, publicKey: Uint8Array): Buffer {
  if (!Number.isInteger(sigType) || sigType < 0 || sigType > 0xff) {
    throw new LogError('LOG_BAD_KEY', `signature type must be a byte, got ${sigType}`);
  }
  const digest = sha256(Buffer.from(name, 'utf8'), Uint8Array.of(0x0a, sigType), publicKey);
  return digest.subarray(0, KEY_ID_LENGTH);
}

/** A type 0x01 signer that also knows its public key, so its vkey can be published. */
export interface Ed25519NoteSigner extends NoteSigner {
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Buffer;
}

/**
 * A type 0x01 signer (signed-note §"Ed25519 signatures").
 * @throws LogError LOG_BAD_KEY for an invalid name or a seed that is not 32 bytes
 */
export function newEd25519Signer(
  name: string,
  seedOrKeyPair: Uint8Array | Ed25519KeyPair,
): Ed25519NoteSigner {
  requireKeyName(name);
  const pair = toKeyPair(seedOrKeyPair);
  const keyId = computeKeyId(name, SIG_TYPE_ED25519, pair.publicRaw);
  return { name, keyId, publicKey: pair.publicRaw, sign: (message) => ed25519Sign(pair.privateKey, message) };
}

/**
 * A type 0x01 verifier for a raw 32-byte Ed25519 public key.
 * @throws LogError LOG_BAD_KEY for an invalid name or key
 */
export function newEd25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const key = importPublicKey(name, publicKey);
  const keyId = computeKeyId(name, SIG_TYPE_ED25519, publicKey);
  return { name, keyId, verify: (message, signature) => ed25519Verify(key, message, signature) };
}

/**
 * @internal Use `newCosignatureVerifier` from cosignature.ts. A type 0x04 verifier: `verify` gets the
 * checkpoint body and a `u64be timestamp ‖ Ed25519 signature` blob (tlog-cosignature §Format).
 * @throws LogError LOG_BAD_KEY for an invalid name or key
 */
export function newCosignatureV1Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const key = importPublicKey(name, publicKey);
  const keyId = computeKeyId(name, SIG_TYPE_COSIGNATURE_V1, publicKey);
  const verify = (body: Uint8Array, signature: Uint8Array): boolean => {
    if (signature.length !== COSIGNATURE_V1_LENGTH) return false;
    const timestamp = Buffer.from(signature.buffer, signature.byteOffset, 8).readBigUInt64BE(0);
    if (timestamp > MAX_COSIGNATURE_TIMESTAMP) return false;
    return ed25519Verify(key, cosignatureV1Message(body, timestamp), signature.subarray(8));
  };
  return { name, keyId, verify };
}

/**
 * @internal tlog-cosignature §"Ed25519 signed message": `cosignature/v1\ntime <ts>\n` ‖ body. The
 * caller validates the timestamp; a bigint keeps every u64 exact.
 */
export function cosignatureV1Message(body: Uint8Array | string, timestamp: number | bigint): Buffer {
  const bodyBytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return Buffer.concat([Buffer.from(`cosignature/v1\ntime ${timestamp}\n`, 'utf8'), bodyBytes]);
}

/**
 * Signs `text` with every signer, in order (signed-note §Format).
 * @throws LogError LOG_NOTE_MALFORMED when the text does not end in "\n", has control characters, or
 *   there are no signers or more than {@link MAX_NOTE_SIGNATURES}; LOG_BAD_KEY for a signer with an
 *   invalid name or key ID
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  requireNoteText(text);
  for (const s of signers) {
    if (!isValidKeyName(s.name) || s.keyId.length !== KEY_ID_LENGTH) {
      throw new LogError('LOG_BAD_KEY', `signer ${JSON.stringify(s.name)} has a bad name or key ID`);
    }
  }
  const message = Buffer.from(text, 'utf8');
  const signatures = signers.map((s) => ({ name: s.name, keyId: s.keyId, signature: s.sign(message) }));
  return formatNote(text, signatures);
}

/**
 * Assembles a note from its text and signature lines; the inverse of {@link parseNote}.
 * @throws LogError LOG_NOTE_MALFORMED for a bad text, signature count, name or key ID
 */
export function formatNote(text: string, signatures: readonly NoteSignature[]): string {
  requireNoteText(text);
  if (signatures.length === 0 || signatures.length > MAX_NOTE_SIGNATURES) {
    throw new LogError('LOG_NOTE_MALFORMED', `a note needs 1..${MAX_NOTE_SIGNATURES} signatures`);
  }
  const lines = signatures.map((s) => {
    if (!isValidKeyName(s.name) || s.keyId.length !== KEY_ID_LENGTH || s.signature.length === 0) {
      throw new LogError('LOG_NOTE_MALFORMED', 'bad signature line');
    }
    return `${SIGNATURE_PREFIX}${s.name} ${toBase64(Buffer.concat([s.keyId, s.signature]))}\n`;
  });
  return `${text}\n${lines.join('')}`;
}

/**
 * Splits a note into text and signatures, checking structure only (signed-note §Format): valid UTF-8,
 * no control characters but "\n", text ending in "\n", then after the LAST blank line 1..100 lines
 * `— <name> base64(keyId ‖ sig)`, each ending in "\n".
 * @throws LogError LOG_NOTE_MALFORMED
 */
export function parseNote(note: string | Uint8Array): ParsedNote {
  const msg = typeof note === 'string' ? note : decodeUtf8(note, 'LOG_NOTE_MALFORMED');
  if (!isWellFormedNoteText(msg)) throw new LogError('LOG_NOTE_MALFORMED', 'invalid characters in note');
  // Signature lines are never empty, so the last blank line is the separator (the text may have others).
  const split = msg.lastIndexOf('\n\n');
  const block = split < 0 ? '' : msg.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) throw new LogError('LOG_NOTE_MALFORMED', 'no signature block');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw new LogError('LOG_NOTE_MALFORMED', 'too many signatures');
  return { text: msg.slice(0, split + 1), signatures: lines.map(parseSignatureLine) };
}

/**
 * Parses and verifies a note (signed-note §Signatures). Signatures by unknown (name, key ID) pairs are
 * returned unverified; a known key's failing signature rejects the whole note; at least one known key
 * must verify. Repeated identical lines count once. Unlike Go, which skips a known key's later lines
 * unchecked, every distinct line of a known key is verified (the spec's "MUST verify").
 * @throws LogError LOG_NOTE_MALFORMED (see {@link parseNote}); LOG_AMBIGUOUS_KEY when two verifiers share
 *   the (name, key ID) of a signature line; LOG_NOTE_UNVERIFIED when a known key's signature fails or
 *   no known key signed
 */
export function openNote(note: string | Uint8Array, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = parseNote(note);
  const message = Buffer.from(text, 'utf8');
  const known = indexVerifiers(verifiers);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seenLines = new Set<string>();
  for (const sig of signatures) {
    const key = keyOf(sig);
    const line = `${key}\n${toBase64(sig.signature)}`;
    if (seenLines.has(line)) continue;
    seenLines.add(line);
    const candidates = known.get(key);
    if (candidates === undefined) {
      unverified.push(sig);
      continue;
    }
    if (candidates.length > 1) throw new LogError('LOG_AMBIGUOUS_KEY', `ambiguous key ${sig.name}`);
    if (!candidates[0]!.verify(message, sig.signature)) {
      throw new LogError('LOG_NOTE_UNVERIFIED', `invalid signature for key ${sig.name}`);
    }
    if (!verified.some((v) => keyOf(v) === key)) verified.push(sig);
  }
  if (verified.length === 0) throw new LogError('LOG_NOTE_UNVERIFIED', 'note has no verifiable signatures');
  return { text, verified, unverified };
}

/**
 * @internal Strict base64 of attacker-controlled text: the CryptoError is rethrown as a LogError `code`.
 */
export function decodeBase64(text: string, code: LogErrorCode, what: string): Buffer {
  try {
    return fromBase64(text);
  } catch (cause) {
    throw new LogError(code, `${what} is not canonical base64`, { cause });
  }
}

/** @internal Fatal UTF-8 decoding that keeps a BOM, so the string re-encodes to the same bytes. */
export function decodeUtf8(bytes: Uint8Array, code: LogErrorCode): string {
  try {
    return UTF8.decode(bytes);
  } catch (cause) {
    throw new LogError(code, 'invalid UTF-8', { cause });
  }
}

/** @internal Accepts a key pair, or derives one from a 32-byte seed. */
export function toKeyPair(seedOrKeyPair: Uint8Array | Ed25519KeyPair): Ed25519KeyPair {
  if (!(seedOrKeyPair instanceof Uint8Array)) return seedOrKeyPair;
  try {
    return keyPairFromSeed(seedOrKeyPair);
  } catch (cause) {
    throw new LogError('LOG_BAD_KEY', 'Ed25519 seed must be 32 bytes', { cause });
  }
}

function importPublicKey(name: string, publicKey: Uint8Array) {
  requireKeyName(name);
  try {
    return publicKeyFromRaw(publicKey);
  } catch (cause) {
    throw new LogError('LOG_BAD_KEY', 'invalid Ed25519 public key', { cause });
  }
}

/** @internal */
export function requireKeyName(name: string): void {
  if (!isValidKeyName(name)) throw new LogError('LOG_BAD_KEY', 'invalid key name');
}

function requireNoteText(text: string): void {
  if (!text.endsWith('\n') || !isWellFormedNoteText(text)) {
    throw new LogError('LOG_NOTE_MALFORMED', 'note text must end in "\\n" and hold no control characters');
  }
}

function parseSignatureLine(line: string): NoteSignature {
  // Go cuts at the first space: a name can hold no space, and base64 has none.
  const space = line.indexOf(' ', SIGNATURE_PREFIX.length);
  if (!line.startsWith(SIGNATURE_PREFIX) || space < 0) {
    throw new LogError('LOG_NOTE_MALFORMED', 'malformed signature line');
  }
  const name = line.slice(SIGNATURE_PREFIX.length, space);
  if (!isValidKeyName(name)) throw new LogError('LOG_NOTE_MALFORMED', 'invalid key name in signature line');
  const blob = decodeBase64(line.slice(space + 1), 'LOG_NOTE_MALFORMED', 'signature');
  if (blob.length <= KEY_ID_LENGTH) throw new LogError('LOG_NOTE_MALFORMED', 'signature too short');
  return { name, keyId: blob.subarray(0, KEY_ID_LENGTH), signature: blob.subarray(KEY_ID_LENGTH) };
}

/** The (name, key ID) identity. Parsed names hold no "\n", so the joined string is unambiguous. */
function keyOf(k: { readonly name: string; readonly keyId: Buffer }): string {
  return `${k.name}\n${k.keyId.toString('hex')}`;
}

function indexVerifiers(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier[]> {
  const known = new Map<string, NoteVerifier[]>();
  for (const v of verifiers) {
    const key = keyOf(v);
    known.set(key, [...(known.get(key) ?? []), v]);
  }
  return known;
}
