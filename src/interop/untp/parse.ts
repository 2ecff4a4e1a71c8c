import type { SupplyStatement, SupplyStatementBody } from '../../model/index.js';
import { InteropError } from '../errors.js';
import { parseCaseActionSubject } from './cases.js';
import { at, type JsonObject, opt, readUri } from './check.js';
import { parseConformityCredential } from './conformity.js';
import {
  ACCREDITATION_STATUS_TYPE,
  ACCREDITATION_TYPE,
  CASE_ACTION_TYPE,
  CROSS_BORDER_RECEIPT_TYPE,
  KEY_REVOCATION_TYPE,
  KEY_ROTATION_TYPE,
  PROVENANCE_SUMMARY_TYPE,
  TRUST_LIST_TYPE,
} from './contexts.js';
import { parseCrossBorderReceiptSubject } from './cross-border-receipt.js';
import { parseTraceabilitySubject } from './dte-parse.js';
import {
  ACCREDITATION_KIND,
  ACCREDITATION_STATUS_KIND,
  CASE_ACTION_KIND,
  CONFORMITY_KIND,
  CROSS_BORDER_RECEIPT_KIND,
  type CredentialKind,
  checkKid,
  type Envelope,
  FACILITY_KIND,
  IDENTITY_KIND,
  KEY_REVOCATION_KIND,
  KEY_ROTATION_KIND,
  type ModelledEnvelope,
  PROVENANCE_SUMMARY_KIND,
  readEnvelope,
  readModelledEnvelope,
  STATUS_LIST_KIND,
  TRACEABILITY_KIND,
  TRUST_LIST_KIND,
} from './envelope.js';
import { parseFacilitySubject } from './facility.js';
import { parseIdentitySubject } from './identity.js';
import { parseRevocationSubject, parseRotationSubject } from './key-statements.js';
import { parseProvenanceSummarySubject } from './provenance-summary.js';
import { parseStatusListCredential } from './status-list.js';
import { readTime } from './time.js';
import {
  parseAccreditationStatusSubject,
  parseAccreditationSubject,
  parseTrustListSubject,
} from './trust.js';

/** The credential kinds Lodestone models; any other credential is registered as opaque. */
const MODELLED: readonly CredentialKind[] = [
  IDENTITY_KIND,
  FACILITY_KIND,
  TRACEABILITY_KIND,
  KEY_ROTATION_KIND,
  KEY_REVOCATION_KIND,
  TRUST_LIST_KIND,
  ACCREDITATION_KIND,
  ACCREDITATION_STATUS_KIND,
  CASE_ACTION_KIND,
  PROVENANCE_SUMMARY_KIND,
  CROSS_BORDER_RECEIPT_KIND,
  STATUS_LIST_KIND,
  CONFORMITY_KIND,
];

/**
 * Parse a credential (a JWS payload) into Lodestone's canonical statement: the edge parser every
 * registration runs (DESIGN.md §3). Hand-written checks only; input is treated as hostile.
 *
 * - `DigitalIdentityAnchor`, `DigitalFacilityRecord`, `DigitalTraceabilityEvent` (UNTP 0.6.1), the
 *   Lodestone extensions `KeyRotation`, `KeyRevocation`, `TrustList`, `Accreditation`,
 *   `AccreditationStatusChange`, `ComplianceCaseAction`, `ProvenanceSummary`, `CrossBorderReceipt`, and the
 *   W3C `BitstringStatusListCredential` are mapped field by field (docs/statements.md). They must carry exactly the properties the mapping
 *   defines: nothing is silently dropped.
 * - A UNTP 0.6.1 `DigitalConformityCredential` (a certificate) is read strictly where Lodestone models it
 *   and tolerantly elsewhere: UNTP leaves its objects open, and certificates carry much Lodestone keeps
 *   only in the logged credential itself.
 * - Any other VC 2.0 credential (`@context` starting with the VC 2.0 context, `type` including
 *   `VerifiableCredential`, an issuer DID) becomes an `OpaqueStatement` of its types.
 *
 * `time` is what the statement speaks for: the earliest event time of a traceability credential;
 * `validFrom` (required) of every other modelled kind; for an opaque one `validFrom` if present, else
 * `''` — the registration service then substitutes the registration time. `credentialId` is the
 * credential `id` (`''` for an opaque credential without one).
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
  const { id, issuer, time, body } = parseKind(kind, env.vc);
  return { issuer, kid: header.kid, credentialId: id, time, body };
}

interface Parsed {
  readonly id: string;
  readonly issuer: string;
  readonly time: string;
  readonly body: SupplyStatementBody;
}

function parseKind(kind: CredentialKind, vc: JsonObject): Parsed {
  // Two kinds have envelopes of their own: a status list's issuer may be a bare DID, and a
  // certificate's envelope is read tolerantly.
  if (kind === STATUS_LIST_KIND) {
    const { id, issuer, body } = parseStatusListCredential(vc);
    return { id, issuer, time: body.validFrom, body };
  }
  if (kind === CONFORMITY_KIND) {
    const { id, issuer, body } = parseConformityCredential(vc);
    return { id, issuer, time: body.validFrom, body };
  }
  const env = readModelledEnvelope(vc, kind, kind !== TRACEABILITY_KIND);
  return { id: env.id, issuer: env.issuer, ...parseBody(kind, env) };
}

function parseBody(kind: CredentialKind, env: ModelledEnvelope): { time: string; body: SupplyStatementBody } {
  // readModelledEnvelope guarantees validFrom for every kind but traceability, and validUntil for
  // accreditations.
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
    case TRUST_LIST_TYPE:
      return { time: validFrom, body: parseTrustListSubject(env.subject, validFrom) };
    case ACCREDITATION_TYPE:
      return {
        time: validFrom,
        body: parseAccreditationSubject(env.subject, validFrom, env.validUntil ?? ''),
      };
    case ACCREDITATION_STATUS_TYPE:
      return { time: validFrom, body: parseAccreditationStatusSubject(env.subject, validFrom) };
    case CASE_ACTION_TYPE:
      return { time: validFrom, body: parseCaseActionSubject(env.subject) };
    case PROVENANCE_SUMMARY_TYPE:
      return { time: validFrom, body: parseProvenanceSummarySubject(env.subject) };
    case CROSS_BORDER_RECEIPT_TYPE:
      return { time: validFrom, body: parseCrossBorderReceiptSubject(env.subject, validFrom) };
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
