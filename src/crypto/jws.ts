import type { KeyObject } from 'node:crypto';
import { parseJson } from './canonical.js';
import { ed25519Sign, ed25519Verify } from './ed25519.js';
import { fromBase64Url, toBase64Url } from './encoding.js';
import { CryptoError } from './errors.js';

// JWS compact serialization (RFC 7515 §7.1) with EdDSA (RFC 8037). Written on node:crypto rather than
// `jose` because the registration hot path needs a synchronous verify with a cached KeyObject, and jose 6
// routes every operation through the asynchronous WebCrypto API.

/** The protected header members Lodestone reads. Other members are kept but not interpreted. */
export interface JwsHeader {
  readonly alg: 'EdDSA';
  readonly kid: string;
  readonly typ?: string;
  readonly cty?: string;
  readonly [member: string]: unknown;
}

/** A compact JWS split into its parts; the signature is not yet checked. */
export interface ParsedJws {
  readonly header: JwsHeader;
  readonly payload: Buffer;
  readonly signature: Buffer;
  /** ASCII(BASE64URL(header) || '.' || BASE64URL(payload)): the bytes the signature covers. */
  readonly signingInput: Buffer;
}

/** Upper bound on a compact JWS this module will look at, so hostile input cannot make it allocate freely. */
export const MAX_JWS_LENGTH = 1 << 20;

/** Sign `payload` as a compact JWS. `header` gets `alg: EdDSA`. */
export function signCompactJws(
  payload: Uint8Array | string,
  header: Omit<JwsHeader, 'alg'>,
  privateKey: KeyObject,
): string {
  const signingInput = `${toBase64Url(JSON.stringify({ alg: 'EdDSA', ...header }))}.${toBase64Url(payload)}`;
  const signature = ed25519Sign(privateKey, Buffer.from(signingInput, 'ascii'));
  return `${signingInput}.${toBase64Url(signature)}`;
}

/**
 * Split and decode a compact JWS without checking its signature.
 * @throws CryptoError CRYPTO_JWS_MALFORMED, CRYPTO_JWS_UNSUPPORTED
 */
export function parseCompactJws(jws: string): ParsedJws {
  if (jws.length > MAX_JWS_LENGTH) throw new CryptoError('CRYPTO_JWS_MALFORMED', 'JWS is too long');
  const parts = jws.split('.');
  if (parts.length !== 3) throw new CryptoError('CRYPTO_JWS_MALFORMED', 'compact JWS must have three parts');
  const [h, p, s] = parts as [string, string, string];
  const header = decodeHeader(h);
  return {
    header,
    payload: decodePart(p, 'payload'),
    signature: decodePart(s, 'signature'),
    signingInput: Buffer.from(`${h}.${p}`, 'ascii'),
  };
}

/** True iff the parsed JWS carries a valid signature by `publicKey`. */
export function verifyParsedJws(jws: ParsedJws, publicKey: KeyObject): boolean {
  return ed25519Verify(publicKey, jws.signingInput, jws.signature);
}

function decodePart(part: string, what: string): Buffer {
  try {
    return fromBase64Url(part);
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', `JWS ${what} is not base64url`, { cause });
  }
}

function decodeHeader(part: string): JwsHeader {
  let header: unknown;
  try {
    header = parseJson(decodePart(part, 'header').toString('utf8'));
  } catch (cause) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'JWS header is not JSON', { cause });
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'JWS header must be a JSON object');
  }
  const h = header as Record<string, unknown>;
  if (h.alg !== 'EdDSA') throw new CryptoError('CRYPTO_JWS_UNSUPPORTED', 'JWS alg must be EdDSA');
  // RFC 7515 §4.1.11: a recipient that does not understand a "crit" extension must reject the JWS.
  if (h.crit !== undefined)
    throw new CryptoError('CRYPTO_JWS_UNSUPPORTED', 'JWS crit extensions are not supported');
  if (h.b64 !== undefined)
    throw new CryptoError('CRYPTO_JWS_UNSUPPORTED', 'unencoded JWS payloads are not supported');
  if (typeof h.kid !== 'string' || h.kid.length === 0 || h.kid.length > 2048) {
    throw new CryptoError('CRYPTO_JWS_MALFORMED', 'JWS header kid must be a non-empty string');
  }
  return h as JwsHeader;
}
