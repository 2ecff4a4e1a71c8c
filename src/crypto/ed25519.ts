import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { fromBase64Url, toBase64Url } from './encoding.js';
import { CryptoError } from './errors.js';

// DER prefixes that wrap a raw 32-byte Ed25519 key (RFC 8410): PKCS#8 for the seed, SPKI for the public key.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

// Encodings of the points of small order (1, 2, 4, 8), compared with the sign bit of x cleared: y = 0, 1,
// the two order-8 y values, p - 1, and the non-canonical spellings p and p + 1 (libsodium's
// `has_small_order` list). A public key of small order verifies signatures anyone can make: the identity
// key accepts R = identity, S = 0 for every message. Such a key never names a signer.
const SMALL_ORDER_Y = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map((hex) => Buffer.from(hex, 'hex'));

export const ED25519_SIGNATURE_LENGTH = 64;
export const ED25519_KEY_LENGTH = 32;

/** A JSON Web Key for an Ed25519 public key (RFC 8037 §2). */
export interface Ed25519PublicJwk {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
}

/** A fresh Ed25519 key pair with the raw forms that signed notes and JWKs need. */
export interface Ed25519KeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The 32-byte private seed (RFC 8032 §5.1.5 "private key"). */
  readonly seed: Buffer;
  /** The 32-byte encoded public key. */
  readonly publicRaw: Buffer;
}

export function generateEd25519(): Ed25519KeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  return keyPairFromSeed(seedOf(privateKey));
}

/**
 * The key pair for a 32-byte seed.
 * @throws CryptoError CRYPTO_BAD_KEY when the seed is not 32 bytes
 */
export function keyPairFromSeed(seed: Uint8Array): Ed25519KeyPair {
  if (seed.length !== ED25519_KEY_LENGTH)
    throw new CryptoError('CRYPTO_BAD_KEY', 'Ed25519 seed must be 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, seed: Buffer.from(seed), publicRaw: rawPublicKey(publicKey) };
}

/**
 * A public `KeyObject` for a raw 32-byte key. Parse once and keep the result: re-parsing on every verify
 * halves the verification rate (measured in reference/tlog-crypto.md §6).
 * @throws CryptoError CRYPTO_BAD_KEY when not 32 bytes, or a point of small order
 */
export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_KEY_LENGTH)
    throw new CryptoError('CRYPTO_BAD_KEY', 'Ed25519 public key must be 32 bytes');
  const y = Buffer.from(raw);
  y[31] = y[31]! & 0x7f;
  if (SMALL_ORDER_Y.some((s) => s.equals(y)))
    throw new CryptoError('CRYPTO_BAD_KEY', 'Ed25519 public key is a point of small order');
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch (cause) {
    throw new CryptoError('CRYPTO_BAD_KEY', 'invalid Ed25519 public key', { cause });
  }
}

export function rawPublicKey(key: KeyObject): Buffer {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
}

function seedOf(privateKey: KeyObject): Buffer {
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
}

/** Ed25519 signature (RFC 8032) of `message`. */
export function ed25519Sign(privateKey: KeyObject, message: Uint8Array): Buffer {
  return sign(null, message, privateKey);
}

/** True iff `signature` is a valid Ed25519 signature of `message` by `publicKey`. Never throws. */
export function ed25519Verify(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_LENGTH) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

export function jwkFromPublicKey(key: KeyObject): Ed25519PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: toBase64Url(rawPublicKey(key)) };
}

/**
 * Parse an untrusted JWK into a public key. Private members (`d`) are refused: a public registry must
 * never receive one.
 * @throws CryptoError CRYPTO_BAD_KEY
 */
export function publicKeyFromJwk(jwk: unknown): KeyObject {
  if (typeof jwk !== 'object' || jwk === null)
    throw new CryptoError('CRYPTO_BAD_KEY', 'JWK must be an object');
  const { kty, crv, x, d } = jwk as Record<string, unknown>;
  if (kty !== 'OKP' || crv !== 'Ed25519')
    throw new CryptoError('CRYPTO_BAD_KEY', 'JWK must be kty OKP, crv Ed25519');
  if (d !== undefined) throw new CryptoError('CRYPTO_BAD_KEY', 'JWK must not contain a private key');
  if (typeof x !== 'string') throw new CryptoError('CRYPTO_BAD_KEY', 'JWK x must be a base64url string');
  let raw: Buffer;
  try {
    raw = fromBase64Url(x);
  } catch (cause) {
    throw new CryptoError('CRYPTO_BAD_KEY', 'JWK x is not base64url', { cause });
  }
  return publicKeyFromRaw(raw);
}
