import type {
  AccreditationStatement,
  AccreditationStatusStatement,
  CaseActionStatement,
  CertificateStatement,
  CrossBorderReceiptStatement,
  ProvenanceSummaryStatement,
  StatusListStatement,
  TrustListStatement,
} from '../../model/index.js';
import { checked } from './build.js';
import { type CaseActionOptions, caseActionJson } from './cases.js';
import { type ConformityOptions, conformityJson } from './conformity-build.js';
import { crossBorderReceiptJson } from './cross-border-receipt.js';
import { type ProvenanceSummaryOptions, provenanceSummaryJson } from './provenance-summary.js';
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
 * A Lodestone `ProvenanceSummary`: the origin node's operator states what a batch leaving its nation is and
 * where it came from (DESIGN.md §8). `validFrom` is the statement's time (`options.validFrom`, default now).
 * Whether the issuer operates the node is the service's check at registration, not the builder's.
 * @throws InteropError INTEROP_INVALID (e.g. a shipment id that is not 64 lowercase hex, an origin key
 *   that is not `<method> <URI>`, unsorted or repeated origin keys, a repeated origin facility),
 *   INTEROP_BAD_QUANTITY (grams not a positive safe integer), INTEROP_BAD_CONTENT (an unknown element, ppm
 *   outside [0, 10^6])
 */
export function provenanceSummaryCredential(
  summary: ProvenanceSummaryStatement,
  issuer: CredentialIssuerInput,
  options: ProvenanceSummaryOptions = {},
): CredentialJson {
  return checked(provenanceSummaryJson(summary, issuer, options), issuer);
}

/**
 * A Lodestone `CrossBorderReceipt`: the receiving organisation records the arrival of a batch shipped from
 * another nation's log, with that log's proofs of the shipment and of its summary (DESIGN.md §8).
 * `validFrom` is the arrival `time`. The proofs are checked for shape and size only; verifying them is the
 * service's job.
 * @throws InteropError INTEROP_INVALID (e.g. a statement that is not a compact JWS, a receipt that is not a
 *   plain JSON object or is over its size bound, an origin with a space)
 */
export function crossBorderReceiptCredential(
  receipt: CrossBorderReceiptStatement,
  issuer: CredentialIssuerInput,
  options: CredentialOptions = {},
): CredentialJson {
  return checked(crossBorderReceiptJson(receipt, issuer, options), issuer);
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
