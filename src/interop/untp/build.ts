import type {
  CustodyEvent,
  FacilityRecord,
  IdentityRegistration,
  KeyRevocation,
  KeyRotation,
} from '../../model/index.js';
import { type TraceabilityOptions, traceabilityJson } from './dte-build.js';
import { facilityJson } from './facility.js';
import { identityJson } from './identity.js';
import { type KeyRevocationOptions, keyRevocationJson, keyRotationJson } from './key-statements.js';
import { parseCredential } from './parse.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions } from './wire.js';

/**
 * The builders: canonical statements → credentials (the inverse of {@link parseCredential}), for the CLI,
 * the demo, tests and EPCIS import. Each runs the edge parser on what it built, so a builder never hands
 * out a credential that registration would reject; the error is the parser's, with its JSON pointer.
 */

/** `vc`, after the edge parser has accepted it as `issuer`'s (the builders' shared guarantee). */
export function checked(vc: CredentialJson, issuer: CredentialIssuerInput): CredentialJson {
  parseCredential(vc, { kid: issuer.id });
  return vc;
}

/**
 * A UNTP 0.6.1 `DigitalIdentityAnchor` registering an organisation (issued by a registrar or the node operator).
 * @throws InteropError as {@link parseCredential} would for the result (e.g. INTEROP_INVALID for a non-DID subject)
 * @example identityCredential(registration, { id: 'did:web:registry.example', name: 'Registry' })
 */
export function identityCredential(
  reg: IdentityRegistration,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  return checked(identityJson(reg, issuer, options), issuer);
}

/**
 * A UNTP 0.6.1 `DigitalFacilityRecord` for a facility (issued by its operator).
 * @throws InteropError INTEROP_INVALID, INTEROP_BAD_QUANTITY (capacity not whole grams)
 */
export function facilityCredential(
  rec: FacilityRecord,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  return checked(facilityJson(rec, issuer, options), issuer);
}

/**
 * A UNTP 0.6.1 `DigitalTraceabilityEvent` carrying custody events, in order; `validFrom` is the earliest
 * event time.
 * @throws InteropError INTEROP_INVALID, INTEROP_BAD_QUANTITY, INTEROP_BAD_CONTENT
 */
export function traceabilityCredential(
  events: readonly CustodyEvent[],
  issuer: CredentialIssuerInput,
  options: TraceabilityOptions = {},
): CredentialJson {
  return checked(traceabilityJson(events, issuer, options), issuer);
}

/**
 * A Lodestone `KeyRotation` credential (issued by the organisation itself).
 * @throws InteropError INTEROP_INVALID
 */
export function keyRotationCredential(
  rot: KeyRotation,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  return checked(keyRotationJson(rot, issuer, options), issuer);
}

/**
 * A Lodestone `KeyRevocation` credential (issued by the organisation or a registrar); `validFrom`
 * defaults to `revokedFrom`.
 * @throws InteropError INTEROP_INVALID
 */
export function keyRevocationCredential(
  rev: KeyRevocation,
  issuer: CredentialIssuerInput,
  options: KeyRevocationOptions = {},
): CredentialJson {
  return checked(keyRevocationJson(rev, issuer, options), issuer);
}
