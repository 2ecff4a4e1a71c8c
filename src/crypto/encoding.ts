import { CryptoError } from './errors.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const HEX = /^(?:[0-9a-f]{2})*$/;

/** Standard base64 (RFC 4648 §4) with padding. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * Strict standard base64 decoding. Node's decoder silently skips invalid characters, which would let
 * two different strings name the same bytes; attacker-controlled input must be rejected instead.
 * @throws CryptoError CRYPTO_BAD_ENCODING
 */
export function fromBase64(text: string): Buffer {
  if (!BASE64.test(text)) throw new CryptoError('CRYPTO_BAD_ENCODING', 'invalid base64');
  const out = Buffer.from(text, 'base64');
  // Non-canonical trailing bits (e.g. "YR==") decode fine but do not round-trip: reject them.
  if (out.toString('base64') !== text) throw new CryptoError('CRYPTO_BAD_ENCODING', 'non-canonical base64');
  return out;
}

/** Unpadded base64url (RFC 4648 §5), as JWS uses (RFC 7515 §2). */
export function toBase64Url(bytes: Uint8Array | string): string {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
  return buf.toString('base64url');
}

/**
 * Strict unpadded base64url decoding.
 * @throws CryptoError CRYPTO_BAD_ENCODING
 */
export function fromBase64Url(text: string): Buffer {
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    throw new CryptoError('CRYPTO_BAD_ENCODING', 'invalid base64url');
  }
  const out = Buffer.from(text, 'base64url');
  if (out.toString('base64url') !== text)
    throw new CryptoError('CRYPTO_BAD_ENCODING', 'non-canonical base64url');
  return out;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * Strict lowercase hex decoding.
 * @throws CryptoError CRYPTO_BAD_ENCODING
 */
export function fromHex(text: string): Buffer {
  if (!HEX.test(text)) throw new CryptoError('CRYPTO_BAD_ENCODING', 'invalid lowercase hex');
  return Buffer.from(text, 'hex');
}
