import canonicalizeJson from 'canonicalize';
import { CryptoError } from './errors.js';

/**
 * RFC 8785 JSON Canonicalization Scheme: sorted keys (UTF-16 code units), no whitespace, ECMAScript
 * number serialization. Returns the UTF-8 string.
 * @throws CryptoError CRYPTO_BAD_JSON for values JSON cannot represent (NaN, Infinity, lone surrogates, cycles)
 */
export function canonicalize(value: unknown): string {
  let out: string | undefined;
  try {
    out = canonicalizeJson(value);
  } catch (cause) {
    throw new CryptoError('CRYPTO_BAD_JSON', `cannot canonicalize: ${(cause as Error).message}`, { cause });
  }
  if (out === undefined) throw new CryptoError('CRYPTO_BAD_JSON', 'value has no JSON representation');
  return out;
}

/** {@link canonicalize} as UTF-8 bytes. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalize(value), 'utf8');
}

/**
 * `JSON.parse` for attacker-controlled text: a coded error instead of a SyntaxError.
 * @throws CryptoError CRYPTO_BAD_JSON
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CryptoError('CRYPTO_BAD_JSON', 'invalid JSON', { cause });
  }
}
