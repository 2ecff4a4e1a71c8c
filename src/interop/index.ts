/**
 * Interoperability at the edge: Lodestone's canonical statements (`model`) to and from the standards on
 * the wire. `untp/` maps UNTP 0.6.1 credentials (W3C VC 2.0, JSON-LD with the shipped Lodestone extension
 * context) both ways — {@link parseCredential} is the parser every registration runs; `conformance/`
 * validates a credential offline against the VC 2.0 and UNTP JSON Schemas and by safe-mode JSON-LD
 * expansion over the contexts shipped in `assets/`. The wire format is documented in docs/statements.md.
 * @module interop
 */

export {
  type ConformanceResult,
  createDocumentLoader,
  type LoadedDocument,
  validateCredential,
  validateCredentialJsonLd,
  validateCredentialSchemas,
} from './conformance/index.js';
// ── EPCIS 2.0 (src/interop/epcis/) ──────────────────────────────────────────────────────────────────
export {
  EPCIS_CONTEXT_URL,
  type EpcisDocument,
  EpcisError,
  type EpcisErrorCode,
  type EpcisEvent,
  type EpcisValidation,
  type ExportedEvent,
  type ExportOptions as EpcisExportOptions,
  expandEpcis,
  exportEpcis,
  type ImportDefaults as EpcisImportDefaults,
  type ImportOptions as EpcisImportOptions,
  type ImportResult as EpcisImportResult,
  importEpcis,
  LODESTONE_VOCAB,
  type SkipCode as EpcisSkipCode,
  type SkippedEvent as EpcisSkippedEvent,
  validateEpcis,
} from './epcis/api.js';
export { InteropError, type InteropErrorCode, type InteropErrorOptions } from './errors.js';
export {
  facilityCredential,
  identityCredential,
  keyRevocationCredential,
  keyRotationCredential,
  traceabilityCredential,
} from './untp/build.js';
export { type CaseActionOptions, FINDING_URN_PREFIX } from './untp/cases.js';
export { MAX_CLAIMS, readClaims } from './untp/claims.js';
export {
  ASSESSMENT_LEVELS,
  ASSESSOR_LEVELS,
  type AssessmentLevel,
  type AssessorLevel,
} from './untp/conformity.js';
export type { ConformityOptions, ConformitySchemeDetails } from './untp/conformity-build.js';
export {
  ACCREDITATION_STATUS_TYPE,
  ACCREDITATION_TYPE,
  CASE_ACTION_TYPE,
  CONFORMITY_TYPE,
  CROSS_BORDER_RECEIPT_TYPE,
  KEY_REVOCATION_TYPE,
  KEY_ROTATION_TYPE,
  LODESTONE_CONTEXT,
  PROVENANCE_SUMMARY_TYPE,
  STATUS_LIST_TYPE,
  TRUST_LIST_TYPE,
  UNTP_CONTEXTS,
  UNTP_VERSION,
  type UntpCredentialType,
  VC_V2_CONTEXT,
} from './untp/contexts.js';
export { MAX_RECEIPT_LENGTH } from './untp/cross-border-receipt.js';
export type { TraceabilityOptions } from './untp/dte-build.js';
export {
  ENVELOPED_TYPE,
  type EnvelopedCredentialJson,
  envelopeCredential,
  readEnvelopedCredential,
  VC_JWT_DATA_URL_PREFIX,
} from './untp/enveloped.js';
export type { KeyRevocationOptions } from './untp/key-statements.js';
export { parseCredential } from './untp/parse.js';
export type { ProvenanceSummaryOptions } from './untp/provenance-summary.js';
export { MAX_ENCODED_LIST_LENGTH, type StatusListOptions } from './untp/status-list.js';
export {
  accreditationCredential,
  accreditationStatusCredential,
  caseActionCredential,
  conformityCredential,
  crossBorderReceiptCredential,
  provenanceSummaryCredential,
  statusListCredential,
  trustListCredential,
} from './untp/trust-build.js';
export type {
  CredentialIssuerInput,
  CredentialJson,
  CredentialOptions,
  JsonMap,
  JsonValue,
} from './untp/wire.js';
