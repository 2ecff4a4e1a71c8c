import type {
  AccreditationStatement,
  AccreditationStatusStatement,
  CaseActionStatement,
  CertificateStatement,
  StatusListStatement,
  TrustListStatement,
} from '../../model/index.js';
import { checked } from './build.js';
import { type CaseActionOptions, caseActionJson } from './cases.js';
import { type ConformityOptions, conformityJson } from './conformity-build.js';
import { type StatusListOptions, statusListJson } from './status-list.js';
import { accreditationJson, accreditationStatusJson, trustListJson } from './trust.js';
import type { CredentialIssuerInput, CredentialJson, CredentialOptions } from './wire.js';

/**
 * The builders of certificates and the trust registry (DESIGN.md §6): canonical statements → credentials,
 * each checked by the edge parser like those of `build.ts`. Who may issue what (the node operator the
 * trust list, an accreditation body its accreditations, an accredited certifier its certificates) is the
 * trust registry's check at registration, not the builders'.
 */

/**
 * A Lodestone `TrustList` naming the alliance's accreditation bodies (issued by the node operator).
 * @throws InteropError INTEROP_INVALID (e.g. no body, a body that is not a DID, an unassigned country code)
 * @example trustListCredential(list, { id: 'did:web:operator.example', name: 'Alliance node operator' })
 */
export function trustListCredential(
  list: TrustListStatement,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  return checked(trustListJson(list, issuer, options), issuer);
}

/**
 * A Lodestone `Accreditation` of a certifier or lab for a scope and window (issued by an accreditation body).
 * @throws InteropError INTEROP_INVALID (e.g. an empty scheme or topic list, a repeated item)
 */
export function accreditationCredential(
  acc: AccreditationStatement,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  return checked(accreditationJson(acc, issuer, options), issuer);
}

/**
 * A Lodestone `AccreditationStatusChange` suspending, reinstating or withdrawing an accreditation (issued by
 * the accreditation body that issued it).
 * @throws InteropError INTEROP_INVALID
 */
export function accreditationStatusCredential(
  change: AccreditationStatusStatement,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  return checked(accreditationStatusJson(change, issuer, options), issuer);
}

/**
 * A Lodestone `ComplianceCaseAction`: acknowledging, assigning, resolving or reopening the compliance case
 * of a finding (DESIGN.md §7). `validFrom` is the action's time (`options.validFrom`, default now). Who may
 * act on the case is the service's check at registration, not the builder's.
 * @throws InteropError INTEROP_INVALID (e.g. a finding id that is not 64 lowercase hex, `assign` without
 *   an assignee, an outcome on anything but `resolve`, `resolve` or `reopen` without a justification)
 */
export function caseActionCredential(
  action: CaseActionStatement,
  issuer: CredentialIssuerInput,
  options: CaseActionOptions = {},
): CredentialJson {
  return checked(caseActionJson(action, issuer, options), issuer);
}

/**
 * A UNTP 0.6.1 `DigitalConformityCredential` (issued by a certifier or lab). Subjects of an assessment are
 * written by kind, so parsing gives them back as facilities, then batches, then the organisation.
 * @throws InteropError INTEROP_INVALID (e.g. an assessment without subject, two organisations in one)
 */
export function conformityCredential(
  cert: CertificateStatement,
  issuer: CredentialIssuerInput,
  options: ConformityOptions = {},
): CredentialJson {
  return checked(conformityJson(cert, issuer, options), issuer);
}

/**
 * A W3C `BitstringStatusListCredential`: one version of a certifier's revocation or suspension list. Its
 * `id` is required — it is the URL certificates name in their `credentialStatus`.
 * @throws InteropError INTEROP_INVALID (e.g. an `encodedList` that is not multibase base64url)
 */
export function statusListCredential(
  list: StatusListStatement,
  issuer: CredentialIssuerInput,
  options: StatusListOptions,
): CredentialJson {
  return checked(statusListJson(list, issuer, options), issuer);
}
