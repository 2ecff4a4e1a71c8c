/**
 * The JSON-LD context URLs and credential type names of the wire format (docs/statements.md). Every
 * context named here is shipped under `assets/contexts/` and served by the conformance loader; nothing
 * is ever fetched.
 */

/** W3C Verifiable Credentials Data Model 2.0 base context; always first in `@context`. */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** The UNTP version Lodestone reads and writes. */
export const UNTP_VERSION = '0.6.1';

/** UNTP 0.6.1 context per credential type (the second `prefixItems` const of each 0.6.1 schema). */
export const UNTP_CONTEXTS = {
  DigitalIdentityAnchor: 'https://test.uncefact.org/vocabulary/untp/dia/0.6.1/',
  DigitalFacilityRecord: 'https://test.uncefact.org/vocabulary/untp/dfr/0.6.1/',
  DigitalTraceabilityEvent: 'https://test.uncefact.org/vocabulary/untp/dte/0.6.1/',
  DigitalProductPassport: 'https://test.uncefact.org/vocabulary/untp/dpp/0.6.1/',
  DigitalConformityCredential: 'https://test.uncefact.org/vocabulary/untp/dcc/0.6.1/',
} as const;

/** A UNTP credential type with a shipped 0.6.1 context and schema. */
export type UntpCredentialType = keyof typeof UNTP_CONTEXTS;

/** Lodestone's JSON-LD extension context (`assets/contexts/lodestone-v1.jsonld`); always last in `@context`. */
export const LODESTONE_CONTEXT = 'https://lodestone.example/contexts/v1';

/** Lodestone extension credential type of a key rotation (UNTP has no equivalent). */
export const KEY_ROTATION_TYPE = 'KeyRotation';
/** Lodestone extension credential type of a key revocation (UNTP has no equivalent). */
export const KEY_REVOCATION_TYPE = 'KeyRevocation';
/** Lodestone extension credential type of the alliance trust list (DESIGN.md §6). */
export const TRUST_LIST_TYPE = 'TrustList';
/** Lodestone extension credential type of an accreditation of a certifier or lab. */
export const ACCREDITATION_TYPE = 'Accreditation';
/** Lodestone extension credential type of a change of an accreditation's status. */
export const ACCREDITATION_STATUS_TYPE = 'AccreditationStatusChange';
/** Lodestone extension credential type of an action on the compliance case of a finding (DESIGN.md §7). */
export const CASE_ACTION_TYPE = 'ComplianceCaseAction';
/** Lodestone extension credential type of a node operator's summary of a batch leaving its nation (DESIGN.md §8). */
export const PROVENANCE_SUMMARY_TYPE = 'ProvenanceSummary';
/** Lodestone extension credential type of the arrival of a batch shipped from another nation's log (DESIGN.md §8). */
export const CROSS_BORDER_RECEIPT_TYPE = 'CrossBorderReceipt';
/** W3C Bitstring Status List v1.0 credential type; its terms are defined by the VC 2.0 context. */
export const STATUS_LIST_TYPE = 'BitstringStatusListCredential';
/** UNTP credential type of a certificate. */
export const CONFORMITY_TYPE = 'DigitalConformityCredential';

/** The type every credential carries (VCDM 2.0 §4.5). */
export const VERIFIABLE_CREDENTIAL_TYPE = 'VerifiableCredential';

/** True when `url` is a UNTP context of some version (`…/vocabulary/untp/<type>/<version>/`). */
export function isUntpContext(url: string): boolean {
  return /^https:\/\/(test\.uncefact\.org\/vocabulary|vocabulary\.uncefact\.org)\/untp\//.test(url);
}

/** The `@context` of a Lodestone credential of a UNTP type. */
export function untpContexts(
  type: 'DigitalIdentityAnchor' | 'DigitalFacilityRecord' | 'DigitalTraceabilityEvent',
): string[] {
  return [VC_V2_CONTEXT, UNTP_CONTEXTS[type], LODESTONE_CONTEXT];
}

/** The `@context` of a Lodestone extension credential. */
export function extensionContexts(): string[] {
  return [VC_V2_CONTEXT, LODESTONE_CONTEXT];
}
