import { InteropError } from '../errors.js';
import { asPlainObject, opt } from './check.js';
import { VC_V2_CONTEXT } from './contexts.js';

/**
 * VC-JOSE-COSE enveloped credentials: `{"@context", "type": "EnvelopedVerifiableCredential", "id":
 * "data:application/vc+jwt,<compact JWS>"}` — how UNTP implementations (the UNTP Playground among them)
 * exchange a `vc+jwt` credential as JSON. Only the wrapper is handled here; the JWS is neither decoded nor
 * verified.
 */

/** The VC 2.0 type of an enveloped credential. */
export const ENVELOPED_TYPE = 'EnvelopedVerifiableCredential';
/** The data URL prefix of an enveloped `vc+jwt` (VC-JOSE-COSE §3.1.1). */
export const VC_JWT_DATA_URL_PREFIX = 'data:application/vc+jwt,';
/** Longest JWS accepted: a status list credential of the largest `encodedList`, base64url-encoded, with room. */
export const MAX_ENVELOPED_JWS_LENGTH = 8 * 1024 * 1024;

/** Three non-empty base64url segments: header, payload, signature (RFC 7515 compact serialization). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** An enveloped credential as {@link envelopeCredential} writes it. */
export interface EnvelopedCredentialJson {
  readonly '@context': readonly string[];
  readonly type: string;
  readonly id: string;
}

/**
 * The compact JWS inside an enveloped credential: `@context` an array starting with the VC 2.0 context,
 * `type` `EnvelopedVerifiableCredential` (or an array holding it), `id` a `vc+jwt` data URL of a JWS of
 * three base64url parts. Other properties are not read.
 * @throws InteropError INTEROP_NOT_A_CREDENTIAL when `value` is anything else
 */
export function readEnvelopedCredential(value: unknown): string {
  try {
    return readUnchecked(value);
  } catch (cause) {
    if (cause instanceof InteropError && cause.code === 'INTEROP_NOT_A_CREDENTIAL') throw cause;
    // A class instance, a throwing getter: not an enveloped credential either.
    throw new InteropError('INTEROP_NOT_A_CREDENTIAL', 'not an enveloped verifiable credential', {
      cause,
      path: '',
    });
  }
}

function readUnchecked(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    notEnveloped('', 'not a JSON object');
  const vc = asPlainObject(value, '');
  const context = opt(vc, '@context');
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT) {
    notEnveloped('/@context', `@context must start with ${VC_V2_CONTEXT}`);
  }
  const type = opt(vc, 'type');
  if (type !== ENVELOPED_TYPE && !(Array.isArray(type) && type.includes(ENVELOPED_TYPE))) {
    notEnveloped('/type', `type must be ${ENVELOPED_TYPE}`);
  }
  const id = opt(vc, 'id');
  if (typeof id !== 'string' || !id.startsWith(VC_JWT_DATA_URL_PREFIX)) {
    notEnveloped('/id', `id must be a ${VC_JWT_DATA_URL_PREFIX}… data URL`);
  }
  const jws = id.slice(VC_JWT_DATA_URL_PREFIX.length);
  if (!isCompactJws(jws)) notEnveloped('/id', 'id must carry a compact JWS (three base64url parts)');
  return jws;
}

function notEnveloped(path: string, reason: string): never {
  throw new InteropError('INTEROP_NOT_A_CREDENTIAL', `not an enveloped verifiable credential: ${reason}`, {
    path,
  });
}

function isCompactJws(jws: string): boolean {
  return jws.length <= MAX_ENVELOPED_JWS_LENGTH && COMPACT_JWS.test(jws);
}

/**
 * Wrap a compact JWS as an enveloped credential (the inverse of {@link readEnvelopedCredential}).
 * @throws InteropError INTEROP_NOT_A_CREDENTIAL when `jws` is not three base64url parts
 */
export function envelopeCredential(jws: string): EnvelopedCredentialJson {
  if (typeof jws !== 'string' || !isCompactJws(jws)) {
    notEnveloped('', 'expected a compact JWS (three base64url parts)');
  }
  return { '@context': [VC_V2_CONTEXT], type: ENVELOPED_TYPE, id: `${VC_JWT_DATA_URL_PREFIX}${jws}` };
}
