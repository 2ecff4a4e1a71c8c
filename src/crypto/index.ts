/**
 * Hashing, Ed25519, JWS, canonical JSON and encodings, on node:crypto only.
 * @module crypto
 */

export { didKeyFromEd25519, ed25519FromDidKey, fromBase58btc, toBase58btc } from './base58.js';
export { canonicalBytes, canonicalize, parseJson } from './canonical.js';
export {
  ED25519_KEY_LENGTH,
  ED25519_SIGNATURE_LENGTH,
  type Ed25519KeyPair,
  type Ed25519PublicJwk,
  ed25519Sign,
  ed25519Verify,
  generateEd25519,
  jwkFromPublicKey,
  keyPairFromSeed,
  publicKeyFromJwk,
  publicKeyFromRaw,
  rawPublicKey,
} from './ed25519.js';
export { fromBase64, fromBase64Url, fromHex, toBase64, toBase64Url, toHex } from './encoding.js';
export { CryptoError, type CryptoErrorCode } from './errors.js';
export { sha256, sha256Hex } from './hash.js';
export {
  type JwsHeader,
  MAX_JWS_LENGTH,
  type ParsedJws,
  parseCompactJws,
  signCompactJws,
  verifyParsedJws,
} from './jws.js';
export {
  createSignatureVerifier,
  defaultVerifyThreads,
  type SignatureVerifier,
  type VerifyJob,
} from './verify-pool.js';
