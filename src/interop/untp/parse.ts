import type { SupplyStatement, SupplyStatementBody } from '../../model/index.js';
import { InteropError } from '../errors.js';
import { at, opt, readUri } from './check.js';
import { KEY_REVOCATION_TYPE, KEY_ROTATION_TYPE } from './contexts.js';
import { parseTraceabilitySubject } from './dte-parse.js';
import {
  type CredentialKind,
  checkKid,
  type Envelope,
  FACILITY_KIND,
  IDENTITY_KIND,
  KEY_REVOCATION_KIND,
  KEY_ROTATION_KIND,
  type ModelledEnvelope,
  readEnvelope,
  readModelledEnvelope,
  TRACEABILITY_KIND,
} from './envelope.js';
import { parseFacilitySubject } from './facility.js';
import { parseIdentitySubject } from './identity.js';
import { parseRevocationSubject, parseRotationSubject } from './key-statements.js';
import { readTime } from './time.js';

/** The credential kinds Lodestone models; any other credential is registered as opaque. */
const MODELLED: readonly CredentialKind[] = [
  IDENTITY_KIND,
  FACILITY_KIND,
  TRACEABILITY_KIND,
  KEY_ROTATION_KIND,
  KEY_REVOCATION_KIND,
];

/**
 * Parse a credential (a JWS payload) into Lodestone's canonical statement: the edge parser every
 * registration runs (DESIGN.md §3). Hand-written checks only; input is treated as hostile.
 *
 * - `DigitalIdentityAnchor`, `DigitalFacilityRecord`, `DigitalTraceabilityEvent` (UNTP 0.6.1) and the
 *   Lodestone extensions `KeyRotation`, `KeyRevocation` are mapped field by field (docs/statements.md).
 *   They must carry exactly the properties the mapping defines: nothing is silently dropped.
 * - Any other VC 2.0 credential (`@context` starting with the VC 2.0 context, `type` including
 *   `VerifiableCredential`, an issuer DID) becomes an `OpaqueStatement` of its types.
 *
 * `time` is what the statement speaks for: the earliest event time of a traceability credential;
 * `validFrom` (required) of identity, facility, rotation and revocation credentials; for an opaque one
 * `validFrom` if present, else `''` — the registration service then substitutes the registration time.
 * `credentialId` is the credential `id` (`''` for an opaque credential without one).
 *
 * @param header the JWS protected header; its `kid` must be a DID URL under the issuer's DID
 * @throws InteropError INTEROP_NOT_A_CREDENTIAL, INTEROP_ISSUER_MISMATCH, INTEROP_INVALID (with `path`),
 *   INTEROP_UNSUPPORTED, INTEROP_BAD_QUANTITY, INTEROP_BAD_CONTENT — never any other error
 */
export function parseCredential(payload: unknown, header: { readonly kid: string }): SupplyStatement {
  try {
    return parseUnchecked(payload, header);
  } catch (cause) {
    if (cause instanceof InteropError) throw cause;
    // A safety net for what the readers did not foresee (a throwing getter on a non-JSON object, say):
    // attacker-controlled input must surface as a coded error, never a TypeError.
    throw new InteropError('INTEROP_INVALID', 'malformed credential', { cause, path: '' });
  }
}

function parseUnchecked(payload: unknown, header: { readonly kid: string }): SupplyStatement {
  const env = readEnvelope(payload);
  checkKid(header, env.issuer);
  const kinds = MODELLED.filter((k) => env.types.includes(k.type));
  if (kinds.length > 1) {
    throw new InteropError('INTEROP_INVALID', `a credential has one kind, not ${kinds.map((k) => k.type)}`, {
      path: '/type',
    });
  }
  const [kind] = kinds;
  if (kind === undefined) return opaque(env, header.kid);
  const { vc } = env;
  const parsed = readModelledEnvelope(vc, kind, kind !== TRACEABILITY_KIND);
  const { time, body } = parseBody(kind, parsed);
  return { issuer: parsed.issuer, kid: header.kid, credentialId: parsed.id, time, body };
}

function parseBody(kind: CredentialKind, env: ModelledEnvelope): { time: string; body: SupplyStatementBody } {
  // readModelledEnvelope guarantees validFrom for every kind but traceability.
  const validFrom = env.validFrom ?? '';
  switch (kind.type) {
    case IDENTITY_KIND.type:
      return { time: validFrom, body: parseIdentitySubject(env.subject, validFrom) };
    case FACILITY_KIND.type:
      return { time: validFrom, body: parseFacilitySubject(env.subject, validFrom) };
    case KEY_ROTATION_TYPE:
      return { time: validFrom, body: parseRotationSubject(env.subject, validFrom) };
    case KEY_REVOCATION_TYPE:
      return { time: validFrom, body: parseRevocationSubject(env.subject) };
    default:
      return parseTraceabilitySubject(env.subject, env.issuer);
  }
}

function opaque(env: Envelope, kid: string): SupplyStatement {
  const id = opt(env.vc, 'id');
  const validFrom = opt(env.vc, 'validFrom');
  return {
    issuer: env.issuer,
    kid,
    credentialId: id === undefined ? '' : readUri(id, at('', 'id')),
    time: validFrom === undefined ? '' : readTime(validFrom, at('', 'validFrom')),
    body: { kind: 'opaque', types: [...env.types] },
  };
}
